// Router implementation: pattern compilation, matching, 404/405/HEAD rules (router.hpp).
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/router.hpp"

#include <algorithm>
#include <stdexcept>

namespace kn::http {

namespace {
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.empty() || path.front() != '/') return out;
  path.remove_prefix(1);
  if (path.empty()) return out;  // "/" has no segments
  std::size_t pos = 0;
  while (true) {
    const auto slash = path.find('/', pos);
    if (slash == std::string_view::npos) {
      out.push_back(path.substr(pos));
      break;
    }
    out.push_back(path.substr(pos, slash - pos));
    pos = slash + 1;
  }
  return out;
}

bool valid_param_name(std::string_view n) {
  return !n.empty() && std::all_of(n.begin(), n.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}
}  // namespace

Router& Router::add(Method method, std::string_view pattern, Handler handler,
                    RouteOptions options) {
  if (pattern.empty() || pattern.front() != '/') {
    throw std::invalid_argument("route pattern must start with '/'");
  }
  if (method == Method::Other) throw std::invalid_argument("route method must be a known method");
  Route r{method, std::string(method_name(method)), std::string(pattern), {}, std::move(handler),
          options};
  const auto parts = split_path(pattern);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string_view p = parts[i];
    if (p.size() >= 2 && p.front() == '{' && p.back() == '}') {
      std::string_view name = p.substr(1, p.size() - 2);
      if (name.size() > 3 && name.substr(name.size() - 3) == "...") {
        name.remove_suffix(3);
        if (i + 1 != parts.size())
          throw std::invalid_argument("{rest...} must be the last segment");
        if (!valid_param_name(name)) throw std::invalid_argument("invalid route parameter name");
        r.segments.push_back({Segment::Kind::Rest, std::string(name)});
      } else {
        if (!valid_param_name(name)) throw std::invalid_argument("invalid route parameter name");
        r.segments.push_back({Segment::Kind::Param, std::string(name)});
      }
    } else {
      if (p.empty() && i + 1 != parts.size()) {
        throw std::invalid_argument("empty segment in route pattern");
      }
      if (p.find_first_of("{}") != std::string_view::npos) {
        throw std::invalid_argument("braces in a literal route segment");
      }
      r.segments.push_back({Segment::Kind::Literal, std::string(p)});
    }
  }
  for (const auto& existing : routes_) {
    if (existing.method == method && existing.pattern == r.pattern) {
      throw std::invalid_argument("duplicate route: " + r.method_text + " " + r.pattern);
    }
  }
  routes_.push_back(std::move(r));
  return *this;
}

bool Router::matches(const Route& r, const std::vector<std::string_view>& path, Params* params) {
  Params found;
  std::size_t i = 0;
  for (const auto& seg : r.segments) {
    if (seg.kind == Segment::Kind::Rest) {
      if (i >= path.size()) return false;
      std::string rest;
      for (std::size_t k = i; k < path.size(); ++k) {
        if (path[k].empty() && k + 1 != path.size()) return false;
        if (k > i) rest.push_back('/');
        rest += path[k];
      }
      if (rest.empty()) return false;
      found.emplace_back(seg.text, std::move(rest));
      i = path.size();
      break;
    }
    if (i >= path.size()) return false;
    if (seg.kind == Segment::Kind::Literal) {
      if (path[i] != seg.text) return false;
    } else {
      if (path[i].empty()) return false;
      found.emplace_back(seg.text, std::string(path[i]));
    }
    ++i;
  }
  if (i != path.size()) return false;
  if (params) *params = std::move(found);
  return true;
}

Router::Match Router::match(Method method, std::string_view path) const {
  Match m;
  const auto segs = split_path(path);
  const Route* head_fallback = nullptr;
  Params fallback_params;
  std::vector<std::string_view> allowed;
  for (const auto& r : routes_) {
    Params params;
    if (!matches(r, segs, &params)) continue;
    if (r.method == method) {
      m.outcome = Outcome::Found;
      m.handler = &r.handler;
      m.options = &r.options;
      m.pattern = r.pattern;
      m.params = std::move(params);
      return m;
    }
    if (method == Method::Head && r.method == Method::Get && !head_fallback) {
      head_fallback = &r;
      fallback_params = std::move(params);
    }
    allowed.push_back(method_name(r.method));
    if (r.method == Method::Get) allowed.emplace_back("HEAD");
  }
  if (head_fallback) {
    m.outcome = Outcome::Found;
    m.handler = &head_fallback->handler;
    m.options = &head_fallback->options;
    m.pattern = head_fallback->pattern;
    m.params = std::move(fallback_params);
    return m;
  }
  if (allowed.empty()) return m;
  m.outcome = Outcome::MethodNotAllowed;
  static constexpr std::string_view kOrder[] = {"GET",   "HEAD",   "POST",   "PUT",
                                                "PATCH", "DELETE", "OPTIONS"};
  for (const auto name : kOrder) {
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) continue;
    if (!m.allow.empty()) m.allow += ", ";
    m.allow += name;
  }
  return m;
}

std::size_t Router::body_limit(Method method, std::string_view path) const {
  const Match m = match(method, path);
  return m.outcome == Outcome::Found ? m.options->max_body : default_body_limit_;
}

Response Router::dispatch(Request& request) const {
  Match m = match(request.method, request.path);
  if (m.outcome == Outcome::NotFound) return Response::error(404);
  if (m.outcome == Outcome::MethodNotAllowed) {
    Response r = Response::error(405);
    r.headers.set("Allow", m.allow);
    return r;
  }
  request.route_params = std::move(m.params);
  Response r = (*m.handler)(request);
  if (m.options->log_pattern && r.log_path.empty()) r.log_path = m.pattern;
  return r;
}

}  // namespace kn::http
