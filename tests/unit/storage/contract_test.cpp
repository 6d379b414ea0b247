// The storage contract suite: every Repository function on every backend (SQLite in memory,
// SQLite file, PostgreSQL when KN_TEST_POSTGRES is set). Round trips with umlauts, ß and emoji,
// constraint errors, cascades, save_response validation and replace semantics, merge and
// erasure, sessions, audit, migrations, atomicity and concurrent writers.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>

#include <thread>

#include "unit/storage/storage_fixture.hpp"

namespace kn::storage::test {
namespace {

using Kind = StorageError::Kind;

template <class F>
Kind error_kind(F&& f) {
  try {
    f();
  } catch (const StorageError& e) {
    return e.kind();
  }
  ADD_FAILURE() << "expected a StorageError";
  return Kind::Unsupported;
}

const std::string kUnicode = "Grüne Straße – Ökö 🌍 Bürgerinitiative";

class Contract : public StorageTest {
 protected:
  Project make_project(const std::string& slug = "musterstadt") {
    Project p;
    p.slug = slug;
    p.name = "Musterstadt 2026 – Klimaschutz 🌱";
    p.lang = "de";
    return repo().create_project(p);
  }
  Wave make_wave(Id project, const std::string& name = "2026", bool open = true) {
    Wave w;
    w.project_id = project;
    w.name = name;
    Wave stored = repo().create_wave(w);
    if (open) stored = repo().set_wave_status(stored.id, WaveStatus::Open);
    return stored;
  }
  Actor make_actor(Id project, const std::string& key, const std::string& name = "") {
    Actor a;
    a.project_id = project;
    a.key = key;
    a.name = name.empty() ? "Akteur " + key : name;
    a.kind = "organisation";
    a.sector = "verwaltung";
    return repo().create_actor(a);
  }
  Invitation invite(Id wave, Id actor, const std::string& token, bool consent = true) {
    Invitation i;
    i.wave_id = wave;
    i.actor_id = actor;
    i.token_hash = token;
    Invitation stored = repo().create_invitation(i);
    if (consent) repo().record_consent(stored.id, "v1");
    return stored;
  }

  /// A project with an open wave, four actors and an invitation (with consent) for actors[0].
  struct Setup {
    Project project;
    Wave wave;
    std::vector<Actor> actors;
    Invitation invitation;
  };
  Setup setup() {
    Setup s;
    s.project = make_project();
    s.wave = make_wave(s.project.id);
    for (const char* key : {"V01", "P01", "Z01", "W01"})
      s.actors.push_back(make_actor(s.project.id, key));
    s.invitation = invite(s.wave.id, s.actors[0].id, "hash-0");
    return s;
  }
  static Tie tie_to(Id target, double quality) {
    Tie t;
    t.target = target;
    t.attrs["quality"] = quality;
    t.attrs["barriers"] = std::vector<std::string>{"lack_of_time", "bürokratie"};
    t.attrs["comment"] = std::string(kUnicode);
    return t;
  }
};

TEST_P(Contract, BackendAndSchemaVersion) {
  EXPECT_EQ(repo().backend(), is_sqlite() ? "sqlite" : "postgresql");
  EXPECT_EQ(repo().schema_version(), 2);
}

TEST_P(Contract, MigrationsAreIdempotent) {
  if (GetParam() == Backend::SqliteMemory) GTEST_SKIP() << "a memory database is not shared";
  make_project();
  repo_.reset();
  auto again = reopen();
  EXPECT_EQ(again->schema_version(), 2);
  EXPECT_EQ(again->list_projects().size(), 1U);
  auto third = reopen();
  EXPECT_EQ(third->schema_version(), 2);
}

TEST_P(Contract, ProjectRoundTripAndDuplicateSlug) {
  Project p = make_project();
  EXPECT_GT(p.id, 0);
  EXPECT_EQ(p.created_at, now());
  const auto found = repo().find_project(p.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, "Musterstadt 2026 – Klimaschutz 🌱");
  EXPECT_EQ(repo().find_project_by_slug("musterstadt")->id, p.id);
  EXPECT_FALSE(repo().find_project_by_slug("nowhere"));
  EXPECT_EQ(error_kind([&] { make_project(); }), Kind::Conflict);
  EXPECT_EQ(error_kind([&] { make_project("Bad Slug"); }), Kind::Invalid);
  p.name = kUnicode;
  p.lang = "en";
  p.retention_until = 1'900'000'000;
  repo().update_project(p);
  const auto updated = repo().find_project(p.id);
  EXPECT_EQ(updated->name, kUnicode);
  EXPECT_EQ(updated->lang, "en");
  EXPECT_EQ(updated->retention_until, 1'900'000'000);
  make_project("zweite-stadt");
  EXPECT_EQ(repo().list_projects().size(), 2U);
  Project missing = p;
  missing.id = 9999;
  EXPECT_EQ(error_kind([&] { repo().update_project(missing); }), Kind::NotFound);
}

TEST_P(Contract, ProjectPublicViewSettings) {
  Project p = make_project();
  EXPECT_FALSE(p.public_view);
  EXPECT_EQ(p.public_min_group, 5);
  p.public_view = true;
  p.public_min_group = 7;
  repo().update_project(p);
  const auto back = repo().find_project_by_slug("musterstadt");
  ASSERT_TRUE(back);
  EXPECT_TRUE(back->public_view);
  EXPECT_EQ(back->public_min_group, 7);
  EXPECT_EQ(repo().list_projects().at(0).public_min_group, 7);
  p.public_min_group = 1;  // a group of one would show an individual
  EXPECT_EQ(error_kind([&] { repo().update_project(p); }), Kind::Invalid);
  EXPECT_EQ(repo().find_project(p.id)->public_min_group, 7);
}

TEST_P(Contract, LayoutRoundTripReplaceAndCascade) {
  const Project p = make_project();
  const Actor a = make_actor(p.id, "V01");
  const Actor b = make_actor(p.id, "V02");
  StoredLayout l;
  l.project_id = p.id;
  l.scope = "wave:1|relation:zusammenarbeit";
  l.fingerprint = "fp-1";
  l.seed = 42;
  l.source = "server";
  l.iterations = 600;
  // Values whose shortest decimal form is long, tiny and negative: must come back bit-identical.
  l.positions = {{a.id, {1.0 / 3.0, -2.5e-300}}, {b.id, {-123456.789012345678, 0.1 + 0.2}}};
  const StoredLayout saved = repo().save_layout(l);
  EXPECT_GT(saved.updated_at, 0);
  auto back = repo().find_layout(p.id, l.scope);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->fingerprint, "fp-1");
  EXPECT_EQ(back->seed, 42);
  EXPECT_EQ(back->source, "server");
  EXPECT_EQ(back->iterations, 600);
  ASSERT_EQ(back->positions.size(), 2U);
  EXPECT_EQ(back->positions.at(a.id).first, 1.0 / 3.0);
  EXPECT_EQ(back->positions.at(a.id).second, -2.5e-300);
  EXPECT_EQ(back->positions.at(b.id).first, -123456.789012345678);
  EXPECT_EQ(back->positions.at(b.id).second, 0.1 + 0.2);
  EXPECT_FALSE(repo().find_layout(p.id, "wave:1|relation:information"));

  // Saving the same scope replaces it.
  l.fingerprint = "fp-2";
  l.source = "browser";
  l.positions = {{a.id, {1, 2}}};
  repo().save_layout(l);
  back = repo().find_layout(p.id, l.scope);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->fingerprint, "fp-2");
  EXPECT_EQ(back->source, "browser");
  EXPECT_EQ(back->positions.size(), 1U);

