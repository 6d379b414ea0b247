#pragma once
// The one storage interface of KlimaNetze. Two backends implement it with the same SQL
// (storage/sql_repository.cpp over the Db driver interface, storage/db.hpp):
//   - SQLite (embedded default, one file): WAL, synchronous=FULL, foreign keys, busy timeout,
//     one writer connection with BEGIN IMMEDIATE and grouped commits, a reader pool, online
//     backup;
//   - PostgreSQL via libpq, for several server instances sharing one database.
// The contract test suite (tests/unit/storage) runs unchanged on both.
//
// Rules every implementation keeps:
//   - every public call is atomic: it commits completely or changes nothing;
//   - a call that returns has made its change durable (SQLite synchronous=FULL; PostgreSQL
//     synchronous_commit default);
//   - thread-safe: one Repository is shared by all server threads;
//   - errors: StorageError (with a stable kind) for constraint violations, missing rows and I/O;
//     never a partial write.
// Migrations are versioned (storage/migrations.cpp) and run by open_repository().

#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "storage/records.hpp"

namespace kn::storage {

class StorageError : public std::runtime_error {
 public:
  enum class Kind { NotFound, Conflict, Invalid, Busy, Io, Unsupported };
  StorageError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  [[nodiscard]] Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

struct OpenOptions {
  /// "sqlite:PATH" (PATH ":memory:" for tests), a plain file path (= SQLite), or a libpq URL
  /// "postgresql://..." / "postgres://..." / a libpq keyword string prefixed with "postgres:".
  std::string location;
  std::size_t readers = 4;     ///< SQLite reader connections / PostgreSQL pool size
  int busy_timeout_ms = 5000;  ///< SQLite busy timeout
  bool migrate = true;         ///< run pending migrations on open
  /// Source of "now" for every stored time (tests inject a fake clock); empty = system clock.
  std::function<Time()> clock;
  /// PostgreSQL only: schema to work in (created if missing; "" = the server's search_path).
  /// Lower-case letters, digits and '_'. Lets tests and several projects share one database.
  std::string pg_schema;
  /// SQLite only: upper bound of write calls committed together in one transaction.
  std::size_t max_group = 512;
};

/// One tie of a network import, by actor key and wave name (storage/network_bridge.hpp).
struct ImportTie {
  std::string wave;
  std::string relation;
  std::string source_key;
  std::string target_key;
  Attributes attrs;
};

/// A whole network import, applied by Repository::apply_import in one transaction: actors
/// upserted by key (contact data of existing actors kept), waves created by name when missing,
/// ties inserted or, for an existing (wave, relation, source, target), their attributes replaced.
struct NetworkImport {
  Id project_id = 0;
  std::vector<Actor> actors;
  std::vector<std::string> waves;
  std::vector<ImportTie> ties;
};

struct ImportResult {
  std::size_t actors_created = 0;
  std::size_t actors_updated = 0;
  std::size_t waves_created = 0;
  std::size_t ties_written = 0;
};

/// Filters for list_ties().
struct TieQuery {
  Id wave_id = 0;  ///< required
  std::optional<std::string> relation;
  std::optional<Id> source;
  std::optional<Id> target;
};

class Repository {
 public:
  virtual ~Repository() = default;
  Repository() = default;
  Repository(const Repository&) = delete;
  Repository& operator=(const Repository&) = delete;

  /// "sqlite" or "postgresql".
  [[nodiscard]] virtual std::string backend() const = 0;
  /// Applied schema version (highest migration).
  [[nodiscard]] virtual int schema_version() = 0;

  // --- projects -------------------------------------------------------------------------------
  virtual Project create_project(const Project& project) = 0;  ///< Conflict on duplicate slug
  virtual std::optional<Project> find_project(Id id) = 0;
  virtual std::optional<Project> find_project_by_slug(const std::string& slug) = 0;
  virtual std::vector<Project> list_projects() = 0;
  /// name, lang, retention_until, public_view, public_min_group
  virtual void update_project(const Project& project) = 0;
  /// Deletes the project and everything in it (retention expiry).
  virtual void delete_project(Id id) = 0;

