#pragma once
// Stored entities of KlimaNetze (../docs/storage.md; domain: ../shared/design/domain.md).
//
// Plain records, no behaviour. Times are UTC seconds since the Unix epoch (0 = not set). Ids are
// database row ids (> 0). Free attributes use the network model's typed kn::Value, so a project
// moves losslessly between the database and every file format (storage/network_bridge.hpp).
//
// Personal data (GDPR): Actor::contact_name and Actor::contact_email, User::email and
// User::display_name, free-text answers. Analysis code reads actors through pseudonyms unless a
// researcher asks for names; exports are pseudonymised by default (docs/data-protection.md).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/graph/network.hpp"

namespace kn::storage {

using Id = std::int64_t;
using Time = std::int64_t;  ///< UTC seconds since the epoch; 0 = not set

/// Free attributes (actor or tie): name -> typed value. std::map keeps a stable column order.
using Attributes = std::map<std::string, kn::Value>;

struct Project {
  Id id = 0;
  std::string slug;  ///< URL-safe, unique: [a-z0-9-]{1,64}
  std::string name;  ///< display name, e.g. "Musterstadt 2026"
  std::string lang = "de";
  Time retention_until = 0;  ///< date after which the personal data must be erased (0 = unset)
  Time created_at = 0;
  /// The public page (/public/{slug}) with aggregates by sector only is switched on.
  bool public_view = false;
  /// Smallest group the public view shows a number for (docs/map.md); at least 2.
  int public_min_group = 5;
};

enum class WaveStatus : std::uint8_t { Draft, Open, Closed };
std::string_view to_string(WaveStatus status);
std::optional<WaveStatus> parse_wave_status(std::string_view text);

struct Wave {
  Id id = 0;
  Id project_id = 0;
  std::string name;  ///< unique per project, e.g. "2026" or "baseline"
  WaveStatus status = WaveStatus::Draft;
  int position = 0;  ///< order of the waves in time
  Time opened_at = 0;
  Time closed_at = 0;
};

/// Membership of an actor in a field of action (two-mode), with its role there.
struct ActorField {
  std::string field;  ///< field key, e.g. "mobilitaet"
  std::string role;   ///< planning | implementing | funding | advising | communicating | ""
  bool operator==(const ActorField&) const = default;
};

struct Actor {
  Id id = 0;
  Id project_id = 0;
  std::string key;            ///< stable id within the project (the network model's actor id)
  std::string name;           ///< organisation or person name
  std::string kind;           ///< organisation | person
  std::string sector;         ///< sector key (verwaltung, politik, ...)
  std::string pseudonym;      ///< stable pseudonym for publication (unique per project)
  std::string contact_name;   ///< personal data: contact person (for the invitation)
  std::string contact_email;  ///< personal data: where the invitation goes
  std::vector<ActorField> fields;
  Attributes attrs;  ///< any further attributes
  /// A respondent added this actor as a free (unlisted) name; the researcher merges or keeps it.
  bool free_addition = false;
  std::optional<Id> added_by;     ///< invitation that added the free addition
  std::optional<Id> merged_into;  ///< set once merged: the actor that replaces this one
  Time created_at = 0;
};

/// What the survey pages need of a roster actor (list_roster(): no contact data, attributes or
/// fields, so the survey does not materialise the whole actor table per request).
struct RosterItem {
  Id id = 0;
  std::string key;
  std::string name;
  std::string sector;
  bool free_addition = false;
  std::optional<Id> added_by;
};

/// One reported tie: `source` (the respondent's actor) names `target` in `relation`.
struct Tie {
  Id id = 0;
  Id wave_id = 0;
  std::string relation;  ///< zusammenarbeit | information | wunsch | konflikt | ...
  Id source = 0;         ///< actor id of the reporting side
  Id target = 0;         ///< actor id named
  Attributes attrs;      ///< frequency, kind, quality, barriers, enablers, fields, comment, ...
  Time updated_at = 0;
};

enum class InvitationStatus : std::uint8_t { Invited, Started, Submitted };
std::string_view to_string(InvitationStatus status);
std::optional<InvitationStatus> parse_invitation_status(std::string_view text);

/// An actor invited to a wave. Only the hash of the secret token is stored.
struct Invitation {
  Id id = 0;
  Id wave_id = 0;
  Id actor_id = 0;
  std::string token_hash;  ///< hex BLAKE2b-256 of the token (server/web/tokens.hpp)
  InvitationStatus status = InvitationStatus::Invited;
  std::string lang;  ///< preferred survey language ("" = project default)
  Time created_at = 0;
  Time started_at = 0;
  Time submitted_at = 0;
  Time updated_at = 0;
};

struct Consent {
  Id id = 0;
  Id invitation_id = 0;
  std::string text_version;  ///< version of the consent text shown
  Time given_at = 0;
  Time withdrawn_at = 0;
};

/// Answer to a non-network item (about you, general barriers/enablers, suggestions).
struct ItemAnswer {
  std::string item;  ///< item key from the questionnaire
  kn::Value value;   ///< String, Number or List
  bool operator==(const ItemAnswer&) const = default;
};

/// An idea/project (innovation) and the actors around it.
struct InnovationActor {
  Id actor_id = 0;
  std::string role;  ///< initiator | partner | supporter
  bool operator==(const InnovationActor&) const = default;
};

struct Innovation {
  Id id = 0;
  Id project_id = 0;
  Id wave_id = 0;                 ///< wave in which it was reported (0 = none)
  std::optional<Id> reported_by;  ///< invitation that reported it
  std::string title;
  std::string description;
  std::string field;                    ///< field of action key
  std::string stage;                    ///< idea | planning | pilot | realised | stopped
  std::vector<std::string> conditions;  ///< conditions needed (funding, permits, ...)
  std::vector<InnovationActor> actors;
  Time created_at = 0;
};

/// What a respondent saves with one survey page (or the whole survey): atomically replaces the
/// ties the respondent reported in the named relations and the named items.
struct ResponseUpdate {
  Id invitation_id = 0;
  /// relation -> all ties of this respondent in that relation (replaces the stored ones).
  std::map<std::string, std::vector<Tie>> ties;
  std::vector<ItemAnswer> items;  ///< replaces these items (others stay)
  /// Free additions: names of unlisted actors; each becomes an Actor with free_addition = true
  /// (reused when the same respondent adds the same name again). Ties may point at them by
  /// Tie::target = -(index + 1) into this vector.
  std::vector<std::string> free_additions;
  /// When set: replaces the innovations this invitation reported (Innovation::reported_by).
  std::optional<std::vector<Innovation>> innovations;
};

/// A real lab or other intervention between waves.
struct Intervention {
  Id id = 0;
  Id project_id = 0;
  std::string name;
  Time starts_at = 0;
  Time ends_at = 0;
  Id wave_before = 0;  ///< 0 = none
  Id wave_after = 0;
  std::vector<Id> actors;
};

/// A versioned questionnaire definition (its own document format, app/survey/questionnaire.hpp).
struct Questionnaire {
  Id id = 0;
  Id project_id = 0;
  int version = 0;         ///< 1, 2, ... per project
  std::string definition;  ///< the definition document (JSON text)
  Time created_at = 0;
};

enum class Role : std::uint8_t { Admin, Researcher, Partner };
std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);

