// Content-hashed names for the embedded web assets (see assets.hpp).

#include "server/web/assets.hpp"

#include <map>
#include <stdexcept>
#include <utility>
#include <vector>

#include "server/web/secrets.hpp"

namespace kn::web {

namespace detail {
const std::vector<std::pair<std::string_view, std::string_view>>& embedded_assets();
/// The map UI bundle (web/, cmake/WebBundle.cmake): map.js, map.css, layout-worker.js.
const std::vector<std::pair<std::string_view, std::string_view>>& bundle_assets();
}  // namespace detail

namespace {

struct Registry {
  http::StaticFiles files;
  std::map<std::string, std::string, std::less<>> urls;
};

const Registry& registry() {
  static const Registry r = [] {
    Registry out;
    std::vector<std::pair<std::string_view, std::string_view>> all = detail::embedded_assets();
    all.insert(all.end(), detail::bundle_assets().begin(), detail::bundle_assets().end());
    for (const auto& [name, data] : all) {
      const auto dot = name.rfind('.');
      const std::string stem(name.substr(0, dot));
      const std::string ext(dot == std::string_view::npos ? std::string_view() : name.substr(dot));
      const std::string hashed = stem + "-" + token_hash(data).substr(0, 10) + ext;
      out.files.add(hashed, std::string(data));
      out.urls.emplace(std::string(name), "/static/" + hashed);
    }
    return out;
  }();
  return r;
}

}  // namespace

const std::string& asset_url(std::string_view name) {
  const auto& urls = registry().urls;
  const auto it = urls.find(name);
  if (it == urls.end()) throw std::out_of_range("no embedded asset '" + std::string(name) + "'");
  return it->second;
}

const http::StaticFiles& static_assets() {
  return registry().files;
}

}  // namespace kn::web