  // A non-finite position is refused and the stored layout stays.
  StoredLayout bad = l;
  bad.positions = {{a.id, {std::nan(""), 0}}};
  EXPECT_EQ(error_kind([&] { repo().save_layout(bad); }), Kind::Invalid);
  EXPECT_EQ(repo().find_layout(p.id, l.scope)->fingerprint, "fp-2");
  bad = l;
  bad.project_id = 9999;
  EXPECT_EQ(error_kind([&] { repo().save_layout(bad); }), Kind::NotFound);
  bad = l;
  bad.scope.clear();
  EXPECT_EQ(error_kind([&] { repo().save_layout(bad); }), Kind::Invalid);

  // An empty layout (a project without actors) is valid.
  StoredLayout empty = l;
  empty.scope = "wave:1|relation:wunsch";
  empty.positions.clear();
  repo().save_layout(empty);
  EXPECT_TRUE(repo().find_layout(p.id, empty.scope)->positions.empty());

  repo().delete_project(p.id);
  EXPECT_FALSE(repo().find_layout(p.id, l.scope));
}

TEST_P(Contract, WavesOrderStatusAndDuplicates) {
  const Project p = make_project();
  Wave later;
  later.project_id = p.id;
  later.name = "nach Reallabor";
  later.position = 2;
  repo().create_wave(later);
  Wave base;
  base.project_id = p.id;
  base.name = "baseline";
  base.position = 1;
  const Wave b = repo().create_wave(base);
  const auto waves = repo().list_waves(p.id);
  ASSERT_EQ(waves.size(), 2U);
  EXPECT_EQ(waves[0].name, "baseline");
  EXPECT_EQ(waves[1].name, "nach Reallabor");
  EXPECT_EQ(error_kind([&] { repo().create_wave(base); }), Kind::Conflict);
  advance(10);
  Wave open = repo().set_wave_status(b.id, WaveStatus::Open);
  EXPECT_EQ(open.status, WaveStatus::Open);
  EXPECT_EQ(open.opened_at, now());
  advance(10);
  Wave closed = repo().set_wave_status(b.id, WaveStatus::Closed);
  EXPECT_EQ(closed.closed_at, now());
  EXPECT_EQ(repo().find_wave(b.id)->status, WaveStatus::Closed);
  EXPECT_EQ(error_kind([&] { repo().set_wave_status(12345, WaveStatus::Open); }), Kind::NotFound);
}

TEST_P(Contract, ActorRoundTripPseudonymsAndDuplicateKey) {
  const Project p = make_project();
  Actor a;
  a.project_id = p.id;
  a.key = "stadtwerke";
  a.name = "Stadtwerke Müßighausen ⚡";
  a.kind = "organisation";
  a.sector = "kommunale_unternehmen";
  a.contact_name = "Jürgen Weiß";
  a.contact_email = "j.weiss@example.org";
  a.fields = {{"energie", "implementing"}, {"mobilitaet", "planning"}};
  a.attrs["size"] = 120.5;
  a.attrs["tags"] = std::vector<std::string>{"öffentlich", "😀"};
  a.attrs["note"] = std::string(kUnicode);
  a.attrs["empty_list"] = std::vector<std::string>{};
  const Actor stored = repo().create_actor(a);
  EXPECT_EQ(stored.pseudonym, "A-001");
  const Actor second = make_actor(p.id, "b");
  EXPECT_EQ(second.pseudonym, "A-002");
  const auto found = repo().find_actor(stored.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, a.name);
  EXPECT_EQ(found->contact_name, "Jürgen Weiß");
  EXPECT_EQ(found->fields, a.fields);
  EXPECT_EQ(found->attrs, a.attrs);
  EXPECT_EQ(found->pseudonym, "A-001");
  EXPECT_EQ(repo().find_actor_by_key(p.id, "stadtwerke")->id, stored.id);
  EXPECT_EQ(error_kind([&] { make_actor(p.id, "b"); }), Kind::Conflict);
  // The pseudonym never comes from the name; a renamed actor keeps it.
  Actor renamed = *found;
  renamed.name = "Neuer Name";
  renamed.pseudonym.clear();
  renamed.fields = {{"klimaanpassung", "advising"}};
  repo().update_actor(renamed);
  const auto after = repo().find_actor(stored.id);
  EXPECT_EQ(after->name, "Neuer Name");
  EXPECT_EQ(after->pseudonym, "A-001");
  EXPECT_EQ(after->fields, renamed.fields);
  const auto list = repo().list_actors(p.id);
  ASSERT_EQ(list.size(), 2U);
  EXPECT_EQ(list[0].key, "b");
  EXPECT_EQ(list[1].fields, renamed.fields);
}

TEST_P(Contract, UpsertActorInsertsThenUpdates) {
  const Project p = make_project();
  Actor a;
  a.project_id = p.id;
  a.key = "k1";
  a.name = "Erst";
  const Actor first = repo().upsert_actor(a);
  a.name = "Zweit ß";
  a.sector = "politik";
  const Actor second = repo().upsert_actor(a);
  EXPECT_EQ(first.id, second.id);
  EXPECT_EQ(second.name, "Zweit ß");
  EXPECT_EQ(second.pseudonym, first.pseudonym);
  EXPECT_EQ(repo().list_actors(p.id).size(), 1U);
}

TEST_P(Contract, InvitationsTokensAndConsent) {
  const Project p = make_project();
  const Wave w = make_wave(p.id);
  const Actor a = make_actor(p.id, "a");
  const Invitation inv = invite(w.id, a.id, "tok-1", false);
  EXPECT_EQ(inv.status, InvitationStatus::Invited);
  EXPECT_EQ(inv.created_at, now());
  EXPECT_EQ(error_kind([&] { invite(w.id, a.id, "tok-2", false); }), Kind::Conflict);
  const Actor b = make_actor(p.id, "b");
  EXPECT_EQ(error_kind([&] { invite(w.id, b.id, "tok-1", false); }), Kind::Conflict);
  EXPECT_EQ(repo().find_invitation_by_token_hash("tok-1")->id, inv.id);
  repo().set_invitation_token_hash(inv.id, "tok-new");
  EXPECT_FALSE(repo().find_invitation_by_token_hash("tok-1"));
  EXPECT_EQ(repo().find_invitation_by_token_hash("tok-new")->id, inv.id);
  repo().set_invitation_lang(inv.id, "en");
  EXPECT_EQ(repo().find_invitation(inv.id)->lang, "en");
  EXPECT_EQ(repo().list_invitations(w.id).size(), 1U);
  EXPECT_FALSE(repo().active_consent(inv.id));
  const Consent c = repo().record_consent(inv.id, "2026-01 Fassung ä");
  EXPECT_EQ(c.given_at, now());
  EXPECT_EQ(repo().active_consent(inv.id)->text_version, "2026-01 Fassung ä");
  advance(5);
  repo().withdraw_consent(inv.id);
  EXPECT_FALSE(repo().active_consent(inv.id));
  // Another project's actor cannot be invited to this wave.
  const Project other = make_project("andere");
  const Actor foreign = make_actor(other.id, "x");
  EXPECT_EQ(error_kind([&] { invite(w.id, foreign.id, "tok-9", false); }), Kind::Invalid);
}

TEST_P(Contract, ResponseCountsBySector) {
  const Project p = make_project();
  const Wave w = make_wave(p.id);
  std::vector<Invitation> invs;
  for (int i = 0; i < 3; ++i)
    invs.push_back(
        invite(w.id, make_actor(p.id, "v" + std::to_string(i)).id, "t" + std::to_string(i)));
  Actor z;
  z.project_id = p.id;
  z.key = "z";
  z.sector = "zivilgesellschaft";
  invite(w.id, repo().create_actor(z).id, "tz");
  ResponseUpdate u;
  u.invitation_id = invs[0].id;
  u.items = {{"role", std::string("Leitung")}};
  repo().save_response(u);
  repo().submit_response(invs[1].id);
  const auto counts = repo().response_counts(w.id);
  ASSERT_EQ(counts.size(), 2U);
  EXPECT_EQ(counts[0].sector, "verwaltung");
  EXPECT_EQ(counts[0].invited, 3U);
  EXPECT_EQ(counts[0].started, 1U);
  EXPECT_EQ(counts[0].submitted, 1U);
  EXPECT_EQ(counts[1].sector, "zivilgesellschaft");
  EXPECT_EQ(counts[1].invited, 1U);
}

TEST_P(Contract, SaveResponseStoresAndReplaces) {
  Setup s = setup();
  ResponseUpdate u;
  u.invitation_id = s.invitation.id;
  u.ties["zusammenarbeit"] = {tie_to(s.actors[1].id, 4), tie_to(s.actors[2].id, 2)};
  u.ties["information"] = {tie_to(s.actors[3].id, 5)};
  u.items = {{"about.role", std::string("Klimaschutzmanagerin ß")},
             {"general.barriers", std::vector<std::string>{"a", "ö"}},
             {"likert", 3.0}};
  advance(1);
  repo().save_response(u);
  const auto inv = repo().find_invitation(s.invitation.id);
  EXPECT_EQ(inv->status, InvitationStatus::Started);
  EXPECT_EQ(inv->started_at, now());
  EXPECT_EQ(inv->updated_at, now());
  auto ties = repo().list_ties({s.wave.id, "zusammenarbeit", std::nullopt, std::nullopt});
  ASSERT_EQ(ties.size(), 2U);
  EXPECT_EQ(ties[0].source, s.actors[0].id);
  EXPECT_EQ(ties[0].target, s.actors[1].id);
  EXPECT_EQ(ties[0].attrs, tie_to(0, 4).attrs);
  EXPECT_EQ(ties[0].updated_at, now());
  EXPECT_EQ(repo().list_ties({s.wave.id, std::nullopt, std::nullopt, std::nullopt}).size(), 3U);
  EXPECT_EQ(repo().list_ties({s.wave.id, std::nullopt, std::nullopt, s.actors[3].id}).size(), 1U);
  EXPECT_EQ(repo().list_answers(s.invitation.id).size(), 3U);

  // Replace: only the named relation and items change.
  ResponseUpdate second;
  second.invitation_id = s.invitation.id;
  second.ties["zusammenarbeit"] = {tie_to(s.actors[3].id, 1)};
  second.items = {{"likert", 5.0}, {"general.barriers", std::monostate{}}};
  repo().save_response(second);
  ties = repo().list_ties({s.wave.id, "zusammenarbeit", std::nullopt, std::nullopt});
  ASSERT_EQ(ties.size(), 1U);
  EXPECT_EQ(ties[0].target, s.actors[3].id);
  EXPECT_EQ(repo().list_ties({s.wave.id, "information", std::nullopt, std::nullopt}).size(), 1U);
  const auto answers = repo().list_answers(s.invitation.id);
  ASSERT_EQ(answers.size(), 2U);
  EXPECT_EQ(answers[0], (ItemAnswer{"about.role", std::string("Klimaschutzmanagerin ß")}));
  EXPECT_EQ(answers[1], (ItemAnswer{"likert", 5.0}));
}

TEST_P(Contract, SaveResponseValidation) {
  Setup s = setup();
  auto save_with = [&](Id target) {
    ResponseUpdate u;
    u.invitation_id = s.invitation.id;
    u.ties["zusammenarbeit"] = {tie_to(target, 3)};
    repo().save_response(u);
  };
  EXPECT_EQ(error_kind([&] { save_with(s.actors[0].id); }), Kind::Invalid);  // self-tie
  const Project other = make_project("andere");
  const Actor foreign = make_actor(other.id, "x");
  EXPECT_EQ(error_kind([&] { save_with(foreign.id); }), Kind::Invalid);
  EXPECT_EQ(error_kind([&] { save_with(987654); }), Kind::Invalid);
  EXPECT_EQ(error_kind([&] { save_with(-1); }), Kind::Invalid);  // no free additions
  repo().merge_actor(s.actors[3].id, s.actors[2].id);
  EXPECT_EQ(error_kind([&] { save_with(s.actors[3].id); }), Kind::Invalid);  // merged
  ResponseUpdate twice;
  twice.invitation_id = s.invitation.id;
  twice.ties["zusammenarbeit"] = {tie_to(s.actors[1].id, 3), tie_to(s.actors[1].id, 4)};
  EXPECT_EQ(error_kind([&] { repo().save_response(twice); }), Kind::Invalid);
  EXPECT_EQ(error_kind([&] {
              ResponseUpdate u;
              u.invitation_id = 424242;
              repo().save_response(u);
            }),
            Kind::NotFound);
  // Nothing was stored by the failing calls.
  EXPECT_TRUE(repo().list_ties({s.wave.id, std::nullopt, std::nullopt, std::nullopt}).empty());
  EXPECT_EQ(repo().find_invitation(s.invitation.id)->status, InvitationStatus::Invited);
  // Without consent.
  repo().withdraw_consent(s.invitation.id);
  EXPECT_EQ(error_kind([&] { save_with(s.actors[1].id); }), Kind::Invalid);
  repo().record_consent(s.invitation.id, "v2");
  save_with(s.actors[1].id);
  // Wave closed.
  repo().set_wave_status(s.wave.id, WaveStatus::Closed);
  EXPECT_EQ(error_kind([&] { save_with(s.actors[2].id); }), Kind::Invalid);
  EXPECT_EQ(error_kind([&] { repo().submit_response(s.invitation.id); }), Kind::Invalid);
  EXPECT_EQ(repo().list_ties({s.wave.id, std::nullopt, std::nullopt, std::nullopt})[0].target,
            s.actors[1].id);
}

TEST_P(Contract, FreeAdditionsAreCreatedAndReused) {
  Setup s = setup();
  ResponseUpdate u;
  u.invitation_id = s.invitation.id;
  u.free_additions = {"Repair-Café Nordstadt ☕", "Foodsharing e.V."};
  Tie a = tie_to(-1, 4);
  Tie b = tie_to(-2, 3);
  u.ties["zusammenarbeit"] = {a, b};
  repo().save_response(u);
  const auto all = repo().list_actors(s.project.id);
  ASSERT_EQ(all.size(), 6U);
  std::vector<Actor> free;
  for (const Actor& actor : all)
    if (actor.free_addition) free.push_back(actor);
  ASSERT_EQ(free.size(), 2U);
  for (const Actor& f : free) {
    EXPECT_EQ(f.added_by, s.invitation.id);
    EXPECT_EQ(f.pseudonym.rfind("A-", 0), 0U);
    EXPECT_EQ(f.key.find("Repair"), std::string::npos);  // key not derived from the name
  }
  // The same respondent names the same free addition again: reused.
  ResponseUpdate again;
  again.invitation_id = s.invitation.id;
  again.free_additions = {"Repair-Café Nordstadt ☕"};
  again.ties["information"] = {tie_to(-1, 2)};
  repo().save_response(again);
  EXPECT_EQ(repo().list_actors(s.project.id).size(), 6U);
  const auto info = repo().list_ties({s.wave.id, "information", std::nullopt, std::nullopt});
  ASSERT_EQ(info.size(), 1U);
  EXPECT_EQ(repo().find_actor(info[0].target)->name, "Repair-Café Nordstadt ☕");
}

TEST_P(Contract, SubmitIsIdempotent) {
  Setup s = setup();
  advance(3);
  const Invitation first = repo().submit_response(s.invitation.id);
  EXPECT_EQ(first.status, InvitationStatus::Submitted);
  EXPECT_EQ(first.submitted_at, now());
  advance(100);
  const Invitation second = repo().submit_response(s.invitation.id);
  EXPECT_EQ(second.submitted_at, first.submitted_at);
  // Answers can still change until the wave closes; the status stays Submitted.
  ResponseUpdate u;
  u.invitation_id = s.invitation.id;
  u.items = {{"x", 1.0}};
  repo().save_response(u);
  EXPECT_EQ(repo().find_invitation(s.invitation.id)->status, InvitationStatus::Submitted);
}

TEST_P(Contract, InnovationsAndInterventions) {
  Setup s = setup();
  Innovation n;
  n.project_id = s.project.id;
  n.wave_id = s.wave.id;
  n.reported_by = s.invitation.id;
  n.title = "Solardach-Genossenschaft 🌞";
  n.description = "Bürger*innen finanzieren PV auf Schuldächern; Größe: 300 kWp";
  n.field = "energie";
  n.stage = "pilot";
  n.conditions = {"funding", "permits"};
  n.actors = {{s.actors[1].id, "initiator"}, {s.actors[2].id, "partner"}};
  const Innovation stored = repo().save_innovation(n);
  EXPECT_GT(stored.id, 0);
  EXPECT_EQ(stored.created_at, now());
  auto list = repo().list_innovations(s.project.id);
  ASSERT_EQ(list.size(), 1U);
  EXPECT_EQ(list[0].title, n.title);
  EXPECT_EQ(list[0].description, n.description);
  EXPECT_EQ(list[0].conditions, n.conditions);
  EXPECT_EQ(list[0].actors, n.actors);
  EXPECT_EQ(list[0].reported_by, s.invitation.id);
  Innovation changed = list[0];
  changed.stage = "realised";
  changed.actors = {{s.actors[3].id, "supporter"}};
  repo().save_innovation(changed);
  list = repo().list_innovations(s.project.id);
  EXPECT_EQ(list[0].stage, "realised");
  EXPECT_EQ(list[0].actors, changed.actors);
  changed.id = 99999;
  EXPECT_EQ(error_kind([&] { repo().save_innovation(changed); }), Kind::NotFound);
  repo().delete_innovation(stored.id);
  EXPECT_TRUE(repo().list_innovations(s.project.id).empty());

  Intervention v;
  v.project_id = s.project.id;
  v.name = "Reallabor Mobilität – Südviertel";
  v.starts_at = 10;
  v.ends_at = 20;
  v.wave_before = s.wave.id;
  v.actors = {s.actors[1].id, s.actors[0].id};
  const Intervention sv = repo().save_intervention(v);
  auto ivs = repo().list_interventions(s.project.id);
  ASSERT_EQ(ivs.size(), 1U);
  EXPECT_EQ(ivs[0].id, sv.id);
  EXPECT_EQ(ivs[0].name, v.name);
  EXPECT_EQ(ivs[0].wave_before, s.wave.id);
  EXPECT_EQ(ivs[0].wave_after, 0);
  EXPECT_EQ(ivs[0].actors, v.actors);
  // An actor of another project cannot take part.
  const Project other = make_project("andere");
  v.actors = {make_actor(other.id, "fremd").id};
  EXPECT_EQ(error_kind([&] { repo().save_intervention(v); }), Kind::Invalid);
  EXPECT_EQ(repo().list_interventions(s.project.id).size(), 1U);
}

TEST_P(Contract, QuestionnaireVersions) {
  const Project p = make_project();
  EXPECT_FALSE(repo().find_questionnaire(p.id));
  const auto q1 = repo().save_questionnaire(p.id, R"({"title":"Fragebogen für Äcker 🌾"})");
  const auto q2 = repo().save_questionnaire(p.id, R"({"title":"v2"})");
  EXPECT_EQ(q1.version, 1);
  EXPECT_EQ(q2.version, 2);
  EXPECT_EQ(repo().find_questionnaire(p.id)->version, 2);
  EXPECT_EQ(repo().find_questionnaire(p.id, 1)->definition,
            R"({"title":"Fragebogen für Äcker 🌾"})");
  EXPECT_FALSE(repo().find_questionnaire(p.id, 7));
  EXPECT_EQ(error_kind([&] { repo().save_questionnaire(4242, "{}"); }), Kind::NotFound);
}

TEST_P(Contract, UsersMembershipAndRoles) {
  const Project p = make_project();
  const Project q = make_project("zweite");
  User u;
  u.email = "Forscherin@Example.ORG";
  u.display_name = "Dr. Özlem Weiß";
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$abc";
  const User stored = repo().create_user(u);
  EXPECT_EQ(stored.email, "forscherin@example.org");
  EXPECT_EQ(repo().find_user_by_email("FORSCHERIN@example.org")->id, stored.id);
  EXPECT_EQ(error_kind([&] { repo().create_user(u); }), Kind::Conflict);
  User changed = stored;
  changed.display_name = "Özlem";
  changed.disabled = true;
  changed.role = Role::Partner;
  repo().update_user(changed);
  const auto found = repo().find_user(stored.id);
  EXPECT_EQ(found->display_name, "Özlem");
  EXPECT_TRUE(found->disabled);
  EXPECT_EQ(found->role, Role::Partner);
  EXPECT_FALSE(repo().project_role(p.id, stored.id));
  repo().set_membership(p.id, stored.id, Role::Researcher);
  EXPECT_EQ(repo().project_role(p.id, stored.id), Role::Researcher);
  repo().set_membership(p.id, stored.id, Role::Partner);
  EXPECT_EQ(repo().project_role(p.id, stored.id), Role::Partner);
  EXPECT_EQ(repo().list_projects_for_user(stored.id).size(), 1U);
  EXPECT_EQ(error_kind([&] { repo().set_membership(p.id, stored.id, Role::Admin); }),
            Kind::Invalid);
  repo().remove_membership(p.id, stored.id);
  EXPECT_FALSE(repo().project_role(p.id, stored.id));
  User admin;
  admin.email = "admin@example.org";
  admin.role = Role::Admin;
  const User a = repo().create_user(admin);
  EXPECT_EQ(repo().project_role(q.id, a.id), Role::Admin);
  EXPECT_EQ(repo().list_projects_for_user(a.id).size(), 2U);
  EXPECT_EQ(repo().list_users().size(), 2U);
}

TEST_P(Contract, SessionsExpire) {
  User u;
  u.email = "s@example.org";
  const User user = repo().create_user(u);
  Session s;
  s.token_hash = "sess-1";
  s.user_id = user.id;
  s.csrf_token = "csrf";
  s.expires_at = now() + 100;
  repo().create_session(s);
  EXPECT_EQ(error_kind([&] { repo().create_session(s); }), Kind::Conflict);
  const auto found = repo().find_session("sess-1", now());
  ASSERT_TRUE(found);
  EXPECT_EQ(found->user_id, user.id);
  EXPECT_EQ(found->kind, SessionKind::User);
  EXPECT_EQ(found->csrf_token, "csrf");
  EXPECT_FALSE(repo().find_session("sess-1", now() + 100));
  s.token_hash = "sess-2";
  repo().create_session(s);
  s.token_hash = "sess-3";
  s.expires_at = now() + 1000;
  repo().create_session(s);
  EXPECT_EQ(repo().delete_expired_sessions(now() + 500), 2U);
  EXPECT_TRUE(repo().find_session("sess-3", now()));
  repo().delete_user_sessions(user.id);
  EXPECT_FALSE(repo().find_session("sess-3", now()));
  s.token_hash = "sess-4";
  repo().create_session(s);
  repo().delete_session("sess-4");
  EXPECT_FALSE(repo().find_session("sess-4", now()));
  // A respondent session ends when its invitation's link is replaced.
  Setup st = setup();
  Session r;
  r.token_hash = "resp-1";
  r.kind = SessionKind::Respondent;
  r.invitation_id = st.invitation.id;
  r.expires_at = now() + 100;
  repo().create_session(r);
  EXPECT_EQ(repo().find_session("resp-1", now())->invitation_id, st.invitation.id);
  repo().set_invitation_token_hash(st.invitation.id, "new-link");
  EXPECT_FALSE(repo().find_session("resp-1", now()));
}

TEST_P(Contract, AuditLog) {
  const Project p = make_project();
  AuditEntry e;
  e.project_id = p.id;
  e.user_id = 3;
  e.action = "wave.open";
  e.object = "wave:1";
  e.detail = "rows=120";
  repo().append_audit(e);
  e.action = "roster.import";
  e.at = 42;
  repo().append_audit(e);
  AuditEntry system;
  system.action = "backup";
  repo().append_audit(system);
  const auto list = repo().list_audit(p.id);
  ASSERT_EQ(list.size(), 2U);
  EXPECT_EQ(list[0].action, "roster.import");  // newest first
  EXPECT_EQ(list[0].at, 42);
  EXPECT_EQ(list[1].at, now());
  EXPECT_EQ(list[1].detail, "rows=120");
  EXPECT_EQ(repo().list_audit(p.id, 1).size(), 1U);
  EXPECT_EQ(repo().list_audit(0).size(), 3U);
}

TEST_P(Contract, DeleteProjectCascades) {
  Setup s = setup();
  ResponseUpdate u;
  u.invitation_id = s.invitation.id;
  u.ties["zusammenarbeit"] = {tie_to(s.actors[1].id, 4)};
  u.items = {{"x", std::string("y")}};
  repo().save_response(u);
  Innovation n;
  n.project_id = s.project.id;
  n.title = "Idee";
  n.actors = {{s.actors[1].id, "initiator"}};
  repo().save_innovation(n);
  repo().save_questionnaire(s.project.id, "{}");
  Session sess;
  sess.token_hash = "r";
  sess.kind = SessionKind::Respondent;
  sess.invitation_id = s.invitation.id;
  sess.expires_at = now() + 10;
  repo().create_session(sess);
  const Project keep = make_project("bleibt");
  const Actor kept = make_actor(keep.id, "k");
  repo().delete_project(s.project.id);
  EXPECT_FALSE(repo().find_project(s.project.id));
  EXPECT_FALSE(repo().find_wave(s.wave.id));
  EXPECT_FALSE(repo().find_actor(s.actors[0].id));
  EXPECT_FALSE(repo().find_invitation(s.invitation.id));
  EXPECT_FALSE(repo().find_invitation_by_token_hash("hash-0"));
  EXPECT_TRUE(repo().list_ties({s.wave.id, std::nullopt, std::nullopt, std::nullopt}).empty());
  EXPECT_TRUE(repo().list_answers(s.invitation.id).empty());
  EXPECT_TRUE(repo().list_innovations(s.project.id).empty());
  EXPECT_FALSE(repo().find_questionnaire(s.project.id));
  EXPECT_FALSE(repo().find_session("r", now()));
  EXPECT_TRUE(repo().find_actor(kept.id));
  EXPECT_EQ(error_kind([&] { repo().delete_project(s.project.id); }), Kind::NotFound);
  EXPECT_EQ(repo().integrity_check(), "ok");
}

TEST_P(Contract, MergeMovesTiesAndDropsDuplicates) {
  Setup s = setup();
  // actors: 0 respondent, 1 canonical, 2 duplicate of 1, 3 other
  const Invitation inv3 = invite(s.wave.id, s.actors[3].id, "hash-3");
  ResponseUpdate u;
  u.invitation_id = s.invitation.id;
  u.ties["zusammenarbeit"] = {tie_to(s.actors[1].id, 4), tie_to(s.actors[2].id, 2)};
  repo().save_response(u);
  ResponseUpdate v;
  v.invitation_id = inv3.id;
  v.ties["zusammenarbeit"] = {tie_to(s.actors[2].id, 5)};
  v.ties["wunsch"] = {tie_to(s.actors[1].id, 1)};
  repo().save_response(v);
  Innovation n;
  n.project_id = s.project.id;
  n.title = "x";
  n.actors = {{s.actors[2].id, "partner"}};
  repo().save_innovation(n);
  repo().merge_actor(s.actors[2].id, s.actors[1].id);
  const auto ties = repo().list_ties({s.wave.id, "zusammenarbeit", std::nullopt, std::nullopt});
  ASSERT_EQ(ties.size(), 2U);  // 0->2 duplicated 0->1 and was dropped; 3->2 became 3->1
  for (const Tie& t : ties)
    EXPECT_EQ(t.target, s.actors[1].id);
  EXPECT_EQ(repo().list_innovations(s.project.id)[0].actors[0].actor_id, s.actors[1].id);
  EXPECT_EQ(repo().find_actor(s.actors[2].id)->merged_into, s.actors[1].id);
  EXPECT_EQ(repo().list_actors(s.project.id).size(), 3U);
  EXPECT_EQ(repo().list_actors(s.project.id, true).size(), 4U);
  // Merging into a loop: 3 -> 1 tie exists; merging 1 into 3 drops 3->1 (would be a loop).
  repo().merge_actor(s.actors[1].id, s.actors[3].id);
  for (const Tie& t : repo().list_ties({s.wave.id, std::nullopt, std::nullopt, std::nullopt}))
    EXPECT_NE(t.source, t.target);
  EXPECT_EQ(error_kind([&] { repo().merge_actor(s.actors[0].id, s.actors[0].id); }), Kind::Invalid);
  const Project other = make_project("andere");
  const Actor foreign = make_actor(other.id, "f");
  EXPECT_EQ(error_kind([&] { repo().merge_actor(foreign.id, s.actors[0].id); }), Kind::Invalid);
  // Both invited to the same wave: refused, nothing changed.
  EXPECT_EQ(error_kind([&] { repo().merge_actor(s.actors[0].id, s.actors[3].id); }),
            Kind::Conflict);
  EXPECT_FALSE(repo().find_actor(s.actors[0].id)->merged_into);
}

TEST_P(Contract, InnovationsInSaveResponseReplaceOnlyOwn) {
  auto s = setup();
  Innovation other;
  other.project_id = s.project.id;
  other.title = "Fremdes Projekt";
  other.stage = "idea";
  repo().save_innovation(other);
  ResponseUpdate u;
  u.invitation_id = s.invitation.id;
  Innovation n;
  n.title = kUnicode;
  n.stage = "pilot";
  n.field = "energie";
  n.conditions = {"funding", "permits"};
  n.actors = {{s.actors[0].id, "initiator"}, {s.actors[2].id, "partner"}};
  u.innovations = std::vector<Innovation>{n, n};
  u.innovations->at(1).title = "Zweites";
  repo().save_response(u);
  auto own = [&] {
    std::vector<Innovation> out;
    for (auto& x : repo().list_innovations(s.project.id))
      if (x.reported_by && *x.reported_by == s.invitation.id) out.push_back(x);
    return out;
  };
  ASSERT_EQ(own().size(), 2U);
  EXPECT_EQ(own()[0].title, kUnicode);
  EXPECT_EQ(own()[0].wave_id, s.wave.id);
  EXPECT_EQ(own()[0].actors, n.actors);
  // Replacing keeps the others' innovations; an empty list removes the own ones.
  u.innovations = std::vector<Innovation>{};
  repo().save_response(u);
  EXPECT_TRUE(own().empty());
  EXPECT_EQ(repo().list_innovations(s.project.id).size(), 1U);
  // An innovation naming an actor of another project fails the whole update.
  const Project p2 = make_project("andere-stadt");
  const Actor stranger = make_actor(p2.id, "X1");
  n.actors.push_back({stranger.id, "partner"});
  u.innovations = std::vector<Innovation>{n};
  u.items = {{"position", std::string("nicht gespeichert")}};
  EXPECT_THROW(repo().save_response(u), StorageError);
  EXPECT_TRUE(own().empty());
  EXPECT_TRUE(repo().list_answers(s.invitation.id).empty());
}

TEST_P(Contract, WithdrawResponseDeletesAnswersAtomically) {
  auto s = setup();
  ResponseUpdate u;
  u.invitation_id = s.invitation.id;
  u.ties["zusammenarbeit"] = {tie_to(s.actors[1].id, 2), tie_to(-1, 4)};
  u.free_additions = {"Neue Initiative"};
  u.items = {{"position", std::string(kUnicode)}};
  Innovation n;
  n.title = "Idee";
  n.stage = "idea";
  u.innovations = std::vector<Innovation>{n};
  repo().save_response(u);
  repo().submit_response(s.invitation.id);
  // Another respondent's answers stay.
  const Invitation other = invite(s.wave.id, s.actors[1].id, "hash-1");
  ResponseUpdate o;
  o.invitation_id = other.id;
  o.ties["zusammenarbeit"] = {tie_to(s.actors[0].id, 5)};
  repo().save_response(o);

  const auto result = repo().withdraw_response(s.invitation.id);
  EXPECT_EQ(result.ties_reported_deleted, 2U);
  EXPECT_EQ(result.answers_deleted, 2U);  // one item, one innovation
  EXPECT_FALSE(repo().active_consent(s.invitation.id));
  EXPECT_EQ(repo().find_invitation(s.invitation.id)->status, InvitationStatus::Invited);
  TieQuery q;
  q.wave_id = s.wave.id;
  q.source = s.actors[0].id;
  EXPECT_TRUE(repo().list_ties(q).empty());
  EXPECT_TRUE(repo().list_answers(s.invitation.id).empty());
  for (const auto& a : repo().list_actors(s.project.id))
    EXPECT_NE(a.name, "Neue Initiative");
  q.source = s.actors[1].id;
  EXPECT_EQ(repo().list_ties(q).size(), 1U);
  // The roster entry of the respondent stays.
  EXPECT_TRUE(repo().find_actor(s.actors[0].id));
  EXPECT_THROW(repo().withdraw_response(999999), StorageError);
}

TEST_P(Contract, RosterAndRespondentView) {
  auto s = setup();
  ResponseUpdate u;
  u.invitation_id = s.invitation.id;
  u.free_additions = {"Ärztekammer Süd"};
  u.ties["zusammenarbeit"] = {tie_to(-1, 3)};
  repo().save_response(u);
  repo().merge_actor(s.actors[3].id, s.actors[2].id);
  const auto roster = repo().list_roster(s.project.id);
  ASSERT_EQ(roster.size(), 4U);  // 4 actors - 1 merged + 1 free addition
  for (std::size_t i = 1; i < roster.size(); ++i)
    EXPECT_LE(roster[i - 1].name, roster[i].name);
  bool found = false;
  for (const auto& r : roster) {
    EXPECT_NE(r.id, s.actors[3].id);
    if (r.free_addition) {
      found = true;
      EXPECT_EQ(r.name, "Ärztekammer Süd");
      EXPECT_EQ(r.added_by, s.invitation.id);
    }
  }
  EXPECT_TRUE(found);

  Session session;
  session.token_hash = "resp-session";
  session.kind = SessionKind::Respondent;
  session.invitation_id = s.invitation.id;
  session.csrf_token = "csrf-1";
  session.created_at = 1000;
  session.expires_at = 5000;
  repo().create_session(session);
  repo().save_questionnaire(s.project.id, "{}");
  repo().save_questionnaire(s.project.id, "{}");
  const auto v = repo().respondent_view("resp-session", 2000);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->invitation.id, s.invitation.id);
  EXPECT_EQ(v->wave.id, s.wave.id);
  EXPECT_EQ(v->project.slug, s.project.slug);
  EXPECT_EQ(v->actor_id, s.actors[0].id);
  EXPECT_EQ(v->actor_name, s.actors[0].name);
  EXPECT_EQ(v->session.csrf_token, "csrf-1");
  EXPECT_TRUE(v->consented);
  EXPECT_EQ(v->questionnaire_version, 2);
  EXPECT_FALSE(repo().respondent_view("resp-session", 6000)) << "expired";
  EXPECT_FALSE(repo().respondent_view("nope", 2000));
  repo().withdraw_consent(s.invitation.id);
  EXPECT_FALSE(repo().respondent_view("resp-session", 2000)->consented);
  // A user session is not a respondent session.
  Session user = session;
  user.token_hash = "user-session";
  user.kind = SessionKind::User;
  user.invitation_id = 0;
  user.user_id =
      repo().create_user(User{0, "x@example.org", "X", "h", Role::Researcher, false, 0}).id;
  repo().create_session(user);
  EXPECT_FALSE(repo().respondent_view("user-session", 2000));
  EXPECT_NO_THROW(repo().ping());
}

