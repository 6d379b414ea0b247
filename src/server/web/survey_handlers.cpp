// The survey for respondents (docs/survey.md):
//   GET  /s/{token}          personal link: exchanged for a session cookie, 303 to /s (the
//                            token never stays in the address bar, history or Referer)
//   GET  /s                  where to go: consent, the first section, or the thank-you page
//   POST /s/consent          consent (version and time stored) or decline (nothing stored)
//   GET  /s/p/{section}      a section page (roster sections: step 1, whom)
//   POST /s/p/{section}      save it; go=next|back|pause
//   GET  /s/p/{section}/rate roster sections, step 2: the questions about each named actor
//   POST /s/p/{section}/rate
//   GET  /s/summary          everything answered, what is missing; POST /s/submit submits
//   GET  /s/done             thanks; change answers or withdraw consent
//   POST /s/withdraw         withdraws consent and deletes the respondent's answers
// A respondent session reaches only its own invitation: every handler loads the invitation from
// the session, never from the request. Answers can be changed while the wave is open;
// submitting twice is harmless.

#include <algorithm>
#include <map>
#include <set>

#include "app/survey/answers.hpp"
#include "app/survey/questionnaire.hpp"
#include "core/util/error.hpp"
#include "server/web/html.hpp"
#include "server/web/secrets.hpp"
#include "server/web/survey_pages.hpp"
#include "server/web/web_app.hpp"

namespace kn::web {

namespace {

using app::Lang;
using app::survey::FormFields;
using app::survey::Questionnaire;
using app::survey::Section;
using app::survey::SectionKind;
using http::Request;
using http::Response;
using storage::Id;
using Attributes = storage::Attributes;

/// Everything a survey handler needs about the respondent behind the session.
struct Respondent {
  storage::Session session;
  storage::Invitation invitation;
  storage::Wave wave;
  storage::Project project;
  storage::Id actor_id = 0;  ///< the respondent's organisation
  std::string actor_name;
  std::shared_ptr<const Questionnaire> questionnaire;
  Lang lang = Lang::De;
  bool consented = false;
  FormFields form;  ///< the posted form (POST handlers)
};

/// Parsed questionnaires by (project, version): definitions are immutable once stored.
class QuestionnaireCache {
 public:
  /// The questionnaire of `version` (0 = none stored: the default); the definition is read and
  /// parsed only the first time a version is seen.
  std::shared_ptr<const Questionnaire> get(storage::Repository& repo, Id project_id, int version) {
    if (version == 0) {
      static const auto fallback =
          std::make_shared<const Questionnaire>(app::survey::default_questionnaire());
      return fallback;
    }
    {
      const std::lock_guard lock(mutex_);
      if (const auto it = cache_.find({project_id, version}); it != cache_.end()) return it->second;
    }
    const auto stored = repo.find_questionnaire(project_id, version);
    if (!stored) throw std::runtime_error("questionnaire version vanished");
    auto parsed = std::make_shared<const Questionnaire>(app::survey::parse_questionnaire(
        stored->definition, "questionnaire v" + std::to_string(stored->version)));
    const std::lock_guard lock(mutex_);
    return cache_.emplace(std::make_pair(project_id, version), std::move(parsed)).first->second;
  }

 private:
  std::mutex mutex_;
  std::map<std::pair<Id, int>, std::shared_ptr<const Questionnaire>> cache_;
};

class Survey {
 public:
  explicit Survey(WebApp& app) : app_(app) {}

