#pragma once
// Security building blocks the server applies to every response or request: default security
// headers, the CSRF origin check for state-changing methods, an in-memory rate limiter and a
// constant-time comparison for tokens.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <chrono>
#include <cstddef>
#include <functional>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "server/http/message.hpp"

namespace kn::http {

inline constexpr std::string_view kDefaultCsp =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'";

struct SecurityHeaderOptions {
  std::string content_security_policy = std::string(kDefaultCsp);
  std::string permissions_policy = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
  /// Send Strict-Transport-Security: only when the server is reached through TLS (a proxy).
  bool behind_tls = false;
  std::string hsts = "max-age=31536000; includeSubDomains";
  /// Cache-Control for responses that set none (survey and admin pages must not be cached).
  std::string default_cache_control = "no-store";
};

/// Adds every default header the response does not already carry: Content-Security-Policy,
/// X-Content-Type-Options, Referrer-Policy, X-Frame-Options, Cross-Origin-Opener-Policy,
/// Permissions-Policy, Cache-Control, and Strict-Transport-Security if behind_tls.
void apply_security_headers(Response& response, const SecurityHeaderOptions& options);

struct CsrfPolicy {
  bool enabled = true;
  /// Exact origins accepted besides the Host-based default, e.g. "https://umfrage.example.org".
  std::vector<std::string> allowed_origins;
  /// Accept an Origin equal to scheme://Host (scheme https if behind_tls, else http).
  bool allow_host_origin = true;
  bool behind_tls = false;
};

/// The CSRF rule for state-changing methods (POST, PUT, PATCH, DELETE, unknown methods):
/// reject if Sec-Fetch-Site is present and neither "same-origin" nor "none", or if Origin is
/// present and not an allowed origin ("null" only together with Sec-Fetch-Site same-origin/none:
/// Chromium sends it for same-origin posts from no-referrer pages). Requests with neither header
/// pass (non- browser clients; forms add a per-session token on top). Returns an empty string if
/// allowed, otherwise the reason (for the log, not for the client).
[[nodiscard]] std::string csrf_violation(const Request& request, const CsrfPolicy& policy);

/// Thread-safe token-bucket rate limiter keyed by strings (IP, account, token hash). Each key
/// starts with `burst` tokens and regains `per_second` tokens per second. At most `max_keys`
/// buckets are kept: when full, the least recently used bucket is dropped (a dropped key starts
/// full again, so keep max_keys well above the number of active clients).
class RateLimiter {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  struct Config {
    double burst = 10;
    double per_second = 1;
    std::size_t max_keys = 10000;
  };

  struct Decision {
    bool allowed = true;
    std::chrono::seconds retry_after{0};  ///< When not allowed: whole seconds until one token.
  };

  explicit RateLimiter(Config config, Clock clock = {});

  /// Takes `cost` tokens from `key`'s bucket if it has them.
  [[nodiscard]] Decision check(std::string_view key, double cost = 1);
  /// Forgets a key (e.g. after a successful login).
  void reset(std::string_view key);
  [[nodiscard]] std::size_t size() const;

  /// A 429 response with Retry-After for a refused decision.
  [[nodiscard]] static Response too_many_requests(const Decision& d);

 private:
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point updated;
    std::list<std::string>::iterator lru;
  };
  Config config_;
  Clock clock_;
  mutable std::mutex mutex_;
  std::list<std::string> lru_;  ///< Most recently used first.
  std::unordered_map<std::string, Bucket> buckets_;
};

/// Compares two strings in time that depends only on their lengths (not on where they differ).
/// Use it for tokens and CSRF values; lengths are not secret for fixed-length tokens. Code that
/// links libsodium may use sodium_memcmp instead.
[[nodiscard]] bool constant_time_equals(std::string_view a, std::string_view b);

}  // namespace kn::http