TEST_P(Contract, ConcurrentSavesOfOneRespondentSerialise) {
  // A double click or two tabs: the same respondent saves the same page at once. Every save
  // succeeds and the result is exactly one of them, never duplicates or a mix.
  auto s = setup();
  constexpr int kThreads = 8, kRounds = 10;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round) {
        ResponseUpdate u;
        u.invitation_id = s.invitation.id;
        u.ties["zusammenarbeit"] = {tie_to(s.actors[1].id, 1 + t % 5),
                                    tie_to(s.actors[2].id, 1 + round % 5)};
        u.items = {{"position", std::string("thread-") + std::to_string(t)}};
        try {
          repo().save_response(u);
        } catch (const StorageError&) {
          ++failures;
        }
      }
    });
  }
  for (auto& th : threads)
    th.join();
  EXPECT_EQ(failures.load(), 0);
  TieQuery q;
  q.wave_id = s.wave.id;
  q.source = s.actors[0].id;
  EXPECT_EQ(repo().list_ties(q).size(), 2U);
  ASSERT_EQ(repo().list_answers(s.invitation.id).size(), 1U);
}

class Erasure : public Contract {
 protected:
  /// actors[0] (respondent, erased) reports 0->1 and is named by 2 (2->0) and 3 (3->0).
  Setup erasure_setup() {
    Setup s = setup();
    ResponseUpdate u;
    u.invitation_id = s.invitation.id;
    u.ties["zusammenarbeit"] = {tie_to(s.actors[1].id, 4)};
    u.items = {{"about.role", std::string("Leiterin, Tel. 0123")}};
    u.free_additions = {"Nachbarschaftshilfe"};
    u.ties["information"] = {tie_to(-1, 2)};
    repo().save_response(u);
    for (std::size_t i : {2U, 3U}) {
      const Invitation inv = invite(s.wave.id, s.actors[i].id, "hash-" + std::to_string(i));
      ResponseUpdate m;
      m.invitation_id = inv.id;
      m.ties["zusammenarbeit"] = {tie_to(s.actors[0].id, 3), tie_to(s.actors[1].id, 3)};
      repo().save_response(m);
    }
    Innovation n;
    n.project_id = s.project.id;
    n.title = "Idee";
    n.reported_by = s.invitation.id;
    n.actors = {{s.actors[0].id, "initiator"}, {s.actors[1].id, "partner"}};
    repo().save_innovation(n);
    Session sess;
    sess.token_hash = "resp";
    sess.kind = SessionKind::Respondent;
    sess.invitation_id = s.invitation.id;
    sess.expires_at = now() + 100;
    repo().create_session(sess);
    return s;
  }

