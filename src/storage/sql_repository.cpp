// The one Repository implementation (storage/repository.hpp) over the Db driver interface
// (storage/db.hpp), used unchanged by the SQLite and the PostgreSQL backend, and
// open_repository() choosing the backend from OpenOptions::location.
//
// Every public call is one Db::read or Db::write job, so it is atomic and, for writes, durable
// when it returns. The SQL is portable (INSERT ... RETURNING, ON CONFLICT ... DO UPDATE) and
// never contains values: everything is bound. Per-project counters (pseudonyms, questionnaire
// versions) are taken with an UPDATE ... RETURNING on the project row, which also serialises
// concurrent PostgreSQL writers of the same project.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <set>

#include "storage/codec.hpp"
#include "storage/db.hpp"
#include "storage/migrations.hpp"
#include "storage/repository.hpp"

namespace kn::storage {

ImportResult Repository::apply_import(const NetworkImport& /*batch*/) {
  throw StorageError(StorageError::Kind::Unsupported, "storage: bulk import not supported");
}

namespace {

using Kind = StorageError::Kind;

[[noreturn]] void invalid(const std::string& message) {
  throw StorageError(Kind::Invalid, message);
}
[[noreturn]] void not_found(const std::string& what) {
  throw StorageError(Kind::NotFound, what + " not found");
}

Param opt_id(Id id) {
  return id > 0 ? Param{id} : Param{nullptr};
}
Param opt_id(const std::optional<Id>& id) {
  return id ? Param{*id} : Param{nullptr};
}
Param str(std::string_view s) {
  return Param{std::string(s)};
}

std::string lower_ascii(std::string text) {
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

bool valid_slug(const std::string& slug) {
  if (slug.empty() || slug.size() > 64) return false;
  return std::all_of(slug.begin(), slug.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

// --- row mapping ----------------------------------------------------------------------------

constexpr const char* kProjectCols =
    "id, slug, name, lang, retention_until, created_at, public_view, public_min_group";
Project project_from(const Row& r) {
  Project p;
  p.id = r.i64(0);
  p.slug = r.text(1);
  p.name = r.text(2);
  p.lang = r.text(3);
  p.retention_until = r.i64(4);
  p.created_at = r.i64(5);
  p.public_view = r.i64(6) != 0;
  p.public_min_group = r.i32(7);
  return p;
}

// Layout positions as text: one "actor_id x y" line per actor, shortest exact decimal forms
// (std::to_chars), so a stored layout reads back bit-identical on both backends.
std::string encode_positions(const std::map<Id, std::pair<double, double>>& positions) {
  std::string out;
  out.reserve(positions.size() * 40);
  std::array<char, 64> buf{};
  for (const auto& [id, xy] : positions) {
    if (!std::isfinite(xy.first) || !std::isfinite(xy.second))
      invalid("layout position of actor " + std::to_string(id) + " is not finite");
    out += std::to_string(id);
    for (const double v : {xy.first, xy.second}) {
      const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v);
      out += ' ';
      out.append(buf.data(), end);
    }
    out += '\n';
  }
  return out;
}

std::map<Id, std::pair<double, double>> decode_positions(const std::string& text) {
  std::map<Id, std::pair<double, double>> out;
  const char* p = text.data();
  const char* const end = p + text.size();
  auto fail = [] { throw StorageError(StorageError::Kind::Io, "stored layout is corrupt"); };
  while (p < end) {
    Id id = 0;
    double x = 0, y = 0;
    auto r = std::from_chars(p, end, id);
    if (r.ec != std::errc() || r.ptr == end || *r.ptr != ' ') fail();
    auto rx = std::from_chars(r.ptr + 1, end, x);
    if (rx.ec != std::errc() || rx.ptr == end || *rx.ptr != ' ') fail();
    auto ry = std::from_chars(rx.ptr + 1, end, y);
    if (ry.ec != std::errc() || ry.ptr == end || *ry.ptr != '\n') fail();
    out.emplace(id, std::make_pair(x, y));
    p = ry.ptr + 1;
  }
  return out;
}

constexpr const char* kWaveCols = "id, project_id, name, status, position, opened_at, closed_at";
Wave wave_from(const Row& r) {
  Wave w;
  w.id = r.i64(0);
  w.project_id = r.i64(1);
  w.name = r.text(2);
  w.status = parse_wave_status(r.text(3)).value_or(WaveStatus::Draft);
  w.position = r.i32(4);
  w.opened_at = r.i64(5);
  w.closed_at = r.i64(6);
  return w;
}

constexpr const char* kActorCols =
    "id, project_id, key, name, kind, sector, pseudonym, contact_name, contact_email, attrs, "
    "free_addition, added_by, merged_into, created_at";
Actor actor_from(const Row& r) {
  Actor a;
  a.id = r.i64(0);
  a.project_id = r.i64(1);
  a.key = r.text(2);
  a.name = r.text(3);
  a.kind = r.text(4);
  a.sector = r.text(5);
  a.pseudonym = r.text(6);
  a.contact_name = r.text(7);
  a.contact_email = r.text(8);
  a.attrs = codec::decode_attrs(r.text(9));
  a.free_addition = r.i64(10) != 0;
  a.added_by = r.opt_i64(11);
  a.merged_into = r.opt_i64(12);
  a.created_at = r.i64(13);
  return a;
}

constexpr const char* kTieCols = "id, wave_id, relation, source, target, attrs, updated_at";
Tie tie_from(const Row& r) {
  Tie t;
  t.id = r.i64(0);
  t.wave_id = r.i64(1);
  t.relation = r.text(2);
  t.source = r.i64(3);
  t.target = r.i64(4);
  t.attrs = codec::decode_attrs(r.text(5));
  t.updated_at = r.i64(6);
  return t;
}

constexpr const char* kInvitationCols =
    "id, wave_id, actor_id, token_hash, status, lang, created_at, started_at, submitted_at, "
    "updated_at";
Invitation invitation_from(const Row& r) {
  Invitation i;
  i.id = r.i64(0);
  i.wave_id = r.i64(1);
  i.actor_id = r.i64(2);
  i.token_hash = r.text(3);
  i.status = parse_invitation_status(r.text(4)).value_or(InvitationStatus::Invited);
  i.lang = r.text(5);
  i.created_at = r.i64(6);
  i.started_at = r.i64(7);
  i.submitted_at = r.i64(8);
  i.updated_at = r.i64(9);
  return i;
}

constexpr const char* kConsentCols = "id, invitation_id, text_version, given_at, withdrawn_at";
Consent consent_from(const Row& r) {
  Consent c;
  c.id = r.i64(0);
  c.invitation_id = r.i64(1);
  c.text_version = r.text(2);
  c.given_at = r.i64(3);
  c.withdrawn_at = r.i64(4);
  return c;
}

constexpr const char* kInnovationCols =
    "id, project_id, wave_id, reported_by, title, description, field, stage, conditions, "
    "created_at";
Innovation innovation_from(const Row& r) {
  Innovation n;
  n.id = r.i64(0);
  n.project_id = r.i64(1);
  n.wave_id = r.opt_i64(2).value_or(0);
  n.reported_by = r.opt_i64(3);
  n.title = r.text(4);
  n.description = r.text(5);
  n.field = r.text(6);
  n.stage = r.text(7);
  n.conditions = codec::decode_strings(r.text(8));
  n.created_at = r.i64(9);
  return n;
}

constexpr const char* kUserCols =
    "id, email, display_name, password_hash, role, disabled, created_at";
User user_from(const Row& r) {
  User u;
  u.id = r.i64(0);
  u.email = r.text(1);
  u.display_name = r.text(2);
  u.password_hash = r.text(3);
  u.role = parse_role(r.text(4)).value_or(Role::Partner);
  u.disabled = r.i64(5) != 0;
  u.created_at = r.i64(6);
  return u;
}

constexpr const char* kAuditCols = "id, at, user_id, project_id, action, object, detail";
AuditEntry audit_from(const Row& r) {
  AuditEntry e;
  e.id = r.i64(0);
  e.at = r.i64(1);
  e.user_id = r.i64(2);
  e.project_id = r.i64(3);
  e.action = r.text(4);
  e.object = r.text(5);
  e.detail = r.text(6);
  return e;
}

std::string sql(std::string_view head, const char* cols, std::string_view tail) {
  return fmt::format("{}{}{}", head, cols, tail);
}

class SqlRepository final : public Repository {
 public:
  SqlRepository(std::unique_ptr<Db> db, std::function<Time()> clock)
      : db_(std::move(db)), clock_(std::move(clock)) {}

  [[nodiscard]] std::string backend() const override { return db_->backend(); }
  int schema_version() override { return kn::storage::schema_version(*db_); }
  Db& db() { return *db_; }

  // --- projects -----------------------------------------------------------------------------
  Project create_project(const Project& project) override {
    if (!valid_slug(project.slug)) invalid("project slug must match [a-z0-9-]{1,64}");
    return write([&](Connection& c) {
      const auto row = c.query_one(
          sql("INSERT INTO projects (slug, name, lang, retention_until, created_at) VALUES "
              "($1, $2, $3, $4, $5) RETURNING ",
              kProjectCols, ""),
          {project.slug, project.name, project.lang, project.retention_until, now()});
      return project_from(*row);
    });
  }

  std::optional<Project> find_project(Id id) override {
    return read([&](Connection& c) { return project_by_id(c, id); });
  }

  std::optional<Project> find_project_by_slug(const std::string& slug) override {
    return read([&](Connection& c) -> std::optional<Project> {
      const auto row =
          c.query_one(sql("SELECT ", kProjectCols, " FROM projects WHERE slug = $1"), {slug});
      if (!row) return std::nullopt;
      return project_from(*row);
    });
  }

  std::vector<Project> list_projects() override {
    return read([&](Connection& c) {
      std::vector<Project> out;
      for (const Row& r : c.query(sql("SELECT ", kProjectCols, " FROM projects ORDER BY id"))) {
        out.push_back(project_from(r));
      }
      return out;
    });
  }

  void update_project(const Project& project) override {
    write([&](Connection& c) {
      if (project.public_min_group < 2) invalid("public_min_group must be at least 2");
      const auto n = c.execute(
          "UPDATE projects SET name = $1, lang = $2, retention_until = $3, public_view = $4, "
          "public_min_group = $5 WHERE id = $6",
          {project.name, project.lang, project.retention_until,
           std::int64_t{project.public_view ? 1 : 0}, std::int64_t{project.public_min_group},
           project.id});
      if (n == 0) not_found("project");
    });
  }

  void delete_project(Id id) override {
    write([&](Connection& c) {
      // Sessions of the project's respondents go with their invitations (cascade); audit
      // entries stay (ids only).
      if (c.execute("DELETE FROM projects WHERE id = $1", {id}) == 0) not_found("project");
    });
  }

  // --- waves --------------------------------------------------------------------------------
  Wave create_wave(const Wave& wave) override {
    return write([&](Connection& c) {
      const auto row = c.query_one(
          sql("INSERT INTO waves (project_id, name, status, position, opened_at, closed_at) "
              "VALUES ($1, $2, $3, $4, $5, $6) RETURNING ",
              kWaveCols, ""),
          {wave.project_id, wave.name, str(to_string(wave.status)), std::int64_t{wave.position},
           wave.opened_at, wave.closed_at});
      return wave_from(*row);
    });
  }

  std::optional<Wave> find_wave(Id id) override {
    return read([&](Connection& c) { return wave_by_id(c, id); });
  }

  std::vector<Wave> list_waves(Id project_id) override {
    return read([&](Connection& c) {
      std::vector<Wave> out;
      for (const Row& r : c.query(
               sql("SELECT ", kWaveCols, " FROM waves WHERE project_id = $1 ORDER BY position, id"),
               {project_id}))
        out.push_back(wave_from(r));
      return out;
    });
  }

  Wave set_wave_status(Id wave_id, WaveStatus status) override {
    return write([&](Connection& c) {
      auto wave = wave_by_id(c, wave_id);
      if (!wave) not_found("wave");
      const Time t = now();
      if (status == WaveStatus::Open) {
        wave->opened_at = t;
        wave->closed_at = 0;
      } else if (status == WaveStatus::Closed) {
        wave->closed_at = t;
      } else {
        wave->opened_at = 0;
        wave->closed_at = 0;
      }
      wave->status = status;
      c.execute("UPDATE waves SET status = $1, opened_at = $2, closed_at = $3 WHERE id = $4",
                {str(to_string(status)), wave->opened_at, wave->closed_at, wave_id});
      return *wave;
    });
  }

  // --- actors -------------------------------------------------------------------------------
  Actor create_actor(const Actor& actor) override {
    return write([&](Connection& c) { return insert_actor(c, actor); });
  }

  Actor upsert_actor(const Actor& actor) override {
    return write([&](Connection& c) {
      const auto existing = actor_by_key(c, actor.project_id, actor.key);
      if (!existing) return insert_actor(c, actor);
      Actor updated = actor;
      updated.id = existing->id;
      update_actor_row(c, updated, *existing);
      return *actor_by_id(c, existing->id);
    });
  }

  std::optional<Actor> find_actor(Id id) override {
    return read([&](Connection& c) { return actor_by_id(c, id); });
  }

  std::optional<Actor> find_actor_by_key(Id project_id, const std::string& key) override {
    return read([&](Connection& c) { return actor_by_key(c, project_id, key); });
  }

  std::vector<Actor> list_actors(Id project_id, bool include_merged) override {
    return read([&](Connection& c) { return actors_of(c, project_id, include_merged); });
  }

  void update_actor(const Actor& actor) override {
    write([&](Connection& c) {
      const auto existing = actor_by_id(c, actor.id);
      if (!existing) not_found("actor");
      update_actor_row(c, actor, *existing);
    });
  }

  void merge_actor(Id from, Id into) override {
    write([&](Connection& c) {
      const auto a = actor_by_id(c, from);
      const auto b = actor_by_id(c, into);
      if (!a || !b) not_found("actor");
      if (from == into) invalid("an actor cannot be merged into itself");
      if (a->project_id != b->project_id) invalid("actors of different projects cannot merge");
      if (a->merged_into || b->merged_into) invalid("actor is already merged");
      const auto clash = c.query_one(
          "SELECT 1 FROM invitations i JOIN invitations j ON j.wave_id = i.wave_id "
          "WHERE i.actor_id = $1 AND j.actor_id = $2",
          {from, into});
      if (clash)
        throw StorageError(Kind::Conflict,
                           "both actors are invited to the same wave; cannot merge");
      // Ties: drop those that would become loops or duplicates, move the rest.
      c.execute(
          "DELETE FROM ties WHERE source = $1 AND (target = $2 OR EXISTS (SELECT 1 FROM ties t "
          "WHERE t.wave_id = ties.wave_id AND t.relation = ties.relation AND t.source = $2 AND "
          "t.target = ties.target))",
          {from, into});
      c.execute("UPDATE ties SET source = $1 WHERE source = $2", {into, from});
      c.execute(
          "DELETE FROM ties WHERE target = $1 AND (source = $2 OR EXISTS (SELECT 1 FROM ties t "
          "WHERE t.wave_id = ties.wave_id AND t.relation = ties.relation AND t.target = $2 AND "
          "t.source = ties.source))",
          {from, into});
      c.execute("UPDATE ties SET target = $1 WHERE target = $2", {into, from});
      c.execute(
          "DELETE FROM innovation_actors WHERE actor_id = $1 AND innovation_id IN (SELECT "
          "innovation_id FROM innovation_actors WHERE actor_id = $2)",
          {from, into});
      c.execute("UPDATE innovation_actors SET actor_id = $1 WHERE actor_id = $2", {into, from});
      c.execute(
          "DELETE FROM intervention_actors WHERE actor_id = $1 AND intervention_id IN (SELECT "
          "intervention_id FROM intervention_actors WHERE actor_id = $2)",
          {from, into});
      c.execute("UPDATE intervention_actors SET actor_id = $1 WHERE actor_id = $2", {into, from});
      c.execute("UPDATE invitations SET actor_id = $1 WHERE actor_id = $2", {into, from});
      c.execute("UPDATE actors SET merged_into = $1 WHERE merged_into = $2", {into, from});
      c.execute("UPDATE actors SET merged_into = $1 WHERE id = $2", {into, from});
    });
  }

  // --- invitations and consent --------------------------------------------------------------
  Invitation create_invitation(const Invitation& inv) override {
    return write([&](Connection& c) {
      const auto wave = wave_by_id(c, inv.wave_id);
      const auto actor = actor_by_id(c, inv.actor_id);
      if (!wave || !actor) invalid("invitation needs an existing wave and actor");
      if (wave->project_id != actor->project_id) invalid("wave and actor of different projects");
      if (actor->merged_into) invalid("cannot invite a merged actor");
      const Time t = now();
      const auto row = c.query_one(
          sql("INSERT INTO invitations (wave_id, actor_id, token_hash, status, lang, created_at, "
              "started_at, submitted_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
              "RETURNING ",
              kInvitationCols, ""),
          {inv.wave_id, inv.actor_id, token_param(inv.token_hash), str(to_string(inv.status)),
           inv.lang, inv.created_at != 0 ? inv.created_at : t, inv.started_at, inv.submitted_at,
           inv.updated_at != 0 ? inv.updated_at : t});
      return invitation_from(*row);
    });
  }

  std::optional<Invitation> find_invitation(Id id) override {
    return read([&](Connection& c) { return invitation_by_id(c, id); });
  }

  std::optional<Invitation> find_invitation_by_token_hash(const std::string& hash) override {
    if (hash.empty()) return std::nullopt;
    return read([&](Connection& c) -> std::optional<Invitation> {
      const auto row = c.query_one(
          sql("SELECT ", kInvitationCols, " FROM invitations WHERE token_hash = $1"), {hash});
      if (!row) return std::nullopt;
      return invitation_from(*row);
    });
  }

  std::vector<Invitation> list_invitations(Id wave_id) override {
    return read([&](Connection& c) {
      std::vector<Invitation> out;
      for (const Row& r : c.query(
               sql("SELECT ", kInvitationCols, " FROM invitations WHERE wave_id = $1 ORDER BY id"),
               {wave_id}))
        out.push_back(invitation_from(r));
      return out;
    });
  }

  void set_invitation_token_hash(Id invitation_id, const std::string& hash) override {
    write([&](Connection& c) {
      if (c.execute("UPDATE invitations SET token_hash = $1, updated_at = $2 WHERE id = $3",
                    {token_param(hash), now(), invitation_id}) == 0)
        not_found("invitation");
      // Sessions opened with the old link end with it.
      c.execute("DELETE FROM sessions WHERE invitation_id = $1", {invitation_id});
    });
  }

  void set_invitation_lang(Id invitation_id, const std::string& lang) override {
    write([&](Connection& c) {
      if (c.execute("UPDATE invitations SET lang = $1 WHERE id = $2", {lang, invitation_id}) == 0)
        not_found("invitation");
    });
  }

  Consent record_consent(Id invitation_id, const std::string& text_version) override {
    return write([&](Connection& c) {
      if (!invitation_by_id(c, invitation_id)) not_found("invitation");
      const auto row = c.query_one(
          sql("INSERT INTO consents (invitation_id, text_version, given_at, withdrawn_at) VALUES "
              "($1, $2, $3, 0) RETURNING ",
              kConsentCols, ""),
          {invitation_id, text_version, now()});
      return consent_from(*row);
    });
  }

  void withdraw_consent(Id invitation_id) override {
    write([&](Connection& c) {
      if (!invitation_by_id(c, invitation_id)) not_found("invitation");
      c.execute(
          "UPDATE consents SET withdrawn_at = $1 WHERE invitation_id = $2 AND withdrawn_at = 0",
          {now(), invitation_id});
    });
  }

  ErasureResult withdraw_response(Id invitation_id) override {
    return write([&](Connection& c) {
      lock_invitation(c, invitation_id);
      const auto inv = invitation_by_id(c, invitation_id);
      if (!inv) not_found("invitation");
      ErasureResult out;
      c.execute(
          "UPDATE consents SET withdrawn_at = $1 WHERE invitation_id = $2 AND withdrawn_at = 0",
          {now(), invitation_id});
      out.ties_reported_deleted = static_cast<std::size_t>(c.execute(
          "DELETE FROM ties WHERE wave_id = $1 AND source = $2", {inv->wave_id, inv->actor_id}));
      out.answers_deleted = static_cast<std::size_t>(
          c.execute("DELETE FROM item_answers WHERE invitation_id = $1", {invitation_id}));
      out.answers_deleted += static_cast<std::size_t>(
          c.execute("DELETE FROM innovations WHERE reported_by = $1", {invitation_id}));
      // Free additions of this respondent that nobody else refers to go too.
      c.execute(
          "DELETE FROM actors WHERE added_by = $1 AND free_addition = 1 AND merged_into IS NULL "
          "AND NOT EXISTS (SELECT 1 FROM ties t WHERE t.source = actors.id OR t.target = "
          "actors.id) "
          "AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.actor_id = actors.id) "
          "AND NOT EXISTS (SELECT 1 FROM innovation_actors x WHERE x.actor_id = actors.id)",
          {invitation_id});
      c.execute(
          "UPDATE invitations SET status = 'invited', started_at = 0, submitted_at = 0, "
          "updated_at = $1 WHERE id = $2",
          {now(), invitation_id});
      return out;
    });
  }

  std::optional<Consent> active_consent(Id invitation_id) override {
    return read([&](Connection& c) { return active_consent_of(c, invitation_id); });
  }

  std::vector<ResponseCount> response_counts(Id wave_id) override {
    return read([&](Connection& c) {
      std::vector<ResponseCount> out;
      for (const Row& r :
           c.query("SELECT a.sector, COUNT(*), "
                   "SUM(CASE WHEN i.status = 'started' THEN 1 ELSE 0 END), "
                   "SUM(CASE WHEN i.status = 'submitted' THEN 1 ELSE 0 END) "
                   "FROM invitations i JOIN actors a ON a.id = i.actor_id WHERE i.wave_id = $1 "
                   "GROUP BY a.sector ORDER BY a.sector",
                   {wave_id})) {
        ResponseCount rc;
        rc.sector = r.text(0);
        rc.invited = static_cast<std::size_t>(r.i64(1));
        rc.started = static_cast<std::size_t>(r.i64(2));
        rc.submitted = static_cast<std::size_t>(r.i64(3));
        out.push_back(rc);
      }
      return out;
    });
  }

  // --- responses ----------------------------------------------------------------------------
  /// Takes the invitation's row lock first (PostgreSQL; SQLite has one writer anyway), so two
  /// saves of the same respondent (a double click, two tabs) run one after the other: under READ
  /// COMMITTED the second's DELETE then sees the first's new ties instead of inserting duplicates.
  static void lock_invitation(Connection& c, Id invitation_id) {
    c.execute("UPDATE invitations SET updated_at = updated_at WHERE id = $1", {invitation_id});
  }

  void save_response(const ResponseUpdate& update) override {
    write([&](Connection& c) {
      lock_invitation(c, update.invitation_id);
      const Invitation inv = open_invitation(c, update.invitation_id);
      const Actor respondent = *actor_by_id(c, inv.actor_id);
      const Time t = now();
      std::vector<Id> free_ids;
      for (const std::string& name : update.free_additions)
        free_ids.push_back(free_addition(c, inv, respondent.project_id, name));
      for (const auto& [relation, ties] : update.ties) {
        if (relation.empty()) invalid("tie relation must not be empty");
        std::vector<std::pair<Id, const Tie*>> resolved;
        std::set<Id> seen;
        for (const Tie& tie : ties) {
          Id target = tie.target;
          if (target < 0) {
            const auto index = static_cast<std::size_t>(-(target + 1));
            if (index >= free_ids.size()) invalid("tie names an unknown free addition");
            target = free_ids[index];
          } else {
            const auto named = actor_by_id(c, target);
            if (!named || named->project_id != respondent.project_id)
              invalid("tie names an actor outside the project");
            if (named->merged_into) invalid("tie names a merged actor");
          }
          if (target == respondent.id) invalid("a respondent cannot name themselves");
          if (!seen.insert(target).second) invalid("the same actor is named twice in a relation");
          resolved.emplace_back(target, &tie);
        }
        c.execute("DELETE FROM ties WHERE wave_id = $1 AND source = $2 AND relation = $3",
                  {inv.wave_id, respondent.id, relation});
        for (const auto& [target, tie] : resolved)
          c.execute(
              "INSERT INTO ties (wave_id, relation, source, target, attrs, updated_at) VALUES "
              "($1, $2, $3, $4, $5, $6)",
              {inv.wave_id, relation, respondent.id, target, codec::encode_attrs(tie->attrs), t});
      }
      for (const ItemAnswer& answer : update.items) {
        if (answer.item.empty()) invalid("item key must not be empty");
        if (is_missing(answer.value)) {
          c.execute("DELETE FROM item_answers WHERE invitation_id = $1 AND item = $2",
                    {inv.id, answer.item});
          continue;
        }
        c.execute(
            "INSERT INTO item_answers (invitation_id, item, value) VALUES ($1, $2, $3) "
            "ON CONFLICT (invitation_id, item) DO UPDATE SET value = excluded.value",
            {inv.id, answer.item, codec::encode_value(answer.value)});
      }
      if (update.innovations) {
        // Replaces what this invitation reported, in the same transaction as the rest.
        c.execute("DELETE FROM innovations WHERE reported_by = $1", {inv.id});
        for (Innovation n : *update.innovations) {
          n.id = 0;
          n.project_id = respondent.project_id;
          n.wave_id = inv.wave_id;
          n.reported_by = inv.id;
          if (n.title.empty()) invalid("an innovation needs a title");
          store_innovation(c, n);
        }
      }
      if (inv.status == InvitationStatus::Invited)
        c.execute(
            "UPDATE invitations SET status = 'started', started_at = $1, updated_at = $1 "
            "WHERE id = $2",
            {t, inv.id});
      else
        c.execute("UPDATE invitations SET updated_at = $1 WHERE id = $2", {t, inv.id});
    });
  }

  Invitation submit_response(Id invitation_id) override {
    return write([&](Connection& c) {
      lock_invitation(c, invitation_id);
      const Invitation inv = open_invitation(c, invitation_id);
      if (inv.status != InvitationStatus::Submitted) {
        const Time t = now();
        c.execute(
            "UPDATE invitations SET status = 'submitted', submitted_at = $1, updated_at = $1, "
            "started_at = CASE WHEN started_at = 0 THEN $1 ELSE started_at END WHERE id = $2",
            {t, invitation_id});
      }
      return *invitation_by_id(c, invitation_id);
    });
  }

  std::vector<ItemAnswer> list_answers(Id invitation_id) override {
    return read([&](Connection& c) { return answers_of(c, invitation_id); });
  }

  std::vector<Tie> list_ties(const TieQuery& q) override {
    return read([&](Connection& c) {
      std::string text = sql("SELECT ", kTieCols, " FROM ties WHERE wave_id = $1");
      Params params{q.wave_id};
      if (q.relation) {
        params.emplace_back(*q.relation);
        text += fmt::format(" AND relation = ${}", params.size());
      }
      if (q.source) {
        params.emplace_back(*q.source);
        text += fmt::format(" AND source = ${}", params.size());
      }
      if (q.target) {
        params.emplace_back(*q.target);
        text += fmt::format(" AND target = ${}", params.size());
      }
      text += " ORDER BY id";
      std::vector<Tie> out;
      for (const Row& r : c.query(text, params))
        out.push_back(tie_from(r));
      return out;
    });
  }

  // --- innovations and interventions --------------------------------------------------------
  Innovation save_innovation(const Innovation& n) override {
    return write([&](Connection& c) { return store_innovation(c, n); });
  }

  /// Inserts (id 0) or updates an innovation with its actors, inside the caller's transaction.
  Innovation store_innovation(Connection& c, const Innovation& n) {
    Id id = n.id;
    const Params values{n.project_id,
                        opt_id(n.wave_id),
                        opt_id(n.reported_by),
                        n.title,
                        n.description,
                        n.field,
                        n.stage,
                        codec::encode_strings(n.conditions)};
    if (id == 0) {
      Params p = values;
      p.emplace_back(n.created_at != 0 ? n.created_at : now());
      id = c.query_one(
                "INSERT INTO innovations (project_id, wave_id, reported_by, title, description, "
                "field, stage, conditions, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
                "$9) RETURNING id",
                p)
               ->i64(0);
    } else {
      Params p = values;
      p.emplace_back(id);
      if (c.execute("UPDATE innovations SET project_id = $1, wave_id = $2, reported_by = $3, "
                    "title = $4, description = $5, field = $6, stage = $7, conditions = $8 "
                    "WHERE id = $9",
                    p) == 0)
        not_found("innovation");
      c.execute("DELETE FROM innovation_actors WHERE innovation_id = $1", {id});
    }
    std::int64_t position = 0;
    for (const InnovationActor& a : n.actors) {
      check_actor_in(c, a.actor_id, n.project_id);
      c.execute(
          "INSERT INTO innovation_actors (innovation_id, actor_id, position, role) VALUES "
          "($1, $2, $3, $4)",
          {id, a.actor_id, position++, a.role});
    }
    return *innovation_by_id(c, id);
  }

  void delete_innovation(Id id) override {
    write([&](Connection& c) {
      if (c.execute("DELETE FROM innovations WHERE id = $1", {id}) == 0) not_found("innovation");
    });
  }

  std::vector<Innovation> list_innovations(Id project_id) override {
    return read(
        [&](Connection& c) { return innovations_where(c, "project_id = $1", {project_id}); });
  }

  Intervention save_intervention(const Intervention& v) override {
    return write([&](Connection& c) {
      Id id = v.id;
      Params p{v.project_id,        v.name, v.starts_at, v.ends_at, opt_id(v.wave_before),
               opt_id(v.wave_after)};
      if (id == 0) {
        id = c.query_one(
                  "INSERT INTO interventions (project_id, name, starts_at, ends_at, wave_before, "
                  "wave_after) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                  p)
                 ->i64(0);
      } else {
        p.emplace_back(id);
        if (c.execute("UPDATE interventions SET project_id = $1, name = $2, starts_at = $3, "
                      "ends_at = $4, wave_before = $5, wave_after = $6 WHERE id = $7",
                      p) == 0)
          not_found("intervention");
        c.execute("DELETE FROM intervention_actors WHERE intervention_id = $1", {id});
      }
      std::int64_t position = 0;
      for (const Id actor : v.actors) {
        check_actor_in(c, actor, v.project_id);
        c.execute(
            "INSERT INTO intervention_actors (intervention_id, actor_id, position) VALUES ($1, "
            "$2, $3)",
            {id, actor, position++});
      }
      Intervention out = v;
      out.id = id;
      return out;
    });
  }

  std::vector<Intervention> list_interventions(Id project_id) override {
    return read([&](Connection& c) {
      std::vector<Intervention> out;
      for (const Row& r :
           c.query("SELECT id, project_id, name, starts_at, ends_at, wave_before, wave_after FROM "
                   "interventions WHERE project_id = $1 ORDER BY id",
                   {project_id})) {
        Intervention v;
        v.id = r.i64(0);
        v.project_id = r.i64(1);
        v.name = r.text(2);
        v.starts_at = r.i64(3);
        v.ends_at = r.i64(4);
        v.wave_before = r.opt_i64(5).value_or(0);
        v.wave_after = r.opt_i64(6).value_or(0);
        out.push_back(v);
      }
      for (const Row& r :
           c.query("SELECT x.intervention_id, x.actor_id FROM intervention_actors x JOIN "
                   "interventions v ON v.id = x.intervention_id WHERE v.project_id = $1 "
                   "ORDER BY x.intervention_id, x.position",
                   {project_id})) {
        for (Intervention& v : out)
          if (v.id == r.i64(0)) v.actors.push_back(r.i64(1));
      }
      return out;
    });
  }

  // --- map layouts -------------------------------------------------------------------------
  std::optional<StoredLayout> find_layout(Id project_id, const std::string& scope) override {
    return read([&](Connection& c) -> std::optional<StoredLayout> {
      const auto row = c.query_one(
          "SELECT fingerprint, seed, source, iterations, positions, updated_at FROM layouts "
          "WHERE project_id = $1 AND scope = $2",
          {project_id, scope});
      if (!row) return std::nullopt;
      StoredLayout l;
      l.project_id = project_id;
      l.scope = scope;
      l.fingerprint = row->text(0);
      l.seed = row->i64(1);
      l.source = row->text(2);
      l.iterations = row->i64(3);
      l.positions = decode_positions(row->text(4));
      l.updated_at = row->i64(5);
      return l;
    });
  }

  StoredLayout save_layout(const StoredLayout& layout) override {
    if (layout.scope.empty()) invalid("layout scope is empty");
    StoredLayout out = layout;
    const std::string positions = encode_positions(layout.positions);
    return write([&](Connection& c) {
      if (!project_by_id(c, layout.project_id)) not_found("project");
      out.updated_at = now();
      c.execute(
          "INSERT INTO layouts (project_id, scope, fingerprint, seed, source, iterations, "
          "positions, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
          "ON CONFLICT (project_id, scope) DO UPDATE SET fingerprint = excluded.fingerprint, "
          "seed = excluded.seed, source = excluded.source, iterations = excluded.iterations, "
          "positions = excluded.positions, updated_at = excluded.updated_at",
          {layout.project_id, layout.scope, layout.fingerprint, layout.seed, layout.source,
           layout.iterations, positions, out.updated_at});
      return out;
    });
  }

  // --- questionnaires -----------------------------------------------------------------------
  Questionnaire save_questionnaire(Id project_id, const std::string& definition) override {
    return write([&](Connection& c) {
      const auto counter = c.query_one(
          "UPDATE projects SET questionnaire_version = questionnaire_version + 1 WHERE id = $1 "
          "RETURNING questionnaire_version",
          {project_id});
      if (!counter) not_found("project");
      Questionnaire q;
      q.project_id = project_id;
      q.version = counter->i32(0);
      q.definition = definition;
      q.created_at = now();
      q.id = c.query_one(
                  "INSERT INTO questionnaires (project_id, version, definition, created_at) "
                  "VALUES ($1, $2, $3, $4) RETURNING id",
                  {project_id, std::int64_t{q.version}, definition, q.created_at})
                 ->i64(0);
      return q;
    });
  }

  std::optional<Questionnaire> find_questionnaire(Id project_id, int version) override {
    return read([&](Connection& c) -> std::optional<Questionnaire> {
      const auto row =
          version > 0 ? c.query_one(
                            "SELECT id, project_id, version, definition, created_at FROM "
                            "questionnaires WHERE project_id = $1 AND version = $2",
                            {project_id, std::int64_t{version}})
                      : c.query_one(
                            "SELECT id, project_id, version, definition, created_at FROM "
                            "questionnaires WHERE project_id = $1 ORDER BY version DESC LIMIT 1",
                            {project_id});
      if (!row) return std::nullopt;
      Questionnaire q;
      q.id = row->i64(0);
      q.project_id = row->i64(1);
      q.version = row->i32(2);
      q.definition = row->text(3);
      q.created_at = row->i64(4);
      return q;
    });
  }

  // --- users, membership, sessions ----------------------------------------------------------
  User create_user(const User& user) override {
    return write([&](Connection& c) {
      const auto row =
          c.query_one(sql("INSERT INTO users (email, display_name, password_hash, role, disabled, "
                          "created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ",
                          kUserCols, ""),
                      {lower_ascii(user.email), user.display_name, user.password_hash,
                       str(to_string(user.role)), std::int64_t{user.disabled ? 1 : 0},
                       user.created_at != 0 ? user.created_at : now()});
      return user_from(*row);
    });
  }

  std::optional<User> find_user(Id id) override {
    return read([&](Connection& c) -> std::optional<User> {
      const auto row = c.query_one(sql("SELECT ", kUserCols, " FROM users WHERE id = $1"), {id});
      if (!row) return std::nullopt;
      return user_from(*row);
    });
  }

  std::optional<User> find_user_by_email(const std::string& email) override {
    return read([&](Connection& c) -> std::optional<User> {
      const auto row = c.query_one(sql("SELECT ", kUserCols, " FROM users WHERE email = $1"),
                                   {lower_ascii(email)});
      if (!row) return std::nullopt;
      return user_from(*row);
    });
  }

  std::vector<User> list_users() override {
    return read([&](Connection& c) {
      std::vector<User> out;
      for (const Row& r : c.query(sql("SELECT ", kUserCols, " FROM users ORDER BY email")))
        out.push_back(user_from(r));
      return out;
    });
  }

  void update_user(const User& user) override {
    write([&](Connection& c) {
      if (c.execute("UPDATE users SET display_name = $1, password_hash = $2, role = $3, "
                    "disabled = $4 WHERE id = $5",
                    {user.display_name, user.password_hash, str(to_string(user.role)),
                     std::int64_t{user.disabled ? 1 : 0}, user.id}) == 0)
        not_found("user");
    });
  }

  void set_membership(Id project_id, Id user_id, Role role) override {
    if (role == Role::Admin) invalid("project membership role must be researcher or partner");
    write([&](Connection& c) {
      c.execute(
          "INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, $3) "
          "ON CONFLICT (project_id, user_id) DO UPDATE SET role = excluded.role",
          {project_id, user_id, str(to_string(role))});
    });
  }

  void remove_membership(Id project_id, Id user_id) override {
    write([&](Connection& c) {
      c.execute("DELETE FROM project_members WHERE project_id = $1 AND user_id = $2",
                {project_id, user_id});
    });
  }

  std::optional<Role> project_role(Id project_id, Id user_id) override {
    return read([&](Connection& c) -> std::optional<Role> {
      const auto user = c.query_one("SELECT role FROM users WHERE id = $1", {user_id});
      if (!user) return std::nullopt;
      if (parse_role(user->text(0)) == Role::Admin) {
        if (!project_by_id(c, project_id)) return std::nullopt;
        return Role::Admin;
      }
      const auto row =
          c.query_one("SELECT role FROM project_members WHERE project_id = $1 AND user_id = $2",
                      {project_id, user_id});
      if (!row) return std::nullopt;
      return parse_role(row->text(0));
    });
  }

  std::vector<Project> list_projects_for_user(Id user_id) override {
    return read([&](Connection& c) {
      std::vector<Project> out;
      const auto user = c.query_one("SELECT role FROM users WHERE id = $1", {user_id});
      if (!user) return out;
      const bool admin = parse_role(user->text(0)) == Role::Admin;
      const Rows rows = admin ? c.query(sql("SELECT ", kProjectCols, " FROM projects ORDER BY id"))
                              : c.query(sql("SELECT ", kProjectCols,
                                            " FROM projects WHERE id IN (SELECT project_id FROM "
                                            "project_members WHERE user_id = $1) ORDER BY id"),
                                        {user_id});
      for (const Row& r : rows)
        out.push_back(project_from(r));
      return out;
    });
  }

  void create_session(const Session& s) override {
    if (s.token_hash.empty()) invalid("session token hash must not be empty");
    write([&](Connection& c) {
      c.execute(
          "INSERT INTO sessions (token_hash, kind, user_id, invitation_id, csrf_token, "
          "created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
          {s.token_hash, str(s.kind == SessionKind::User ? "user" : "respondent"),
           opt_id(s.user_id), opt_id(s.invitation_id), s.csrf_token,
           s.created_at != 0 ? s.created_at : now(), s.expires_at});
    });
  }

  std::optional<RespondentView> respondent_view(const std::string& token_hash, Time at) override {
    return read([&](Connection& c) -> std::optional<RespondentView> {
      const auto row = c.query_one(
          "SELECT s.csrf_token, s.created_at, s.expires_at, s.invitation_id, a.id, a.name, "
          "a.project_id, (SELECT COUNT(*) FROM consents k WHERE k.invitation_id = "
          "s.invitation_id AND k.withdrawn_at = 0), (SELECT COALESCE(MAX(q.version), 0) FROM "
          "questionnaires q WHERE q.project_id = a.project_id) FROM sessions s JOIN invitations i "
          "ON i.id = s.invitation_id JOIN actors a ON a.id = i.actor_id WHERE s.token_hash = $1 "
          "AND s.kind = 'respondent' AND s.expires_at > $2",
          {token_hash, at});
      if (!row) return std::nullopt;
      RespondentView v;
      v.session.token_hash = token_hash;
      v.session.kind = SessionKind::Respondent;
      v.session.csrf_token = row->text(0);
      v.session.created_at = row->i64(1);
      v.session.expires_at = row->i64(2);
      v.session.invitation_id = row->i64(3);
      v.actor_id = row->i64(4);
      v.actor_name = row->text(5);
      v.consented = row->i64(7) > 0;
      v.questionnaire_version = static_cast<int>(row->i64(8));
      const auto inv = invitation_by_id(c, v.session.invitation_id);
      if (!inv) return std::nullopt;
      v.invitation = *inv;
      const auto wave = wave_by_id(c, inv->wave_id);
      const auto project = project_by_id(c, row->i64(6));
      if (!wave || !project) return std::nullopt;
      v.wave = *wave;
      v.project = *project;
      return v;
    });
  }

  std::vector<RosterItem> list_roster(Id project_id) override {
    return read([&](Connection& c) {
      std::vector<RosterItem> out;
      for (const Row& r : c.query(
               "SELECT id, key, name, sector, free_addition, added_by FROM actors WHERE project_id "
               "= $1 AND merged_into IS NULL ORDER BY name, id",
               {project_id})) {
        RosterItem item;
        item.id = r.i64(0);
        item.key = r.text(1);
        item.name = r.text(2);
        item.sector = r.text(3);
        item.free_addition = r.i64(4) != 0;
        item.added_by = r.opt_i64(5);
        out.push_back(std::move(item));
      }
      return out;
    });
  }

  void ping() override {
    if (!read([&](Connection& c) { return c.query_one("SELECT 1", {}).has_value(); }))
      throw StorageError(StorageError::Kind::Io, "database did not answer SELECT 1");
  }

  std::optional<Session> find_session(const std::string& token_hash, Time at) override {
    return read([&](Connection& c) -> std::optional<Session> {
      const auto row = c.query_one(
          "SELECT token_hash, kind, user_id, invitation_id, csrf_token, created_at, expires_at "
          "FROM sessions WHERE token_hash = $1 AND expires_at > $2",
          {token_hash, at});
      if (!row) return std::nullopt;
      Session s;
      s.token_hash = row->text(0);
      s.kind = row->text(1) == "user" ? SessionKind::User : SessionKind::Respondent;
      s.user_id = row->opt_i64(2).value_or(0);
      s.invitation_id = row->opt_i64(3).value_or(0);
      s.csrf_token = row->text(4);
      s.created_at = row->i64(5);
      s.expires_at = row->i64(6);
      return s;
    });
  }

  void delete_session(const std::string& token_hash) override {
    write([&](Connection& c) {
      c.execute("DELETE FROM sessions WHERE token_hash = $1", {token_hash});
    });
  }

  void delete_user_sessions(Id user_id) override {
    write([&](Connection& c) { c.execute("DELETE FROM sessions WHERE user_id = $1", {user_id}); });
  }

  std::size_t delete_expired_sessions(Time at) override {
    return write([&](Connection& c) {
      return static_cast<std::size_t>(
          c.execute("DELETE FROM sessions WHERE expires_at <= $1", {at}));
    });
  }

  // --- audit --------------------------------------------------------------------------------
  void append_audit(const AuditEntry& e) override {
    write([&](Connection& c) { insert_audit(c, e); });
  }

  std::vector<AuditEntry> list_audit(Id project_id, std::size_t limit) override {
    return read([&](Connection& c) {
      std::vector<AuditEntry> out;
      const auto n = static_cast<std::int64_t>(limit);
      const Rows rows =
          project_id == 0
              ? c.query(sql("SELECT ", kAuditCols, " FROM audit_log ORDER BY id DESC LIMIT $1"),
                        {n})
              : c.query(sql("SELECT ", kAuditCols,
                            " FROM audit_log WHERE project_id = $1 ORDER BY id DESC LIMIT $2"),
                        {project_id, n});
      for (const Row& r : rows)
        out.push_back(audit_from(r));
      return out;
    });
  }

  // --- data protection ----------------------------------------------------------------------
  PersonData person_data(Id actor_id) override {
    return read([&](Connection& c) {
      PersonData d;
      const auto actor = actor_by_id(c, actor_id);
      if (!actor) not_found("actor");
      d.actor = *actor;
      for (const Row& r : c.query(
               sql("SELECT ", kInvitationCols, " FROM invitations WHERE actor_id = $1 ORDER BY id"),
               {actor_id})) {
        d.invitations.push_back(invitation_from(r));
        const Id inv = d.invitations.back().id;
        for (const Row& cr : c.query(sql("SELECT ", kConsentCols,
                                         " FROM consents WHERE invitation_id = $1 ORDER BY id"),
                                     {inv}))
          d.consents.push_back(consent_from(cr));
        auto answers = answers_of(c, inv);
        if (!answers.empty()) d.answers.emplace(inv, std::move(answers));
      }
      for (const Row& r : c.query(
               sql("SELECT ", kTieCols, " FROM ties WHERE source = $1 ORDER BY id"), {actor_id}))
        d.reported.push_back(tie_from(r));
      for (const Row& r : c.query(
               sql("SELECT ", kTieCols, " FROM ties WHERE target = $1 ORDER BY id"), {actor_id}))
        d.mentioned.push_back(tie_from(r));
      d.innovations = innovations_where(
          c,
          "reported_by IN (SELECT id FROM invitations WHERE actor_id = $1) OR id IN (SELECT "
          "innovation_id FROM innovation_actors WHERE actor_id = $1)",
          {actor_id});
      return d;
    });
  }

  ErasureResult erase_actor(Id actor_id, MentionPolicy policy, Id by_user) override {
    return write([&](Connection& c) {
      const auto actor = actor_by_id(c, actor_id);
      if (!actor) not_found("actor");
      ErasureResult res;
      auto count = [&](std::string_view text) {
        return static_cast<std::size_t>(c.query_one(text, {actor_id})->i64(0));
      };
      res.answers_deleted = count(
          "SELECT COUNT(*) FROM item_answers WHERE invitation_id IN (SELECT id FROM invitations "
          "WHERE actor_id = $1)");
      res.ties_reported_deleted =
          static_cast<std::size_t>(c.execute("DELETE FROM ties WHERE source = $1", {actor_id}));
      if (policy == MentionPolicy::Delete) {
        res.mentions_deleted =
            static_cast<std::size_t>(c.execute("DELETE FROM ties WHERE target = $1", {actor_id}));
      } else {
        const Id placeholder = erased_placeholder(c, actor->project_id);
        res.mentions_deleted = static_cast<std::size_t>(c.execute(
            "DELETE FROM ties WHERE target = $1 AND EXISTS (SELECT 1 FROM ties t WHERE "
            "t.wave_id = ties.wave_id AND t.relation = ties.relation AND t.source = ties.source "
            "AND t.target = $2)",
            {actor_id, placeholder}));
        res.mentions_anonymised = static_cast<std::size_t>(
            c.execute("UPDATE ties SET target = $1 WHERE target = $2", {placeholder, actor_id}));
      }
      // Free additions they added stay (other actors), but lose the link to the respondent.
      c.execute(
          "UPDATE actors SET added_by = NULL WHERE added_by IN (SELECT id FROM invitations "
          "WHERE actor_id = $1)",
          {actor_id});
      // Consents, answers, respondent sessions and innovation reports go with the invitations
      // (cascade / set null).
      res.invitations_deleted = static_cast<std::size_t>(
          c.execute("DELETE FROM invitations WHERE actor_id = $1", {actor_id}));
      // Duplicates merged into this actor carry its name too.
      c.execute("DELETE FROM actors WHERE merged_into = $1", {actor_id});
      c.execute("DELETE FROM actors WHERE id = $1", {actor_id});
      AuditEntry e;
      e.user_id = by_user;
      e.project_id = actor->project_id;
      e.action = "actor.erase";
      e.object = fmt::format("actor:{}", actor_id);
      e.detail = fmt::format(
          "policy={} reported={} mentions_deleted={} mentions_anonymised={} answers={} "
          "invitations={}",
          policy == MentionPolicy::Delete ? "delete" : "anonymise", res.ties_reported_deleted,
          res.mentions_deleted, res.mentions_anonymised, res.answers_deleted,
          res.invitations_deleted);
      insert_audit(c, e);
      return res;
    });
  }

  // --- maintenance --------------------------------------------------------------------------
  void backup_to(const std::string& path) override { db_->backup_to(path); }
  std::string integrity_check() override { return db_->integrity_check(); }

  // --- bulk import --------------------------------------------------------------------------
  ImportResult apply_import(const NetworkImport& batch) override {
    return write([&](Connection& c) {
      ImportResult res;
      if (!project_by_id(c, batch.project_id)) not_found("project");
      std::map<std::string, Id> ids;
      for (const Actor& in : batch.actors) {
        Actor a = in;
        a.project_id = batch.project_id;
        const auto existing = actor_by_key(c, a.project_id, a.key);
        if (!existing) {
          ids[a.key] = insert_actor(c, a).id;
          ++res.actors_created;
          continue;
        }
        a.id = existing->id;
        a.contact_name = existing->contact_name;  // a network file carries no contact data
        a.contact_email = existing->contact_email;
        a.free_addition = existing->free_addition;
        update_actor_row(c, a, *existing);
        ids[a.key] = existing->id;
        ++res.actors_updated;
      }
      std::map<std::string, Id> waves;
      for (const std::string& name : batch.waves) {
        if (waves.count(name) != 0) continue;
        const auto row = c.query_one("SELECT id FROM waves WHERE project_id = $1 AND name = $2",
                                     {batch.project_id, name});
        if (row) {
          waves[name] = row->i64(0);
          continue;
        }
        const auto position =
            c.query_one("SELECT COALESCE(MAX(position), -1) + 1 FROM waves WHERE project_id = $1",
                        {batch.project_id})
                ->i64(0);
        waves[name] = c.query_one(
                           "INSERT INTO waves (project_id, name, status, position) VALUES ($1, "
                           "$2, 'closed', $3) RETURNING id",
                           {batch.project_id, name, position})
                          ->i64(0);
        ++res.waves_created;
      }
      auto actor_id = [&](const std::string& key) {
        if (auto it = ids.find(key); it != ids.end()) return it->second;
        const auto a = actor_by_key(c, batch.project_id, key);
        if (!a) invalid("tie names an unknown actor");
        ids[key] = a->id;
        return a->id;
      };
      const Time t = now();
      for (const ImportTie& tie : batch.ties) {
        const auto wave = waves.find(tie.wave);
        if (wave == waves.end()) invalid("tie names a wave that is not imported");
        c.execute(
            "INSERT INTO ties (wave_id, relation, source, target, attrs, updated_at) VALUES "
            "($1, $2, $3, $4, $5, $6) ON CONFLICT (wave_id, relation, source, target) DO UPDATE "
            "SET attrs = excluded.attrs, updated_at = excluded.updated_at",
            {wave->second, tie.relation, actor_id(tie.source_key), actor_id(tie.target_key),
             codec::encode_attrs(tie.attrs), t});
        ++res.ties_written;
      }
      return res;
    });
  }

 private:
  Time now() const {
    if (clock_) return clock_();
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }

  template <class F>
  auto write(F&& f) -> decltype(f(std::declval<Connection&>())) {
    using R = decltype(f(std::declval<Connection&>()));
    if constexpr (std::is_void_v<R>) {
      db_->write([&](Connection& c) { f(c); });
    } else {
      std::optional<R> out;
      db_->write([&](Connection& c) { out = f(c); });
      return std::move(*out);
    }
  }

  template <class F>
  auto read(F&& f) -> decltype(f(std::declval<Connection&>())) {
    using R = decltype(f(std::declval<Connection&>()));
    std::optional<R> out;
    db_->read([&](Connection& c) { out = f(c); });
    return std::move(*out);
  }

  static Param token_param(const std::string& hash) {
    return hash.empty() ? Param{nullptr} : Param{hash};
  }

  static std::optional<Project> project_by_id(Connection& c, Id id) {
    const auto row =
        c.query_one(sql("SELECT ", kProjectCols, " FROM projects WHERE id = $1"), {id});
    if (!row) return std::nullopt;
    return project_from(*row);
  }

  static std::optional<Wave> wave_by_id(Connection& c, Id id) {
    const auto row = c.query_one(sql("SELECT ", kWaveCols, " FROM waves WHERE id = $1"), {id});
    if (!row) return std::nullopt;
    return wave_from(*row);
  }

  static std::vector<ActorField> fields_of(Connection& c, Id actor_id) {
    std::vector<ActorField> out;
    for (const Row& r :
         c.query("SELECT field, role FROM actor_fields WHERE actor_id = $1 ORDER BY position",
                 {actor_id}))
      out.push_back({r.text(0), r.text(1)});
    return out;
  }

  static std::optional<Actor> actor_by_id(Connection& c, Id id) {
    const auto row = c.query_one(sql("SELECT ", kActorCols, " FROM actors WHERE id = $1"), {id});
    if (!row) return std::nullopt;
    Actor a = actor_from(*row);
    a.fields = fields_of(c, a.id);
    return a;
  }

  static std::optional<Actor> actor_by_key(Connection& c, Id project_id, const std::string& key) {
    const auto row =
        c.query_one(sql("SELECT ", kActorCols, " FROM actors WHERE project_id = $1 AND key = $2"),
                    {project_id, key});
    if (!row) return std::nullopt;
    Actor a = actor_from(*row);
    a.fields = fields_of(c, a.id);
    return a;
  }

  static std::vector<Actor> actors_of(Connection& c, Id project_id, bool include_merged) {
    std::vector<Actor> out;
    std::map<Id, std::size_t> index;
    for (const Row& r :
         c.query(sql("SELECT ", kActorCols,
                     include_merged ? " FROM actors WHERE project_id = $1 ORDER BY key"
                                    : " FROM actors WHERE project_id = $1 AND merged_into "
                                      "IS NULL ORDER BY key"),
                 {project_id})) {
      out.push_back(actor_from(r));
      index[out.back().id] = out.size() - 1;
    }
    for (const Row& r :
         c.query("SELECT f.actor_id, f.field, f.role FROM actor_fields f JOIN actors a ON a.id = "
                 "f.actor_id WHERE a.project_id = $1 ORDER BY f.actor_id, f.position",
                 {project_id})) {
      if (auto it = index.find(r.i64(0)); it != index.end())
        out[it->second].fields.push_back({r.text(1), r.text(2)});
    }
    return out;
  }

  std::string next_pseudonym(Connection& c, Id project_id) {
    for (;;) {
      const auto row = c.query_one(
          "UPDATE projects SET next_pseudonym = next_pseudonym + 1 WHERE id = $1 RETURNING "
          "next_pseudonym",
          {project_id});
      if (!row) invalid("actor needs an existing project");
      std::string candidate = fmt::format("A-{:03}", row->i64(0));
      if (!c.query_one("SELECT 1 FROM actors WHERE project_id = $1 AND pseudonym = $2",
                       {project_id, candidate}))
        return candidate;
    }
  }

  static void write_fields(Connection& c, Id actor_id, const std::vector<ActorField>& fields) {
    c.execute("DELETE FROM actor_fields WHERE actor_id = $1", {actor_id});
    std::int64_t position = 0;
    for (const ActorField& f : fields)
      c.execute(
          "INSERT INTO actor_fields (actor_id, position, field, role) VALUES ($1, $2, $3, $4)",
          {actor_id, position++, f.field, f.role});
  }

  Actor insert_actor(Connection& c, const Actor& in) {
    if (in.key.empty()) invalid("actor key must not be empty");
    Actor a = in;
    if (a.pseudonym.empty()) a.pseudonym = next_pseudonym(c, a.project_id);
    a.created_at = a.created_at != 0 ? a.created_at : now();
    a.id =
        c.query_one(
             "INSERT INTO actors (project_id, key, name, kind, sector, pseudonym, "
             "contact_name, contact_email, attrs, free_addition, added_by, merged_into, "
             "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) "
             "RETURNING id",
             {a.project_id, a.key, a.name, a.kind, a.sector, a.pseudonym, a.contact_name,
              a.contact_email, codec::encode_attrs(a.attrs), std::int64_t{a.free_addition ? 1 : 0},
              opt_id(a.added_by), opt_id(a.merged_into), a.created_at})
            ->i64(0);
    write_fields(c, a.id, a.fields);
    return a;
  }

  /// Updates the editable columns; an empty pseudonym keeps the stored one.
  static void update_actor_row(Connection& c, const Actor& a, const Actor& existing) {
    c.execute(
        "UPDATE actors SET key = $1, name = $2, kind = $3, sector = $4, pseudonym = $5, "
        "contact_name = $6, contact_email = $7, attrs = $8, free_addition = $9 WHERE id = $10",
        {a.key.empty() ? existing.key : a.key, a.name, a.kind, a.sector,
         a.pseudonym.empty() ? existing.pseudonym : a.pseudonym, a.contact_name, a.contact_email,
         codec::encode_attrs(a.attrs), std::int64_t{a.free_addition ? 1 : 0}, existing.id});
    write_fields(c, existing.id, a.fields);
  }

  static void check_actor_in(Connection& c, Id actor_id, Id project_id) {
    const auto row = c.query_one("SELECT project_id FROM actors WHERE id = $1", {actor_id});
    if (!row || row->i64(0) != project_id) invalid("actor is not part of the project");
  }

  static std::optional<Invitation> invitation_by_id(Connection& c, Id id) {
    const auto row =
        c.query_one(sql("SELECT ", kInvitationCols, " FROM invitations WHERE id = $1"), {id});
    if (!row) return std::nullopt;
    return invitation_from(*row);
  }

  static std::optional<Consent> active_consent_of(Connection& c, Id invitation_id) {
    const auto row = c.query_one(
        sql("SELECT ", kConsentCols,
            " FROM consents WHERE invitation_id = $1 AND withdrawn_at = 0 ORDER BY id DESC "
            "LIMIT 1"),
        {invitation_id});
    if (!row) return std::nullopt;
    return consent_from(*row);
  }

  /// The invitation, if its wave is open and it has an active consent.
  static Invitation open_invitation(Connection& c, Id invitation_id) {
    const auto inv = invitation_by_id(c, invitation_id);
    if (!inv) not_found("invitation");
    const auto wave = wave_by_id(c, inv->wave_id);
    if (!wave || wave->status != WaveStatus::Open) invalid("the wave is not open");
    if (!active_consent_of(c, invitation_id)) invalid("no active consent");
    return *inv;
  }

  /// The actor for a respondent's free addition: reused per respondent + name (following a
  /// merge), otherwise created with free_addition = true.
  Id free_addition(Connection& c, const Invitation& inv, Id project_id, const std::string& name) {
    if (name.empty()) invalid("free addition name must not be empty");
    const auto row = c.query_one(
        "SELECT id, merged_into FROM actors WHERE project_id = $1 AND added_by = $2 AND "
        "name = $3 AND free_addition = 1 ORDER BY id LIMIT 1",
        {project_id, inv.id, name});
    if (row) {
      Id id = row->i64(0);
      std::optional<Id> next = row->opt_i64(1);
      for (int hops = 0; next && hops < 64; ++hops) {
        id = *next;
        const auto r = c.query_one("SELECT merged_into FROM actors WHERE id = $1", {id});
        next = r ? r->opt_i64(0) : std::nullopt;
      }
      return id;
    }
    Actor a;
    a.project_id = project_id;
    a.pseudonym = next_pseudonym(c, project_id);
    a.key = "free-" + a.pseudonym;
    a.name = name;
    a.free_addition = true;
    a.added_by = inv.id;
    return insert_actor(c, a).id;
  }

  Id erased_placeholder(Connection& c, Id project_id) {
    const std::string key = "~erased";
    if (const auto a = actor_by_key(c, project_id, key)) return a->id;
    Actor a;
    a.project_id = project_id;
    a.key = key;
    a.name = "erased";
    a.kind = "placeholder";
    a.pseudonym = key;
    return insert_actor(c, a).id;
  }

  static std::vector<ItemAnswer> answers_of(Connection& c, Id invitation_id) {
    std::vector<ItemAnswer> out;
    for (const Row& r :
         c.query("SELECT item, value FROM item_answers WHERE invitation_id = $1 ORDER BY item",
                 {invitation_id}))
      out.push_back({r.text(0), codec::decode_value(r.text(1))});
    return out;
  }

  static std::optional<Innovation> innovation_by_id(Connection& c, Id id) {
    auto list = innovations_where(c, "id = $1", {id});
    if (list.empty()) return std::nullopt;
    return std::move(list.front());
  }

  static std::vector<Innovation> innovations_where(Connection& c, std::string_view where,
                                                   const Params& params) {
    std::vector<Innovation> out;
    for (const Row& r : c.query(
             fmt::format("SELECT {} FROM innovations WHERE {} ORDER BY id", kInnovationCols, where),
             params))
      out.push_back(innovation_from(r));
    for (Innovation& n : out)
      for (const Row& r :
           c.query("SELECT actor_id, role FROM innovation_actors WHERE innovation_id = $1 ORDER BY "
                   "position",
                   {n.id}))
        n.actors.push_back({r.i64(0), r.text(1)});
    return out;
  }

  void insert_audit(Connection& c, const AuditEntry& e) const {
    c.execute(
        "INSERT INTO audit_log (at, user_id, project_id, action, object, detail) VALUES ($1, $2, "
        "$3, $4, $5, $6)",
        {e.at != 0 ? e.at : now(), e.user_id, e.project_id, e.action, e.object, e.detail});
  }

  std::unique_ptr<Db> db_;
  std::function<Time()> clock_;
};

bool starts_with(const std::string& s, std::string_view prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

std::unique_ptr<Repository> open_repository(const OpenOptions& options) {
  const std::string& loc = options.location;
  std::unique_ptr<Db> db;
  if (starts_with(loc, "postgresql://") || starts_with(loc, "postgres://")) {
    db = open_postgres(loc, {options.readers, options.pg_schema});
  } else if (starts_with(loc, "postgres:")) {
    db = open_postgres(loc.substr(9), {options.readers, options.pg_schema});
  } else {
    std::string path = starts_with(loc, "sqlite:") ? loc.substr(7) : loc;
    if (path.empty()) invalid("storage: empty database location");
    SqliteOptions sqlite;
    sqlite.readers = options.readers;
    sqlite.busy_timeout_ms = options.busy_timeout_ms;
    sqlite.max_group = options.max_group == 0 ? 1 : options.max_group;
    db = open_sqlite(path, sqlite);
  }
  if (options.migrate) migrate(*db);
  return std::make_unique<SqlRepository>(std::move(db), options.clock);
}

}  // namespace kn::storage
