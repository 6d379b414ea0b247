#pragma once
// Server-rendered pages of the admin area (docs/admin.md): login, projects, users, the project
// dashboard with response monitoring, roster and roster import, invitations, free additions,
// the data-protection page of one actor, export and audit log. Pure functions from records to
// HTML; the handlers (admin_handlers.cpp) decide who sees what: partners get pseudonyms only,
// and the renderers never print a name or contact detail unless `ctx.names` is set.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <map>
#include <string>
#include <vector>

#include "app/i18n.hpp"
#include "app/survey/questionnaire.hpp"
#include "storage/records.hpp"

namespace kn::web {

/// Who is looking and where.
struct AdminContext {
  app::Lang lang = app::Lang::De;
  std::string csrf;
  std::string user_label;  ///< e-mail of the logged-in user
  std::string path;        ///< current path (language switch)
  bool is_admin = false;   ///< global Admin role (users page, project erasure)
  /// Inside a project: the project and the user's role there.
  const storage::Project* project = nullptr;
  storage::Role role = storage::Role::Partner;
  bool names = false;  ///< may see names and personal data (Researcher, Admin)
  std::string notice;  ///< plain text flash message
  bool notice_is_error = false;
  /// Page extras (PageOptions): the map's bundle and a wide layout.
  std::vector<std::string> styles, scripts;
  std::string body_class;
};

/// The admin layout with the navigation of the current project.
std::string admin_page(const AdminContext& ctx, const std::string& title,
                       const std::string& main_html);

/// Login form; `message` plain text (error or rate-limit note).
std::string render_login(app::Lang lang, const std::string& csrf, const std::string& email,
                         const std::string& message);

std::string render_projects(const AdminContext& ctx, const std::vector<storage::Project>& projects,
                            bool can_create);

struct UserRow {
  storage::User user;
  std::vector<std::pair<std::string, storage::Role>> memberships;  ///< project slug, role
};
std::string render_users(const AdminContext& ctx, const std::vector<UserRow>& users,
                         const std::vector<storage::Project>& projects);

struct WaveSummary {
  storage::Wave wave;
  std::vector<storage::ResponseCount> counts;
  std::size_t ties = 0;
};
struct DashboardView {
  std::vector<WaveSummary> waves;
  std::size_t actors = 0;
  std::size_t ties = 0;
  std::size_t free_additions = 0;
  bool retention_passed = false;
};
std::string render_dashboard(const AdminContext& ctx, const DashboardView& view);

std::string render_roster(const AdminContext& ctx, const std::vector<storage::Actor>& actors);

/// Outcome of an import shown on the import page.
struct ImportReport {
  bool done = false;
  std::string error;  ///< plain text: file, location, field and message
  std::string error_file, error_location, error_field;
  std::size_t created = 0, updated = 0, contacts_updated = 0;
  std::vector<std::string> warnings;  ///< plain text, each with its location
};
std::string render_import(const AdminContext& ctx, const ImportReport& report);

struct InvitationRow {
  storage::Invitation invitation;
  storage::Actor actor;
};
std::string render_invitations(const AdminContext& ctx, const storage::Wave& wave,
                               const std::vector<InvitationRow>& rows, std::size_t without);

struct AdditionRow {
  storage::Actor actor;
  std::string added_by;  ///< name (or pseudonym) of the respondent's actor; "" if unknown
};
std::string render_additions(const AdminContext& ctx, const std::vector<AdditionRow>& additions,
                             const std::vector<storage::Actor>& roster);

std::string render_person(const AdminContext& ctx, const storage::PersonData& data,
                          const std::map<storage::Id, std::string>& actor_names,
                          const std::map<storage::Id, std::string>& wave_names);

std::string render_export(const AdminContext& ctx, const std::vector<storage::Wave>& waves);

/// The project's questionnaire: current version, its sections, the JSON definition in an
/// editable text area (researchers) and the versions stored so far.
struct QuestionnaireView {
  storage::Questionnaire current;  ///< version 0 = none stored (the default is used)
  std::string text;                ///< definition shown in the editor (posted text on error)
  std::string error;               ///< plain text: location, field and message
  std::vector<int> versions;       ///< stored versions, newest first
  const app::survey::Questionnaire* parsed = nullptr;  ///< the current one, for the overview
};
std::string render_questionnaire(const AdminContext& ctx, const QuestionnaireView& view);

std::string render_audit(const AdminContext& ctx, const std::vector<storage::AuditEntry>& entries,
                         const std::map<storage::Id, std::string>& user_labels);

/// A page with a heading and a text (plain, escaped here), e.g. for 403 / 404.
std::string render_message(const AdminContext& ctx, const std::string& title,
                           const std::string& text);

/// "Verwaltung" for "verwaltung" (catalogue label or the key).
std::string sector_name(app::Lang lang, const std::string& sector);

}  // namespace kn::web
