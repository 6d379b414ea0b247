// Admin page rendering (see admin_pages.hpp). Every text from the catalogues (admin.*), every
// value escaped, every form with the CSRF token; no inline scripts or styles (CSP).
// SPDX-License-Identifier: GPL-3.0-or-later

#include "server/web/admin_pages.hpp"

#include <algorithm>

#include "server/web/admin_files.hpp"
#include "server/web/html.hpp"

namespace kn::web {

namespace {

using app::Lang;
using storage::Role;

std::string role_name(Lang lang, Role role) {
  return t(lang, "admin.role." + std::string(storage::to_string(role)));
}

std::string status_name(Lang lang, storage::WaveStatus s) {
  return t(lang, "admin.wave.status." + std::string(storage::to_string(s)));
}

std::string inv_status_name(Lang lang, storage::InvitationStatus s) {
  return t(lang, "admin.invitation.status." + std::string(storage::to_string(s)));
}

std::string project_base(const AdminContext& ctx) {
  return "/admin/p/" + ctx.project->slug;
}

/// Form start with the CSRF token.
std::string form(const AdminContext& ctx, const std::string& action, const std::string& cls = {},
                 const std::string& extra = {}) {
  std::string h = "<form method=\"post\" action=\"" + esc(action) + "\"";
  if (!cls.empty()) h += " class=\"" + cls + "\"";
  h += extra + ">" + csrf_field(ctx.csrf);
  return h;
}

std::string button(Lang lang, const char* key, const char* cls = "primary") {
  return std::string("<button type=\"submit\" class=\"") + cls + "\">" + t(lang, key) + "</button>";
}

/// The name shown for an actor: the name for researchers, the pseudonym for partners.
std::string shown_name(const AdminContext& ctx, const storage::Actor& a) {
  return ctx.names ? a.name : a.pseudonym;
}

std::string percent(std::size_t part, std::size_t whole) {
  if (whole == 0) return "0";
  return std::to_string((part * 100 + whole / 2) / whole);
}

/// A response-rate bar: a <meter> (no inline style needed under the CSP) and the number.
std::string rate_cell(std::size_t part, std::size_t whole) {
  const std::string p = percent(part, whole);
  return "<td class=\"num\"><meter class=\"bar\" min=\"0\" max=\"100\" value=\"" + p +
         "\" aria-hidden=\"true\"></meter> " + p + " %</td>";
}

}  // namespace

std::string sector_name(Lang lang, const std::string& sector) {
  if (sector.empty()) return app::tr(lang, "admin.sector.none");
  return app::tr_or(lang, "sector." + sector, sector);
}

std::string admin_page(const AdminContext& ctx, const std::string& title,
                       const std::string& main_html) {
  PageOptions o;
  o.lang = ctx.lang;
  o.title = title;
  o.lang_return = ctx.path;
  o.admin = true;
  o.user_label = ctx.user_label;
  o.csrf = ctx.csrf;
  o.notice = ctx.notice;
  o.notice_is_error = ctx.notice_is_error;
  o.styles = ctx.styles;
  o.scripts = ctx.scripts;
  o.body_class = ctx.body_class;
  o.nav.push_back(
      {"/admin/projects", t(ctx.lang, "admin.nav.projects"), ctx.path == "/admin/projects"});
  if (ctx.is_admin)
    o.nav.push_back({"/admin/users", t(ctx.lang, "admin.nav.users"), ctx.path == "/admin/users"});
  if (ctx.project != nullptr) {
    const std::string b = project_base(ctx);
    auto link = [&](const std::string& href, const char* key) {
      o.nav.push_back({href, t(ctx.lang, key), ctx.path == href});
    };
    link(b, "admin.nav.dashboard");
    link(b + "/map", "admin.nav.map");
    link(b + "/dashboard", "admin.nav.network");
    link(b + "/actors", "admin.nav.roster");
    if (ctx.names) link(b + "/import", "admin.nav.import");
    link(b + "/additions", "admin.nav.additions");
    link(b + "/export", "admin.nav.export");
    link(b + "/questionnaire", "admin.nav.questionnaire");
    if (ctx.names) link(b + "/audit", "admin.nav.audit");
  }
  return page(o, main_html);
}

std::string render_login(Lang lang, const std::string& csrf, const std::string& email,
                         const std::string& message) {
  std::string h = "<h1>" + t(lang, "admin.login.title") + "</h1>";
  if (!message.empty())
    h += "<div class=\"notice error\" role=\"alert\">" + esc(message) + "</div>";
  h += "<form method=\"post\" action=\"/admin/login\" class=\"login\">" + csrf_field(csrf);
  h += "<div class=\"q\"><label for=\"email\">" + t(lang, "admin.login.email") +
       "</label><input type=\"email\" id=\"email\" name=\"email\" autocomplete=\"username\" "
       "required "
       "maxlength=\"254\" value=\"" +
       esc(email) + "\"></div>";
  h += "<div class=\"q\"><label for=\"password\">" + t(lang, "admin.login.password") +
       "</label><input type=\"password\" id=\"password\" name=\"password\" "
       "autocomplete=\"current-password\" required maxlength=\"256\"></div>";
  h += "<div class=\"buttons\">" + button(lang, "admin.login.submit") + "</div></form>";
  PageOptions o;
  o.lang = lang;
  o.title = app::tr(lang, "admin.login.title");
  o.lang_return = "/admin/login";
  o.admin = true;
  return page(o, h);
}

std::string render_projects(const AdminContext& ctx, const std::vector<storage::Project>& projects,
                            bool can_create) {
  const auto lang = ctx.lang;
  std::string h = "<h1>" + t(lang, "admin.projects.title") + "</h1>";
  if (projects.empty()) {
    h += "<p>" + t(lang, "admin.projects.none") + "</p>";
  } else {
    h += "<table><thead><tr><th>" + t(lang, "admin.projects.name") + "</th><th>" +
         t(lang, "admin.projects.slug") + "</th><th>" + t(lang, "admin.projects.lang") +
         "</th><th>" + t(lang, "admin.projects.retention") + "</th></tr></thead><tbody>";
    for (const auto& p : projects)
      h += "<tr><td><a href=\"/admin/p/" + esc(p.slug) + "\">" + esc(p.name) +
           "</a></td><td><code>" + esc(p.slug) + "</code></td><td>" + esc(p.lang) + "</td><td>" +
           esc(format_date(p.retention_until)) + "</td></tr>";
    h += "</tbody></table>";
  }
  if (can_create) {
    h += "<h2>" + t(lang, "admin.projects.create") + "</h2>" + form(ctx, "/admin/projects");
    h += "<div class=\"q\"><label for=\"slug\">" + t(lang, "admin.projects.slug") +
         "</label><input id=\"slug\" name=\"slug\" required maxlength=\"64\" "
         "pattern=\"[a-z0-9-]{1,64}\"> "
         "<span class=\"hint\">" +
         t(lang, "admin.projects.slug_hint") + "</span></div>";
    h += "<div class=\"q\"><label for=\"name\">" + t(lang, "admin.projects.name") +
         "</label><input id=\"name\" name=\"name\" required maxlength=\"200\"></div>";
    h += "<div class=\"q\"><label for=\"lang\">" + t(lang, "admin.projects.lang") +
         "</label><select id=\"lang\" name=\"lang\"><option value=\"de\">Deutsch</option><option "
         "value=\"en\">English</option></select></div>";
    h += "<div class=\"q\"><label for=\"retention\">" + t(lang, "admin.projects.retention") +
         "</label><input type=\"date\" id=\"retention\" name=\"retention\" required></div>";
    h += "<div class=\"buttons\">" + button(lang, "admin.projects.create") + "</div></form>";
  }
  return admin_page(ctx, app::tr(lang, "admin.projects.title"), h);
}

std::string render_users(const AdminContext& ctx, const std::vector<UserRow>& users,
                         const std::vector<storage::Project>& projects) {
  const auto lang = ctx.lang;
  std::string h = "<h1>" + t(lang, "admin.users.title") + "</h1>";
  h += "<table><thead><tr><th>" + t(lang, "admin.users.email") + "</th><th>" +
       t(lang, "admin.users.display_name") + "</th><th>" + t(lang, "admin.users.role") +
       "</th><th>" + t(lang, "admin.users.memberships") + "</th><th>" +
       t(lang, "admin.users.actions") + "</th></tr></thead><tbody>";
  auto role_select = [&](const std::string& id, Role current, bool with_admin) {
    std::string s = "<select id=\"" + id + "\" name=\"role\">";
    for (const Role r : {Role::Admin, Role::Researcher, Role::Partner}) {
      if (r == Role::Admin && !with_admin) continue;
      const std::string v(storage::to_string(r));
      s += "<option value=\"" + v + "\"" + (r == current ? " selected" : "") + ">" +
           role_name(lang, r) + "</option>";
    }
    return s + "</select>";
  };
  for (const auto& row : users) {
    const auto& u = row.user;
    const std::string id = std::to_string(u.id);
    const std::string action = "/admin/users/" + id;
    h += "<tr><td>" + esc(u.email) +
         (u.disabled ? " <strong>(" + t(lang, "admin.users.disabled") + ")</strong>" : "") +
         "</td><td>" + esc(u.display_name) + "</td><td>" + role_name(lang, u.role) +
         "</td><td><ul>";
    for (const auto& [slug, role] : row.memberships)
      h += "<li><code>" + esc(slug) + "</code>: " + role_name(lang, role) + "</li>";
    h += "</ul></td><td>";
    h += form(ctx, action + "/role", "inline");
    h += "<label for=\"role-" + id + "\" class=\"visually-hidden\">" + t(lang, "admin.users.role") +
         "</label>";
    h += role_select("role-" + id, u.role, true) +
         button(lang, "admin.users.set_role", "secondary") + "</form> ";
    h += form(ctx, action + "/disable", "inline") +
         "<input type=\"hidden\" name=\"disabled\" value=\"" + (u.disabled ? "0" : "1") + "\">" +
         button(lang, u.disabled ? "admin.users.enable" : "admin.users.disable", "secondary") +
         "</form> ";
    if (!projects.empty()) {
      h += form(ctx, action + "/membership", "inline");
      h += "<label for=\"mp-" + id + "\" class=\"visually-hidden\">" +
           t(lang, "admin.users.project") + "</label>";
      h += "<select id=\"mp-" + id + "\" name=\"project\">";
      for (const auto& p : projects)
        h += "<option value=\"" + esc(p.slug) + "\">" + esc(p.name) + "</option>";
      h += "</select><label for=\"mr-" + id + "\" class=\"visually-hidden\">" +
           t(lang, "admin.users.role") + "</label>";
      h += "<select id=\"mr-" + id + "\" name=\"role\"><option value=\"researcher\">" +
           role_name(lang, Role::Researcher) + "</option><option value=\"partner\">" +
           role_name(lang, Role::Partner) + "</option><option value=\"none\">" +
           t(lang, "admin.users.no_access") + "</option></select>" +
           button(lang, "admin.users.set_membership", "secondary") + "</form>";
    }
    h += "</td></tr>";
  }
  h += "</tbody></table>";
  h += "<h2>" + t(lang, "admin.users.create") + "</h2>" + form(ctx, "/admin/users");
  h += "<div class=\"q\"><label for=\"new-email\">" + t(lang, "admin.users.email") +
       "</label><input type=\"email\" id=\"new-email\" name=\"email\" required maxlength=\"254\" "
       "autocomplete=\"off\"></div>";
  h += "<div class=\"q\"><label for=\"new-name\">" + t(lang, "admin.users.display_name") +
       "</label><input id=\"new-name\" name=\"display_name\" maxlength=\"200\"></div>";
  h += "<div class=\"q\"><label for=\"new-role\">" + t(lang, "admin.users.role") + "</label>" +
       role_select("new-role", Role::Researcher, true) + "</div>";
  h += "<div class=\"q\"><label for=\"new-password\">" + t(lang, "admin.users.password") +
       "</label><input type=\"password\" id=\"new-password\" name=\"password\" required "
       "autocomplete=\"new-password\" minlength=\"12\" maxlength=\"128\"> <span class=\"hint\">" +
       t(lang, "admin.users.password_hint") + "</span></div>";
  h += "<div class=\"buttons\">" + button(lang, "admin.users.create") + "</div></form>";
  return admin_page(ctx, app::tr(lang, "admin.users.title"), h);
}

std::string render_dashboard(const AdminContext& ctx, const DashboardView& view) {
  const auto lang = ctx.lang;
  const auto& p = *ctx.project;
  const std::string b = project_base(ctx);
  std::string h = "<h1>" + esc(p.name) + "</h1>";
  h += "<p>" +
       tf(lang, "admin.dashboard.role",
          {app::tr(lang, "admin.role." + std::string(storage::to_string(ctx.role)))}) +
       "</p>";
  if (view.retention_passed)
    h += "<div class=\"notice error\" role=\"alert\">" +
         tf(lang, "admin.retention.passed", {format_date(p.retention_until)}) + "</div>";
  h += "<div class=\"cards\">";
  auto card = [&](const char* key, const std::string& value, const std::string& href) {
    h += "<div class=\"card\"><div class=\"value\">" + esc(value) + "</div><div>";
    h += href.empty() ? t(lang, key) : "<a href=\"" + esc(href) + "\">" + t(lang, key) + "</a>";
    h += "</div></div>";
  };
  card("admin.dashboard.actors", std::to_string(view.actors), b + "/actors");
  card("admin.dashboard.ties", std::to_string(view.ties), "");
  card("admin.dashboard.additions", std::to_string(view.free_additions), b + "/additions");
  card("admin.dashboard.retention", p.retention_until ? format_date(p.retention_until) : "–", "");
  h += "</div>";

  h += "<h2>" + t(lang, "admin.waves.title") + "</h2>";
  if (view.waves.empty()) h += "<p>" + t(lang, "admin.waves.none") + "</p>";
  for (const auto& ws : view.waves) {
    const auto& w = ws.wave;
    const std::string wb = b + "/waves/" + std::to_string(w.id);
    h += "<section class=\"wave\"><h3>" + tf(lang, "admin.waves.heading", {w.name}) + " · " +
         status_name(lang, w.status) + "</h3><p>";
    if (w.opened_at) h += tf(lang, "admin.waves.opened_at", {format_time(w.opened_at)}) + " ";
    if (w.closed_at) h += tf(lang, "admin.waves.closed_at", {format_time(w.closed_at)}) + " ";
    h += tf(lang, "admin.waves.ties", {std::to_string(ws.ties)}) + "</p>";
    if (ctx.names) {
      h += "<p>";
      if (w.status != storage::WaveStatus::Open)
        h += form(ctx, wb + "/open", "inline") + button(lang, "admin.waves.open", "secondary") +
             "</form> ";
      if (w.status == storage::WaveStatus::Open)
        h += form(ctx, wb + "/close", "inline",
                  " data-confirm=\"" + t(lang, "admin.waves.close_confirm") + "\"") +
             button(lang, "admin.waves.close", "secondary") + "</form> ";
      h += "</p>";
    }
    h += "<p><a href=\"" + esc(wb + "/invitations") + "\">" + t(lang, "admin.waves.invitations") +
         "</a></p>";
    // Response monitoring by sector.
    std::size_t inv = 0, st = 0, sub = 0;
    std::string rows;
    for (const auto& c : ws.counts) {
      inv += c.invited;
      st += c.started;
      sub += c.submitted;
      rows += "<tr><td>" + esc(sector_name(lang, c.sector)) + "</td><td class=\"num\">" +
              std::to_string(c.invited) + "</td><td class=\"num\">" + std::to_string(c.started) +
              "</td><td class=\"num\">" + std::to_string(c.submitted) + "</td>" +
              rate_cell(c.submitted, c.invited) + "</tr>";
    }
    h += "<table class=\"monitor\"><caption>" + t(lang, "admin.monitor.caption") +
         "</caption><thead><tr><th>" + t(lang, "admin.monitor.sector") + "</th><th class=\"num\">" +
         t(lang, "admin.monitor.invited") + "</th><th class=\"num\">" +
         t(lang, "admin.monitor.started") + "</th><th class=\"num\">" +
         t(lang, "admin.monitor.submitted") + "</th><th class=\"num\">" +
         t(lang, "admin.monitor.rate") + "</th></tr></thead><tbody>" + rows +
         "</tbody><tfoot><tr><th>" + t(lang, "admin.monitor.total") + "</th><td class=\"num\">" +
         std::to_string(inv) + "</td><td class=\"num\">" + std::to_string(st) +
         "</td><td class=\"num\">" + std::to_string(sub) + "</td>" + rate_cell(sub, inv) +
         "</tr></tfoot></table>";
    h += "</section>";
  }
  if (ctx.names) {
    h += "<h3>" + t(lang, "admin.waves.create") + "</h3>" + form(ctx, b + "/waves") +
         "<div class=\"q\"><label for=\"wave-name\">" + t(lang, "admin.waves.name") +
         "</label><input id=\"wave-name\" name=\"name\" required maxlength=\"100\"></div><div "
         "class=\"buttons\">" +
         button(lang, "admin.waves.create") + "</div></form>";
  }
  if (ctx.is_admin) {
    h += "<h2>" + t(lang, "admin.retention.title") + "</h2><p>" + t(lang, "admin.retention.text") +
         "</p>" +
         form(ctx, b + "/erase", "danger",
              " data-confirm=\"" + t(lang, "admin.retention.confirm_js") + "\"") +
         "<div class=\"q\"><label for=\"confirm-slug\">" +
         tf(lang, "admin.retention.confirm", {p.slug}) +
         "</label><input id=\"confirm-slug\" name=\"confirm\" required "
         "autocomplete=\"off\"></div><div "
         "class=\"buttons\">" +
         button(lang, "admin.retention.erase", "danger") + "</div></form>";
  }
  return admin_page(ctx, p.name, h);
}

std::string render_roster(const AdminContext& ctx, const std::vector<storage::Actor>& actors) {
  const auto lang = ctx.lang;
  const std::string b = project_base(ctx);
  std::string h = "<h1>" + t(lang, "admin.roster.title") + "</h1><p>" +
                  tf(lang, "admin.roster.count", {std::to_string(actors.size())}) + "</p>";
  if (!ctx.names) h += "<p class=\"hint\">" + t(lang, "admin.roster.pseudonyms") + "</p>";
  if (ctx.names)
    h += "<p><a href=\"" + esc(b + "/import") + "\">" + t(lang, "admin.roster.import_link") +
         "</a></p>";
  h += "<table><thead><tr><th>" + t(lang, "admin.roster.key") + "</th><th>" +
       t(lang, ctx.names ? "admin.roster.name" : "admin.roster.pseudonym") + "</th><th>" +
       t(lang, "admin.roster.sector") + "</th><th>" + t(lang, "admin.roster.fields") + "</th>";
  if (ctx.names)
    h += "<th>" + t(lang, "admin.roster.contact") + "</th><th>" + t(lang, "admin.roster.data") +
         "</th>";
  h += "</tr></thead><tbody>";
  for (const auto& a : actors) {
    std::string fields;
    for (const auto& f : a.fields) {
      if (!fields.empty()) fields += ", ";
      fields += app::tr_or(lang, "field." + f.field, f.field);
    }
    h += "<tr><td><code>" + esc(ctx.names ? a.key : a.pseudonym) + "</code></td><td>" +
         esc(shown_name(ctx, a));
    if (a.free_addition)
      h += " <span class=\"hint\">(" + t(lang, "admin.roster.free_addition") + ")</span>";
    h += "</td><td>" + esc(sector_name(lang, a.sector)) + "</td><td>" + esc(fields) + "</td>";
    if (ctx.names) {
      h += "<td>" + esc(a.contact_name);
      if (!a.contact_email.empty()) h += "<br>" + esc(a.contact_email);
      h += "</td><td><a href=\"" + esc(b + "/actors/" + std::to_string(a.id)) + "\">" +
           t(lang, "admin.roster.data_link") + "</a></td>";
    }
    h += "</tr>";
  }
  h += "</tbody></table>";
  return admin_page(ctx, app::tr(lang, "admin.roster.title"), h);
}

std::string render_import(const AdminContext& ctx, const ImportReport& r) {
  const auto lang = ctx.lang;
  const std::string b = project_base(ctx);
  std::string h = "<h1>" + t(lang, "admin.import.title") + "</h1>";
  if (!r.error.empty()) {
    h += "<div class=\"notice error\" role=\"alert\" id=\"errors\" tabindex=\"-1\"><p>" +
         t(lang, "admin.import.failed") + "</p><dl>";
    if (!r.error_file.empty())
      h += "<dt>" + t(lang, "admin.import.file") + "</dt><dd>" + esc(r.error_file) + "</dd>";
    if (!r.error_location.empty())
      h +=
          "<dt>" + t(lang, "admin.import.location") + "</dt><dd>" + esc(r.error_location) + "</dd>";
    if (!r.error_field.empty())
      h += "<dt>" + t(lang, "admin.import.field") + "</dt><dd>" + esc(r.error_field) + "</dd>";
    h += "<dt>" + t(lang, "admin.import.message") + "</dt><dd>" + esc(r.error) + "</dd></dl></div>";
  }
  if (r.done) {
    h += "<div class=\"notice\" role=\"status\"><p>" +
         tf(lang, "admin.import.done",
            {std::to_string(r.created), std::to_string(r.updated),
             std::to_string(r.contacts_updated)}) +
         "</p></div>";
    if (!r.warnings.empty()) {
      h += "<h2>" + t(lang, "admin.import.warnings") + "</h2><ul>";
      for (const auto& w : r.warnings)
        h += "<li>" + esc(w) + "</li>";
      h += "</ul>";
    }
    h += "<p><a href=\"" + esc(b + "/actors") + "\">" + t(lang, "admin.import.to_roster") +
         "</a></p>";
  }
  h += "<p>" + t(lang, "admin.import.help") + "</p>";
  h += "<form method=\"post\" action=\"" + esc(b + "/import") +
       "\" enctype=\"multipart/form-data\">" + csrf_field(ctx.csrf);
  h += "<div class=\"q\"><label for=\"file\">" + t(lang, "admin.import.file") +
       "</label><input type=\"file\" id=\"file\" name=\"file\" required "
       "accept=\".csv,.xlsx,text/csv,application/"
       "vnd.openxmlformats-officedocument.spreadsheetml.sheet\"></div>";
  h += "<div class=\"q\"><label for=\"sheet\">" + t(lang, "admin.import.sheet") +
       "</label><input id=\"sheet\" name=\"sheet\" maxlength=\"100\"> <span class=\"hint\">" +
       t(lang, "admin.import.sheet_hint") + "</span></div>";
  h += "<div class=\"buttons\">" + button(lang, "admin.import.submit") + "</div></form>";
  return admin_page(ctx, app::tr(lang, "admin.import.title"), h);
}

std::string render_invitations(const AdminContext& ctx, const storage::Wave& wave,
                               const std::vector<InvitationRow>& rows, std::size_t without) {
  const auto lang = ctx.lang;
  const std::string wb = project_base(ctx) + "/waves/" + std::to_string(wave.id) + "/invitations";
  std::string h = "<h1>" + tf(lang, "admin.invitations.title", {wave.name}) + "</h1><p>" +
                  status_name(lang, wave.status) + " · " +
                  tf(lang, "admin.invitations.count", {std::to_string(rows.size())}) + "</p>";
  if (ctx.names) {
    h += "<p>" + t(lang, "admin.invitations.once") + "</p>";
    h += form(ctx, wb) + "<p>" + tf(lang, "admin.invitations.without", {std::to_string(without)}) +
         "</p>" + "<div class=\"buttons\">" + button(lang, "admin.invitations.create") +
         "</div></form>";
  }
  const std::string form_id = "renew";
  if (ctx.names) h += form(ctx, wb + "/renew", {}, " id=\"" + form_id + "\"");
  h += "<table><thead><tr>";
  if (ctx.names)
    h += "<th><span class=\"visually-hidden\">" + t(lang, "admin.invitations.select") +
         "</span></th>";
  h += "<th>" + t(lang, ctx.names ? "admin.roster.name" : "admin.roster.pseudonym") + "</th><th>" +
       t(lang, "admin.roster.sector") + "</th><th>" + t(lang, "admin.invitations.status") +
       "</th><th>" + t(lang, "admin.invitations.created") + "</th><th>" +
       t(lang, "admin.invitations.started") + "</th><th>" + t(lang, "admin.invitations.submitted") +
       "</th></tr></thead><tbody>";
  for (const auto& r : rows) {
    const auto& i = r.invitation;
    const std::string id = std::to_string(i.id);
    h += "<tr>";
    if (ctx.names) {
      h += "<td><input type=\"checkbox\" name=\"invitation\" value=\"" + id + "\"";
      h += " id=\"inv-" + id + "\" aria-label=\"" + esc(r.actor.name) + "\"></td>";
    }
    h += "<td>" + esc(shown_name(ctx, r.actor)) + "</td><td>" +
         esc(sector_name(lang, r.actor.sector)) + "</td><td>" + inv_status_name(lang, i.status) +
         "</td><td>" + esc(format_time(i.created_at)) + "</td><td>" +
         esc(format_time(i.started_at)) + "</td><td>" + esc(format_time(i.submitted_at)) +
         "</td></tr>";
  }
  h += "</tbody></table>";
  if (ctx.names) {
    h += "<fieldset><legend>" + t(lang, "admin.invitations.renew") +
         "</legend><label><input type=\"radio\" "
         "name=\"scope\" value=\"selected\" checked> " +
         t(lang, "admin.invitations.renew_selected") +
         "</label> <label><input type=\"radio\" name=\"scope\" value=\"all\"> " +
         t(lang, "admin.invitations.renew_all") + "</label></fieldset><div class=\"buttons\">" +
         button(lang, "admin.invitations.renew_submit", "secondary") + "</div></form>";
  }
  return admin_page(ctx, app::tr_format(lang, "admin.invitations.title", {wave.name}), h);
}

std::string render_additions(const AdminContext& ctx, const std::vector<AdditionRow>& additions,
                             const std::vector<storage::Actor>& roster) {
  const auto lang = ctx.lang;
  const std::string b = project_base(ctx) + "/additions/";
  std::string h = "<h1>" + t(lang, "admin.additions.title") + "</h1><p>" +
                  tf(lang, "admin.additions.count", {std::to_string(additions.size())}) + "</p>";
  if (!ctx.names) return admin_page(ctx, app::tr(lang, "admin.additions.title"), h);
  if (additions.empty()) return admin_page(ctx, app::tr(lang, "admin.additions.title"), h);
  h += "<p>" + t(lang, "admin.additions.help") + "</p><table><thead><tr><th>" +
       t(lang, "admin.additions.name") + "</th><th>" + t(lang, "admin.additions.added_by") +
       "</th><th>" + t(lang, "admin.additions.created") + "</th><th>" +
       t(lang, "admin.additions.actions") + "</th></tr></thead><tbody>";
  for (const auto& row : additions) {
    const auto& a = row.actor;
    const std::string id = std::to_string(a.id);
    h += "<tr><td>" + esc(a.name) + "</td><td>" + esc(row.added_by) + "</td><td>" +
         esc(format_time(a.created_at)) + "</td><td>";
    h += form(ctx, b + id + "/merge", "inline");
    h += "<label for=\"into-" + id + "\">" + t(lang, "admin.additions.merge_into") + "</label>";
    h += " <select id=\"into-" + id + "\" name=\"into\" required>";
    for (const auto& r : roster) {
      if (r.id == a.id) continue;
      h += "<option value=\"" + std::to_string(r.id) + "\">" + esc(r.name) + " (" + esc(r.key) +
           ")</option>";
    }
    h += "</select> " + button(lang, "admin.additions.merge", "secondary") + "</form> ";
    h += form(ctx, b + id + "/accept", "inline") +
         button(lang, "admin.additions.accept", "secondary") + "</form>";
    h += "</td></tr>";
  }
  h += "</tbody></table>";
  return admin_page(ctx, app::tr(lang, "admin.additions.title"), h);
}

std::string render_person(const AdminContext& ctx, const storage::PersonData& d,
                          const std::map<storage::Id, std::string>& actor_names,
                          const std::map<storage::Id, std::string>& wave_names) {
  const auto lang = ctx.lang;
  const auto& a = d.actor;
  const std::string ab = project_base(ctx) + "/actors/" + std::to_string(a.id);
  auto name_of = [&](storage::Id id) {
    const auto it = actor_names.find(id);
    return it == actor_names.end() ? std::string("#") + std::to_string(id) : it->second;
  };
  auto wave_of = [&](storage::Id id) {
    const auto it = wave_names.find(id);
    return it == wave_names.end() ? std::to_string(id) : it->second;
  };
  std::string h = "<h1>" + tf(lang, "admin.person.title", {a.name}) + "</h1>";
  h += "<p>" + t(lang, "admin.person.intro") + "</p>";
  h += "<dl class=\"person\">";
  auto row = [&](const char* key, const std::string& value) {
    h += "<dt>" + t(lang, key) + "</dt><dd>" + esc(value) + "</dd>";
  };
  row("admin.roster.key", a.key);
  row("admin.roster.name", a.name);
  row("admin.roster.pseudonym", a.pseudonym);
  row("admin.person.kind", a.kind);
  row("admin.roster.sector", sector_name(lang, a.sector));
  row("admin.person.contact_name", a.contact_name);
  row("admin.person.contact_email", a.contact_email);
  std::string fields;
  for (const auto& f : a.fields)
    fields += (fields.empty() ? "" : ", ") + f.field + (f.role.empty() ? "" : " (" + f.role + ")");
  row("admin.roster.fields", fields);
  for (const auto& [k, v] : a.attrs) {
    std::string text;
    if (const auto* s = std::get_if<std::string>(&v))
      text = *s;
    else if (const auto* n = std::get_if<double>(&v))
      text = std::to_string(*n);
    else if (const auto* l = std::get_if<std::vector<std::string>>(&v))
      for (const auto& x : *l)
        text += (text.empty() ? "" : ", ") + x;
    h += "<dt>" + esc(k) + "</dt><dd>" + esc(text) + "</dd>";
  }
  h += "</dl>";
  h += "<h2>" + t(lang, "admin.person.invitations") + "</h2><ul>";
  for (const auto& i : d.invitations)
    h += "<li>" + esc(wave_of(i.wave_id)) + ": " + inv_status_name(lang, i.status) + " " +
         esc(format_time(i.submitted_at)) + "</li>";
  h += "</ul><h2>" + t(lang, "admin.person.consents") + "</h2><ul>";
  for (const auto& c : d.consents)
    h += "<li>" + esc(c.text_version) + ": " + esc(format_time(c.given_at)) +
         (c.withdrawn_at ? " – " + tf(lang, "admin.person.withdrawn", {format_time(c.withdrawn_at)})
                         : "") +
         "</li>";
  h += "</ul><h2>" + tf(lang, "admin.person.reported", {std::to_string(d.reported.size())}) +
       "</h2><ul>";
  for (const auto& tie : d.reported)
    h += "<li>" + esc(wave_of(tie.wave_id)) + " · " +
         esc(app::tr_or(lang, "relation." + tie.relation, tie.relation)) + " → " +
         esc(name_of(tie.target)) + "</li>";
  h += "</ul><h2>" + tf(lang, "admin.person.mentioned", {std::to_string(d.mentioned.size())}) +
       "</h2><ul>";
  for (const auto& tie : d.mentioned)
    h += "<li>" + esc(wave_of(tie.wave_id)) + " · " +
         esc(app::tr_or(lang, "relation." + tie.relation, tie.relation)) + " ← " +
         esc(name_of(tie.source)) + "</li>";
  std::size_t answers = 0;
  for (const auto& [inv, items] : d.answers)
    answers += items.size();
  h += "</ul><h2>" + tf(lang, "admin.person.answers", {std::to_string(answers)}) + "</h2><ul>";
  for (const auto& [inv, items] : d.answers)
    for (const auto& item : items) {
      std::string text;
      if (const auto* s = std::get_if<std::string>(&item.value))
        text = *s;
      else if (const auto* n = std::get_if<double>(&item.value))
        text = std::to_string(*n);
      else if (const auto* l = std::get_if<std::vector<std::string>>(&item.value))
        for (const auto& x : *l)
          text += (text.empty() ? "" : ", ") + x;
      h += "<li><code>" + esc(item.item) + "</code>: " + esc(text) + "</li>";
    }
  h += "</ul><h2>" + tf(lang, "admin.person.innovations", {std::to_string(d.innovations.size())}) +
       "</h2><ul>";
  for (const auto& inn : d.innovations)
    h += "<li>" + esc(inn.title) + " (" + esc(inn.stage) + ")</li>";
  h += "</ul>";
  h += "<h2>" + t(lang, "admin.person.access") + "</h2><p><a class=\"button\" href=\"" +
       esc(ab + "/data.json") + "\" download>" + t(lang, "admin.person.download") + "</a></p>";
  h += "<h2>" + t(lang, "admin.person.erase") + "</h2><p>" + t(lang, "admin.person.erase_text") +
       "</p>";
  h += form(ctx, ab + "/erase", "danger",
            " data-confirm=\"" + t(lang, "admin.person.erase_confirm_js") + "\"");
  h += "<fieldset><legend>" + t(lang, "admin.person.policy") +
       "</legend><label><input type=\"radio\" name=\"policy\" "
       "value=\"delete\" checked> " +
       t(lang, "admin.person.policy_delete") +
       "</label><br><label><input "
       "type=\"radio\" name=\"policy\" value=\"anonymise\"> " +
       t(lang, "admin.person.policy_anonymise") + "</label></fieldset>";
  h += "<div class=\"q\"><label for=\"confirm-key\">" + tf(lang, "admin.person.confirm", {a.key}) +
       "</label><input id=\"confirm-key\" name=\"confirm\" required autocomplete=\"off\"></div>";
  h += "<div class=\"buttons\">" + button(lang, "admin.person.erase_submit", "danger") +
       "</div></form>";
  return admin_page(ctx, app::tr_format(lang, "admin.person.title", {a.name}), h);
}

std::string render_export(const AdminContext& ctx, const std::vector<storage::Wave>& waves) {
  const auto lang = ctx.lang;
  std::string h =
      "<h1>" + t(lang, "admin.export.title") + "</h1><p>" + t(lang, "admin.export.text") + "</p>";
  h += "<form method=\"get\" action=\"" + esc(project_base(ctx) + "/export") + "\">";
  h += "<div class=\"q\"><label for=\"format\">" + t(lang, "admin.export.format") +
       "</label><select id=\"format\" name=\"format\">";
  for (const char* f : {"graphml", "gexf", "json", "csv", "pajek", "dl"})
    h += std::string("<option value=\"") + f + "\">" +
         t(lang, std::string("admin.export.format.") + f) + "</option>";
  h += "</select></div>";
  h += "<div class=\"q\"><label for=\"wave\">" + t(lang, "admin.export.wave") +
       "</label><select id=\"wave\" name=\"wave\">"
       "<option value=\"\">" +
       t(lang, "admin.export.all_waves") + "</option>";
  for (const auto& w : waves)
    h += "<option value=\"" + std::to_string(w.id) + "\">" + esc(w.name) + "</option>";
  h += "</select></div>";
  h += "<div class=\"q\"><label><input type=\"checkbox\" name=\"table\" value=\"actors\"> " +
       t(lang, "admin.export.actors_table") + "</label></div>";
  if (ctx.names)
    h += "<div class=\"q\"><label><input type=\"checkbox\" name=\"names\" value=\"1\"> " +
         t(lang, "admin.export.with_names") + "</label></div>";
  h += "<div class=\"buttons\"><button type=\"submit\" class=\"primary\">" +
       t(lang, "admin.export.submit") + "</button></div></form>";
  return admin_page(ctx, app::tr(lang, "admin.export.title"), h);
}

std::string render_audit(const AdminContext& ctx, const std::vector<storage::AuditEntry>& entries,
                         const std::map<storage::Id, std::string>& user_labels) {
  const auto lang = ctx.lang;
  std::string h =
      "<h1>" + t(lang, "admin.audit.title") + "</h1><p>" + t(lang, "admin.audit.text") + "</p>";
  h += "<table><thead><tr><th>" + t(lang, "admin.audit.at") + "</th><th>" +
       t(lang, "admin.audit.user") + "</th><th>" + t(lang, "admin.audit.action") + "</th><th>" +
       t(lang, "admin.audit.object") + "</th><th>" + t(lang, "admin.audit.detail") +
       "</th></tr></thead><tbody>";
  for (const auto& e : entries) {
    std::string who = t(lang, "admin.audit.system");
    if (e.user_id != 0) {
      const auto it = user_labels.find(e.user_id);
      who = esc(it == user_labels.end() ? "#" + std::to_string(e.user_id) : it->second);
    }
    h += "<tr><td>" + esc(format_time(e.at)) + "</td><td>" + who + "</td><td><code>" +
         esc(e.action) + "</code></td><td><code>" + esc(e.object) + "</code></td><td>" +
         esc(e.detail) + "</td></tr>";
  }
  h += "</tbody></table>";
  return admin_page(ctx, app::tr(lang, "admin.audit.title"), h);
}

std::string render_questionnaire(const AdminContext& ctx, const QuestionnaireView& view) {
  const auto lang = ctx.lang;
  const std::string base = "/admin/p/" + ctx.project->slug + "/questionnaire";
  std::string h = "<h1>" + t(lang, "admin.questionnaire.title") + "</h1>";
  h += "<p>" +
       (view.current.version > 0
            ? tf(lang, "admin.questionnaire.version", {std::to_string(view.current.version)})
            : t(lang, "admin.questionnaire.default")) +
       " <a href=\"" + esc(base) + ".json\">" + t(lang, "admin.questionnaire.download") +
       "</a></p>";
  if (view.parsed) {
    h += "<table><thead><tr><th>" + t(lang, "admin.questionnaire.section") + "</th><th>" +
         t(lang, "admin.questionnaire.kind") + "</th><th>" + t(lang, "admin.questionnaire.items") +
         "</th></tr></thead><tbody>";
    for (const auto& sec : view.parsed->sections) {
      std::string items;
      for (const auto& item : sec.items)
        items += (items.empty() ? "" : ", ") + esc(item.label.text(lang));
      h += "<tr><td>" + esc(sec.title.text(lang)) + " <code>" + esc(sec.id) + "</code></td><td>" +
           esc(std::string(app::survey::to_string(sec.kind))) +
           (sec.relation.empty() ? "" : " (<code>" + esc(sec.relation) + "</code>)") + "</td><td>" +
           items + "</td></tr>";
    }
    h += "</tbody></table>";
  }
  if (!view.versions.empty()) {
    h += "<p class=\"small\">" + t(lang, "admin.questionnaire.versions");
    for (const int v : view.versions)
      h += " <a href=\"" + esc(base) + ".json?version=" + std::to_string(v) + "\">v" +
           std::to_string(v) + "</a>";
    h += "</p>";
  }
  if (ctx.names) {
    h += "<h2>" + t(lang, "admin.questionnaire.edit") + "</h2><p>" +
         t(lang, "admin.questionnaire.edit_text") + "</p>";
    if (!view.error.empty())
      h += "<div class=\"notice error\" role=\"alert\">" + esc(view.error) + "</div>";
    h += "<form method=\"post\" action=\"" + esc(base) + "\">" + csrf_field(ctx.csrf) +
         "<div class=\"q\"><label for=\"definition\">" + t(lang, "admin.questionnaire.definition") +
         "</label><textarea id=\"definition\" name=\"definition\" rows=\"24\" "
         "spellcheck=\"false\">" +
         esc(view.text) +
         "</textarea></div><div class=\"buttons\"><button type=\"submit\" class=\"primary\">" +
         t(lang, "admin.questionnaire.save") + "</button></div></form>";
  }
  return admin_page(ctx, app::tr(lang, "admin.questionnaire.title"), h);
}

std::string render_message(const AdminContext& ctx, const std::string& title,
                           const std::string& text) {
  return admin_page(ctx, title,
                    "<h1>" + esc(title) + "</h1><p>" + esc(text) +
                        "</p><p><a href=\"/admin/projects\">" + t(ctx.lang, "admin.nav.projects") +
                        "</a></p>");
}

}  // namespace kn::web