  void expect_gone(const Setup& s) {
    EXPECT_FALSE(repo().find_actor(s.actors[0].id));
    EXPECT_FALSE(repo().find_actor_by_key(s.project.id, "V01"));
    EXPECT_FALSE(repo().find_invitation(s.invitation.id));
    EXPECT_FALSE(repo().find_invitation_by_token_hash("hash-0"));
    EXPECT_TRUE(repo().list_answers(s.invitation.id).empty());
    EXPECT_FALSE(repo().active_consent(s.invitation.id));
    EXPECT_FALSE(repo().find_session("resp", now()));
    EXPECT_TRUE(repo().list_ties({s.wave.id, std::nullopt, s.actors[0].id, std::nullopt}).empty());
    EXPECT_TRUE(repo().list_ties({s.wave.id, std::nullopt, std::nullopt, s.actors[0].id}).empty());
    for (const Actor& a : repo().list_actors(s.project.id, true))
      EXPECT_NE(a.name, "Akteur V01");
    const auto innovations = repo().list_innovations(s.project.id);
    ASSERT_EQ(innovations.size(), 1U);
    EXPECT_FALSE(innovations[0].reported_by);
    ASSERT_EQ(innovations[0].actors.size(), 1U);
    EXPECT_EQ(innovations[0].actors[0].actor_id, s.actors[1].id);
    // Others' data intact: their ties to actor 1 stay.
    EXPECT_EQ(repo().list_ties({s.wave.id, std::nullopt, std::nullopt, s.actors[1].id}).size(), 2U);
    const auto audit = repo().list_audit(s.project.id);
    ASSERT_FALSE(audit.empty());
    EXPECT_EQ(audit[0].action, "actor.erase");
    EXPECT_EQ(audit[0].user_id, 7);
    EXPECT_EQ(audit[0].detail.find("V01"), std::string::npos);
    EXPECT_EQ(audit[0].detail.find("Akteur"), std::string::npos);
    EXPECT_EQ(repo().integrity_check(), "ok");
  }
};

