// Request/Response helpers: header validation, target splitting and decoding, response builders,
// reason phrases.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/message.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "server/http/parse.hpp"

namespace kn::http {

namespace {
char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool valid_field_value(std::string_view v) {
  return std::none_of(v.begin(), v.end(),
                      [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

void check_field(std::string_view name, std::string_view value) {
  if (!is_token(name)) throw std::invalid_argument("invalid HTTP header name");
  if (!valid_field_value(value)) {
    throw std::invalid_argument("HTTP header value contains CR, LF or NUL");
  }
}
}  // namespace

std::string_view method_name(Method m) {
  switch (m) {
    case Method::Get:
      return "GET";
    case Method::Head:
      return "HEAD";
    case Method::Post:
      return "POST";
    case Method::Put:
      return "PUT";
    case Method::Patch:
      return "PATCH";
    case Method::Delete:
      return "DELETE";
    case Method::Options:
      return "OPTIONS";
    case Method::Other:
      break;
  }
  return "OTHER";
}

Method parse_method(std::string_view token) {
  if (token == "GET") return Method::Get;
  if (token == "HEAD") return Method::Head;
  if (token == "POST") return Method::Post;
  if (token == "PUT") return Method::Put;
  if (token == "PATCH") return Method::Patch;
  if (token == "DELETE") return Method::Delete;
  if (token == "OPTIONS") return Method::Options;
  return Method::Other;
}

bool is_state_changing(Method m) {
  return m != Method::Get && m != Method::Head && m != Method::Options;
}

std::optional<std::string_view> find_param(const Params& params, std::string_view key) {
  for (const auto& [k, v] : params) {
    if (k == key) return std::string_view(v);
  }
  return std::nullopt;
}

std::vector<std::string_view> find_all_params(const Params& params, std::string_view key) {
  std::vector<std::string_view> out;
  for (const auto& [k, v] : params) {
    if (k == key) out.emplace_back(v);
  }
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

bool is_token(std::string_view name) {
  if (name.empty()) return false;
  static constexpr std::string_view kExtra = "!#$%&'*+-.^_`|~";
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           kExtra.find(c) != std::string_view::npos;
  });
}

std::optional<std::string_view> Headers::get(std::string_view name) const {
  for (const auto& f : fields_) {
    if (iequals(f.name, name)) return std::string_view(f.value);
  }
  return std::nullopt;
}

std::vector<std::string_view> Headers::get_all(std::string_view name) const {
  std::vector<std::string_view> out;
  for (const auto& f : fields_) {
    if (iequals(f.name, name)) out.emplace_back(f.value);
  }
  return out;
}

bool Headers::has(std::string_view name) const {
  return get(name).has_value();
}

void Headers::set(std::string_view name, std::string_view value) {
  check_field(name, value);
  remove(name);
  fields_.push_back({std::string(name), std::string(value)});
}

void Headers::add(std::string_view name, std::string_view value) {
  check_field(name, value);
  fields_.push_back({std::string(name), std::string(value)});
}

void Headers::add_unchecked(std::string name, std::string value) {
  fields_.push_back({std::move(name), std::move(value)});
}

void Headers::remove(std::string_view name) {
  std::erase_if(fields_, [&](const Field& f) { return iequals(f.name, name); });
}

void Request::set_target(std::string_view target_text) {
  target = std::string(target_text);
  std::string_view t = target_text;
  // absolute-form (RFC 9112 3.2.2): drop scheme and authority.
  for (std::string_view scheme : {"http://", "https://"}) {
    if (t.size() >= scheme.size() && iequals(t.substr(0, scheme.size()), scheme)) {
      t.remove_prefix(scheme.size());
      const auto slash = t.find('/');
      t = slash == std::string_view::npos ? std::string_view("/") : t.substr(slash);
      break;
    }
  }
  if (t.empty() || t.front() != '/') throw HttpError(400, "invalid request target");
  const auto hash = t.find('#');
  if (hash != std::string_view::npos) t = t.substr(0, hash);
  const auto qm = t.find('?');
  const std::string_view raw_path = t.substr(0, qm);
  query_string = qm == std::string_view::npos ? std::string() : std::string(t.substr(qm + 1));
  // Decode segment by segment so that an encoded '/' cannot change the segmentation.
  std::string decoded;
  decoded.reserve(raw_path.size());
  std::size_t pos = 1;
  decoded.push_back('/');
  while (pos <= raw_path.size()) {
    auto end = raw_path.find('/', pos);
    if (end == std::string_view::npos) end = raw_path.size();
    const std::string seg = percent_decode(raw_path.substr(pos, end - pos));
    if (seg.find('/') != std::string::npos || seg.find('\0') != std::string::npos) {
      throw HttpError(400, "invalid character in request path");
    }
    if (seg == "." || seg == "..") throw HttpError(400, "dot segment in request path");
    decoded += seg;
    if (end < raw_path.size()) decoded.push_back('/');
    pos = end + 1;
  }
  path = std::move(decoded);
  query = parse_query(query_string);
}

Request Request::make(Method m, std::string_view target_text, std::string body) {
  Request r;
  r.method = m;
  r.method_text = std::string(method_name(m));
  r.set_target(target_text);
  r.body = std::move(body);
  r.remote_address = "127.0.0.1";
  return r;
}

const Params& Request::cookies() const {
  if (!cookies_) {
    Params all;
    for (const auto v : headers.get_all("Cookie")) {
      Params some = parse_cookie_header(v);
      all.insert(all.end(), std::make_move_iterator(some.begin()),
                 std::make_move_iterator(some.end()));
    }
    cookies_ = std::move(all);
  }
  return *cookies_;
}

std::optional<std::string_view> Request::cookie(std::string_view name) const {
  return find_param(cookies(), name);
}

std::string Request::content_type() const {
  const auto ct = headers.get("Content-Type");
  if (!ct) return {};
  const auto mt = parse_media_type(*ct);
  return mt ? mt->type : std::string();
}

Params Request::form() const {
  if (content_type() != "application/x-www-form-urlencoded") {
    throw HttpError(415, "expected application/x-www-form-urlencoded");
  }
  return parse_form_urlencoded(body);
}

namespace {

Response with_body(std::string_view content_type, std::string body, int status) {
  Response r;
  r.status = status;
  r.headers.set("Content-Type", content_type);
  r.body = std::move(body);
  return r;
}

}  // namespace

Response Response::html(std::string body, int status) {
  return with_body(kHtmlUtf8, std::move(body), status);
}

Response Response::text(std::string body, int status) {
  return with_body(kTextUtf8, std::move(body), status);
}

Response Response::json_text(std::string body, int status) {
  return with_body(kJsonUtf8, std::move(body), status);
}

Response Response::json(const nlohmann::json& value, int status) {
  // Replace invalid UTF-8 instead of throwing from inside a handler's return statement.
  return json_text(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), status);
}

Response Response::redirect(std::string_view location, int status) {
  if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
    throw std::invalid_argument("redirect status must be 301, 302, 303, 307 or 308");
  }
  Response r = text(std::string(reason_phrase(status)) + "\n", status);
  r.headers.set("Location", location);
  return r;
}

Response Response::error(int status, std::string_view message) {
  std::string body(message.empty() ? reason_phrase(status) : message);
  body.push_back('\n');
  return text(std::move(body), status);
}

Response Response::no_content() {
  Response r;
  r.status = 204;
  return r;
}

std::string_view reason_phrase(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 206:
      return "Partial Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 411:
      return "Length Required";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Content Too Large";
    case 414:
      return "URI Too Long";
    case 415:
      return "Unsupported Media Type";
    case 417:
      return "Expectation Failed";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    case 505:
      return "HTTP Version Not Supported";
    default:
      return "Unknown";
  }
}

}  // namespace kn::http
