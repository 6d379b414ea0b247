// Survey page rendering (see survey_pages.hpp).

#include "server/web/survey_pages.hpp"

#include <algorithm>
#include <map>

#include "server/web/html.hpp"

namespace kn::web {

namespace {

using app::Lang;
using app::survey::FieldError;
using app::survey::FormFields;
using app::survey::Item;
using app::survey::ItemType;
using app::survey::Section;
using app::survey::SectionKind;

/// Index over form values.
class Values {
 public:
  explicit Values(const FormFields& fields) {
    for (const auto& [k, v] : fields)
      map_[k].push_back(v);
  }
  [[nodiscard]] std::string one(const std::string& key) const {
    const auto it = map_.find(key);
    return it == map_.end() || it->second.empty() ? std::string() : it->second.back();
  }
  [[nodiscard]] bool has(const std::string& key, const std::string& value) const {
    const auto it = map_.find(key);
    return it != map_.end() &&
           std::find(it->second.begin(), it->second.end(), value) != it->second.end();
  }

 private:
  std::map<std::string, std::vector<std::string>> map_;
};

/// Field name -> error messages, escaped.
class Errors {
 public:
  Errors(Lang lang, const std::vector<FieldError>& errors) {
    for (const auto& e : errors)
      map_[e.field].push_back(tf(lang, e.message_key, e.args));
  }
  [[nodiscard]] std::string html(const std::string& field, const std::string& id) const {
    const auto it = map_.find(field);
    if (it == map_.end()) return {};
    std::string out = "<p class=\"field-error\" id=\"" + esc(id) + "-err\">";
    for (const auto& m : it->second)
      out += m + " ";
    out += "</p>";
    return out;
  }
  [[nodiscard]] bool has(const std::string& field) const { return map_.contains(field); }
  [[nodiscard]] bool empty() const { return map_.empty(); }