  void add_routes(http::Router& router) {
    http::RouteOptions secret;
    secret.log_pattern = true;
    router.get("/s",
               [this](Request& r) { return with(r, [&](Respondent& p) { return start(r, p); }); });
    router.post("/s/consent", [this](Request& r) {
      return with(
          r, [&](Respondent& p) { return consent(r, p); }, true);
    });
    router.get("/s/p/{section}", [this](Request& r) {
      return with(r, [&](Respondent& p) { return show(r, p, false); });
    });
    router.post("/s/p/{section}", [this](Request& r) {
      return with(
          r, [&](Respondent& p) { return save(r, p, false); }, true);
    });
    router.get("/s/p/{section}/rate", [this](Request& r) {
      return with(r, [&](Respondent& p) { return show(r, p, true); });
    });
    router.post("/s/p/{section}/rate", [this](Request& r) {
      return with(
          r, [&](Respondent& p) { return save(r, p, true); }, true);
    });
    router.get("/s/summary", [this](Request& r) {
      return with(r, [&](Respondent& p) { return summary(r, p, {}); });
    });
    router.post("/s/submit", [this](Request& r) {
      return with(
          r, [&](Respondent& p) { return submit(r, p); }, true);
    });
    router.get("/s/done",
               [this](Request& r) { return with(r, [&](Respondent& p) { return done(r, p); }); });
    router.post("/s/withdraw", [this](Request& r) {
      return with(
          r, [&](Respondent& p) { return withdraw(r, p); }, true, true);
    });
    // Last: the router tries routes in order, and /s/{token} would match /s/summary.
    router.get(
        "/s/{token}", [this](Request& r) { return link(r); }, secret);
  }

 private:
  WebApp& app_;
  QuestionnaireCache questionnaires_;

  static Response message(Lang lang, const char* title, const char* text, int status,
                          const std::string& path) {
    return Response::html(render_message_page(lang, title, text, path), status);
  }

  // --- the personal link ------------------------------------------------------------------------
  Response link(Request& r) {
    const Lang lang = app_.lang(r);
    // Token guessing: every attempt costs, from the client's address.
    const auto d = app_.token_limiter().check("token:" + r.remote_address);
    if (!d.allowed) {
      auto res = Response::html(
          render_message_page(lang, "survey.ui.slow_down", "survey.ui.slow_down_text", "/s"), 429);
      res.set_header("Retry-After", std::to_string(d.retry_after.count()));
      res.log_path = "/s/{token}";
      return res;
    }
    const auto token = r.param("token");
    std::optional<storage::Invitation> inv;
    if (token && token->size() >= 20 && token->size() <= 100)
      inv = app_.repo().find_invitation_by_token_hash(token_hash(*token));
    if (!inv) {
      auto res = message(lang, "survey.ui.bad_link", "survey.ui.bad_link_text", 404, "/s");
      res.log_path = "/s/{token}";
      return res;
    }
    auto res = Response::redirect("/s");
    res.log_path = "/s/{token}";
    // A new session for this link; an older respondent session in this browser ends.
    app_.end_session(r, res, storage::SessionKind::Respondent);
    app_.start_session(res, storage::SessionKind::Respondent, 0, inv->id);
    return res;
  }

  /// Loads the respondent of the session and runs `body`; handles missing sessions, CSRF for
  /// POSTs, closed waves and rate limits in one place.
  template <typename Body>
  Response with(Request& r, Body&& body, bool post = false, bool allow_closed = false) {
    Lang lang = app_.lang(r);
    // One read transaction for session, invitation, wave, project, actor and consent.
    const auto cookie = r.cookie(kRespondentCookie);
    std::optional<storage::RespondentView> view;
    if (cookie && cookie->size() >= 20 && cookie->size() <= 100)
      view = app_.repo().respondent_view(token_hash(*cookie), app_.now());
    if (!view)
      return message(lang, "survey.ui.no_session", "survey.ui.no_session_text", 401, r.path);
    Respondent p;
    p.session = view->session;
    p.invitation = view->invitation;
    p.wave = view->wave;
    p.project = view->project;
    p.actor_id = view->actor_id;
    p.actor_name = view->actor_name;
    const auto& inv = p.invitation;
    if (!r.cookie(kLangCookie) && !inv.lang.empty()) lang = app::parse_lang(inv.lang);
    p.lang = lang;
    p.consented = view->consented;
    p.questionnaire = questionnaires_.get(app_.repo(), p.project.id, view->questionnaire_version);
    if (post) {
      const auto d = app_.submit_limiter().check("inv:" + std::to_string(inv.id));
      if (!d.allowed) {
        auto res = message(lang, "survey.ui.slow_down", "survey.ui.slow_down_text", 429, r.path);
        res.set_header("Retry-After", std::to_string(d.retry_after.count()));
        return res;
      }
      p.form = r.form();
      if (!WebApp::csrf_ok(p.session, p.form))
        return message(lang, "survey.ui.expired_form", "survey.ui.expired_form_text", 403, r.path);
    }
    if (p.wave.status != storage::WaveStatus::Open && !allow_closed)
      return message(lang, "survey.ui.closed", "survey.ui.closed_text", post ? 409 : 200, r.path);
    return body(p);
  }