struct User {
  Id id = 0;
  std::string email;  ///< login name (lower case)
  std::string display_name;
  std::string password_hash;     ///< Argon2id string from libsodium crypto_pwhash_str
  Role role = Role::Researcher;  ///< global role; Admin sees every project
  bool disabled = false;
  Time created_at = 0;
};

enum class SessionKind : std::uint8_t { User, Respondent };

/// A login or respondent session. Only the hash of the cookie value is stored.
struct Session {
  std::string token_hash;
  SessionKind kind = SessionKind::User;
  Id user_id = 0;        ///< for User sessions
  Id invitation_id = 0;  ///< for Respondent sessions
  std::string csrf_token;
  Time created_at = 0;
  Time expires_at = 0;
};

/// Audit log entry of an administrative action. Never holds personal content: ids and action
/// names only.
struct AuditEntry {
  Id id = 0;
  Time at = 0;
  Id user_id = 0;      ///< 0 = system
  Id project_id = 0;   ///< 0 = none
  std::string action;  ///< e.g. "wave.open", "actor.erase", "roster.import"
  std::string object;  ///< e.g. "wave:3", "actor:17"
  std::string detail;  ///< counts and flags only, e.g. "rows=120"
};

/// Everything stored about one actor, for access/portability requests (GDPR Art. 15/20).
struct PersonData {
  Actor actor;
  std::vector<Invitation> invitations;
  std::vector<Consent> consents;
  std::vector<Tie> reported;                      ///< ties this actor reported
  std::vector<Tie> mentioned;                     ///< ties others reported about this actor
  std::map<Id, std::vector<ItemAnswer>> answers;  ///< invitation id -> item answers
  std::vector<Innovation> innovations;            ///< innovations reported by or naming them
};

/// What erasure does with ties other respondents reported about the erased actor
/// (docs/data-protection.md).
enum class MentionPolicy : std::uint8_t {
  Delete,     ///< delete those ties (default)
  Anonymise,  ///< re-point them to one anonymous placeholder actor per project ("erased")
};

struct ErasureResult {
  std::size_t ties_reported_deleted = 0;
  std::size_t mentions_deleted = 0;
  std::size_t mentions_anonymised = 0;
  std::size_t answers_deleted = 0;
  std::size_t invitations_deleted = 0;
};

/// A map layout stored so the picture stays the same between visits (docs/map.md): positions per
/// actor for one scope (wave and relation) of a project, with the fingerprint of the graph they
/// were computed for (a changed graph is laid out again, starting from these positions).
/// Positions are not personal data; an erased actor's position is dropped on the next save.
struct StoredLayout {
  Id project_id = 0;
  std::string scope;        ///< layout_scope(), e.g. "wave=2026|relation=zusammenarbeit"
  std::string fingerprint;  ///< of the graph the positions belong to
  std::int64_t seed = 0;
  std::string source;  ///< "server" (computed) | "browser" (refined and saved by a user)
  std::int64_t iterations = 0;
  std::map<Id, std::pair<double, double>> positions;  ///< actor id -> (x, y)
  Time updated_at = 0;
};

/// The scope of the map's layout of one wave and relation: "wave=<name>|relation=<key>".
inline std::string layout_scope(const std::string& wave, const std::string& relation) {
  return "wave=" + wave + "|relation=" + relation;
}

/// Response monitoring for one wave.
struct ResponseCount {
  std::string sector;
  std::size_t invited = 0;
  std::size_t started = 0;
  std::size_t submitted = 0;
};

/// Everything the survey needs about the respondent behind a session, read in one transaction
/// (Repository::respondent_view).
struct RespondentView {
  Session session;
  Invitation invitation;
  Wave wave;
  Project project;
  Id actor_id = 0;
  std::string actor_name;
  bool consented = false;         ///< an active consent exists
  int questionnaire_version = 0;  ///< latest stored version (0 = none)
};

}  // namespace kn::storage