 private:
  std::map<std::string, std::vector<std::string>> map_;
};

/// HTML id from a field name ("t.17.quality" -> "f-t-17-quality").
std::string field_id(const std::string& name) {
  std::string out = "f-";
  for (const char c : name)
    out.push_back((c == '.' || c == ' ') ? '-' : c);
  return out;
}

std::string progress(const SurveyContext& ctx, const Section* current) {
  const auto& q = *ctx.questionnaire;
  std::string h =
      "<nav class=\"progress\" aria-label=\"" + t(ctx.lang, "survey.ui.progress") + "\"><ol>";
  for (const auto& s : q.sections) {
    h += "<li";
    if (&s == current) h += " aria-current=\"step\"";
    h += "><a href=\"" + esc(section_url(s)) + "\">" + esc(s.title.text(ctx.lang)) + "</a></li>";
  }
  h += "<li";
  if (!current) h += " aria-current=\"step\"";
  h += "><a href=\"/s/summary\">" + t(ctx.lang, "survey.ui.summary") + "</a></li></ol></nav>";
  return h;
}

std::string respondent_line(const SurveyContext& ctx) {
  std::string h = "<p class=\"respondent\">" + esc(ctx.project_name);
  if (!ctx.respondent_name.empty())
    h += " · " + tf(ctx.lang, "survey.ui.answering_for", {ctx.respondent_name});
  if (ctx.submitted) h += " · <strong>" + t(ctx.lang, "survey.ui.already_submitted") + "</strong>";
  h += "</p>";
  return h;
}

std::string error_summary(Lang lang, const FormState& state) {
  if (state.errors.empty()) return {};
  std::string h = "<div class=\"notice error\" role=\"alert\" tabindex=\"-1\" id=\"errors\"><p>" +
                  t(lang, "survey.ui.fix_errors") + "</p><ul>";
  for (const auto& e : state.errors)
    h += "<li><a href=\"#" + esc(field_id(e.field)) + "\">" + tf(lang, e.message_key, e.args) +
         "</a></li>";
  h += "</ul></div>";
  return h;
}

/// The top of every section page: who answers, the progress steps, the title, the question
/// (already HTML), the error summary and the notice.
std::string section_head(const SurveyContext& ctx, const Section& section,
                         const std::string& question_html, const FormState& state) {
  std::string h = respondent_line(ctx) + progress(ctx, &section);
  h += "<h1>" + esc(section.title.text(ctx.lang)) + "</h1>";
  h += question_html;
  h += error_summary(ctx.lang, state);
  if (!state.notice.empty())
    h += "<p class=\"notice\" role=\"status\">" + esc(state.notice) + "</p>";
  return h;
}

std::string nav_buttons(Lang lang, bool back, const char* next_key = "survey.ui.save_next") {
  // Enter in a text field submits with the form's first submit button: make that "next",
  // invisible and out of the tab order (the visible buttons follow in reading order).
  std::string h =
      "<button type=\"submit\" name=\"go\" value=\"next\" class=\"default-submit\" tabindex=\"-1\" "
      "aria-hidden=\"true\">" +
      t(lang, next_key) + "</button><div class=\"buttons\">";
  if (back)
    h += "<button type=\"submit\" name=\"go\" value=\"back\" class=\"secondary\">" +
         t(lang, "survey.ui.back") + "</button>";
  h += "<button type=\"submit\" name=\"go\" value=\"pause\" class=\"secondary\">" +
       t(lang, "survey.ui.save_pause") + "</button>";
  h += "<button type=\"submit\" name=\"go\" value=\"next\" class=\"primary\">" + t(lang, next_key) +
       "</button>";
  h += "</div>";
  return h;
}

/// One question (item) as form controls named `name`.
std::string item_html(const SurveyContext& ctx, const Item& item, const std::string& name,
                      const Values& values, const Errors& errors) {
  const auto lang = ctx.lang;
  const auto& q = *ctx.questionnaire;
  const std::string id = field_id(name);
  const std::string label = esc(item.label.text(lang));
  std::string cls = "q";
  if (errors.has(name)) cls += " invalid";
  std::string attrs;
  if (item.when_quality_at_most)
    attrs = " data-when-quality-max=\"" + std::to_string(*item.when_quality_at_most) + "\"";
  const std::string described = errors.has(name) ? " aria-describedby=\"" + esc(id) + "-err\"" : "";
  std::string h;
  const std::string req =
      item.required ? " <span class=\"req\">" + t(lang, "survey.ui.required_mark") + "</span>" : "";
  const std::string cond = item.when_quality_at_most
                               ? " <span class=\"hint\">" +
                                     tf(lang, "survey.ui.only_when_quality",
                                        {std::to_string(*item.when_quality_at_most)}) +
                                     "</span>"
                               : "";
  switch (item.type) {
    case ItemType::Single:
    case ItemType::Multi: {
      const auto* list = q.find_list(item.options);
      const bool multi = item.type == ItemType::Multi;
      h += "<fieldset class=\"" + cls + (multi ? " multi" : " single") + "\" id=\"" + esc(id) +
           "\"" + attrs + described + "><legend>" + label + req + cond + "</legend>";
      if (multi) h += "<input type=\"hidden\" name=\"" + esc(name) + "\" value=\"\">";
      std::size_t k = 0;
      for (const auto& key : list->keys) {
        const std::string oid = id + "-" + std::to_string(k++);
        h += "<label for=\"" + esc(oid) + "\"><input type=\"" + (multi ? "checkbox" : "radio") +
             "\" id=\"" + esc(oid) + "\" name=\"" + esc(name) + "\" value=\"" + esc(key) + "\"";
        if (values.has(name, key)) h += " checked";
        h += "> " + esc(list->label(key, lang)) + "</label>";
      }
      if (!multi && !item.required) {
        const std::string oid = id + "-none";
        h += "<label for=\"" + esc(oid) + "\" class=\"none\"><input type=\"radio\" id=\"" +
             esc(oid) + "\" name=\"" + esc(name) + "\" value=\"\"";
        if (values.one(name).empty()) h += " checked";
        h += "> " + t(lang, "survey.ui.no_answer") + "</label>";
      }
      h += errors.html(name, id) + "</fieldset>";
      break;
    }
    case ItemType::Scale: {
      h += "<fieldset class=\"" + cls + " scale\" id=\"" + esc(id) + "\"" + attrs + described +
           (item.key == "quality" ? " data-quality" : "") + "><legend>" + label + req +
           "</legend><div class=\"scale-row\">";
      if (!item.min_label.key.empty() || !item.min_label.overrides.empty())
        h += "<span class=\"anchor\">" + esc(item.min_label.text(lang)) + "</span>";
      const std::string current = values.one(name);
      for (int v = item.min; v <= item.max; ++v) {
        const std::string sv = std::to_string(v);
        const std::string oid = id + "-" + sv;
        h += "<label for=\"" + esc(oid) + "\"><input type=\"radio\" id=\"" + esc(oid) +
             "\" name=\"" + esc(name) + "\" value=\"" + sv + "\"";
        if (current == sv) h += " checked";
        h += "> " + sv + "</label>";
      }
      if (!item.max_label.key.empty() || !item.max_label.overrides.empty())
        h += "<span class=\"anchor\">" + esc(item.max_label.text(lang)) + "</span>";
      h += "</div>" + errors.html(name, id) + "</fieldset>";
      break;
    }
    case ItemType::Number: {
      h += "<div class=\"" + cls + "\"" + attrs + "><label for=\"" + esc(id) + "\">" + label + req +
           "</label>";
      h += "<input type=\"number\" inputmode=\"numeric\" id=\"" + esc(id) + "\" name=\"" +
           esc(name) + "\" min=\"" + std::to_string(item.min) + "\" max=\"" +
           std::to_string(item.max) + "\" value=\"" + esc(values.one(name)) + "\"" + described +
           ">";
      h += errors.html(name, id) + "</div>";
      break;
    }
    case ItemType::Text: {
      h += "<div class=\"" + cls + "\"" + attrs + "><label for=\"" + esc(id) + "\">" + label + req +
           "</label>";
      if (item.max_length <= 200)
        h += "<input type=\"text\" id=\"" + esc(id) + "\" name=\"" + esc(name) + "\" maxlength=\"" +
             std::to_string(item.max_length) + "\" value=\"" + esc(values.one(name)) + "\"" +
             described + ">";
      else
        h += "<textarea id=\"" + esc(id) + "\" name=\"" + esc(name) + "\" rows=\"4\" maxlength=\"" +
             std::to_string(item.max_length) + "\"" + described + ">" + esc(values.one(name)) +
             "</textarea>";
      h += errors.html(name, id) + "</div>";
      break;
    }
  }
  return h;
}

std::string form_open(const SurveyContext& ctx, const std::string& action, const char* cls) {
  return "<form method=\"post\" action=\"" + esc(action) + "\" class=\"" + cls + "\" novalidate>" +
         csrf_field(ctx.csrf);
}

std::string sector_label(Lang lang, const std::string& sector) {
  return app::tr_or(lang, "sector." + sector,
                    sector.empty() ? app::tr(lang, "survey.ui.other") : sector);
}

std::string wrap(const SurveyContext& ctx, const std::string& title, const std::string& body) {
  PageOptions o;
  o.lang = ctx.lang;
  o.title = title;
  o.lang_return = ctx.current_path;
  return page(o, body);
}

}  // namespace

std::string section_url(const Section& section, bool rate) {
  return "/s/p/" + section.id + (rate ? "/rate" : "");
}

std::string render_consent_page(const SurveyContext& ctx) {
  const auto lang = ctx.lang;
  const auto& q = *ctx.questionnaire;
  std::string h = respondent_line(ctx);
  h += "<h1>" + esc(q.consent_title.text(lang)) + "</h1>";
  h += "<div class=\"consent-text\"><p>" + esc(q.consent_text.text(lang)) + "</p>";
  h += "<p>" + t(lang, "survey.ui.consent_details") + "</p></div>";
  h += form_open(ctx, "/s/consent", "consent");
  h += "<input type=\"hidden\" name=\"version\" value=\"" + esc(q.consent_version) + "\">";
  h += "<div class=\"buttons\"><button type=\"submit\" name=\"answer\" value=\"no\" "
       "class=\"secondary\">" +
       t(lang, "survey.ui.consent_no") +
       "</button><button type=\"submit\" name=\"answer\" value=\"yes\" class=\"primary\">" +
       t(lang, "survey.ui.consent_yes") + "</button></div></form>";
  h += "<p class=\"small\">" + tf(lang, "survey.ui.consent_version", {q.consent_version}) + "</p>";
  return wrap(ctx, q.consent_title.text(lang), h);
}

std::string render_items_page(const SurveyContext& ctx, const Section& section,
                              const FormState& state) {
  const auto lang = ctx.lang;
  const Values values(state.values);
  const Errors errors(lang, state.errors);
  std::string h =
      section_head(ctx, section,
                   section.question.key.empty() && section.question.overrides.empty()
                       ? std::string()
                       : "<p class=\"question\">" + esc(section.question.text(lang)) + "</p>",
                   state);
  h += form_open(ctx, section_url(section), "items");
  for (const auto& item : section.items)
    h += item_html(ctx, item, "i." + item.key, values, errors);
  h += nav_buttons(lang, &section != &ctx.questionnaire->sections.front()) + "</form>";
  return wrap(ctx, section.title.text(lang), h);
}

std::string render_roster_select_page(const SurveyContext& ctx, const Section& section,
                                      const std::vector<RosterChoice>& roster,
                                      const FormState& state) {
  const auto lang = ctx.lang;
  const Values values(state.values);
  const Errors errors(lang, state.errors);
  std::string h = section_head(
      ctx, section,
      "<p class=\"question\" id=\"question\">" + esc(section.question.text(lang)) + "</p>", state);
  h += form_open(ctx, section_url(section), "roster");
  h += "<input type=\"hidden\" name=\"step\" value=\"select\">";
  // The search field filters the list with JavaScript; without it the grouped list below and
  // the browser's own find work.
  h += "<div class=\"roster-search\" hidden><label for=\"roster-q\">" +
       t(lang, "survey.ui.search") +
       "</label><input type=\"search\" id=\"roster-q\" autocomplete=\"off\" "
       "aria-controls=\"roster-list\" placeholder=\"" +
       t(lang, "survey.ui.search_placeholder") +
       "\"><p class=\"small\" id=\"roster-count\" aria-live=\"polite\"></p></div>";
  // Group by sector, sector order of the catalogue list when known.
  std::map<std::string, std::vector<const RosterChoice*>> groups;
  std::vector<const RosterChoice*> own;
  for (const auto& r : roster)
    (r.own_addition ? own : groups[r.sector]).push_back(&r);
  std::size_t chosen = 0;
  for (const auto& r : roster)
    if (values.has("a", std::to_string(r.id))) ++chosen;
  h += "<p class=\"small\" id=\"chosen-count\">" +
       tf(lang, "survey.ui.chosen", {std::to_string(chosen)}) + "</p>";
  h += "<div id=\"roster-list\" class=\"roster-list\" aria-describedby=\"question\">";
  const bool small = roster.size() <= 60;
  auto entry = [&](const RosterChoice& r) {
    const std::string v = std::to_string(r.id);
    const std::string id = "a-" + v;
    std::string e = "<li><label for=\"" + id + "\"><input type=\"checkbox\" name=\"a\" id=\"" + id +
                    "\" value=\"" + v + "\"";
    if (values.has("a", v)) e += " checked";
    e += "> <span class=\"name\">" + esc(r.name) + "</span></label></li>";
    return e;
  };
  const auto* sectors = ctx.questionnaire->find_list("sectors");
  std::vector<std::string> order;
  if (sectors) order = sectors->keys;
  for (const auto& [sector, list] : groups)
    if (std::find(order.begin(), order.end(), sector) == order.end()) order.push_back(sector);
  for (const auto& sector : order) {
    const auto it = groups.find(sector);
    if (it == groups.end()) continue;
    std::size_t group_chosen = 0;
    for (const auto* r : it->second)
      if (values.has("a", std::to_string(r->id))) ++group_chosen;
    h += "<details class=\"group\"";
    if (small || group_chosen > 0) h += " open";
    h += "><summary>" + esc(sector_label(lang, sector)) + " <span class=\"count\">(" +
         std::to_string(it->second.size());
    if (group_chosen)
      h += ", " + tf(lang, "survey.ui.chosen_short", {std::to_string(group_chosen)});
    h += ")</span></summary><ul>";
    for (const auto* r : it->second)
      h += entry(*r);
    h += "</ul></details>";
  }
  if (!own.empty()) {
    h += "<details class=\"group\" open><summary>" + t(lang, "survey.ui.own_additions") +
         "</summary><ul>";
    for (const auto* r : own)
      h += entry(*r);
    h += "</ul></details>";
  }
  h += "</div>" + errors.html("a", "f-a");
  if (section.free_additions) {
    h += "<fieldset class=\"free\"><legend>" + t(lang, "survey.ui.free_additions") +
         "</legend><p class=\"small\">" + t(lang, "survey.ui.free_additions_help") + "</p>";
    for (std::size_t k = 0; k < std::min<std::size_t>(3, section.max_free_additions); ++k) {
      const std::string name = "n." + std::to_string(k) + ".name";
      const std::string id = field_id(name);
      h += "<label for=\"" + esc(id) + "\" class=\"visually-hidden\">" +
           tf(lang, "survey.ui.free_addition_n", {std::to_string(k + 1)}) +
           "</label><input type=\"text\" id=\"" + esc(id) + "\" name=\"" + esc(name) +
           "\" maxlength=\"200\" value=\"" + esc(values.one(name)) + "\">";
      h += errors.html(name, id);
    }
    h += "</fieldset>";
  }
  h += nav_buttons(lang, true, "survey.ui.save_next") + "</form>";
  return wrap(ctx, section.title.text(lang), h);
}

std::string render_roster_rate_page(const SurveyContext& ctx, const Section& section,
                                    const std::vector<RosterChoice>& named,
                                    const FormState& state) {
  const auto lang = ctx.lang;
  const Values values(state.values);
  const Errors errors(lang, state.errors);
  std::string h =
      section_head(ctx, section,
                   "<p class=\"question\">" +
                       tf(lang, "survey.ui.rate_intro", {std::to_string(named.size())}) + "</p>",
                   state);
  h += form_open(ctx, section_url(section, true), "rate");
  h += "<input type=\"hidden\" name=\"step\" value=\"rate\">";
  for (const auto& r : named) {
    const std::string v = std::to_string(r.id);
    h += "<input type=\"hidden\" name=\"a\" value=\"" + v + "\">";
    h += "<section class=\"tie\" aria-labelledby=\"tie-" + v + "\">";
    h += "<h2 id=\"tie-" + v + "\">" + esc(r.name) + " <span class=\"sector\">" +
         esc(sector_label(lang, r.sector)) + "</span></h2>";
    for (const auto& item : section.items)
      h += item_html(ctx, item, "t." + v + "." + item.key, values, errors);
    h += "</section>";
  }
  h += nav_buttons(lang, true) + "</form>";
  return wrap(ctx, section.title.text(lang), h);
}

std::string render_innovations_page(const SurveyContext& ctx, const Section& section,
                                    const std::vector<RosterChoice>& roster,
                                    const FormState& state) {
  const auto lang = ctx.lang;
  const auto& q = *ctx.questionnaire;
  const Values values(state.values);
  const Errors errors(lang, state.errors);
  std::string h = section_head(
      ctx, section, "<p class=\"question\">" + esc(section.question.text(lang)) + "</p>", state);
  h += form_open(ctx, section_url(section), "innovations");
  // Filled blocks plus one (two when none yet) empty block, up to the maximum.
  std::size_t filled = 0;
  for (std::size_t k = 0; k < section.max_innovations; ++k)
    if (!values.one("v." + std::to_string(k) + ".title").empty()) filled = k + 1;
  const std::size_t blocks = std::min(section.max_innovations, filled + (filled == 0 ? 2 : 1));
  auto select = [&](const std::string& name, const char* list_name, const char* label_key) {
    const auto* list = q.find_list(list_name);
    const std::string id = field_id(name);
    std::string s = "<div class=\"q\"><label for=\"" + esc(id) + "\">" + t(lang, label_key) +
                    "</label><select id=\"" + esc(id) + "\" name=\"" + esc(name) +
                    "\"><option value=\"\">–</option>";
    for (const auto& key : list->keys) {
      s += "<option value=\"" + esc(key) + "\"";
      if (values.one(name) == key) s += " selected";
      s += ">" + esc(list->label(key, lang)) + "</option>";
    }
    return s + "</select>" + errors.html(name, id) + "</div>";
  };
  for (std::size_t k = 0; k < blocks; ++k) {
    const std::string p = "v." + std::to_string(k) + ".";
    h += "<fieldset class=\"innovation\"><legend>" +
         tf(lang, "survey.ui.innovation_n", {std::to_string(k + 1)}) + "</legend>";
    const std::string tid = field_id(p + "title");
    h += "<div class=\"q\"><label for=\"" + esc(tid) + "\">" +
         t(lang, "survey.ui.innovation_title") + "</label><input type=\"text\" id=\"" + esc(tid) +
         "\" name=\"" + esc(p + "title") + "\" maxlength=\"200\" value=\"" +
         esc(values.one(p + "title")) + "\">" + errors.html(p + "title", tid) + "</div>";
    const std::string did = field_id(p + "description");
    h += "<div class=\"q\"><label for=\"" + esc(did) + "\">" +
         t(lang, "survey.ui.innovation_description") + "</label><textarea id=\"" + esc(did) +
         "\" name=\"" + esc(p + "description") + "\" rows=\"3\" maxlength=\"4000\">" +
         esc(values.one(p + "description")) + "</textarea></div>";
    h += select(p + "field", "fields", "survey.ui.innovation_field");
    h += select(p + "stage", "stages", "survey.ui.innovation_stage");
    const auto* conditions = q.find_list("conditions");
    const std::string cid = field_id(p + "conditions");
    h += "<fieldset class=\"q multi\" id=\"" + esc(cid) + "\"><legend>" +
         t(lang, "survey.ui.innovation_conditions") + "</legend>";
    std::size_t i = 0;
    for (const auto& key : conditions->keys) {
      const std::string oid = cid + "-" + std::to_string(i++);
      h += "<label for=\"" + esc(oid) + "\"><input type=\"checkbox\" id=\"" + esc(oid) +
           "\" name=\"" + esc(p + "conditions") + "\" value=\"" + esc(key) + "\"";
      if (values.has(p + "conditions", key)) h += " checked";
      h += "> " + esc(conditions->label(key, lang)) + "</label>";
    }
    h += errors.html(p + "conditions", cid) + "</fieldset>";
    const std::string pid = field_id(p + "partners");
    h += "<div class=\"q\"><label for=\"" + esc(pid) + "\">" +
         t(lang, "survey.ui.innovation_partners") + "</label><select multiple size=\"6\" id=\"" +
         esc(pid) + "\" name=\"" + esc(p + "partners") + "\">";
    std::map<std::string, std::vector<const RosterChoice*>> groups;
    for (const auto& r : roster)
      groups[r.sector].push_back(&r);
    for (const auto& [sector, list] : groups) {
      h += "<optgroup label=\"" + esc(sector_label(lang, sector)) + "\">";
      for (const auto* r : list) {
        const std::string v = std::to_string(r->id);
        h += "<option value=\"" + v + "\"";
        if (values.has(p + "partners", v)) h += " selected";
        h += ">" + esc(r->name) + "</option>";
      }
      h += "</optgroup>";
    }
    h += "</select><p class=\"small\">" + t(lang, "survey.ui.multi_select_help") + "</p>" +
         errors.html(p + "partners", pid) + "</div>";
    h += "</fieldset>";
  }
  h += nav_buttons(lang, true) + "</form>";
  return wrap(ctx, section.title.text(lang), h);
}

std::string render_summary_page(const SurveyContext& ctx,
                                const std::vector<SummarySection>& sections,
                                const std::string& notice) {
  const auto lang = ctx.lang;
  std::string h = respondent_line(ctx) + progress(ctx, nullptr);
  h += "<h1>" + t(lang, "survey.ui.summary") + "</h1>";
  if (!notice.empty()) h += "<div class=\"notice error\" role=\"alert\">" + esc(notice) + "</div>";
  std::size_t missing = 0;
  for (const auto& s : sections) {
    missing += s.missing;
    h += "<section class=\"summary\"><h2>" + esc(s.section->title.text(lang)) + "</h2>";
    if (s.lines.empty())
      h += "<p class=\"small\">" + t(lang, "survey.ui.nothing_yet") + "</p>";
    else {
      h += "<ul>";
      for (const auto& line : s.lines)
        h += "<li>" + esc(line) + "</li>";
      h += "</ul>";
    }
    if (s.missing)
      h += "<p class=\"field-error\">" +
           tf(lang, "survey.ui.missing_n", {std::to_string(s.missing)}) + "</p>";
    h += "<p><a href=\"" + esc(section_url(*s.section)) + "\">" + t(lang, "survey.ui.change") +
         "</a></p></section>";
  }
  h += "<form method=\"post\" action=\"/s/submit\" class=\"submit\">" + csrf_field(ctx.csrf);
  if (missing) h += "<p>" + tf(lang, "survey.ui.missing_total", {std::to_string(missing)}) + "</p>";
  h += "<p class=\"small\">" + t(lang, "survey.ui.change_until_close") + "</p>";
  h += "<div class=\"buttons\"><button type=\"submit\" class=\"primary\">" +
       t(lang, ctx.submitted ? "survey.ui.submit_again" : "survey.ui.submit") +
       "</button></div></form>";
  return wrap(ctx, app::tr(lang, "survey.ui.summary"), h);
}

std::string render_done_page(const SurveyContext& ctx) {
  const auto lang = ctx.lang;
  std::string h = respondent_line(ctx);
  h +=
      "<h1>" + t(lang, "survey.ui.thanks") + "</h1><p>" + t(lang, "survey.ui.thanks_text") + "</p>";
  h += "<p><a href=\"/s/summary\">" + t(lang, "survey.ui.review") + "</a></p>";
  h += "<form method=\"post\" action=\"/s/withdraw\" class=\"withdraw\">" + csrf_field(ctx.csrf) +
       "<p class=\"small\">" + t(lang, "survey.ui.withdraw_text") +
       "</p><button type=\"submit\" class=\"secondary\">" + t(lang, "survey.ui.withdraw") +
       "</button></form>";
  return wrap(ctx, app::tr(lang, "survey.ui.thanks"), h);
}

std::string render_message_page(Lang lang, const std::string& title_key,
                                const std::string& text_key, const std::string& current_path) {
  PageOptions o;
  o.lang = lang;
  o.title = app::tr(lang, title_key);
  o.lang_return = current_path;
  return page(o, "<h1>" + t(lang, title_key) + "</h1><p>" + t(lang, text_key) + "</p>");
}

}  // namespace kn::web