  SurveyContext context(const Respondent& p, const Request& r) const {
    SurveyContext c;
    c.lang = p.lang;
    c.csrf = p.session.csrf_token;
    c.questionnaire = p.questionnaire.get();
    c.project_name = p.project.name;
    c.respondent_name = p.actor_name;
    c.submitted = p.invitation.status == storage::InvitationStatus::Submitted;
    c.current_path = r.path;
    return c;
  }

  // --- data -------------------------------------------------------------------------------------
  /// Roster the respondent may name: the project's unmerged actors except themselves; free
  /// additions only their own.
  std::vector<RosterChoice> roster(const Respondent& p) {
    std::vector<RosterChoice> out;
    for (auto& a : app_.repo().list_roster(p.project.id)) {
      if (a.id == p.actor_id) continue;
      const bool own = a.free_addition && a.added_by && *a.added_by == p.invitation.id;
      if (a.free_addition && !own) continue;
      out.push_back({a.id, std::move(a.name), std::move(a.sector), own});
    }
    return out;  // list_roster orders by name
  }

  static std::set<std::int64_t> ids(const std::vector<RosterChoice>& roster) {
    std::set<std::int64_t> out;
    for (const auto& r : roster)
      out.insert(r.id);
    return out;
  }

  std::vector<storage::Tie> stored_ties(const Respondent& p, const std::string& relation) {
    storage::TieQuery q;
    q.wave_id = p.wave.id;
    q.relation = relation;
    q.source = p.actor_id;
    return app_.repo().list_ties(q);
  }

  static std::vector<app::survey::DecodedTie> decoded(const std::vector<storage::Tie>& ties) {
    std::vector<app::survey::DecodedTie> out;
    out.reserve(ties.size());
    for (const auto& t : ties)
      out.push_back({t.target, t.attrs});
    return out;
  }

  std::vector<storage::Innovation> own_innovations(const Respondent& p) {
    std::vector<storage::Innovation> out;
    for (auto& inn : app_.repo().list_innovations(p.project.id))
      if (inn.reported_by && *inn.reported_by == p.invitation.id) out.push_back(std::move(inn));
    return out;
  }

  static std::vector<app::survey::DecodedInnovation> decoded(
      const std::vector<storage::Innovation>& list, Id self) {
    std::vector<app::survey::DecodedInnovation> out;
    for (const auto& inn : list) {
      app::survey::DecodedInnovation d{inn.title, inn.description, inn.field,
                                       inn.stage, inn.conditions,  {}};
      for (const auto& a : inn.actors)
        if (a.actor_id != self) d.partners.push_back(a.actor_id);
      out.push_back(std::move(d));
    }
    return out;
  }

  Attributes stored_items(const Respondent& p) {
    Attributes out;
    for (auto& a : app_.repo().list_answers(p.invitation.id))
      out[a.item] = std::move(a.value);
    return out;
  }

  // --- navigation -------------------------------------------------------------------------------
  static const Section* section_of(const Respondent& p, const Request& r) {
    const auto id = r.param("section");
    return id ? p.questionnaire->find_section(*id) : nullptr;
  }

