// Unit tests for security.hpp (headers, CSRF rule table, rate limiter with a fake clock,
// constant-time compare), static_files.hpp and access_log.hpp.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "server/http/access_log.hpp"
#include "server/http/security.hpp"
#include "server/http/static_files.hpp"

namespace kn::http {
namespace {

TEST(SecurityHeaders, DefaultsUnlessSet) {
  Response r = Response::html("<p>");
  r.headers.set("Cache-Control", "public, max-age=60");
  apply_security_headers(r, {});
  EXPECT_EQ(*r.headers.get("Content-Security-Policy"), kDefaultCsp);
  EXPECT_EQ(*r.headers.get("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(*r.headers.get("Referrer-Policy"), "no-referrer");
  EXPECT_EQ(*r.headers.get("X-Frame-Options"), "DENY");
  EXPECT_EQ(*r.headers.get("Cross-Origin-Opener-Policy"), "same-origin");
  EXPECT_TRUE(r.headers.has("Permissions-Policy"));
  EXPECT_EQ(*r.headers.get("Cache-Control"), "public, max-age=60");
  EXPECT_FALSE(r.headers.has("Strict-Transport-Security"));
  SecurityHeaderOptions tls;
  tls.behind_tls = true;
  Response t;
  apply_security_headers(t, tls);
  EXPECT_EQ(*t.headers.get("Strict-Transport-Security"), "max-age=31536000; includeSubDomains");
  EXPECT_EQ(*t.headers.get("Cache-Control"), "no-store");
}

struct CsrfCase {
  Method method;
  const char* sec_fetch_site;  // nullptr: absent
  const char* origin;          // nullptr: absent
  bool allowed;
};

TEST(Csrf, RuleTable) {
  const CsrfCase cases[] = {
      {Method::Get, "cross-site", "https://evil.example", true},  // safe method
      {Method::Head, "cross-site", nullptr, true},
      {Method::Post, nullptr, nullptr, true},  // non-browser client
      {Method::Post, "same-origin", nullptr, true},
      {Method::Post, "none", nullptr, true},
      {Method::Post, "Same-Origin", "http://survey.local:8080", true},
      {Method::Post, "same-site", nullptr, false},
      {Method::Post, "cross-site", nullptr, false},
      {Method::Post, "garbage", nullptr, false},
      {Method::Post, nullptr, "http://survey.local:8080", true},
      {Method::Post, nullptr, "HTTP://Survey.Local:8080", true},
      {Method::Post, nullptr, "https://survey.local:8080", false},  // scheme differs
      {Method::Post, nullptr, "http://survey.local:8081", false},
      {Method::Post, nullptr, "http://evil.example", false},
      {Method::Post, nullptr, "null", false},
      // Chromium's same-origin form post from a Referrer-Policy: no-referrer page.
      {Method::Post, "same-origin", "null", true},
      {Method::Post, "cross-site", "null", false},
      {Method::Post, "same-site", "null", false},
      {Method::Post, "same-origin", "http://evil.example", false},
      {Method::Post, nullptr, "https://umfrage.example.org", true},  // configured
      {Method::Delete, "cross-site", "http://survey.local:8080", false},
      {Method::Put, nullptr, "http://evil.example", false},
      {Method::Other, nullptr, "http://evil.example", false},
  };
  CsrfPolicy policy;
  policy.allowed_origins = {"https://umfrage.example.org"};
  for (const auto& c : cases) {
    Request r = Request::make(c.method, "/x");
    r.headers.add("Host", "survey.local:8080");
    if (c.sec_fetch_site) r.headers.add("Sec-Fetch-Site", c.sec_fetch_site);
    if (c.origin) r.headers.add("Origin", c.origin);
    EXPECT_EQ(csrf_violation(r, policy).empty(), c.allowed)
        << method_name(c.method) << " " << (c.sec_fetch_site ? c.sec_fetch_site : "-") << " "
        << (c.origin ? c.origin : "-");
  }
}

TEST(Csrf, TlsHostOriginAndDisabled) {
  CsrfPolicy policy;
  policy.behind_tls = true;
  Request r = Request::make(Method::Post, "/x");
  r.headers.add("Host", "umfrage.example.org");
  r.headers.add("Origin", "https://umfrage.example.org");
  EXPECT_TRUE(csrf_violation(r, policy).empty());
  r.headers.set("Origin", "http://umfrage.example.org");
  EXPECT_FALSE(csrf_violation(r, policy).empty());
  policy.allow_host_origin = false;
  r.headers.set("Origin", "https://umfrage.example.org");
  EXPECT_FALSE(csrf_violation(r, policy).empty());
  policy.enabled = false;
  EXPECT_TRUE(csrf_violation(r, policy).empty());
}

struct FakeClock {
  std::chrono::steady_clock::time_point now{};
  RateLimiter::Clock fn() {
    return [this] { return now; };
  }
};

TEST(RateLimiterTest, BurstThenRefill) {
  FakeClock clock;
  RateLimiter rl({.burst = 3, .per_second = 0.5, .max_keys = 100}, clock.fn());
  for (int i = 0; i < 3; ++i)
    EXPECT_TRUE(rl.check("ip:1").allowed);
  const auto d = rl.check("ip:1");
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.retry_after.count(), 2);    // one token takes 2 s at 0.5/s
  EXPECT_TRUE(rl.check("ip:2").allowed);  // other keys are independent
  clock.now += std::chrono::seconds(1);
  EXPECT_FALSE(rl.check("ip:1").allowed);
  clock.now += std::chrono::seconds(1);
  EXPECT_TRUE(rl.check("ip:1").allowed);
  EXPECT_FALSE(rl.check("ip:1").allowed);
  clock.now += std::chrono::hours(1);  // refill is capped at burst
  for (int i = 0; i < 3; ++i)
    EXPECT_TRUE(rl.check("ip:1").allowed);
  EXPECT_FALSE(rl.check("ip:1").allowed);
  rl.reset("ip:1");
  EXPECT_TRUE(rl.check("ip:1").allowed);
  const Response r = RateLimiter::too_many_requests(d);
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(*r.headers.get("Retry-After"), "2");
}

TEST(RateLimiterTest, BoundedMemoryEvictsLeastRecentlyUsed) {
  FakeClock clock;
  RateLimiter rl({.burst = 1, .per_second = 0.001, .max_keys = 3}, clock.fn());
  EXPECT_TRUE(rl.check("a").allowed);
  EXPECT_TRUE(rl.check("b").allowed);
  EXPECT_TRUE(rl.check("c").allowed);
  EXPECT_FALSE(rl.check("a").allowed);  // a is now most recent
  EXPECT_TRUE(rl.check("d").allowed);   // evicts b
  EXPECT_EQ(rl.size(), 3U);
  EXPECT_FALSE(rl.check("a").allowed);
  EXPECT_TRUE(rl.check("b").allowed);  // b was forgotten: full again
  for (int i = 0; i < 1000; ++i)
    (void)rl.check("k" + std::to_string(i));
  EXPECT_EQ(rl.size(), 3U);
}

TEST(RateLimiterTest, ThreadSafe) {
  RateLimiter rl({.burst = 1000, .per_second = 0, .max_keys = 10});
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i) {
        if (rl.check("shared").allowed) ++allowed;
      }
    });
  }
  for (auto& t : threads)
    t.join();
  EXPECT_EQ(allowed.load(), 1000);
}