TEST_P(Erasure, PersonDataListsEverything) {
  Setup s = erasure_setup();
  const PersonData d = repo().person_data(s.actors[0].id);
  EXPECT_EQ(d.actor.key, "V01");
  ASSERT_EQ(d.invitations.size(), 1U);
  EXPECT_EQ(d.consents.size(), 1U);
  EXPECT_EQ(d.reported.size(), 2U);
  EXPECT_EQ(d.mentioned.size(), 2U);
  ASSERT_EQ(d.answers.count(s.invitation.id), 1U);
  EXPECT_EQ(d.answers.at(s.invitation.id)[0].value, kn::Value(std::string("Leiterin, Tel. 0123")));
  EXPECT_EQ(d.innovations.size(), 1U);
  EXPECT_EQ(error_kind([&] { repo().person_data(999999); }), Kind::NotFound);
}

TEST_P(Erasure, DeletePolicyRemovesMentions) {
  Setup s = erasure_setup();
  const ErasureResult r = repo().erase_actor(s.actors[0].id, MentionPolicy::Delete, 7);
  EXPECT_EQ(r.ties_reported_deleted, 2U);
  EXPECT_EQ(r.mentions_deleted, 2U);
  EXPECT_EQ(r.mentions_anonymised, 0U);
  EXPECT_EQ(r.answers_deleted, 1U);
  EXPECT_EQ(r.invitations_deleted, 1U);
  expect_gone(s);
  // The free addition they added stays, without the link to them.
  bool found_free = false;
  for (const Actor& a : repo().list_actors(s.project.id))
    if (a.free_addition) {
      found_free = true;
      EXPECT_FALSE(a.added_by);
    }
  EXPECT_TRUE(found_free);
}