  static std::string next_url(const Respondent& p, const Section& s) {
    const auto& list = p.questionnaire->sections;
    for (std::size_t i = 0; i + 1 < list.size(); ++i)
      if (&list[i] == &s) return section_url(list[i + 1]);
    return "/s/summary";
  }
  static std::string back_url(const Respondent& p, const Section& s) {
    const auto& list = p.questionnaire->sections;
    for (std::size_t i = 1; i < list.size(); ++i)
      if (&list[i] == &s) return section_url(list[i - 1], list[i - 1].kind == SectionKind::Roster);
    return "/s";
  }

  // --- handlers ---------------------------------------------------------------------------------
  Response start(const Request& r, Respondent& p) {
    if (!p.consented) return Response::html(render_consent_page(context(p, r)));
    if (p.invitation.status == storage::InvitationStatus::Submitted)
      return Response::redirect("/s/done");
    return Response::redirect(section_url(p.questionnaire->sections.front()));
  }

  Response consent(const Request& r, Respondent& p) {
    const auto answer = http::find_param(p.form, "answer");
    if (answer && *answer == "yes") {
      if (!p.consented)
        app_.repo().record_consent(p.invitation.id, p.questionnaire->consent_version);
      return Response::redirect(section_url(p.questionnaire->sections.front()));
    }
    if (p.consented) return Response::redirect("/s/done");
    auto res = message(p.lang, "survey.ui.declined", "survey.ui.declined_text", 200, r.path);
    app_.end_session(r, res, storage::SessionKind::Respondent);
    return res;
  }

  Response show(const Request& r, Respondent& p, bool rate) {
    if (!p.consented) return Response::redirect("/s");
    const Section* s = section_of(p, r);
    if (!s || (rate && s->kind != SectionKind::Roster))
      return message(p.lang, "survey.ui.not_found", "survey.ui.not_found_text", 404, r.path);
    FormState state;
    if (r.query_param("saved")) state.notice = app::tr(p.lang, "survey.ui.saved");
    return render(r, p, *s, rate, std::move(state), true);
  }

  /// Renders a section page; `from_store` fills the form from the database, else from p.form.
  Response render(const Request& r, Respondent& p, const Section& s, bool rate, FormState state,
                  bool from_store) {
    const auto ctx = context(p, r);
    switch (s.kind) {
      case SectionKind::Items:
        if (from_store) state.values = app::survey::encode_items(s, stored_items(p));
        return Response::html(render_items_page(ctx, s, state), state.errors.empty() ? 200 : 422);
      case SectionKind::Innovations:
        if (from_store)
          state.values = app::survey::encode_innovations(decoded(own_innovations(p), p.actor_id));
        return Response::html(render_innovations_page(ctx, s, roster(p), state),
                              state.errors.empty() ? 200 : 422);
      case SectionKind::Roster: {
        const auto all = roster(p);
        const auto ties = stored_ties(p, s.relation);
        if (from_store) state.values = app::survey::encode_ties(s, decoded(ties));
        if (!rate)
          return Response::html(render_roster_select_page(ctx, s, all, state),
                                state.errors.empty() ? 200 : 422);
        // Step 2 lists the named actors: from the store, or those in the posted form.
        std::set<std::int64_t> named;
        for (const auto& [k, v] : state.values)
          if (k == "a") named.insert(std::atoll(v.c_str()));
        std::vector<RosterChoice> list;
        for (const auto& a : all)
          if (named.contains(a.id)) list.push_back(a);
        if (list.empty() && state.errors.empty()) return Response::redirect(next_url(p, s));
        return Response::html(render_roster_rate_page(ctx, s, list, state),
                              state.errors.empty() ? 200 : 422);
      }
    }
    return Response::error(500);
  }

