#pragma once
// The KlimaNetze web application: survey (/s/...), admin area (/admin/...), JSON API
// (/api/v1/...), static assets and the language switch, on top of kn::http and one
// storage::Repository. Stateless apart from the database (sessions live there), so several
// instances can serve one PostgreSQL database behind a proxy; only the rate limiters are per
// instance (docs/security.md).
//
// Shared request helpers for the handler files (survey_handlers.cpp, admin_handlers.cpp,
// api_handlers.cpp): sessions in `__Host-` cookies (only the token hash is stored), the
// per-session CSRF form token, the language of a request, rate limits and audit entries.

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "app/i18n.hpp"
#include "server/http/message.hpp"
#include "server/http/router.hpp"
#include "server/http/security.hpp"
#include "storage/repository.hpp"

namespace kn::web {

class MapService;

struct WebOptions {
  /// Base of the links in invitations and in the mail-merge export, e.g.
  /// "https://umfrage.musterstadt.example". Empty: taken from the request's Host header.
  std::string public_base_url;
  bool behind_tls = false;
  std::chrono::seconds user_session_ttl{8 * 3600};
  std::chrono::seconds respondent_session_ttl{14 * 24 * 3600};
  /// Rate limits (token buckets; burst, tokens per second).
  http::RateLimiter::Config login_per_ip{10, 0.05, 10000};      ///< ~3 attempts/minute after 10
  http::RateLimiter::Config login_per_account{5, 0.02, 10000};  ///< ~1/minute after 5
  http::RateLimiter::Config token_per_ip{20, 0.2, 10000};       ///< invitation link guessing
  http::RateLimiter::Config submit_per_invitation{60, 2, 50000};
  /// Clock for sessions and tests (UTC seconds).
  std::function<storage::Time()> clock;
};

/// Cookie names.
inline constexpr std::string_view kUserCookie = "__Host-kn_user";
inline constexpr std::string_view kRespondentCookie = "__Host-kn_resp";
inline constexpr std::string_view kLangCookie = "__Host-kn_lang";

class WebApp {
 public:
  WebApp(storage::Repository& repo, WebOptions options);
  ~WebApp();
  WebApp(const WebApp&) = delete;
  WebApp& operator=(const WebApp&) = delete;

  /// Adds every route of the application.
  void register_routes(http::Router& router);

  // --- helpers for the handler files ----------------------------------------------------------
  [[nodiscard]] storage::Repository& repo() { return repo_; }
  /// Map and dashboard data with the stored layouts (map_service.hpp).
  [[nodiscard]] MapService& maps() { return *maps_; }
  [[nodiscard]] const WebOptions& options() const { return options_; }
  [[nodiscard]] storage::Time now() const;

  /// Language of a request: the kn_lang cookie, else Accept-Language, else `fallback`.
  [[nodiscard]] app::Lang lang(const http::Request& request,
                               app::Lang fallback = app::Lang::De) const;

  /// The valid session of that kind named by the request's cookie, if any.
  [[nodiscard]] std::optional<storage::Session> session(const http::Request& request,
                                                        storage::SessionKind kind);
  /// Creates a session and adds its cookie to `response`; returns the stored session.
  storage::Session start_session(http::Response& response, storage::SessionKind kind,
                                 storage::Id user_id, storage::Id invitation_id);
  /// Deletes the session of that kind named by the request and clears its cookie.
  void end_session(const http::Request& request, http::Response& response,
                   storage::SessionKind kind);
  /// True if the form's "csrf" field equals the session's token (constant time).
  [[nodiscard]] static bool csrf_ok(const storage::Session& session, const http::Params& form);

  /// Rate limiters (per instance).
  http::RateLimiter& login_ip_limiter() { return login_ip_; }
  http::RateLimiter& login_account_limiter() { return login_account_; }
  http::RateLimiter& token_limiter() { return token_ip_; }
  http::RateLimiter& submit_limiter() { return submit_; }

  /// Base URL for links ("https://host"), from the options or the request's Host.
  [[nodiscard]] std::string base_url(const http::Request& request) const;
  /// Writes an audit entry (ids and counts only; never personal content).
  void audit(storage::Id user_id, storage::Id project_id, const std::string& action,
             const std::string& object, const std::string& detail = {});
  /// Keeps a handler object alive as long as the app (routes capture it by pointer).
  void keep(std::shared_ptr<void> part) { parts_.push_back(std::move(part)); }

 private:
  storage::Repository& repo_;
  WebOptions options_;
  http::RateLimiter login_ip_, login_account_, token_ip_, submit_;
  std::unique_ptr<MapService> maps_;
  std::vector<std::shared_ptr<void>> parts_;
};

/// A 303 to a local path; `target` must start with a single '/' (anything else becomes "/").
http::Response local_redirect(std::string_view target);

void add_survey_routes(WebApp& app, http::Router& router);
void add_admin_routes(WebApp& app, http::Router& router);
void add_api_routes(WebApp& app, http::Router& router);
/// The public aggregate page and its JSON (map_handlers.cpp).
void add_public_routes(WebApp& app, http::Router& router);
/// The OpenAPI 3.1 document of the JSON API (served at /api/v1/openapi.json).
nlohmann::json openapi_document();

}  // namespace kn::web
