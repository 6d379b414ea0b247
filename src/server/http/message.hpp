#pragma once
// HTTP request and response types for handler writers, independent of Beast (handlers include
// only this header and compile fast). The server (server.hpp) converts Beast messages to and from
// these types; the router (router.hpp) fills in the route parameters.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kn::http {

/// Request methods the router knows; anything else is Other (method_text keeps the token).
enum class Method { Get, Head, Post, Put, Patch, Delete, Options, Other };

[[nodiscard]] std::string_view method_name(Method m);
/// Case-sensitive, as RFC 9110 says: "get" is Other.
[[nodiscard]] Method parse_method(std::string_view token);
/// True for the methods that change state (everything except GET, HEAD, OPTIONS).
[[nodiscard]] bool is_state_changing(Method m);

/// An error with an HTTP status and a message that is safe to show to the client (no internal
/// details). Parsers throw it (400, 413); handlers may throw it too; the server turns it into a
/// plain-text response with that status.
class HttpError : public std::runtime_error {
 public:
  HttpError(int status, const std::string& public_message)
      : std::runtime_error(public_message), status_(status) {}
  [[nodiscard]] int status() const { return status_; }

 private:
  int status_;
};

/// Ordered name/value pairs: query and form fields, cookies, route parameters. Duplicate keys are
/// kept in the order they arrived.
using Params = std::vector<std::pair<std::string, std::string>>;

/// First value of `key` (exact, case-sensitive), if any.
[[nodiscard]] std::optional<std::string_view> find_param(const Params& params,
                                                         std::string_view key);
/// All values of `key`, in order.
[[nodiscard]] std::vector<std::string_view> find_all_params(const Params& params,
                                                            std::string_view key);

/// ASCII case-insensitive comparison (header names, tokens).
[[nodiscard]] bool iequals(std::string_view a, std::string_view b);

/// True if `name` is an RFC 9110 token (header field names, cookie names, methods).
[[nodiscard]] bool is_token(std::string_view name);

/// Header fields in arrival order with case-insensitive lookup. Setting a field with an invalid
/// name or a value containing CR, LF or NUL throws std::invalid_argument (no header injection).
class Headers {
 public:
  struct Field {
    std::string name;
    std::string value;
  };

  /// First value of `name`, if present.
  [[nodiscard]] std::optional<std::string_view> get(std::string_view name) const;
  /// All values of `name`, in order.
  [[nodiscard]] std::vector<std::string_view> get_all(std::string_view name) const;
  [[nodiscard]] bool has(std::string_view name) const;
  /// Replaces every field called `name` with one field.
  void set(std::string_view name, std::string_view value);
  /// Appends a field (e.g. a second Set-Cookie).
  void add(std::string_view name, std::string_view value);
  /// Appends without validation; only for the server's conversion of already parsed input.
  void add_unchecked(std::string name, std::string value);
  void remove(std::string_view name);

  [[nodiscard]] std::size_t size() const { return fields_.size(); }
  [[nodiscard]] bool empty() const { return fields_.empty(); }
  [[nodiscard]] auto begin() const { return fields_.begin(); }
  [[nodiscard]] auto end() const { return fields_.end(); }

 private:
  std::vector<Field> fields_;
};

/// One request as a handler sees it. The server fills every field; tests may build one with
/// Request::make().
class Request {
 public:
  Method method = Method::Get;
  std::string method_text = "GET";  ///< The method token as sent.
  std::string target;               ///< Request target as sent, e.g. "/s/abc?lang=de".
  std::string path;          ///< Percent-decoded path ("/umfrage/m%C3%BCnster" -> UTF-8 text).
  std::string query_string;  ///< Raw text after '?', without '?'.
  Params query;              ///< Decoded query parameters ('+' stays '+').
  Headers headers;
  std::string body;
  std::string remote_address;  ///< Client IP as text ("127.0.0.1", "::1").
  std::uint16_t remote_port = 0;
  unsigned version = 11;  ///< 10 or 11.
  Params route_params;    ///< Filled by the router: {name} segments and {rest...}.

  /// Splits and decodes `target` into path, query_string and query. Throws HttpError(400) for an
  /// invalid target: not origin-form ("/...") or absolute-form, invalid %XX, an encoded '/' or
  /// NUL in the path, "." or ".." segments, or too many / too long query fields.
  void set_target(std::string_view target_text);

  /// For tests and internal use: a request with method and target set (throws like set_target).
  [[nodiscard]] static Request make(Method m, std::string_view target_text, std::string body = {});

  [[nodiscard]] std::optional<std::string_view> header(std::string_view name) const {
    return headers.get(name);
  }
  [[nodiscard]] std::optional<std::string_view> query_param(std::string_view key) const {
    return find_param(query, key);
  }
  /// A route parameter ({id} in the pattern); empty optional if the route has none of that name.
  [[nodiscard]] std::optional<std::string_view> param(std::string_view key) const {
    return find_param(route_params, key);
  }
  /// Cookies from every Cookie header (RFC 6265 parsing, parse.hpp), parsed on first use.
  [[nodiscard]] const Params& cookies() const;
  /// First cookie called `name` (browsers send the most specific path first).
  [[nodiscard]] std::optional<std::string_view> cookie(std::string_view name) const;
  /// Media type of the body without parameters, lower-cased ("multipart/form-data"); empty if
  /// none.
  [[nodiscard]] std::string content_type() const;
  /// The body as application/x-www-form-urlencoded fields. Throws HttpError(415) if the body has
  /// another Content-Type, HttpError(400/413) if it is malformed or over the form limits.
  [[nodiscard]] Params form() const;

 private:
  mutable std::optional<Params> cookies_;
};

/// One response. Create it with the helpers; every helper sets an exact Content-Type with
/// charset. The server adds the default security headers (security.hpp) unless set here.
struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  /// What the access log shows instead of the request path (e.g. the route pattern
  /// "/s/{token}" for routes whose path carries a secret). Empty: the decoded request path.
  std::string log_path;

  static Response html(std::string body, int status = 200);  ///< text/html; charset=utf-8
  static Response text(std::string body, int status = 200);  ///< text/plain; charset=utf-8
  /// application/json; charset=utf-8 from already serialised JSON text.
  static Response json_text(std::string body, int status = 200);
  static Response json(const nlohmann::json& value, int status = 200);
  /// 303 See Other (after a POST) or 302/307/308; `location` must not contain CR/LF.
  static Response redirect(std::string_view location, int status = 303);
  /// A plain-text error page: the reason phrase, or `message` if given (must be safe to show).
  static Response error(int status, std::string_view message = {});
  static Response no_content();  ///< 204

  Response& set_header(std::string_view name, std::string_view value) {
    headers.set(name, value);
    return *this;
  }
  Response& add_header(std::string_view name, std::string_view value) {
    headers.add(name, value);
    return *this;
  }
  /// Appends a Set-Cookie header (build the value with SetCookie::to_string(), parse.hpp).
  Response& add_cookie(std::string_view set_cookie_value) {
    headers.add("Set-Cookie", set_cookie_value);
    return *this;
  }
};

/// Standard reason phrase ("Not Found"); "Unknown" for unknown codes.
[[nodiscard]] std::string_view reason_phrase(int status);

inline constexpr std::string_view kHtmlUtf8 = "text/html; charset=utf-8";
inline constexpr std::string_view kTextUtf8 = "text/plain; charset=utf-8";
inline constexpr std::string_view kJsonUtf8 = "application/json; charset=utf-8";

}  // namespace kn::http