  Response save(const Request& r, Respondent& p, bool rate) {
    if (!p.consented) return Response::redirect("/s");
    const Section* s = section_of(p, r);
    if (!s || (rate && s->kind != SectionKind::Roster))
      return message(p.lang, "survey.ui.not_found", "survey.ui.not_found_text", 404, r.path);
    // Only roster and innovations sections name actors; items pages need no roster.
    const auto all = s->kind == SectionKind::Items ? std::vector<RosterChoice>{} : roster(p);
    auto answers = app::survey::decode_section(*p.questionnaire, *s, p.form, ids(all), p.actor_id);
    if (!answers.errors.empty()) {
      FormState state;
      state.values = p.form;
      state.errors = std::move(answers.errors);
      return render(r, p, *s, rate, std::move(state), false);
    }
    storage::ResponseUpdate update;
    update.invitation_id = p.invitation.id;
    switch (s->kind) {
      case SectionKind::Items:
        for (auto& [key, value] : answers.items)
          update.items.push_back({key, std::move(value)});
        break;
      case SectionKind::Innovations: {
        std::vector<storage::Innovation> list;
        for (auto& d : answers.innovations) {
          storage::Innovation inn;
          inn.project_id = p.project.id;
          inn.wave_id = p.wave.id;
          inn.reported_by = p.invitation.id;
          inn.title = d.title;
          inn.description = d.description;
          inn.field = d.field;
          inn.stage = d.stage;
          inn.conditions = d.conditions;
          inn.actors.push_back({p.actor_id, "initiator"});
          for (const auto id : d.partners)
            inn.actors.push_back({id, "partner"});
          list.push_back(std::move(inn));
        }
        update.innovations = std::move(list);
        break;
      }
      case SectionKind::Roster: {
        auto& ties = update.ties[s->relation];
        if (!rate) {
          // Step 1 changes whom; answers about actors still named are kept.
          std::map<Id, Attributes> kept;
          for (auto& t : stored_ties(p, s->relation))
            kept[t.target] = std::move(t.attrs);
          for (const auto& d : answers.ties) {
            storage::Tie t;
            t.wave_id = p.wave.id;
            t.relation = s->relation;
            t.source = p.actor_id;
            t.target = d.target;
            if (const auto it = kept.find(d.target); it != kept.end()) t.attrs = it->second;
            ties.push_back(std::move(t));
          }
          for (std::size_t k = 0; k < answers.free_additions.size(); ++k) {
            update.free_additions.push_back(answers.free_additions[k].name);
            storage::Tie t;
            t.wave_id = p.wave.id;
            t.relation = s->relation;
            t.source = p.actor_id;
            t.target = -static_cast<Id>(k + 1);
            t.attrs = answers.free_additions[k].attrs;
            ties.push_back(std::move(t));
          }
        } else {
          for (const auto& d : answers.ties) {
            storage::Tie t;
            t.wave_id = p.wave.id;
            t.relation = s->relation;
            t.source = p.actor_id;
            t.target = d.target;
            t.attrs = d.attrs;
            ties.push_back(std::move(t));
          }
        }
        break;
      }
    }
    try {
      app_.repo().save_response(update);
    } catch (const storage::StorageError& e) {
      if (e.kind() != storage::StorageError::Kind::Invalid) throw;
      FormState state;
      state.values = p.form;
      state.errors.push_back({"", "survey.error.not_saved", {}});
      return render(r, p, *s, rate, std::move(state), false);
    }
    const auto go = http::find_param(p.form, "go");
    if (go && *go == "pause")
      return message(p.lang, "survey.ui.paused", "survey.ui.paused_text", 200, r.path);
    if (go && *go == "back") return Response::redirect(rate ? section_url(*s) : back_url(p, *s));
    if (s->kind == SectionKind::Roster && !rate) return Response::redirect(section_url(*s, true));
    return Response::redirect(next_url(p, *s));
  }

