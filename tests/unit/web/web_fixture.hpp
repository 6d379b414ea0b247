#pragma once
// Test fixture for the web application: a SQLite database in a temporary directory seeded with
// the Musterstadt demo (small: 60 actors), the WebApp with all routes, and a real kn::http
// server on 127.0.0.1 (ephemeral port). A tiny browser-like client keeps cookies per "user",
// sends same-origin headers, and pulls the CSRF token out of the last page.

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <regex>
#include <string>

#include "server/http/access_log.hpp"
#include "server/http/router.hpp"
#include "server/http/server.hpp"
#include "server/web/demo_seed.hpp"
#include "server/web/secrets.hpp"
#include "server/web/web_app.hpp"
#include "storage/repository.hpp"
#include "unit/http/test_client.hpp"

namespace kn::test {

/// Percent-encodes for application/x-www-form-urlencoded.
inline std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (const auto& [k, v] : fields) {
    if (!out.empty()) out.push_back('&');
    for (const std::string* s : {&k, &v}) {
      for (const char ch : *s) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '_' || c == '.' || c == '~') {
          out.push_back(ch);
        } else if (c == ' ') {
          out.push_back('+');
        } else {
          out.push_back('%');
          out.push_back(hex[c >> 4U]);
          out.push_back(hex[c & 15U]);
        }
      }
      if (s == &k) out.push_back('=');
    }
  }
  return out;
}

/// A browser-like client: cookies, same-origin headers, the CSRF token of the last page.
class Browser {
 public:
  explicit Browser(std::uint16_t port) : port_(port) {}

  RawResponse get(const std::string& target,
                  const std::vector<std::pair<std::string, std::string>>& extra = {}) {
    return request("GET", target, "", "", extra);
  }
  RawResponse post_form(const std::string& target,
                        std::vector<std::pair<std::string, std::string>> fields,
                        bool with_csrf = true,
                        const std::vector<std::pair<std::string, std::string>>& extra = {}) {
    if (with_csrf && !csrf_.empty()) fields.emplace_back("csrf", csrf_);
    return request("POST", target, form_encode(fields), "application/x-www-form-urlencoded", extra);
  }
  RawResponse request(const std::string& method, const std::string& target, const std::string& body,
                      const std::string& content_type,
                      const std::vector<std::pair<std::string, std::string>>& extra = {}) {
    TestClient c(port_);
    std::string req = method + " " + target +
                      " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port_) +
                      "\r\nConnection: close\r\n";
    bool has_origin = false;
    for (const auto& [k, v] : extra) {
      req += k + ": " + v + "\r\n";
      if (k == "Origin" || k == "Sec-Fetch-Site") has_origin = true;
    }
    if (method != "GET" && !has_origin)
      req += "Origin: http://127.0.0.1:" + std::to_string(port_) +
             "\r\nSec-Fetch-Site: same-origin\r\n";
    if (!cookies_.empty()) {
      std::string cookie;
      for (const auto& [k, v] : cookies_)
        cookie += (cookie.empty() ? "" : "; ") + k + "=" + v;
      req += "Cookie: " + cookie + "\r\n";
    }
    if (!content_type.empty()) req += "Content-Type: " + content_type + "\r\n";
    if (method != "GET") req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    req += "\r\n" + body;
    EXPECT_TRUE(c.send(req));
    auto r = c.read_response(std::chrono::milliseconds(10000));
    if (!r) throw std::runtime_error("no response to " + method + " " + target);
    for (const auto& [k, v] : r->headers) {
      if (k != "Set-Cookie") continue;
      const auto eq = v.find('=');
      const auto semi = v.find(';');
      const std::string name = v.substr(0, eq);
      const std::string value =
          v.substr(eq + 1, semi == std::string::npos ? std::string::npos : semi - eq - 1);
      if (v.find("Max-Age=0") != std::string::npos || value.empty())
        cookies_.erase(name);
      else
        cookies_[name] = value;
    }
    static const std::regex csrf_re("name=\"csrf\" value=\"([^\"]+)\"");
    std::smatch m;
    if (std::regex_search(r->body, m, csrf_re)) csrf_ = m[1];
    return *r;
  }
  /// Follows one redirect (GET to Location).
  RawResponse follow(const RawResponse& r) {
    const auto loc = r.header("Location");
    if (!loc) throw std::runtime_error("no Location");
    return get(*loc);
  }
  std::map<std::string, std::string>& cookies() { return cookies_; }
  std::string& csrf() { return csrf_; }

 private:
  std::uint16_t port_;
  std::map<std::string, std::string> cookies_;
  std::string csrf_;
};

/// Database + demo + web app + server for one test.
class WebFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() / ("kn-web-" + std::to_string(rd()));
    std::filesystem::create_directories(dir_);
    storage::OpenOptions oo;
    oo.location = "sqlite:" + (dir_ / "test.db").string();
    repo_ = storage::open_repository(oo);
    web::DemoSeedOptions so;
    so.actors = 60;
    so.admin_password = "Demo-Passwort-2026!";
    seed_ = web::seed_demo(*repo_, so);
    web::WebOptions wo;
    configure(wo);
    app_ = std::make_unique<web::WebApp>(*repo_, wo);
    app_->register_routes(router_);
    http::ServerOptions so2;
    so2.threads = 4;
    so2.access_log = [this](const http::AccessLogEntry& e) {
      const std::lock_guard lock(log_mutex_);
      log_lines_.push_back(http::format_access_log(e));
    };
    server_ = std::make_unique<http::Server>(so2, router_);
    server_->start();
  }
  void TearDown() override {
    server_->stop(std::chrono::milliseconds(1000));
    server_.reset();
    app_.reset();
    repo_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  /// Override to change the web options (rate limits, clock) before the app starts.
  virtual void configure(web::WebOptions& /*options*/) {}

  [[nodiscard]] std::uint16_t port() const { return server_->port(); }
  Browser browser() { return Browser(port()); }
  /// A browser logged in as the demo admin.
  Browser admin() {
    Browser b = browser();
    b.get("/admin/login");
    auto r = b.post_form("/admin/login",
                         {{"email", seed_.admin_email}, {"password", seed_.admin_password}});
    EXPECT_EQ(r.status, 303) << r.body;
    return b;
  }

  /// Access log lines written so far.
  std::vector<std::string> access_log() {
    const std::lock_guard lock(log_mutex_);
    return log_lines_;
  }
  /// A fresh survey link token for the invitation of the actor with this key.
  std::string token_for(const std::string& actor_key) {
    const auto actor = repo_->find_actor_by_key(seed_.project_id, actor_key);
    for (const auto& inv : repo_->list_invitations(seed_.wave_id)) {
      if (inv.actor_id != actor->id) continue;
      const std::string token = web::new_token();
      repo_->set_invitation_token_hash(inv.id, web::token_hash(token));
      return token;
    }
    throw std::runtime_error("no invitation for " + actor_key);
  }

  std::filesystem::path dir_;
  std::mutex log_mutex_;
  std::vector<std::string> log_lines_;
  std::unique_ptr<storage::Repository> repo_;
  web::DemoSeedResult seed_;
  std::unique_ptr<web::WebApp> app_;
  http::Router router_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace kn::test
