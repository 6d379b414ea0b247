// In-memory static asset table with ETag, immutable caching for hashed names and 304 handling.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/static_files.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

namespace kn::http {

namespace {
std::string_view extension(std::string_view path) {
  const auto slash = path.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const auto dot = name.rfind('.');
  return dot == std::string_view::npos || dot == 0 ? std::string_view() : name.substr(dot + 1);
}

std::string make_etag(std::string_view data) {
  // FNV-1a 64 over the bytes plus the length: stable across builds for identical content.
  std::uint64_t h = 1469598103934665603ULL;
  for (const char c : data) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return fmt::format("\"{:016x}-{:x}\"", h, data.size());
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  std::size_t pos = 0;
  while (pos <= if_none_match.size()) {
    auto comma = if_none_match.find(',', pos);
    if (comma == std::string_view::npos) comma = if_none_match.size();
    std::string_view tag = trim(if_none_match.substr(pos, comma - pos));
    pos = comma + 1;
    if (tag == "*") return true;
    if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);  // weak comparison (RFC 9110 13.1.2)
    if (tag == etag) return true;
  }
  return false;
}
}  // namespace

std::string_view content_type_for(std::string_view path) {
  std::string ext(extension(path));
  for (char& c : ext) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  struct Entry {
    std::string_view ext, type;
  };
  static constexpr Entry kTypes[] = {
      {"html", "text/html; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"},
      {"json", "application/json; charset=utf-8"},
      {"map", "application/json; charset=utf-8"},
      {"txt", "text/plain; charset=utf-8"},
      {"csv", "text/csv; charset=utf-8"},
      {"svg", "image/svg+xml; charset=utf-8"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"gif", "image/gif"},
      {"webp", "image/webp"},
      {"ico", "image/x-icon"},
      {"woff2", "font/woff2"},
      {"woff", "font/woff"},
      {"ttf", "font/ttf"},
      {"pdf", "application/pdf"},
      {"wasm", "application/wasm"},
      {"xml", "application/xml; charset=utf-8"},
  };
  for (const auto& e : kTypes) {
    if (e.ext == ext) return e.type;
  }
  return "application/octet-stream";
}

bool is_content_hashed(std::string_view path) {
  const auto slash = path.rfind('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const auto dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return false;
  name = name.substr(0, dot);
  const auto sep = name.find_last_of("-.");
  if (sep == std::string_view::npos) return false;
  const std::string_view hash = name.substr(sep + 1);
  if (hash.size() < 8 || hash.size() > 64) return false;
  const bool upper = std::all_of(hash.begin(), hash.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  });
  const bool hex = std::all_of(hash.begin(), hash.end(), [](char c) {
    return (c >= 'a' && c <= 'f') || (c >= '0' && c <= '9');
  });
  const bool digit =
      std::any_of(hash.begin(), hash.end(), [](char c) { return c >= '0' && c <= '9'; });
  return (upper || hex) && digit;
}

void StaticFiles::add(std::string_view path, std::string data, std::string_view content_type) {
  while (!path.empty() && path.front() == '/')
    path.remove_prefix(1);
  Asset a;
  a.content_type = std::string(content_type.empty() ? content_type_for(path) : content_type);
  a.etag = make_etag(data);
  a.immutable = is_content_hashed(path);
  a.data = std::move(data);
  assets_.insert_or_assign(std::string(path), std::move(a));
}

void StaticFiles::add_all(std::span<const EmbeddedAsset> assets) {
  for (const auto& e : assets)
    add(e.path, std::string(e.data));
}

const StaticFiles::Asset* StaticFiles::find(std::string_view path) const {
  const auto it = assets_.find(path);
  return it == assets_.end() ? nullptr : &it->second;
}

Response StaticFiles::serve(const Request& request, std::string_view path) const {
  const Asset* a = find(path);
  if (!a) return Response::error(404);
  Response r;
  r.headers.set("ETag", a->etag);
  r.headers.set("Cache-Control", a->immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (const auto inm = request.header("If-None-Match"); inm && etag_matches(*inm, a->etag)) {
    r.status = 304;
    return r;
  }
  r.headers.set("Content-Type", a->content_type);
  r.body = a->data;
  return r;
}

Response StaticFiles::operator()(const Request& request) const {
  if (request.route_params.empty()) return Response::error(404);
  return serve(request, request.route_params.back().second);
}

}  // namespace kn::http
