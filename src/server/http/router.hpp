#pragma once
// Router: method + path patterns with {param} segments and a trailing {rest...} segment,
// 404 vs 405 (with Allow), HEAD served by the GET route, per-route options such as the maximum
// body size (the server asks body_limit() before it reads a body).
// SPDX-License-Identifier: GPL-3.0-or-later

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "server/http/message.hpp"

namespace kn::http {

/// A request handler. It may block (database calls); it runs on one of the server's threads.
using Handler = std::function<Response(Request&)>;

inline constexpr std::size_t kDefaultBodyLimit = std::size_t{64} * 1024;
inline constexpr std::size_t kUploadBodyLimit = std::size_t{10} * 1024 * 1024;

struct RouteOptions {
  /// Largest request body accepted for this route (bigger: 413 before the body is read).
  std::size_t max_body = kDefaultBodyLimit;
  /// Log the route pattern ("/s/{token}") instead of the request path, for paths with secrets.
  bool log_pattern = false;
};

class Router {
 public:
  enum class Outcome { Found, NotFound, MethodNotAllowed };

  struct Match {
    Outcome outcome = Outcome::NotFound;
    const Handler* handler = nullptr;
    const RouteOptions* options = nullptr;
    std::string pattern;
    Params params;
    std::string allow;  ///< For MethodNotAllowed: "GET, HEAD, POST".
  };

  /// Adds a route. Pattern: "/", "/a/b", "/projects/{id}/actors", "/static/{path...}" (the rest
  /// segment only last; it matches one or more segments, joined with '/'). Literal segments
  /// match the decoded path exactly (case-sensitive). Throws std::invalid_argument for a
  /// malformed pattern or a duplicate method + pattern.
  Router& add(Method method, std::string_view pattern, Handler handler, RouteOptions options = {});
  Router& get(std::string_view pattern, Handler h, RouteOptions o = {}) {
    return add(Method::Get, pattern, std::move(h), o);
  }
  Router& post(std::string_view pattern, Handler h, RouteOptions o = {}) {
    return add(Method::Post, pattern, std::move(h), o);
  }
  Router& put(std::string_view pattern, Handler h, RouteOptions o = {}) {
    return add(Method::Put, pattern, std::move(h), o);
  }
  Router& del(std::string_view pattern, Handler h, RouteOptions o = {}) {
    return add(Method::Delete, pattern, std::move(h), o);
  }

  /// Finds the route. Routes are tried in the order they were added; HEAD falls back to GET.
  [[nodiscard]] Match match(Method method, std::string_view path) const;
  /// Body limit for a request line (the route's max_body; default_body_limit() for 404/405).
  [[nodiscard]] std::size_t body_limit(Method method, std::string_view path) const;
  void set_default_body_limit(std::size_t n) { default_body_limit_ = n; }
  [[nodiscard]] std::size_t default_body_limit() const { return default_body_limit_; }

  /// Runs the matching handler with route_params set; 404 / 405 (+ Allow) otherwise. The body of
  /// a HEAD response is left in place: the server sends only the headers (with Content-Length).
  [[nodiscard]] Response dispatch(Request& request) const;

  /// dispatch() as a Handler, for Server (the router must outlive the server).
  [[nodiscard]] Handler handler() const {
    return [this](Request& r) { return dispatch(r); };
  }

 private:
  struct Segment {
    enum class Kind { Literal, Param, Rest } kind;
    std::string text;  ///< Literal text or parameter name.
  };
  struct Route {
    Method method;
    std::string method_text;
    std::string pattern;
    std::vector<Segment> segments;
    Handler handler;
    RouteOptions options;
  };
  static bool matches(const Route& r, const std::vector<std::string_view>& path, Params* params);

  std::vector<Route> routes_;
  std::size_t default_body_limit_ = kDefaultBodyLimit;
};

}  // namespace kn::http
