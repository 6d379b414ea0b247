// Security headers, CSRF origin check, token-bucket rate limiter, constant-time compare.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/security.hpp"

#include <algorithm>
#include <cmath>

namespace kn::http {

namespace {
void set_default(Response& r, std::string_view name, std::string_view value) {
  if (!value.empty() && !r.headers.has(name)) r.headers.set(name, value);
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}
}  // namespace

void apply_security_headers(Response& response, const SecurityHeaderOptions& options) {
  set_default(response, "Content-Security-Policy", options.content_security_policy);
  set_default(response, "X-Content-Type-Options", "nosniff");
  set_default(response, "Referrer-Policy", "no-referrer");
  set_default(response, "X-Frame-Options", "DENY");
  set_default(response, "Cross-Origin-Opener-Policy", "same-origin");
  set_default(response, "Permissions-Policy", options.permissions_policy);
  set_default(response, "Cache-Control", options.default_cache_control);
  if (options.behind_tls) set_default(response, "Strict-Transport-Security", options.hsts);
}

std::string csrf_violation(const Request& request, const CsrfPolicy& policy) {
  if (!policy.enabled || !is_state_changing(request.method)) return {};
  bool fetch_same_origin = false;
  if (const auto site = request.header("Sec-Fetch-Site")) {
    const std::string s = lower_ascii(*site);
    if (s != "same-origin" && s != "none") return "Sec-Fetch-Site is " + s;
    fetch_same_origin = true;
  }
  const auto origin = request.header("Origin");
  if (!origin) return {};
  const std::string o = lower_ascii(*origin);
  // Chromium sends "Origin: null" on same-origin form posts from pages whose Referrer-Policy is
  // no-referrer (as all of ours are). Fetch metadata, which page scripts cannot set, already
  // says same-origin then; a "null" origin without it stays refused.
  if (o == "null" && fetch_same_origin) return {};
  for (const auto& allowed : policy.allowed_origins) {
    if (lower_ascii(allowed) == o) return {};
  }
  if (policy.allow_host_origin) {
    if (const auto host = request.header("Host"); host && !host->empty()) {
      const std::string expected =
          std::string(policy.behind_tls ? "https://" : "http://") + lower_ascii(*host);
      if (o == expected) return {};
    }
  }
  return "Origin does not match";
}

RateLimiter::RateLimiter(Config config, Clock clock) : config_(config), clock_(std::move(clock)) {
  if (!clock_) clock_ = [] { return std::chrono::steady_clock::now(); };
  if (config_.max_keys == 0) config_.max_keys = 1;
}

RateLimiter::Decision RateLimiter::check(std::string_view key, double cost) {
  const auto now = clock_();
  std::lock_guard lock(mutex_);
  auto it = buckets_.find(std::string(key));
  if (it == buckets_.end()) {
    if (buckets_.size() >= config_.max_keys) {
      buckets_.erase(lru_.back());
      lru_.pop_back();
    }
    lru_.emplace_front(key);
    it = buckets_.emplace(std::string(key), Bucket{config_.burst, now, lru_.begin()}).first;
  } else {
    lru_.splice(lru_.begin(), lru_, it->second.lru);
    const std::chrono::duration<double> elapsed = now - it->second.updated;
    if (elapsed.count() > 0) {
      it->second.tokens =
          std::min(config_.burst, it->second.tokens + elapsed.count() * config_.per_second);
      it->second.updated = now;
    }
  }
  Bucket& b = it->second;
  if (b.tokens >= cost) {
    b.tokens -= cost;
    return {};
  }
  Decision d;
  d.allowed = false;
  const double missing = cost - b.tokens;
  const double secs = config_.per_second > 0 ? std::ceil(missing / config_.per_second) : 3600.0;
  d.retry_after = std::chrono::seconds(static_cast<std::int64_t>(std::clamp(secs, 1.0, 86400.0)));
  return d;
}

void RateLimiter::reset(std::string_view key) {
  std::lock_guard lock(mutex_);
  const auto it = buckets_.find(std::string(key));
  if (it == buckets_.end()) return;
  lru_.erase(it->second.lru);
  buckets_.erase(it);
}

std::size_t RateLimiter::size() const {
  std::lock_guard lock(mutex_);
  return buckets_.size();
}

Response RateLimiter::too_many_requests(const Decision& d) {
  Response r = Response::error(429);
  r.headers.set("Retry-After", std::to_string(std::max<std::int64_t>(1, d.retry_after.count())));
  return r;
}

bool constant_time_equals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  volatile unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diff = static_cast<unsigned char>(
        diff | (static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i])));
  }
  return diff == 0;
}

}  // namespace kn::http