TEST(ConstantTime, Compares) {
  EXPECT_TRUE(constant_time_equals("abc", "abc"));
  EXPECT_FALSE(constant_time_equals("abc", "abd"));
  EXPECT_FALSE(constant_time_equals("abc", "abcd"));
  EXPECT_TRUE(constant_time_equals("", ""));
}

TEST(StaticFilesTest, HashedNamesAndTypes) {
  EXPECT_TRUE(is_content_hashed("js/app-5HV3ZBQ4.js"));
  EXPECT_TRUE(is_content_hashed("style.3f9a1c2b.css"));
  EXPECT_FALSE(is_content_hashed("app.js"));
  EXPECT_FALSE(is_content_hashed("favicon-ABCDEFGH.ico"));  // no digit: a word, not a hash
  EXPECT_FALSE(is_content_hashed("x-1234567.js"));          // too short
  EXPECT_EQ(content_type_for("a/b.CSS"), "text/css; charset=utf-8");
  EXPECT_EQ(content_type_for("a.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for("a.woff2"), "font/woff2");
  EXPECT_EQ(content_type_for("README"), "application/octet-stream");
}

TEST(StaticFilesTest, ServesWithEtagAnd304) {
  StaticFiles files;
  static constexpr EmbeddedAsset kAssets[] = {{"js/app-5HV3ZBQ4.js", "console.log(1)"},
                                              {"robots.txt", "User-agent: *"}};
  files.add_all(kAssets);
  EXPECT_EQ(files.size(), 2U);
  Request req = Request::make(Method::Get, "/static/js/app-5HV3ZBQ4.js");
  req.route_params = {{"path", "js/app-5HV3ZBQ4.js"}};
  const Response r = files(req);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "console.log(1)");
  EXPECT_EQ(*r.headers.get("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(*r.headers.get("Cache-Control"), "public, max-age=31536000, immutable");
  const std::string etag(*r.headers.get("ETag"));
  EXPECT_EQ(etag.front(), '"');
  req.headers.add("If-None-Match", "\"other\", W/" + etag);
  const Response nm = files(req);
  EXPECT_EQ(nm.status, 304);
  EXPECT_TRUE(nm.body.empty());
  Request plain = Request::make(Method::Get, "/robots.txt");
  EXPECT_EQ(*files.serve(plain, "robots.txt").headers.get("Cache-Control"), "no-cache");
  EXPECT_EQ(files.serve(plain, "missing.css").status, 404);
  EXPECT_EQ(files.serve(plain, "../robots.txt").status, 404);
}

TEST(AccessLog, EscapesControlCharacters) {
  EXPECT_EQ(escape_log_value("a\r\nb\tc\\d\"e\x01\x7F"), "a\\r\\nb\\tc\\\\d\\\"e\\x01\\x7F");
  EXPECT_EQ(escape_log_value("Münster"), "Münster");
  AccessLogEntry e;
  e.time = std::chrono::system_clock::time_point(std::chrono::milliseconds(1764547200123));
  e.remote_address = "127.0.0.1";
  e.method = "GET";
  e.path = "/x\r\n127.0.0.1 \"GET /forged\" 200";
  e.status = 200;
  e.bytes = 12;
  e.duration = std::chrono::microseconds(1500);
  const std::string line = format_access_log(e);
  EXPECT_EQ(line,
            "2025-12-01T00:00:00.123Z 127.0.0.1 \"GET /x\\r\\n127.0.0.1 \\\"GET /forged\\\" 200\" "
            "200 12 1.5ms");
  EXPECT_EQ(line.find('\n'), std::string::npos);
}

}  // namespace
}  // namespace kn::http