TEST_P(Erasure, AnonymisePolicyRepointsMentions) {
  Setup s = erasure_setup();
  const ErasureResult r = repo().erase_actor(s.actors[0].id, MentionPolicy::Anonymise, 7);
  EXPECT_EQ(r.ties_reported_deleted, 2U);
  EXPECT_EQ(r.mentions_anonymised, 2U);
  expect_gone(s);
  const auto placeholder = repo().find_actor_by_key(s.project.id, "~erased");
  ASSERT_TRUE(placeholder);
  const auto mentions = repo().list_ties({s.wave.id, std::nullopt, std::nullopt, placeholder->id});
  EXPECT_EQ(mentions.size(), 2U);
  // A second erasure reuses the placeholder.
  repo().erase_actor(s.actors[3].id, MentionPolicy::Anonymise, 7);
  std::size_t placeholders = 0;
  for (const Actor& a : repo().list_actors(s.project.id))
    if (a.kind == "placeholder") ++placeholders;
  EXPECT_EQ(placeholders, 1U);
}

TEST_P(Contract, FailingCallLeavesNothing) {
  Setup s = setup();
  // A tie to a valid actor followed by an invalid one: neither is stored, no free addition.
  ResponseUpdate u;
  u.invitation_id = s.invitation.id;
  u.free_additions = {"Neu"};
  u.items = {{"x", 1.0}};
  u.ties["zusammenarbeit"] = {tie_to(s.actors[1].id, 4), tie_to(-1, 3)};
  u.ties["wunsch"] = {tie_to(s.actors[0].id, 1)};  // self-tie: invalid
  EXPECT_EQ(error_kind([&] { repo().save_response(u); }), Kind::Invalid);
  EXPECT_TRUE(repo().list_ties({s.wave.id, std::nullopt, std::nullopt, std::nullopt}).empty());
  EXPECT_TRUE(repo().list_answers(s.invitation.id).empty());
  EXPECT_EQ(repo().list_actors(s.project.id).size(), 4U);
  EXPECT_EQ(repo().find_invitation(s.invitation.id)->status, InvitationStatus::Invited);
  // A bulk import with an unknown actor key stores nothing either.
  NetworkImport batch;
  batch.project_id = s.project.id;
  Actor fresh;
  fresh.key = "neu";
  batch.actors = {fresh};
  batch.waves = {"import"};
  batch.ties = {{"import", "zusammenarbeit", "neu", "gibt-es-nicht", {}}};
  EXPECT_EQ(error_kind([&] { repo().apply_import(batch); }), Kind::Invalid);
  EXPECT_FALSE(repo().find_actor_by_key(s.project.id, "neu"));
  EXPECT_EQ(repo().list_waves(s.project.id).size(), 1U);
}

