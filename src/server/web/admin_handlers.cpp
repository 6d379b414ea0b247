// Routes of the admin area (/admin/...): login and logout, projects, users, the project
// dashboard with waves and response monitoring, roster and roster import, invitations with the
// one-time mail-merge download, free additions, data-protection requests, export and audit log.
//
// Every request goes through the same gate (Gate below):
//   1. a valid user session of an enabled user, else 303 to /admin/login (GET/HEAD) or 401;
//   2. state-changing requests: the session's CSRF form token (WebApp::csrf_ok), else 403;
//   3. routes with a project: repo.project_role(project, user), else 404 (existence is not
//      revealed), and the role the route needs, else 403.
// Partners see pseudonyms only, never names or contact data, and cannot export names.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <set>

#include "app/roster.hpp"
#include "app/survey/questionnaire.hpp"
#include "core/util/error.hpp"
#include "server/http/parse.hpp"
#include "server/web/admin_files.hpp"
#include "server/web/admin_pages.hpp"
#include "server/web/assets.hpp"
#include "server/web/html.hpp"
#include "server/web/map_pages.hpp"
#include "server/web/map_service.hpp"
#include "server/web/report_download.hpp"
#include "server/web/secrets.hpp"
#include "server/web/web_app.hpp"
#include "storage/network_bridge.hpp"

namespace kn::web {

namespace {

using http::Request;
using http::Response;
using storage::Id;
using storage::Role;

constexpr std::string_view kLoginCookie = "__Host-kn_login";

/// Rank for "at least": Partner < Researcher < Admin.
int rank(Role r) {
  switch (r) {
    case Role::Admin:
      return 3;
    case Role::Researcher:
      return 2;
    case Role::Partner:
      return 1;
  }
  return 0;
}

std::string lower_trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
    s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
    s.remove_suffix(1);
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
    s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
    s.remove_suffix(1);
  return std::string(s);
}

std::string field(const http::Params& form, std::string_view key) {
  const auto v = http::find_param(form, key);
  return v ? std::string(*v) : std::string();
}

std::optional<Id> parse_id(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  Id v = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v <= 0) return std::nullopt;
  return v;
}

