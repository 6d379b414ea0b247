// Seeds the Musterstadt demo into a repository (see demo_seed.hpp).

#include "server/web/demo_seed.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <random>

#include "app/demo/musterstadt.hpp"
#include "app/survey/questionnaire.hpp"
#include "server/web/secrets.hpp"

namespace kn::web {

namespace {

using storage::Id;

/// Uniform double in [0, 1) from the generator's raw bits (platform independent).
double unit(std::mt19937_64& rng) {
  return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

/// Response propensity by sector: administration and utilities answer more than politics and
/// media, as in real municipal network surveys.
double sector_factor(const std::string& sector) {
  static const std::map<std::string, double> f = {{"verwaltung", 1.25},
                                                  {"politik", 0.6},
                                                  {"kommunale_unternehmen", 1.15},
                                                  {"wirtschaft", 0.8},
                                                  {"zivilgesellschaft", 1.05},
                                                  {"wissenschaft_bildung", 1.1},
                                                  {"medien", 0.5}};
  const auto it = f.find(sector);
  return it == f.end() ? 1.0 : it->second;
}

std::string text_attr(const Network& net, ActorIndex a, const char* name) {
  const auto& v = net.actor_attr(a, name);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  return {};
}

struct IdeaTemplate {
  const char* title;
  const char* field;
};
constexpr std::array<IdeaTemplate, 10> kIdeas = {{
    {"Solardach-Börse für Vereinsheime", "energie"},
    {"Quartierswärme Nordviertel", "gebaeude_waerme"},
    {"Lastenrad-Verleih an Kitas", "mobilitaet"},
    {"Klimafitte Schulhöfe", "klimaanpassung"},
    {"Reparatur-Café im Stadtteilzentrum", "private_haushalte"},
    {"Energiesparberatung für Handwerksbetriebe", "wirtschaft_gewerbe"},
    {"Regionale Kantinenverpflegung", "ernaehrung"},
    {"Regenwasser-Zisternen im Neubaugebiet", "abfall_wasser"},
    {"Klimaschutz-Stadtspaziergänge", "bildung_oeffentlichkeit"},
    {"Entsiegelung von Hinterhöfen", "stadtentwicklung"},
}};

}  // namespace

DemoSeedResult seed_demo(storage::Repository& repo, const DemoSeedOptions& options) {
  app::MusterstadtOptions mo;
  mo.seed = options.seed;
  mo.actors = options.actors;
  const auto data = app::generate_musterstadt_data(mo);
  const Network& net = data.network;
  std::mt19937_64 rng(options.seed ^ 0x5eed'cafe'f00dULL);

  DemoSeedResult result;
  storage::Project project;
  project.slug = "musterstadt";
  project.name = "Musterstadt 2026";
  project.lang = "de";
  project = repo.create_project(project);
  // Retention: three years after the start of the study.
  project.retention_until = project.created_at + 3LL * 365 * 24 * 3600;
  repo.update_project(project);
  result.project_id = project.id;
  result.project_slug = project.slug;
  repo.save_questionnaire(project.id, app::survey::default_questionnaire_json());

  storage::Wave wave;
  wave.project_id = project.id;
  wave.name = "2026";
  wave.position = 1;
  wave = repo.create_wave(wave);
  wave = repo.set_wave_status(wave.id, storage::WaveStatus::Open);
  result.wave_id = wave.id;

  // Roster.
  std::vector<Id> actor_id(net.actor_count());
  const auto* fields = net.find_affiliation("field");
  for (ActorIndex a = 0; a < net.actor_count(); ++a) {
    storage::Actor actor;
    actor.project_id = project.id;
    actor.key = net.actor_id(a);
    actor.name = text_attr(net, a, "name");
    actor.kind = text_attr(net, a, "kind");
    actor.sector = text_attr(net, a, "sector");
    actor.contact_name = "Ansprechperson " + actor.key;
    std::string local = actor.key;
    std::transform(local.begin(), local.end(), local.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    actor.contact_email = "kontakt-" + local + "@musterstadt.example";
    if (fields) {
      const auto* role = fields->attrs.find("role");
      for (std::size_t row = 0; row < fields->actor.size(); ++row) {
        if (fields->actor[row] != a) continue;
        storage::ActorField f;
        f.field = fields->items[fields->item[row]];
        if (role)
          if (const auto* r = std::get_if<std::string>(&role->values[row])) f.role = *r;
        actor.fields.push_back(f);
      }
    }
    actor_id[a] = repo.create_actor(actor).id;
  }

  // Invitations and who answers.
  enum class Answer { None, Started, Submitted };
  std::vector<Answer> answer(net.actor_count(), Answer::None);
  std::vector<Id> invitation(net.actor_count());
  for (ActorIndex a = 0; a < net.actor_count(); ++a) {
    storage::Invitation inv;
    inv.wave_id = wave.id;
    inv.actor_id = actor_id[a];
    inv.token_hash = token_hash(new_token());  // links are handed out by the admin area
    invitation[a] = repo.create_invitation(inv).id;
    const double f = sector_factor(text_attr(net, a, "sector"));
    const double u = unit(rng);
    if (u < options.submitted_share * f)
      answer[a] = Answer::Submitted;
    else if (u < (options.submitted_share + options.started_share) * f)
      answer[a] = Answer::Started;
  }
  result.invitations = net.actor_count();

  // Each respondent reports their own ties (the generator's reporter = tie source).
  std::vector<std::map<std::string, std::vector<storage::Tie>>> reported(net.actor_count());
  for (TieIndex t = 0; t < net.tie_count(); ++t) {
    const ActorIndex s = net.tie_source(t);
    if (answer[s] == Answer::None) continue;
    const std::string& relation = net.relations()[net.tie_relation(t)].name;
    if (answer[s] == Answer::Started && relation != "zusammenarbeit") continue;
    storage::Tie tie;
    tie.wave_id = wave.id;
    tie.relation = relation;
    tie.source = actor_id[s];
    tie.target = actor_id[net.tie_target(t)];
    for (const char* key : {"frequency", "quality", "barriers", "enablers", "fields"}) {
      const auto& v = net.tie_attr(t, key);
      if (!is_missing(v)) tie.attrs[key] = v;
    }
    // The questionnaire asks "kind" as a multiple choice and barriers only when quality <= 3.
    if (const auto* k = std::get_if<std::string>(&net.tie_attr(t, "kind")))
      tie.attrs["kind"] = std::vector<std::string>{*k};
    if (relation == "zusammenarbeit") {
      const auto* q = std::get_if<double>(&net.tie_attr(t, "quality"));
      if (!q || *q > 3) tie.attrs.erase("barriers");
    }
    reported[s][relation].push_back(std::move(tie));
  }

  std::size_t idea = 0;
  for (ActorIndex a = 0; a < net.actor_count(); ++a) {
    if (answer[a] == Answer::None) continue;
    repo.record_consent(invitation[a], app::survey::default_questionnaire().consent_version);
    storage::ResponseUpdate update;
    update.invitation_id = invitation[a];
    for (const char* relation : {"zusammenarbeit", "information", "wunsch"})
      if (answer[a] == Answer::Submitted || std::string_view(relation) == "zusammenarbeit")
        update.ties[relation] = reported[a][relation];
    for (const auto& [rel, ties] : update.ties)
      result.ties += ties.size();
    const auto& own_fields = net.actor_attr(a, "fields");
    if (!is_missing(own_fields)) update.items.push_back({"own_fields", own_fields});
    if (answer[a] == Answer::Submitted) {
      update.items.push_back({"network_satisfaction", static_cast<double>(2 + rng() % 4)});
      const auto& barriers = app::kBarrierKeys;
      update.items.push_back(
          {"general_barriers", std::vector<std::string>{std::string(barriers[rng() % 3]),
                                                        std::string(barriers[3 + rng() % 4])}});
    }
    repo.save_response(update);
    if (answer[a] == Answer::Submitted) {
      repo.submit_response(invitation[a]);
      ++result.submitted;
      // About one respondent in six pursues an idea, with partners among their collaborators.
      if (rng() % 6 == 0 && idea < 40) {
        const auto& tmpl = kIdeas[idea % kIdeas.size()];
        storage::Innovation inn;
        inn.project_id = project.id;
        inn.wave_id = wave.id;
        inn.reported_by = invitation[a];
        inn.title = tmpl.title;
        if (idea >= kIdeas.size())
          inn.title += " (" + std::to_string(idea / kIdeas.size() + 1) + ")";
        inn.field = tmpl.field;
        static constexpr std::array<const char*, 5> kStages = {"idea", "planning", "pilot",
                                                               "realised", "stopped"};
        inn.stage = kStages[rng() % kStages.size()];
        static constexpr std::array<const char*, 8> kConditions = {
            "funding",           "permits",  "partners",          "space",
            "political_support", "know_how", "public_acceptance", "time"};
        inn.conditions = {kConditions[rng() % 4], kConditions[4 + rng() % 4]};
        std::sort(inn.conditions.begin(), inn.conditions.end());
        inn.actors.push_back({actor_id[a], "initiator"});
        const auto& collab = reported[a]["zusammenarbeit"];
        for (std::size_t k = 0; k < collab.size() && k < 3; ++k)
          inn.actors.push_back({collab[k].target, k == 0 ? "partner" : "supporter"});
        repo.save_innovation(inn);
        ++idea;
      }
    } else {
      ++result.started;
    }
  }
  result.innovations = idea;

  // One real lab between this wave and the next.
  storage::Intervention lab;
  lab.project_id = project.id;
  lab.name = "Reallabor Mobilität Nordviertel";
  lab.starts_at = wave.opened_at + 60LL * 24 * 3600;
  lab.ends_at = lab.starts_at + 180LL * 24 * 3600;
  lab.wave_before = wave.id;
  for (ActorIndex a = 0; a < net.actor_count() && lab.actors.size() < 12; ++a) {
    const auto& f = net.actor_attr(a, "fields");
    if (const auto* list = std::get_if<std::vector<std::string>>(&f))
      if (std::find(list->begin(), list->end(), "mobilitaet") != list->end())
        lab.actors.push_back(actor_id[a]);
  }
  repo.save_intervention(lab);

  // The demo respondent: the first actor (roster order) who has not answered.
  for (ActorIndex a = 0; a < net.actor_count(); ++a) {
    if (answer[a] != Answer::None) continue;
    result.respondent_token = new_token();
    repo.set_invitation_token_hash(invitation[a], token_hash(result.respondent_token));
    result.respondent_name = text_attr(net, a, "name");
    break;
  }

  // The administrator.
  storage::User admin;
  admin.email = options.admin_email;
  admin.display_name = "Demo-Administration";
  admin.role = storage::Role::Admin;
  result.admin_password = options.admin_password.empty() ? new_token(16) : options.admin_password;
  admin.password_hash = hash_password(result.admin_password);
  repo.create_user(admin);
  result.admin_email = admin.email;
  storage::AuditEntry audit;
  audit.project_id = project.id;
  audit.action = "demo.seed";
  audit.object = "project:" + std::to_string(project.id);
  audit.detail = "actors=" + std::to_string(result.invitations) +
                 " submitted=" + std::to_string(result.submitted);
  repo.append_audit(audit);
  return result;
}

DemoSeedResult ensure_demo(storage::Repository& repo, const DemoSeedOptions& options) {
  const auto project = repo.find_project_by_slug("musterstadt");
  if (!project) return seed_demo(repo, options);
  DemoSeedResult result;
  result.project_id = project->id;
  result.project_slug = project->slug;
  const auto waves = repo.list_waves(project->id);
  if (!waves.empty()) result.wave_id = waves.front().id;
  if (auto admin = repo.find_user_by_email(options.admin_email)) {
    result.admin_password = options.admin_password.empty() ? new_token(16) : options.admin_password;
    admin->password_hash = hash_password(result.admin_password);
    admin->disabled = false;
    repo.update_user(*admin);
    repo.delete_user_sessions(admin->id);
    result.admin_email = admin->email;
  }
  if (result.wave_id) {
    std::map<Id, std::string> names;
    for (const auto& a : repo.list_actors(project->id))
      names[a.id] = a.name;
    for (const auto& inv : repo.list_invitations(result.wave_id)) {
      if (inv.status != storage::InvitationStatus::Invited) continue;
      result.respondent_token = new_token();
      repo.set_invitation_token_hash(inv.id, token_hash(result.respondent_token));
      result.respondent_name = names[inv.actor_id];
      break;
    }
    result.invitations = repo.list_invitations(result.wave_id).size();
  }
  storage::AuditEntry audit;
  audit.project_id = project->id;
  audit.action = "demo.credentials";
  audit.object = "project:" + std::to_string(project->id);
  repo.append_audit(audit);
  return result;
}

}  // namespace kn::web
