#pragma once
// Server-rendered survey pages (docs/survey.md). Every page is a complete HTML form that works
// without JavaScript; app.js enhances it (roster search, conditional questions). Forms are filled
// from form fields (app/survey/answers.hpp): stored answers are encoded into fields, and after a
// validation error the posted fields are shown again with the errors next to them, so nothing a
// respondent typed is lost.

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "app/i18n.hpp"
#include "app/survey/answers.hpp"
#include "app/survey/questionnaire.hpp"

namespace kn::web {

struct RosterChoice {
  std::int64_t id = 0;
  std::string name;
  std::string sector;
  bool own_addition = false;  ///< added by this respondent as a free addition
};

struct SurveyContext {
  app::Lang lang = app::Lang::De;
  std::string csrf;
  const app::survey::Questionnaire* questionnaire = nullptr;
  std::string project_name;
  std::string respondent_name;  ///< the respondent's organisation (shown as "Sie antworten für")
  bool submitted = false;       ///< already submitted (answers can still be changed)
  std::string current_path;     ///< for the language switch
};

/// Values and errors to show in a form.
struct FormState {
  app::survey::FormFields values;
  std::vector<app::survey::FieldError> errors;
  std::string notice;  ///< plain-text message above the form (e.g. "saved")
};

std::string render_consent_page(const SurveyContext& ctx);
/// Items sections.
std::string render_items_page(const SurveyContext& ctx, const app::survey::Section& section,
                              const FormState& state);
/// Roster sections, step 1: whom (name generator) and free additions.
std::string render_roster_select_page(const SurveyContext& ctx, const app::survey::Section& section,
                                      const std::vector<RosterChoice>& roster,
                                      const FormState& state);
/// Roster sections, step 2: the questions about each named actor.
std::string render_roster_rate_page(const SurveyContext& ctx, const app::survey::Section& section,
                                    const std::vector<RosterChoice>& named, const FormState& state);
std::string render_innovations_page(const SurveyContext& ctx, const app::survey::Section& section,
                                    const std::vector<RosterChoice>& roster,
                                    const FormState& state);

/// One line of the summary.
struct SummarySection {
  const app::survey::Section* section = nullptr;
  std::vector<std::string> lines;  ///< plain text (escaped by the renderer)
  std::size_t missing = 0;         ///< required answers missing
};
std::string render_summary_page(const SurveyContext& ctx,
                                const std::vector<SummarySection>& sections,
                                const std::string& notice);
std::string render_done_page(const SurveyContext& ctx);
/// A page with a heading and a paragraph (catalogue keys): invalid link, wave closed, declined,
/// consent withdrawn.
std::string render_message_page(app::Lang lang, const std::string& title_key,
                                const std::string& text_key, const std::string& current_path);

/// URL of a section's page ("/s/p/<id>", roster rating "/s/p/<id>/rate").
std::string section_url(const app::survey::Section& section, bool rate = false);

}  // namespace kn::web