TEST_P(Contract, ConcurrentWritersAllPresent) {
  Setup s = setup();
  constexpr int kThreads = 8;
  constexpr int kEach = 25;
  std::vector<Invitation> invs;
  std::vector<Actor> respondents;
  for (int t = 0; t < kThreads; ++t) {
    respondents.push_back(make_actor(s.project.id, "r" + std::to_string(t)));
    invs.push_back(invite(s.wave.id, respondents.back().id, "c" + std::to_string(t)));
  }
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        try {
          ResponseUpdate u;
          u.invitation_id = invs[static_cast<std::size_t>(t)].id;
          u.items = {{"item" + std::to_string(i), static_cast<double>(i)}};
          u.ties["zusammenarbeit"] = {tie_to(s.actors[1].id, i % 5 + 1)};
          repo().save_response(u);
          Actor extra;
          extra.project_id = s.project.id;
          extra.key = "x" + std::to_string(t) + "-" + std::to_string(i);
          repo().create_actor(extra);
        } catch (const std::exception&) {
          ++failures;
        }
      }
    });
  for (auto& th : threads)
    th.join();
  EXPECT_EQ(failures.load(), 0);
  for (const Invitation& inv : invs)
    EXPECT_EQ(repo().list_answers(inv.id).size(), static_cast<std::size_t>(kEach));
  const auto actors = repo().list_actors(s.project.id);
  EXPECT_EQ(actors.size(), 4U + kThreads + kThreads * kEach);
  std::set<std::string> pseudonyms;
  for (const Actor& a : actors)
    pseudonyms.insert(a.pseudonym);
  EXPECT_EQ(pseudonyms.size(), actors.size());
  EXPECT_EQ(repo().list_ties({s.wave.id, "zusammenarbeit", std::nullopt, s.actors[1].id}).size(),
            static_cast<std::size_t>(kThreads));
}

INSTANTIATE_TEST_SUITE_P(Backends, Contract, KN_STORAGE_BACKENDS, backend_name);
INSTANTIATE_TEST_SUITE_P(Backends, Erasure, KN_STORAGE_BACKENDS, backend_name);

}  // namespace
}  // namespace kn::storage::test
