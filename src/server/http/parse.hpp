#pragma once
// Pure parsers for the parts of HTTP that Beast leaves to us: percent-decoding, query strings,
// application/x-www-form-urlencoded and multipart/form-data bodies, the Cookie header, media
// types, Accept-Language; plus the Set-Cookie builder. Every parser has explicit limits and
// throws kn::http::HttpError (400 malformed, 413 over a limit) with a message safe to show.
// They never crash on garbage (fuzzed: tests/fuzz/fuzz_http_cookie.cpp, fuzz_http_form.cpp).
// SPDX-License-Identifier: GPL-3.0-or-later

#include <chrono>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "server/http/message.hpp"

namespace kn::http {

/// Strict percent-decoding: "%" must be followed by two hex digits, otherwise HttpError(400).
/// With `plus_as_space` (form bodies only) '+' becomes ' '. The result may be any bytes; callers
/// that need text check UTF-8 with is_valid_utf8().
[[nodiscard]] std::string percent_decode(std::string_view in, bool plus_as_space = false);
/// Encodes everything except RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~).
[[nodiscard]] std::string percent_encode(std::string_view in);
[[nodiscard]] bool is_valid_utf8(std::string_view s);

struct FormLimits {
  std::size_t max_fields = 256;
  std::size_t max_key_bytes = 256;                       ///< After decoding.
  std::size_t max_value_bytes = std::size_t{64} * 1024;  ///< After decoding.
};

/// "a=1&b=%C3%A4&a=2" -> {a,1},{b,"ä"},{a,2}. '+' stays '+'. Empty pieces ("a=1&&b") are
/// skipped; "flag" without '=' gives {flag,""}. Over a limit: HttpError(413); bad %XX: 400.
[[nodiscard]] Params parse_query(std::string_view query, const FormLimits& limits = {});
/// Like parse_query but '+' is a space (HTML form bodies).
[[nodiscard]] Params parse_form_urlencoded(std::string_view body, const FormLimits& limits = {});

struct CookieLimits {
  std::size_t max_cookies = 64;
  std::size_t max_header_bytes = std::size_t{8} * 1024;
};

/// RFC 6265 section 5.4 Cookie header: "a=1; b=2". Tolerant like browsers: whitespace around
/// names and values is trimmed, pairs without '=' or with an empty or non-token name are skipped,
/// surrounding double quotes are removed from values, duplicates are kept in order. Values are
/// not percent-decoded. Never throws: garbage yields fewer (or no) cookies; input beyond the
/// limits is ignored.
[[nodiscard]] Params parse_cookie_header(std::string_view header, const CookieLimits& limits = {});

/// A parsed media type: "multipart/form-data; boundary=x" -> type "multipart/form-data"
/// (lower-cased), params {boundary,x} (names lower-cased, quoted values unquoted).
struct MediaType {
  std::string type;
  Params params;
  [[nodiscard]] std::optional<std::string_view> param(std::string_view name) const {
    return find_param(params, name);
  }
};
/// Empty optional if `value` is not "type/subtype" followed by valid parameters.
[[nodiscard]] std::optional<MediaType> parse_media_type(std::string_view value);

struct MultipartLimits {
  std::size_t max_parts = 64;
  std::size_t max_part_bytes = std::size_t{10} * 1024 * 1024;  ///< Data of one part.
  std::size_t max_part_header_bytes = std::size_t{8} * 1024;   ///< Header block of one part.
  std::size_t max_name_bytes = 256;                            ///< name= and filename=.
};

struct MultipartPart {
  std::string name;                     ///< Content-Disposition name=.
  std::optional<std::string> filename;  ///< Content-Disposition filename= (as sent; sanitise!).
  std::string content_type;             ///< The part's Content-Type, "text/plain" if absent.
  std::string data;
};

/// The boundary from a multipart/form-data Content-Type (1-70 characters per RFC 2046), or empty
/// optional if the type is not multipart/form-data or the boundary is missing or invalid.
[[nodiscard]] std::optional<std::string> multipart_boundary(std::string_view content_type);
/// Parses a multipart/form-data body (RFC 7578). Every part needs a Content-Disposition
/// "form-data" with a name. Malformed: HttpError(400); over a limit: HttpError(413).
[[nodiscard]] std::vector<MultipartPart> parse_multipart(std::string_view body,
                                                         std::string_view boundary,
                                                         const MultipartLimits& limits = {});

enum class SameSite { Strict, Lax, None };

/// Builds a Set-Cookie header value. to_string() throws std::invalid_argument for an invalid name
/// or value (value: RFC 6265 cookie-octets only; encode it first, e.g. base64url), for a
/// "__Host-" cookie that is not Secure, has a Domain or a Path other than "/", for a "__Secure-"
/// cookie that is not Secure, and for SameSite=None without Secure.
struct SetCookie {
  std::string name;
  std::string value;
  std::string path = "/";
  std::string domain;                           ///< Empty: host-only (required for __Host-).
  std::optional<std::chrono::seconds> max_age;  ///< Empty: a session cookie.
  bool secure = true;
  bool http_only = true;
  SameSite same_site = SameSite::Lax;

  [[nodiscard]] std::string to_string() const;
  /// A header value that deletes the cookie (same name, path and domain; Max-Age=0).
  [[nodiscard]] std::string to_delete_string() const;
};

/// Picks the best supported language from an Accept-Language header ("de-DE,de;q=0.9,en;q=0.8").
/// Matches primary subtags case-insensitively ("en-GB" -> "en"), honours q-values (q=0 excludes),
/// ties go to the earlier entry; `fallback` if nothing matches or the header is garbage.
[[nodiscard]] std::string pick_language(std::string_view accept_language,
                                        std::span<const std::string_view> supported,
                                        std::string_view fallback);
/// pick_language with {"de","en"} and fallback "de".
[[nodiscard]] std::string pick_language(std::string_view accept_language);

}  // namespace kn::http
