#pragma once
// The survey/admin web assets (src/server/web/assets/, embedded at build time by
// cmake/EmbedWebAssets.cmake), served under content-hashed names so browsers may cache them
// forever: "app.css" -> "/static/app-<10 hex digits of BLAKE2b>.css".

#include <string>
#include <string_view>

#include "server/http/static_files.hpp"

namespace kn::web {

/// URL of an embedded asset by its file name; throws std::out_of_range for an unknown name.
const std::string& asset_url(std::string_view name);
/// The assets for the "/static/{path...}" route.
const http::StaticFiles& static_assets();

}  // namespace kn::web
