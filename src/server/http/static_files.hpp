#pragma once
// Static assets served from an in-memory table (usually embedded into the binary at build time by
// cmake/EmbedAssets.cmake): content type from the extension, a strong ETag from the bytes,
// "immutable" caching for content-hashed names, 304 on a matching If-None-Match.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <cstddef>
#include <map>
#include <span>
#include <string>
#include <string_view>

#include "server/http/message.hpp"

namespace kn::http {

/// One embedded file as the generated code describes it (path relative to the asset dir, "/"
/// separated, e.g. "js/app-5HV3ZBQ4.js").
struct EmbeddedAsset {
  std::string_view path;
  std::string_view data;
};

/// Content type for a file name's extension ("text/css; charset=utf-8", "image/svg+xml", ...);
/// "application/octet-stream" if unknown.
[[nodiscard]] std::string_view content_type_for(std::string_view path);
/// True if the file name carries a content hash: the last '-' or '.' separated part of the stem
/// is 8-64 characters of [A-Z0-9] or [a-f0-9] with at least one digit ("app-5HV3ZBQ4.js",
/// "style.3f9a1c2b.css").
[[nodiscard]] bool is_content_hashed(std::string_view path);

class StaticFiles {
 public:
  struct Asset {
    std::string data;
    std::string content_type;
    std::string etag;  ///< Quoted strong ETag.
    bool immutable = false;
  };

  /// Adds (or replaces) an asset; the path has no leading '/'.
  void add(std::string_view path, std::string data, std::string_view content_type = {});
  void add_all(std::span<const EmbeddedAsset> assets);

  [[nodiscard]] const Asset* find(std::string_view path) const;
  [[nodiscard]] std::size_t size() const { return assets_.size(); }

  /// Serves `path` (relative, e.g. the {path...} route parameter) for a GET/HEAD request: 200 with
  /// the bytes, ETag, Content-Type and Cache-Control ("public, max-age=31536000, immutable" for
  /// hashed names, "no-cache" otherwise), 304 if If-None-Match matches, 404 if unknown.
  [[nodiscard]] Response serve(const Request& request, std::string_view path) const;
  /// A handler for a route like "/static/{path...}".
  [[nodiscard]] Response operator()(const Request& request) const;

 private:
  std::map<std::string, Asset, std::less<>> assets_;
};

}  // namespace kn::http
