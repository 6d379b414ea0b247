// WebApp: sessions, CSRF form tokens, language, rate limiters and the routes shared by all
// parts (static assets, language switch, health check). See web_app.hpp.

#include "server/web/web_app.hpp"

#include "server/web/map_service.hpp"

#include <ctime>

#include "server/http/parse.hpp"
#include "server/web/assets.hpp"
#include "server/web/secrets.hpp"

namespace kn::web {

WebApp::WebApp(storage::Repository& repo, WebOptions options)
    : repo_(repo),
      options_(std::move(options)),
      login_ip_(options_.login_per_ip),
      login_account_(options_.login_per_account),
      token_ip_(options_.token_per_ip),
      submit_(options_.submit_per_invitation),
      maps_(std::make_unique<MapService>(repo)) {
  init_secrets();
}

WebApp::~WebApp() = default;

storage::Time WebApp::now() const {
  if (options_.clock) return options_.clock();
  return static_cast<storage::Time>(std::time(nullptr));
}

app::Lang WebApp::lang(const http::Request& request, app::Lang fallback) const {
  if (const auto c = request.cookie(kLangCookie)) {
    if (*c == "de") return app::Lang::De;
    if (*c == "en") return app::Lang::En;
  }
  if (const auto al = request.header("Accept-Language")) {
    const std::string picked = http::pick_language(*al, std::array<std::string_view, 2>{"de", "en"},
                                                   app::lang_code(fallback));
    return picked == "en" ? app::Lang::En : app::Lang::De;
  }
  return fallback;
}

namespace {

std::string_view cookie_name(storage::SessionKind kind) {
  return kind == storage::SessionKind::User ? kUserCookie : kRespondentCookie;
}

}  // namespace

std::optional<storage::Session> WebApp::session(const http::Request& request,
                                                storage::SessionKind kind) {
  const auto value = request.cookie(cookie_name(kind));
  if (!value || value->size() < 20 || value->size() > 100) return std::nullopt;
  auto s = repo_.find_session(token_hash(*value), now());
  if (!s || s->kind != kind) return std::nullopt;
  return s;
}

storage::Session WebApp::start_session(http::Response& response, storage::SessionKind kind,
                                       storage::Id user_id, storage::Id invitation_id) {
  const std::string token = new_token();
  storage::Session s;
  s.token_hash = token_hash(token);
  s.kind = kind;
  s.user_id = user_id;
  s.invitation_id = invitation_id;
  s.csrf_token = new_token();
  s.created_at = now();
  const auto ttl = kind == storage::SessionKind::User ? options_.user_session_ttl
                                                      : options_.respondent_session_ttl;
  s.expires_at = s.created_at + ttl.count();
  repo_.create_session(s);
  http::SetCookie cookie;
  cookie.name = std::string(cookie_name(kind));
  cookie.value = token;
  cookie.same_site =
      kind == storage::SessionKind::User ? http::SameSite::Strict : http::SameSite::Lax;
  // Respondent sessions outlive the browser session (pause and resume); login sessions do not.
  if (kind == storage::SessionKind::Respondent) cookie.max_age = ttl;
  response.add_cookie(cookie.to_string());
  return s;
}

void WebApp::end_session(const http::Request& request, http::Response& response,
                         storage::SessionKind kind) {
  if (const auto value = request.cookie(cookie_name(kind)))
    repo_.delete_session(token_hash(*value));
  http::SetCookie cookie;
  cookie.name = std::string(cookie_name(kind));
  response.add_cookie(cookie.to_delete_string());
}

bool WebApp::csrf_ok(const storage::Session& session, const http::Params& form) {
  const auto value = http::find_param(form, "csrf");
  return value && !session.csrf_token.empty() && equal_secret(*value, session.csrf_token);
}

std::string WebApp::base_url(const http::Request& request) const {
  if (!options_.public_base_url.empty()) {
    std::string b = options_.public_base_url;
    while (!b.empty() && b.back() == '/')
      b.pop_back();
    return b;
  }
  const auto host = request.header("Host");
  return std::string(options_.behind_tls ? "https://" : "http://") +
         std::string(host ? *host : "127.0.0.1");
}

void WebApp::audit(storage::Id user_id, storage::Id project_id, const std::string& action,
                   const std::string& object, const std::string& detail) {
  storage::AuditEntry e;
  e.at = now();
  e.user_id = user_id;
  e.project_id = project_id;
  e.action = action;
  e.object = object;
  e.detail = detail;
  repo_.append_audit(e);
}

http::Response local_redirect(std::string_view target) {
  const bool local = !target.empty() && target.front() == '/' &&
                     (target.size() == 1 || (target[1] != '/' && target[1] != '\\')) &&
                     target.find_first_of("\r\n") == std::string_view::npos;
  return http::Response::redirect(local ? target : "/");
}

void WebApp::register_routes(http::Router& router) {
  router.get("/static/{path...}", [](http::Request& r) {
    auto res = static_assets()(r);
    return res;
  });
  // Liveness for a load balancer: one trivial query (the full integrity check is O(database)
  // and belongs to maintenance, Repository::integrity_check).
  router.get("/healthz", [this](http::Request&) {
    try {
      repo_.ping();
    } catch (const storage::StorageError&) {
      return http::Response::text("database: unavailable\n", 503);
    }
    return http::Response::text("ok\n");
  });
  // Language switch: a cookie, then back to the page (a local path only).
  router.get("/lang", [this](http::Request& r) {
    const auto to = r.query_param("to");
    const std::string lang = to && *to == "en" ? "en" : "de";
    const auto back = r.query_param("back");
    auto res = local_redirect(back ? *back : "/");
    res.status = 303;
    http::SetCookie cookie;
    cookie.name = std::string(kLangCookie);
    cookie.value = lang;
    cookie.max_age = std::chrono::seconds(365LL * 24 * 3600);
    cookie.http_only = false;
    res.add_cookie(cookie.to_string());
    (void)this;
    return res;
  });
  router.get("/", [](http::Request&) { return http::Response::redirect("/admin"); });
  add_survey_routes(*this, router);
  add_admin_routes(*this, router);
  add_api_routes(*this, router);
  add_public_routes(*this, router);
}

}  // namespace kn::web