bool valid_slug(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

bool plausible_email(std::string_view e) {
  const auto at = e.find('@');
  return e.size() >= 3 && e.size() <= 254 && at != std::string_view::npos && at > 0 &&
         at + 1 < e.size() && e.find_first_of(" \t\r\n<>\"") == std::string_view::npos;
}

/// A safe file-name part from a slug or wave name (html.hpp).
std::string file_part(std::string_view s) {
  return file_name_part(s, "export");
}

Response attachment(std::string body, std::string_view content_type, const std::string& filename) {
  Response r;
  r.status = 200;
  r.body = std::move(body);
  r.set_header("Content-Type", content_type);
  r.set_header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  r.set_header("Cache-Control", "no-store");
  return r;
}

/// The logged-in user of a request.
struct Auth {
  storage::Session session;
  storage::User user;
};

/// A request inside a project.
struct ProjectCtx {
  Auth auth;
  storage::Project project;
  Role role = Role::Partner;
};

class Admin : public std::enable_shared_from_this<Admin> {
 public:
  explicit Admin(WebApp& app) : app_(app), repo_(app.repo()) {}

  /// Adds the routes; each handler keeps this object alive (shared ownership by the router).
  void routes(http::Router& router);

 private:
  using AuthHandler = std::function<Response(Request&, Auth&)>;
  using ProjectHandler = std::function<Response(Request&, ProjectCtx&)>;

  // --- the gate ---------------------------------------------------------------------------------
  std::optional<Auth> authenticate(const Request& r) {
    auto s = app_.session(r, storage::SessionKind::User);
    if (!s) return std::nullopt;
    auto u = repo_.find_user(s->user_id);
    if (!u || u->disabled) return std::nullopt;
    return Auth{*s, *u};
  }

  static bool is_read(const Request& r) {
    return r.method == http::Method::Get || r.method == http::Method::Head;
  }

  static Response login_required(const Request& r) {
    if (is_read(r)) return local_redirect("/admin/login");
    return Response::text("login required\n", 401);
  }

  AdminContext context(const Request& r, const Auth& a) const {
    AdminContext c;
    c.lang = app_.lang(r);
    c.csrf = a.session.csrf_token;
    c.user_label = a.user.email;
    c.path = r.path;
    c.is_admin = a.user.role == Role::Admin;
    c.names = true;
    return c;
  }

  AdminContext context(const Request& r, const ProjectCtx& p) const {
    AdminContext c = context(r, p.auth);
    c.project = &p.project;
    c.role = p.role;
    c.names = p.role != Role::Partner;
    return c;
  }

  Response forbidden(const Request& r, const Auth& a) const {
    const auto c = context(r, a);
    return Response::html(render_message(c, app::tr(c.lang, "admin.error.forbidden_title"),
                                         app::tr(c.lang, "admin.error.forbidden")),
                          403);
  }

  Response not_found(const Request& r, const Auth& a) const {
    const auto c = context(r, a);
    return Response::html(render_message(c, app::tr(c.lang, "admin.error.not_found_title"),
                                         app::tr(c.lang, "admin.error.not_found")),
                          404);
  }

  Response csrf_failed(const Request& r) const {
    return Response::text(app::tr(app_.lang(r), "admin.error.csrf") + "\n", 403);
  }

  /// Authenticated route; POSTs (url-encoded) checked for the CSRF token unless `own_csrf`.
  http::Handler user(AuthHandler h, bool own_csrf = false) {
    return [this, h = std::move(h), own_csrf](Request& r) {
      auto a = authenticate(r);
      if (!a) return login_required(r);
      if (!is_read(r) && !own_csrf && !WebApp::csrf_ok(a->session, r.form())) return csrf_failed(r);
      return h(r, *a);
    };
  }

  /// Route with a project (route parameter {slug}) that needs at least `min` there.
  http::Handler project(Role min, ProjectHandler h, bool own_csrf = false) {
    return user(
        [this, min, h = std::move(h)](Request& r, Auth& a) {
          const auto slug = r.param("slug");
          auto p = slug ? repo_.find_project_by_slug(std::string(*slug)) : std::nullopt;
          if (!p) return not_found(r, a);
          const auto role = repo_.project_role(p->id, a.user.id);
          if (!role) return not_found(r, a);
          if (rank(*role) < rank(min)) return forbidden(r, a);
          ProjectCtx ctx{a, *p, *role};
          return h(r, ctx);
        },
        own_csrf);
  }

  /// A wave of the project named by {wave}; std::nullopt when absent or of another project.
  std::optional<storage::Wave> wave_of(const Request& r, const ProjectCtx& p) {
    const auto id = parse_id(r.param("wave").value_or(""));
    if (!id) return std::nullopt;
    auto w = repo_.find_wave(*id);
    if (!w || w->project_id != p.project.id) return std::nullopt;
    return w;
  }

  /// An actor of the project named by {actor} (not merged).
  std::optional<storage::Actor> actor_of(const Request& r, const ProjectCtx& p) {
    const auto id = parse_id(r.param("actor").value_or(""));
    if (!id) return std::nullopt;
    auto a = repo_.find_actor(*id);
    if (!a || a->project_id != p.project.id || a->merged_into) return std::nullopt;
    return a;
  }

  std::string object(const char* kind, Id id) {
    return std::string(kind) + ":" + std::to_string(id);
  }

  // --- login ------------------------------------------------------------------------------------
  Response login_page(const Request& r, const std::string& message, int status,
                      const std::string& email = {}) {
    const std::string token = new_token();
    http::SetCookie c;
    c.name = std::string(kLoginCookie);
    c.value = token;
    c.same_site = http::SameSite::Strict;
    c.max_age = std::chrono::seconds(3600);
    auto res = Response::html(render_login(app_.lang(r), token, email, message), status);
    res.add_cookie(c.to_string());
    return res;
  }

  Response get_login(Request& r) {
    if (authenticate(r)) return local_redirect("/admin/projects");
    return login_page(r, {}, 200);
  }

  Response post_login(Request& r) {
    const auto lang = app_.lang(r);
    const auto form = r.form();
    const auto cookie = r.cookie(kLoginCookie);
    const auto sent = http::find_param(form, "csrf");
    if (!cookie || !sent || cookie->size() < 20 || !equal_secret(*cookie, *sent))
      return csrf_failed(r);
    const std::string email = lower_trim(field(form, "email"));
    const std::string password = field(form, "password");
    auto limited = [&](const http::RateLimiter::Decision& d) {
      auto res = login_page(
          r,
          app::tr_format(lang, "admin.login.rate_limited", {std::to_string(d.retry_after.count())}),
          429, email);
      res.set_header("Retry-After", std::to_string(std::max<long long>(1, d.retry_after.count())));
      return res;
    };
    if (const auto d = app_.login_ip_limiter().check(r.remote_address); !d.allowed)
      return limited(d);
    if (const auto d = app_.login_account_limiter().check(email); !d.allowed) return limited(d);
    const auto u = email.size() <= 254 && password.size() <= 1024 ? repo_.find_user_by_email(email)
                                                                  : std::nullopt;
    // Always one Argon2id verification, so the time does not tell whether the account exists.
    const bool ok = verify_password(u ? u->password_hash : dummy_password_hash(), password);
    if (!u || !ok || u->disabled) {
      app_.audit(u ? u->id : 0, 0, "login.failed", u ? object("user", u->id) : std::string(),
                 u && ok ? "disabled" : "");
      return login_page(r, app::tr(lang, "admin.login.wrong"), 200, email);
    }
    app_.login_account_limiter().reset(email);
    auto res = local_redirect("/admin/projects");
    // A new session on every login (no fixation): the old one, if any, is deleted first.
    app_.end_session(r, res, storage::SessionKind::User);
    res.headers.remove("Set-Cookie");
    app_.start_session(res, storage::SessionKind::User, u->id, 0);
    http::SetCookie gone;
    gone.name = std::string(kLoginCookie);
    res.add_cookie(gone.to_delete_string());
    app_.audit(u->id, 0, "login", object("user", u->id));
    return res;
  }

  Response post_logout(Request& r) {
    auto a = authenticate(r);
    if (!a) return local_redirect("/admin/login");
    if (!WebApp::csrf_ok(a->session, r.form())) return csrf_failed(r);
    auto res = local_redirect("/admin/login");
    app_.end_session(r, res, storage::SessionKind::User);
    app_.audit(a->user.id, 0, "logout", object("user", a->user.id));
    return res;
  }

  // --- projects ---------------------------------------------------------------------------------
  std::vector<storage::Project> visible_projects(const Auth& a) {
    return a.user.role == Role::Admin ? repo_.list_projects()
                                      : repo_.list_projects_for_user(a.user.id);
  }

  Response projects_page(const Request& r, const Auth& a, const std::string& notice = {},
                         bool error = false, int status = 200) {
    auto c = context(r, a);
    c.notice = notice;
    c.notice_is_error = error;
    return Response::html(render_projects(c, visible_projects(a), a.user.role != Role::Partner),
                          status);
  }

  Response create_project(Request& r, Auth& a) {
    const auto lang = app_.lang(r);
    if (a.user.role == Role::Partner) return forbidden(r, a);
    const auto form = r.form();
    storage::Project p;
    p.slug = trim(field(form, "slug"));
    p.name = trim(field(form, "name"));
    p.lang = field(form, "lang") == "en" ? "en" : "de";
    const auto retention = parse_date(trim(field(form, "retention")));
    if (!valid_slug(p.slug))
      return projects_page(r, a, app::tr(lang, "admin.projects.bad_slug"), true, 400);
    if (p.name.empty() || p.name.size() > 200 || !http::is_valid_utf8(p.name))
      return projects_page(r, a, app::tr(lang, "admin.projects.bad_name"), true, 400);
    if (!retention)
      return projects_page(r, a, app::tr(lang, "admin.projects.bad_retention"), true, 400);
    p.retention_until = *retention;
    try {
      p = repo_.create_project(p);
    } catch (const storage::StorageError& e) {
      if (e.kind() != storage::StorageError::Kind::Conflict) throw;
      return projects_page(r, a, app::tr(lang, "admin.projects.exists"), true, 409);
    }
    p.retention_until = *retention;
    repo_.update_project(p);
    repo_.save_questionnaire(p.id, app::survey::default_questionnaire_json());
    if (a.user.role != Role::Admin) repo_.set_membership(p.id, a.user.id, Role::Researcher);
    app_.audit(a.user.id, p.id, "project.create", object("project", p.id));
    return local_redirect("/admin/p/" + p.slug);
  }

  // --- users ------------------------------------------------------------------------------------
  Response users_page(const Request& r, const Auth& a, const std::string& notice = {},
                      bool error = false, int status = 200) {
    auto c = context(r, a);
    c.notice = notice;
    c.notice_is_error = error;
    const auto projects = repo_.list_projects();
    std::vector<UserRow> rows;
    for (auto& u : repo_.list_users()) {
      UserRow row;
      for (const auto& p : repo_.list_projects_for_user(u.id))
        if (const auto role = repo_.project_role(p.id, u.id); role && u.role != Role::Admin)
          row.memberships.emplace_back(p.slug, *role);
      row.user = std::move(u);
      rows.push_back(std::move(row));
    }
    return Response::html(render_users(c, rows, projects), status);
  }

  Response get_users(Request& r, Auth& a) {
    if (a.user.role != Role::Admin) return forbidden(r, a);
    return users_page(r, a);
  }

  Response create_user(Request& r, Auth& a) {
    if (a.user.role != Role::Admin) return forbidden(r, a);
    const auto lang = app_.lang(r);
    const auto form = r.form();
    storage::User u;
    u.email = lower_trim(field(form, "email"));
    u.display_name = trim(field(form, "display_name"));
    const auto role = storage::parse_role(field(form, "role"));
    const std::string password = field(form, "password");
    if (!plausible_email(u.email) || !http::is_valid_utf8(u.email))
      return users_page(r, a, app::tr(lang, "admin.users.bad_email"), true, 400);
    if (!role) return users_page(r, a, app::tr(lang, "admin.users.bad_role"), true, 400);
    if (u.display_name.size() > 200 || !http::is_valid_utf8(u.display_name))
      return users_page(r, a, app::tr(lang, "admin.users.bad_name"), true, 400);
    if (const auto problem = password_problem(password, u.email); !problem.empty())
      return users_page(r, a, app::tr(lang, problem), true, 400);
    u.role = *role;
    u.password_hash = hash_password(password);
    try {
      u = repo_.create_user(u);
    } catch (const storage::StorageError& e) {
      if (e.kind() != storage::StorageError::Kind::Conflict) throw;
      return users_page(r, a, app::tr(lang, "admin.users.exists"), true, 409);
    }
    app_.audit(a.user.id, 0, "user.create", object("user", u.id),
               "role=" + std::string(storage::to_string(u.role)));
    return users_page(r, a, app::tr(lang, "admin.users.created"));
  }

  /// The user named by {id} for the admin's user actions.
  std::optional<storage::User> target_user(const Request& r) {
    const auto id = parse_id(r.param("id").value_or(""));
    return id ? repo_.find_user(*id) : std::nullopt;
  }

  Response set_user_role(Request& r, Auth& a) {
    if (a.user.role != Role::Admin) return forbidden(r, a);
    const auto lang = app_.lang(r);
    auto u = target_user(r);
    if (!u) return not_found(r, a);
    const auto role = storage::parse_role(field(r.form(), "role"));
    if (!role) return users_page(r, a, app::tr(lang, "admin.users.bad_role"), true, 400);
    if (u->id == a.user.id && *role != Role::Admin)
      return users_page(r, a, app::tr(lang, "admin.users.not_self"), true, 400);
    u->role = *role;
    repo_.update_user(*u);
    app_.audit(a.user.id, 0, "user.role", object("user", u->id),
               "role=" + std::string(storage::to_string(*role)));
    return users_page(r, a, app::tr(lang, "admin.users.saved"));
  }

  Response set_user_disabled(Request& r, Auth& a) {
    if (a.user.role != Role::Admin) return forbidden(r, a);
    const auto lang = app_.lang(r);
    auto u = target_user(r);
    if (!u) return not_found(r, a);
    const bool disabled = field(r.form(), "disabled") == "1";
    if (u->id == a.user.id && disabled)
      return users_page(r, a, app::tr(lang, "admin.users.not_self"), true, 400);
    u->disabled = disabled;
    repo_.update_user(*u);
    if (disabled) repo_.delete_user_sessions(u->id);
    app_.audit(a.user.id, 0, disabled ? "user.disable" : "user.enable", object("user", u->id));
    return users_page(r, a, app::tr(lang, "admin.users.saved"));
  }

  Response set_user_membership(Request& r, Auth& a) {
    if (a.user.role != Role::Admin) return forbidden(r, a);
    const auto lang = app_.lang(r);
    auto u = target_user(r);
    if (!u) return not_found(r, a);
    const auto form = r.form();
    const auto p = repo_.find_project_by_slug(field(form, "project"));
    if (!p) return users_page(r, a, app::tr(lang, "admin.users.bad_project"), true, 400);
    const std::string role_text = field(form, "role");
    if (role_text == "none") {
      repo_.remove_membership(p->id, u->id);
      app_.audit(a.user.id, p->id, "membership.remove", object("user", u->id));
    } else {
      const auto role = storage::parse_role(role_text);
      if (!role || *role == Role::Admin)
        return users_page(r, a, app::tr(lang, "admin.users.bad_role"), true, 400);
      repo_.set_membership(p->id, u->id, *role);
      app_.audit(a.user.id, p->id, "membership.set", object("user", u->id),
                 "role=" + std::string(storage::to_string(*role)));
    }
    return users_page(r, a, app::tr(lang, "admin.users.saved"));
  }

  // --- dashboard and waves ----------------------------------------------------------------------
  Response dashboard(const Request& r, ProjectCtx& p, const std::string& notice = {},
                     bool error = false, int status = 200) {
    auto c = context(r, p);
    c.notice = notice;
    c.notice_is_error = error;
    DashboardView v;
    for (const auto& a : repo_.list_actors(p.project.id)) {
      if (a.free_addition)
        ++v.free_additions;
      else
        ++v.actors;
    }
    for (auto& w : repo_.list_waves(p.project.id)) {
      WaveSummary s;
      s.counts = repo_.response_counts(w.id);
      storage::TieQuery q;
      q.wave_id = w.id;
      s.ties = repo_.list_ties(q).size();
      v.ties += s.ties;
      s.wave = std::move(w);
      v.waves.push_back(std::move(s));
    }
    v.retention_passed = p.project.retention_until != 0 && p.project.retention_until < app_.now();
    return Response::html(render_dashboard(c, v), status);
  }

  Response create_wave(Request& r, ProjectCtx& p) {
    const auto lang = app_.lang(r);
    storage::Wave w;
    w.project_id = p.project.id;
    w.name = trim(field(r.form(), "name"));
    if (w.name.empty() || w.name.size() > 100 || !http::is_valid_utf8(w.name))
      return dashboard(r, p, app::tr(lang, "admin.waves.bad_name"), true, 400);
    w.position = static_cast<int>(repo_.list_waves(p.project.id).size()) + 1;
    try {
      w = repo_.create_wave(w);
    } catch (const storage::StorageError& e) {
      if (e.kind() != storage::StorageError::Kind::Conflict) throw;
      return dashboard(r, p, app::tr(lang, "admin.waves.exists"), true, 409);
    }
    app_.audit(p.auth.user.id, p.project.id, "wave.create", object("wave", w.id));
    return local_redirect("/admin/p/" + p.project.slug);
  }

  Response wave_status(Request& r, ProjectCtx& p, storage::WaveStatus status) {
    const auto w = wave_of(r, p);
    if (!w) return not_found(r, p.auth);
    repo_.set_wave_status(w->id, status);
    app_.audit(p.auth.user.id, p.project.id,
               status == storage::WaveStatus::Open ? "wave.open" : "wave.close",
               object("wave", w->id));
    return local_redirect("/admin/p/" + p.project.slug);
  }

  // --- roster -----------------------------------------------------------------------------------
  std::vector<storage::Actor> roster(Id project_id) {
    auto all = repo_.list_actors(project_id);
    std::erase_if(all, [](const storage::Actor& a) { return a.free_addition; });
    return all;
  }

  Response get_roster(Request& r, ProjectCtx& p) {
    return Response::html(render_roster(context(r, p), roster(p.project.id)));
  }

  Response get_import(Request& r, ProjectCtx& p) {
    return Response::html(render_import(context(r, p), {}));
  }

  Response post_import(Request& r, ProjectCtx& p) {
    const auto lang = app_.lang(r);
    const auto boundary = http::multipart_boundary(r.header("Content-Type").value_or(""));
    if (!boundary) return Response::error(415);
    const auto parts = http::parse_multipart(r.body, *boundary);
    http::Params fields;
    const http::MultipartPart* file = nullptr;
    for (const auto& part : parts) {
      if (part.filename) {
        if (part.name == "file") file = &part;
      } else {
        fields.emplace_back(part.name, part.data);
      }
    }
    if (!WebApp::csrf_ok(p.auth.session, fields)) return csrf_failed(r);
    ImportReport report;
    auto c = context(r, p);
    if (file == nullptr || file->data.empty()) {
      report.error = app::tr(lang, "admin.import.no_file");
      return Response::html(render_import(c, report), 400);
    }
    // The file name as sent is only shown (escaped), never used as a path.
    std::string filename = file->filename->substr(file->filename->find_last_of("/\\") + 1);
    if (!http::is_valid_utf8(filename) || filename.size() > 200) filename = "upload";
    app::RosterOptions options;
    options.lang = lang;
    options.xlsx.sheet_name = trim(field(fields, "sheet"));
    app::RosterResult parsed;
    try {
      parsed = app::read_roster(file->data, filename, options);
    } catch (const app::RosterError& e) {
      report.error = e.detail();
      report.error_file = e.file();
      report.error_location = e.location();
      report.error_field = e.field();
      return Response::html(render_import(c, report), 422);
    } catch (const ParseError& e) {
      report.error = e.detail();
      report.error_file = e.file();
      report.error_location = e.location();
      report.error_field = e.field();
      return Response::html(render_import(c, report), 422);
    }
    // All actors in one transaction (apply_import); contact data of actors already stored are
    // kept by it and updated here where the file gives new ones.
    storage::NetworkImport batch;
    batch.project_id = p.project.id;
    std::map<std::string, const app::RosterEntry*> by_key;
    for (const auto& e : parsed.entries) {
      storage::Actor a;
      a.project_id = p.project.id;
      a.key = e.key;
      a.name = e.name;
      a.kind = std::string(app::actor_kind_key(e.kind));
      a.sector = e.sector;
      a.contact_name = e.contact_name;
      a.contact_email = e.contact_email;
      for (const auto& f : e.fields)
        a.fields.push_back({f, ""});
      if (!e.sub_type.empty()) a.attrs["sub_type"] = e.sub_type;
      for (const auto& [k, v] : e.attributes)
        a.attrs[k] = v;
      by_key[e.key] = &e;
      batch.actors.push_back(std::move(a));
    }
    const auto result = repo_.apply_import(batch);
    for (const auto& [key, e] : by_key) {
      auto stored = repo_.find_actor_by_key(p.project.id, key);
      if (!stored) continue;
      const bool name_new = !e->contact_name.empty() && e->contact_name != stored->contact_name;
      const bool mail_new = !e->contact_email.empty() && e->contact_email != stored->contact_email;
      if (!name_new && !mail_new) continue;
      if (name_new) stored->contact_name = e->contact_name;
      if (mail_new) stored->contact_email = e->contact_email;
      repo_.update_actor(*stored);
      ++report.contacts_updated;
    }
    report.done = true;
    report.created = result.actors_created;
    report.updated = result.actors_updated;
    for (const auto& w : parsed.problems) {
      std::string text;
      if (!w.location.empty()) text += w.location + ": ";
      if (!w.field.empty()) text += w.field + ": ";
      report.warnings.push_back(text + w.message);
    }
    app_.audit(p.auth.user.id, p.project.id, "roster.import", object("project", p.project.id),
               "rows=" + std::to_string(parsed.entries.size()) +
                   " created=" + std::to_string(result.actors_created) +
                   " updated=" + std::to_string(result.actors_updated) +
                   " contacts=" + std::to_string(report.contacts_updated) +
                   " warnings=" + std::to_string(parsed.problems.size()));
    return Response::html(render_import(c, report));
  }

  // --- invitations ------------------------------------------------------------------------------
  Response invitations_page(const Request& r, ProjectCtx& p, const storage::Wave& w,
                            const std::string& notice = {}) {
    auto c = context(r, p);
    c.notice = notice;
    std::map<Id, storage::Actor> actors;
    for (auto& a : repo_.list_actors(p.project.id))
      actors[a.id] = std::move(a);
    std::vector<InvitationRow> rows;
    std::set<Id> invited;
    for (auto& i : repo_.list_invitations(w.id)) {
      invited.insert(i.actor_id);
      const auto it = actors.find(i.actor_id);
      if (it == actors.end()) continue;
      rows.push_back({std::move(i), it->second});
    }
    std::sort(rows.begin(), rows.end(), [](const InvitationRow& x, const InvitationRow& y) {
      return x.actor.key < y.actor.key;
    });
    std::size_t without = 0;
    for (const auto& [id, a] : actors)
      if (!a.free_addition && !invited.contains(id)) ++without;
    return Response::html(render_invitations(c, w, rows, without));
  }

  Response get_invitations(Request& r, ProjectCtx& p) {
    const auto w = wave_of(r, p);
    if (!w) return not_found(r, p.auth);
    return invitations_page(r, p, *w);
  }

  Response mail_merge(const Request& r, const ProjectCtx& p, const storage::Wave& w,
                      const std::vector<std::pair<storage::Actor, std::string>>& links) {
    std::vector<MailMergeRow> rows;
    rows.reserve(links.size());
    const std::string base = app_.base_url(r) + "/s/";
    for (const auto& [a, token] : links)
      rows.push_back({a.key, a.name, a.contact_name, a.contact_email, base + token});
    return attachment(mail_merge_csv(rows), "text/csv; charset=utf-8",
                      "links-" + file_part(p.project.slug) + "-" + file_part(w.name) + ".csv");
  }

  Response create_invitations(Request& r, ProjectCtx& p) {
    const auto w = wave_of(r, p);
    if (!w) return not_found(r, p.auth);
    std::set<Id> invited;
    for (const auto& i : repo_.list_invitations(w->id))
      invited.insert(i.actor_id);
    std::vector<std::pair<storage::Actor, std::string>> links;
    for (const auto& a : roster(p.project.id)) {
      if (invited.contains(a.id)) continue;
      storage::Invitation inv;
      inv.wave_id = w->id;
      inv.actor_id = a.id;
      std::string token = new_token();
      inv.token_hash = token_hash(token);
      repo_.create_invitation(inv);
      links.emplace_back(a, std::move(token));
    }
    if (links.empty())
      return invitations_page(r, p, *w, app::tr(app_.lang(r), "admin.invitations.nothing"));
    app_.audit(p.auth.user.id, p.project.id, "invitations.create", object("wave", w->id),
               "count=" + std::to_string(links.size()));
    return mail_merge(r, p, *w, links);
  }

  Response renew_invitations(Request& r, ProjectCtx& p) {
    const auto w = wave_of(r, p);
    if (!w) return not_found(r, p.auth);
    const auto form = r.form();
    const bool all = field(form, "scope") == "all";
    std::set<Id> selected;
    for (const auto v : http::find_all_params(form, "invitation"))
      if (const auto id = parse_id(v)) selected.insert(*id);
    std::vector<std::pair<storage::Actor, std::string>> links;
    for (const auto& inv : repo_.list_invitations(w->id)) {
      if (!all && !selected.contains(inv.id)) continue;
      const auto a = repo_.find_actor(inv.actor_id);
      if (!a) continue;
      std::string token = new_token();
      repo_.set_invitation_token_hash(inv.id, token_hash(token));
      links.emplace_back(*a, std::move(token));
    }
    if (links.empty())
      return invitations_page(r, p, *w, app::tr(app_.lang(r), "admin.invitations.none_selected"));
    app_.audit(p.auth.user.id, p.project.id, "invitations.renew", object("wave", w->id),
               "count=" + std::to_string(links.size()) + (all ? " scope=all" : " scope=selected"));
    return mail_merge(r, p, *w, links);
  }

  // --- free additions ---------------------------------------------------------------------------
  Response additions_page(const Request& r, ProjectCtx& p, const std::string& notice = {},
                          bool error = false, int status = 200) {
    auto c = context(r, p);
    c.notice = notice;
    c.notice_is_error = error;
    std::vector<AdditionRow> rows;
    std::vector<storage::Actor> regular;
    std::map<Id, std::string> names;
    const auto all = repo_.list_actors(p.project.id);
    for (const auto& a : all)
      names[a.id] = a.name;
    for (const auto& a : all) {
      if (!a.free_addition) {
        regular.push_back(a);
        continue;
      }
      AdditionRow row{a, {}};
      if (c.names && a.added_by)
        if (const auto inv = repo_.find_invitation(*a.added_by))
          if (const auto it = names.find(inv->actor_id); it != names.end())
            row.added_by = it->second;
      rows.push_back(std::move(row));
    }
    return Response::html(render_additions(c, rows, regular), status);
  }

  Response get_additions(Request& r, ProjectCtx& p) { return additions_page(r, p); }

  Response merge_addition(Request& r, ProjectCtx& p) {
    const auto lang = app_.lang(r);
    const auto from = actor_of(r, p);
    if (!from || !from->free_addition) return not_found(r, p.auth);
    const auto into_id = parse_id(field(r.form(), "into"));
    const auto into = into_id ? repo_.find_actor(*into_id) : std::nullopt;
    if (!into || into->project_id != p.project.id || into->merged_into || into->id == from->id)
      return additions_page(r, p, app::tr(lang, "admin.additions.bad_target"), true, 400);
    repo_.merge_actor(from->id, into->id);
    app_.audit(p.auth.user.id, p.project.id, "actor.merge", object("actor", from->id),
               "into=" + object("actor", into->id));
    return additions_page(r, p, app::tr(lang, "admin.additions.merged"));
  }

  Response accept_addition(Request& r, ProjectCtx& p) {
    const auto lang = app_.lang(r);
    auto a = actor_of(r, p);
    if (!a || !a->free_addition) return not_found(r, p.auth);
    a->free_addition = false;
    repo_.update_actor(*a);
    app_.audit(p.auth.user.id, p.project.id, "actor.accept", object("actor", a->id));
    return additions_page(r, p, app::tr(lang, "admin.additions.accepted"));
  }

  // --- data protection --------------------------------------------------------------------------
  Response get_person(Request& r, ProjectCtx& p) {
    const auto a = actor_of(r, p);
    if (!a) return not_found(r, p.auth);
    const auto data = repo_.person_data(a->id);
    std::map<Id, std::string> actors, waves;
    for (const auto& x : repo_.list_actors(p.project.id, true))
      actors[x.id] = x.name;
    for (const auto& w : repo_.list_waves(p.project.id))
      waves[w.id] = w.name;
    return Response::html(render_person(context(r, p), data, actors, waves));
  }

  Response get_person_json(Request& r, ProjectCtx& p) {
    const auto a = actor_of(r, p);
    if (!a) return not_found(r, p.auth);
    const auto data = repo_.person_data(a->id);
    app_.audit(p.auth.user.id, p.project.id, "actor.access", object("actor", a->id),
               "reported=" + std::to_string(data.reported.size()) +
                   " mentioned=" + std::to_string(data.mentioned.size()));
    return attachment(
        person_data_json(p.project, data, app_.now()), http::kJsonUtf8,
        "person-" + file_part(p.project.slug) + "-" + std::to_string(a->id) + ".json");
  }

  Response erase_person(Request& r, ProjectCtx& p) {
    const auto lang = app_.lang(r);
    const auto a = actor_of(r, p);
    if (!a) return not_found(r, p.auth);
    const auto form = r.form();
    if (field(form, "confirm") != a->key) {
      auto c = context(r, p);
      c.notice = app::tr(lang, "admin.person.confirm_wrong");
      c.notice_is_error = true;
      std::map<Id, std::string> actors, waves;
      for (const auto& x : repo_.list_actors(p.project.id, true))
        actors[x.id] = x.name;
      for (const auto& w : repo_.list_waves(p.project.id))
        waves[w.id] = w.name;
      return Response::html(render_person(c, repo_.person_data(a->id), actors, waves), 400);
    }
    const auto policy = field(form, "policy") == "anonymise" ? storage::MentionPolicy::Anonymise
                                                             : storage::MentionPolicy::Delete;
    // erase_actor writes its own audit entry (counts only).
    repo_.erase_actor(a->id, policy, p.auth.user.id);
    auto c = context(r, p);
    c.notice = app::tr(lang, "admin.person.erased");
    return Response::html(render_roster(c, roster(p.project.id)));
  }

  Response get_export(Request& r, ProjectCtx& p) {
    const auto format = r.query_param("format");
    if (!format)
      return Response::html(render_export(context(r, p), repo_.list_waves(p.project.id)));
    const bool names = r.query_param("names").value_or("") == "1";
    if (names && p.role == Role::Partner) return forbidden(r, p.auth);
    storage::LoadOptions lo;
    lo.names = names;
    std::string wave_part = "all";
    if (const auto wave = r.query_param("wave"); wave && !wave->empty()) {
      const auto id = parse_id(*wave);
      const auto w = id ? repo_.find_wave(*id) : std::nullopt;
      if (!w || w->project_id != p.project.id) return not_found(r, p.auth);
      lo.waves.push_back(w->id);
      wave_part = file_part(w->name);
    }
    const bool actors_table = r.query_param("table").value_or("") == "actors";
    const auto net = storage::load_network(repo_, p.project.id, lo);
    auto file = export_network(net, *format, actors_table);
    if (!file) return Response::error(400, app::tr(app_.lang(r), "admin.export.bad_format"));
    app_.audit(p.auth.user.id, p.project.id, "export", object("project", p.project.id),
               "format=" + std::string(*format) + " names=" + (names ? "1" : "0") +
                   " wave=" + wave_part + (actors_table ? " table=actors" : ""));
    return attachment(
        std::move(file->body), file->content_type,
        file_part(p.project.slug) + "-" + wave_part + (names ? "-names" : "") + file->extension);
  }

  Response get_audit(Request& r, ProjectCtx& p) {
    std::map<Id, std::string> users;
    for (const auto& u : repo_.list_users())
      users[u.id] = u.display_name.empty() ? u.email : u.display_name;
    return Response::html(render_audit(context(r, p), repo_.list_audit(p.project.id, 500), users));
  }

  // --- questionnaire ------------------------------------------------------------------------
  QuestionnaireView questionnaire_view(const ProjectCtx& p) {
    QuestionnaireView view;
    if (const auto q = repo_.find_questionnaire(p.project.id)) view.current = *q;
    for (int v = view.current.version; v >= 1; --v)
      view.versions.push_back(v);
    view.text = view.current.version > 0 ? view.current.definition
                                         : app::survey::default_questionnaire_json();
    return view;
  }

  Response get_questionnaire(Request& r, ProjectCtx& p) {
    auto view = questionnaire_view(p);
    const auto parsed = app::survey::parse_questionnaire(view.text, "questionnaire");
    view.parsed = &parsed;
    return Response::html(render_questionnaire(context(r, p), view));
  }

  Response get_questionnaire_json(Request& r, ProjectCtx& p) {
    int version = 0;
    if (const auto v = r.query_param("version")) {
      const auto id = parse_id(*v);
      if (!id || *id > 1000000) return not_found(r, p.auth);
      version = static_cast<int>(*id);
    }
    std::string text = app::survey::default_questionnaire_json();
    if (const auto q = repo_.find_questionnaire(p.project.id, version))
      text = q->definition;
    else if (version != 0)
      return not_found(r, p.auth);
    auto res = Response::json_text(text);
    res.set_header("Content-Disposition",
                   "attachment; filename=\"questionnaire-" + p.project.slug + ".json\"");
    return res;
  }

  /// Stores a new version after full validation; on an error the posted text is shown again
  /// with the JSON path and field of the problem, and nothing is stored.
  Response post_questionnaire(Request& r, ProjectCtx& p) {
    const std::string text = field(r.form(), "definition");
    auto view = questionnaire_view(p);
    try {
      const auto parsed = app::survey::parse_questionnaire(text, "questionnaire");
      // Sections, relations and item keys that answers are stored under may grow, not vanish,
      // while a wave is open: renaming them would orphan stored answers.
      const auto previous = app::survey::parse_questionnaire(view.text, "previous");
      bool open = false;
      for (const auto& w : repo_.list_waves(p.project.id))
        if (w.status == storage::WaveStatus::Open) open = true;
      if (open)
        for (const auto& old : previous.sections)
          if (!parsed.find_section(old.id))
            throw kn::ParseError("questionnaire", "$.sections", "id",
                                 "section '" + old.id + "' is missing while a wave is open");
      const auto stored = repo_.save_questionnaire(p.project.id, text);
      app_.audit(p.auth.user.id, p.project.id, "questionnaire.save",
                 object("questionnaire", stored.id), "version=" + std::to_string(stored.version));
      return Response::redirect("/admin/p/" + p.project.slug + "/questionnaire");
    } catch (const kn::ParseError& e) {
      view.text = text;
      view.error = e.what();
      const auto parsed = app::survey::parse_questionnaire(
          view.current.version > 0 ? view.current.definition
                                   : app::survey::default_questionnaire_json(),
          "questionnaire");
      view.parsed = &parsed;
      return Response::html(render_questionnaire(context(r, p), view), 422);
    }
  }

  // --- map and network dashboard (docs/map.md) ------------------------------------------------
  static MapQuery map_query(const Request& r, const ProjectCtx& p) {
    MapQuery q;
    q.project_id = p.project.id;
    q.wave = r.query_param("wave").value_or("");
    q.relation = r.query_param("relation").value_or("");
    q.names = p.role != Role::Partner;
    return q;
  }

  Response get_map(Request& r, ProjectCtx& p) {
    AdminContext c = context(r, p);
    c.styles = {"map.css"};
    c.scripts = {"map.js"};
    c.body_class = "wide";
    MapPageView v;
    v.map_api = "/api/v1/projects/" + p.project.slug + "/map";
    v.layout_api = "/api/v1/projects/" + p.project.slug + "/layout";
    v.worker_url = asset_url("layout-worker.js");
    v.can_edit = p.role != Role::Partner;
    return Response::html(render_map_page(c, v));
  }

  Response get_network_dashboard(Request& r, ProjectCtx& p) {
    MapData data;
    try {
      MapQuery q = map_query(r, p);
      q.with_layout = false;
      data = app_.maps().load(q);
    } catch (const MapQueryError&) {
      return not_found(r, p.auth);
    }
    const auto d = app::dashboard(data.model);
    NetworkDashboardView v;
    v.data = &data;
    v.dashboard = &d;
    const auto metric = r.query_param("metric").value_or("quality");
    v.metric = metric == "ties"      ? HeatMetric::Ties
               : metric == "density" ? HeatMetric::Density
                                     : HeatMetric::Quality;
    v.can_publish = p.role != Role::Partner;
    AdminContext c = context(r, p);
    c.body_class = "wide";
    return Response::html(render_network_dashboard(c, v));
  }

  /// The city report (report_download.hpp): everyone who sees the dashboard, names=1 only for
  /// those who see names on the map.
  Response get_report(Request& r, ProjectCtx& p) {
    auto d = report_download(app_, p.project, p.role, p.auth.user.id, r);
    switch (d.status) {
      case 200:
        return std::move(d.response);
      case 403: {
        const auto c = context(r, p);
        return Response::html(
            render_message(c, app::tr(c.lang, "admin.error.forbidden_title"), d.message), 403);
      }
      case 404:
        return not_found(r, p.auth);
      default: {
        const auto c = context(r, p);
        return Response::html(
            render_message(c, app::tr(c.lang, "map.report.error_title"), d.message), d.status);
      }
    }
  }

  Response post_public(Request& r, ProjectCtx& p) {
    const auto& form = r.form();
    storage::Project updated = p.project;
    updated.public_view = field(form, "public_view") == "1";
    const std::string min = field(form, "min_group");
    int value = 0;
    const bool digits =
        !min.empty() && min.size() <= 3 && std::all_of(min.begin(), min.end(), [](char ch) {
          return std::isdigit(static_cast<unsigned char>(ch)) != 0;
        });
    if (digits) value = std::stoi(min);
    if (!digits || value < 2 || value > 100) {
      AdminContext c = context(r, p);
      return Response::html(render_message(c, app::tr(c.lang, "map.public.title"),
                                           app::tr(c.lang, "map.public.min_group_invalid")),
                            400);
    }
    updated.public_min_group = value;
    repo_.update_project(updated);
    app_.audit(p.auth.user.id, p.project.id, "project.public", object("project", p.project.id),
               std::string("on=") + (updated.public_view ? "1" : "0") +
                   " min_group=" + std::to_string(value));
    return local_redirect("/admin/p/" + p.project.slug + "/dashboard");
  }

  Response erase_project(Request& r, ProjectCtx& p) {
    if (p.auth.user.role != Role::Admin) return forbidden(r, p.auth);
    const auto lang = app_.lang(r);
    if (field(r.form(), "confirm") != p.project.slug)
      return dashboard(r, p, app::tr(lang, "admin.retention.confirm_wrong"), true, 400);
    const Id id = p.project.id;
    repo_.delete_project(id);
    app_.audit(p.auth.user.id, 0, "project.erase", object("project", id),
               p.project.retention_until != 0 && p.project.retention_until < app_.now()
                   ? "retention=passed"
                   : "retention=open");
    return projects_page(r, p.auth, app::tr(lang, "admin.retention.erased"));
  }

  WebApp& app_;
  storage::Repository& repo_;
};

void Admin::routes(http::Router& outer) {
  using storage::WaveStatus;
  /// Adds routes whose handlers own a reference to this Admin.
  struct Owning {
    http::Router& router;
    std::shared_ptr<Admin> self;
    void get(std::string_view pattern, http::Handler h, http::RouteOptions o = {}) {
      router.get(
          pattern, [keep = self, h = std::move(h)](Request& r) { return h(r); }, o);
    }
    void post(std::string_view pattern, http::Handler h, http::RouteOptions o = {}) {
      router.post(
          pattern, [keep = self, h = std::move(h)](Request& r) { return h(r); }, o);
    }
  } router{outer, shared_from_this()};
  router.get("/admin", [this](Request& r) {
    return authenticate(r) ? local_redirect("/admin/projects") : local_redirect("/admin/login");
  });
  router.get("/admin/login", [this](Request& r) { return get_login(r); });
  router.post("/admin/login", [this](Request& r) { return post_login(r); });
  router.post("/admin/logout", [this](Request& r) { return post_logout(r); });

  router.get("/admin/projects", user([this](Request& r, Auth& a) { return projects_page(r, a); }));
  router.post("/admin/projects",
              user([this](Request& r, Auth& a) { return create_project(r, a); }));
  router.get("/admin/users", user([this](Request& r, Auth& a) { return get_users(r, a); }));
  router.post("/admin/users", user([this](Request& r, Auth& a) { return create_user(r, a); }));
  router.post("/admin/users/{id}/role",
              user([this](Request& r, Auth& a) { return set_user_role(r, a); }));
  router.post("/admin/users/{id}/disable",
              user([this](Request& r, Auth& a) { return set_user_disabled(r, a); }));
  router.post("/admin/users/{id}/membership",
              user([this](Request& r, Auth& a) { return set_user_membership(r, a); }));

  const Role any = Role::Partner;
  const Role research = Role::Researcher;
  auto ph = [this](Response (Admin::*fn)(Request&, ProjectCtx&)) {
    return [this, fn](Request& r, ProjectCtx& p) { return (this->*fn)(r, p); };
  };
  router.get("/admin/p/{slug}",
             project(any, [this](Request& r, ProjectCtx& p) { return dashboard(r, p); }));
  router.post("/admin/p/{slug}/waves", project(research, ph(&Admin::create_wave)));
  router.post("/admin/p/{slug}/waves/{wave}/open",
              project(research, [this](Request& r, ProjectCtx& p) {
                return wave_status(r, p, WaveStatus::Open);
              }));
  router.post("/admin/p/{slug}/waves/{wave}/close",
              project(research, [this](Request& r, ProjectCtx& p) {
                return wave_status(r, p, WaveStatus::Closed);
              }));
  router.get("/admin/p/{slug}/waves/{wave}/invitations", project(any, ph(&Admin::get_invitations)));
  router.post("/admin/p/{slug}/waves/{wave}/invitations",
              project(research, ph(&Admin::create_invitations)));
  router.post("/admin/p/{slug}/waves/{wave}/invitations/renew",
              project(research, ph(&Admin::renew_invitations)));
  router.get("/admin/p/{slug}/actors", project(any, ph(&Admin::get_roster)));
  router.get("/admin/p/{slug}/import", project(research, ph(&Admin::get_import)));
  http::RouteOptions upload;
  upload.max_body = http::kUploadBodyLimit;
  router.post("/admin/p/{slug}/import", project(research, ph(&Admin::post_import), true), upload);
  router.get("/admin/p/{slug}/additions", project(any, ph(&Admin::get_additions)));
  router.post("/admin/p/{slug}/additions/{actor}/merge",
              project(research, ph(&Admin::merge_addition)));
  router.post("/admin/p/{slug}/additions/{actor}/accept",
              project(research, ph(&Admin::accept_addition)));
  router.get("/admin/p/{slug}/actors/{actor}", project(research, ph(&Admin::get_person)));
  router.get("/admin/p/{slug}/actors/{actor}/data.json",
             project(research, ph(&Admin::get_person_json)));
  router.post("/admin/p/{slug}/actors/{actor}/erase", project(research, ph(&Admin::erase_person)));
  router.get("/admin/p/{slug}/export", project(any, ph(&Admin::get_export)));
  router.get("/admin/p/{slug}/audit", project(research, ph(&Admin::get_audit)));
  router.get("/admin/p/{slug}/questionnaire", project(any, ph(&Admin::get_questionnaire)));
  router.get("/admin/p/{slug}/questionnaire.json",
             project(any, ph(&Admin::get_questionnaire_json)));
  router.post("/admin/p/{slug}/questionnaire", project(research, ph(&Admin::post_questionnaire)),
              http::RouteOptions{std::size_t{256} * 1024, false});
  router.post("/admin/p/{slug}/erase", project(Role::Admin, ph(&Admin::erase_project)));
  router.get("/admin/p/{slug}/map", project(any, ph(&Admin::get_map)));
  router.get("/admin/p/{slug}/dashboard", project(any, ph(&Admin::get_network_dashboard)));
  router.get("/admin/p/{slug}/report", project(any, ph(&Admin::get_report)));
  router.post("/admin/p/{slug}/public", project(research, ph(&Admin::post_public)));
}

}  // namespace

void add_admin_routes(WebApp& app, http::Router& router) {
  // The router's handlers own the Admin; the WebApp outlives the router.
  std::make_shared<Admin>(app)->routes(router);
}

}  // namespace kn::web