  std::vector<SummarySection> summary_sections(Respondent& p) {
    std::vector<SummarySection> out;
    const auto lang = p.lang;
    const auto& q = *p.questionnaire;
    std::map<Id, std::string> names;
    for (const auto& a : app_.repo().list_roster(p.project.id))
      names[a.id] = a.name;
    const auto items = stored_items(p);
    for (const auto& s : q.sections) {
      SummarySection ss;
      ss.section = &s;
      switch (s.kind) {
        case SectionKind::Items:
          for (const auto& item : s.items) {
            const auto it = items.find(item.key);
            if (it == items.end() || is_missing(it->second)) {
              if (item.required) ++ss.missing;
              continue;
            }
            std::string text;
            if (const auto* str = std::get_if<std::string>(&it->second)) {
              const auto* list = item.options.empty() ? nullptr : q.find_list(item.options);
              text = list ? list->label(*str, lang) : *str;
            } else if (const auto* d = std::get_if<double>(&it->second)) {
              text = std::to_string(static_cast<long long>(*d));
            } else if (const auto* l = std::get_if<std::vector<std::string>>(&it->second)) {
              const auto* list = q.find_list(item.options);
              for (const auto& k : *l)
                text += (text.empty() ? "" : ", ") + (list ? list->label(k, lang) : k);
            }
            ss.lines.push_back(item.label.text(lang) + ": " + text);
          }
          break;
        case SectionKind::Roster: {
          for (const auto& t : stored_ties(p, s.relation)) {
            std::string line = names[t.target];
            if (const auto qit = t.attrs.find("quality"); qit != t.attrs.end())
              if (const auto* d = std::get_if<double>(&qit->second))
                line += " – " + app::tr(lang, "survey.item.quality") + " " +
                        std::to_string(static_cast<long long>(*d));
            ss.missing += app::survey::missing_tie_items(s, t.target, t.attrs).size();
            ss.lines.push_back(line);
          }
          break;
        }
        case SectionKind::Innovations:
          for (const auto& inn : own_innovations(p)) {
            const auto* stages = q.find_list("stages");
            ss.lines.push_back(inn.title +
                               (inn.stage.empty() ? "" : " – " + stages->label(inn.stage, lang)));
            if (inn.stage.empty()) ++ss.missing;
          }
          break;
      }
      out.push_back(std::move(ss));
    }
    return out;
  }

  Response summary(const Request& r, Respondent& p, const std::string& notice) {
    if (!p.consented) return Response::redirect("/s");
    return Response::html(render_summary_page(context(p, r), summary_sections(p), notice),
                          notice.empty() ? 200 : 422);
  }

  Response submit(const Request& r, Respondent& p) {
    if (!p.consented) return Response::redirect("/s");
    std::size_t missing = 0;
    for (const auto& s : summary_sections(p))
      missing += s.missing;
    if (missing)
      return summary(r, p,
                     app::tr_format(p.lang, "survey.ui.cannot_submit", {std::to_string(missing)}));
    app_.repo().submit_response(p.invitation.id);
    return Response::redirect("/s/done");
  }

  Response done(const Request& r, Respondent& p) {
    if (!p.consented) return Response::redirect("/s");
    if (p.invitation.status != storage::InvitationStatus::Submitted)
      return Response::redirect("/s/summary");
    return Response::html(render_done_page(context(p, r)));
  }

  Response withdraw(const Request& r, Respondent& p) {
    // Withdrawing is as easy as consenting (Art. 7(3) GDPR), also after the wave has closed:
    // consent withdrawn and the respondent's answers deleted in one step.
    app_.repo().withdraw_response(p.invitation.id);
    auto res = message(p.lang, "survey.ui.withdrawn", "survey.ui.withdrawn_text", 200, r.path);
    app_.end_session(r, res, storage::SessionKind::Respondent);
    return res;
  }
};

}  // namespace

void add_survey_routes(WebApp& app, http::Router& router) {
  auto survey = std::make_shared<Survey>(app);
  survey->add_routes(router);
  app.keep(survey);  // the routes use it for the life of the app
}

}  // namespace kn::web