  // --- waves ----------------------------------------------------------------------------------
  virtual Wave create_wave(const Wave& wave) = 0;  ///< Conflict on duplicate name in project
  virtual std::optional<Wave> find_wave(Id id) = 0;
  virtual std::vector<Wave> list_waves(Id project_id) = 0;  ///< by position, then id
  /// Sets the status and opened_at / closed_at (now) accordingly.
  virtual Wave set_wave_status(Id wave_id, WaveStatus status) = 0;

  // --- actors (roster) ------------------------------------------------------------------------
  virtual Actor create_actor(const Actor& actor) = 0;  ///< Conflict on duplicate key
  /// Inserts or updates by (project_id, key); returns the stored actor. Used by roster import.
  virtual Actor upsert_actor(const Actor& actor) = 0;
  virtual std::optional<Actor> find_actor(Id id) = 0;
  virtual std::optional<Actor> find_actor_by_key(Id project_id, const std::string& key) = 0;
  /// Roster order (by key). Merged actors only when include_merged.
  virtual std::vector<Actor> list_actors(Id project_id, bool include_merged = false) = 0;
  virtual void update_actor(const Actor& actor) = 0;
  /// The survey's view of the roster: unmerged actors of the project, ordered by name.
  virtual std::vector<RosterItem> list_roster(Id project_id) = 0;
  /// Merges a free addition (or any duplicate) into another actor of the same project: every
  /// tie, innovation link and invitation of `from` moves to `into` (ties that would become
  /// duplicates or loops are dropped), then `from` is marked merged_into.
  virtual void merge_actor(Id from, Id into) = 0;

  // --- invitations and consent ----------------------------------------------------------------
  virtual Invitation create_invitation(const Invitation& invitation) = 0;  ///< one per wave+actor
  virtual std::optional<Invitation> find_invitation(Id id) = 0;
  virtual std::optional<Invitation> find_invitation_by_token_hash(const std::string& hash) = 0;
  virtual std::vector<Invitation> list_invitations(Id wave_id) = 0;
  /// Replaces the token hash (new link); the old link stops working.
  virtual void set_invitation_token_hash(Id invitation_id, const std::string& hash) = 0;
  virtual void set_invitation_lang(Id invitation_id, const std::string& lang) = 0;
  virtual Consent record_consent(Id invitation_id, const std::string& text_version) = 0;
  /// Withdraws every active consent of the invitation.
  virtual void withdraw_consent(Id invitation_id) = 0;
  /// Withdraws consent and deletes the respondent's answers in one transaction (Art. 7(3),
  /// 17(1)(b) GDPR): ties the invitation's actor reported in its wave, item answers, reported
  /// innovations and unreferenced free additions; the invitation goes back to Invited. The
  /// roster entry stays (docs/data-protection.md).
  virtual ErasureResult withdraw_response(Id invitation_id) = 0;
  virtual std::optional<Consent> active_consent(Id invitation_id) = 0;
  virtual std::vector<ResponseCount> response_counts(Id wave_id) = 0;  ///< by sector

  // --- responses ------------------------------------------------------------------------------
  /// Saves a survey page atomically (see ResponseUpdate); sets the invitation to Started (if it
  /// was Invited) and updated_at. Invalid if the wave is not open or the invitation has no active
  /// consent; Invalid if a tie names an actor of another project, a merged actor or the
  /// respondent itself.
  virtual void save_response(const ResponseUpdate& update) = 0;
  /// Marks the invitation Submitted (idempotent: a second call keeps the first submitted_at).
  /// Invalid if the wave is not open or there is no active consent.
  virtual Invitation submit_response(Id invitation_id) = 0;
  virtual std::vector<ItemAnswer> list_answers(Id invitation_id) = 0;
  virtual std::vector<Tie> list_ties(const TieQuery& query) = 0;

  // --- innovations and interventions ----------------------------------------------------------
  virtual Innovation save_innovation(
      const Innovation& innovation) = 0;  ///< insert (id 0) or update
  virtual void delete_innovation(Id id) = 0;
  virtual std::vector<Innovation> list_innovations(Id project_id) = 0;
  virtual Intervention save_intervention(const Intervention& intervention) = 0;
  virtual std::vector<Intervention> list_interventions(Id project_id) = 0;

  // --- questionnaires -------------------------------------------------------------------------
  /// Stores a new version (version = previous + 1) and returns it.
  virtual Questionnaire save_questionnaire(Id project_id, const std::string& definition) = 0;
  /// The highest version, or a specific one.
  virtual std::optional<Questionnaire> find_questionnaire(Id project_id, int version = 0) = 0;

  // --- map layouts (docs/map.md) --------------------------------------------------------------
  virtual std::optional<StoredLayout> find_layout(Id project_id, const std::string& scope) = 0;
  /// Inserts or replaces the layout of (project, scope); positions must be finite. Returns it
  /// with updated_at set.
  virtual StoredLayout save_layout(const StoredLayout& layout) = 0;

  // --- users, membership, sessions ------------------------------------------------------------
  virtual User create_user(const User& user) = 0;  ///< Conflict on duplicate email
  virtual std::optional<User> find_user(Id id) = 0;
  virtual std::optional<User> find_user_by_email(const std::string& email) = 0;
  virtual std::vector<User> list_users() = 0;
  virtual void update_user(const User& user) = 0;  ///< display name, hash, role, disabled
  /// Gives a user access to a project with a role (Researcher or Partner); replaces the role.
  virtual void set_membership(Id project_id, Id user_id, Role role) = 0;
  virtual void remove_membership(Id project_id, Id user_id) = 0;
  /// The user's role in the project; Admin users get Admin for every project.
  virtual std::optional<Role> project_role(Id project_id, Id user_id) = 0;
  virtual std::vector<Project> list_projects_for_user(Id user_id) = 0;
  virtual void create_session(const Session& session) = 0;
  /// The session if it exists and has not expired at `now`.
  virtual std::optional<Session> find_session(const std::string& token_hash, Time now) = 0;
  /// For a valid respondent session: its invitation, wave, project, actor, consent state and the
  /// latest questionnaire version, in one read transaction (the survey's per-request lookup).
  virtual std::optional<RespondentView> respondent_view(const std::string& token_hash,
                                                        Time now) = 0;
  virtual void delete_session(const std::string& token_hash) = 0;
  virtual void delete_user_sessions(Id user_id) = 0;
  virtual std::size_t delete_expired_sessions(Time now) = 0;

  // --- audit ----------------------------------------------------------------------------------
  virtual void append_audit(const AuditEntry& entry) = 0;  ///< `at` = now when 0
  virtual std::vector<AuditEntry> list_audit(Id project_id, std::size_t limit = 200) = 0;

  // --- data protection ------------------------------------------------------------------------
  /// Everything stored about one actor (Art. 15/20).
  virtual PersonData person_data(Id actor_id) = 0;
  /// Erases an actor's personal data (Art. 17): their answers, reported ties, consents,
  /// invitations, sessions and innovation links; mentions by others per `policy`; the actor row
  /// itself is deleted (or, with Anonymise, kept as the placeholder's target only). Writes an
  /// audit entry with counts only.
  virtual ErasureResult erase_actor(Id actor_id, MentionPolicy policy, Id by_user) = 0;

  // --- maintenance ----------------------------------------------------------------------------
  /// Online, consistent copy of the whole database (SQLite backup API). PostgreSQL: Unsupported
  /// (use pg_dump).
  virtual void backup_to(const std::string& path) = 0;
  /// "ok" or the problems found (SQLite PRAGMA integrity_check; PostgreSQL: "ok" after a
  /// connectivity check).
  virtual std::string integrity_check() = 0;
  /// Cheap liveness check (a trivial query); throws StorageError when the database is unusable.
  virtual void ping() = 0;

  // --- bulk import ----------------------------------------------------------------------------
  /// Applies a network import atomically (see NetworkImport). Invalid if a tie names an actor
  /// key that is neither in the import nor in the project. The default throws Unsupported.
  virtual ImportResult apply_import(const NetworkImport& batch);
};

/// Opens (and by default migrates) a repository. Throws StorageError.
std::unique_ptr<Repository> open_repository(const OpenOptions& options);

}  // namespace kn::storage
