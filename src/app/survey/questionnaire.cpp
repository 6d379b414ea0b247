// Questionnaire definitions: JSON parsing with path-precise errors, serialisation, and the
// built-in default questionnaire of the domain model.

#include "app/survey/questionnaire.hpp"

#include <nlohmann/json.hpp>

#include <set>
#include <stdexcept>

#include "core/util/error.hpp"

namespace kn::app::survey {

namespace {

using nlohmann::json;

class Reader {
 public:
  explicit Reader(std::string source) : source_(std::move(source)) {}

  [[noreturn]] void fail(const std::string& path, const std::string& field,
                         const std::string& message) const {
    throw kn::ParseError(source_, path, field, message);
  }

  const json& member(const json& obj, const std::string& path, const char* key) const {
    if (!obj.is_object()) fail(path, key, "expected an object");
    auto it = obj.find(key);
    if (it == obj.end()) fail(path, key, std::string("missing field '") + key + "'");
    return *it;
  }

  std::string string(const json& obj, const std::string& path, const char* key,
                     std::optional<std::string> fallback = std::nullopt) const {
    auto it = obj.find(key);
    if (it == obj.end()) {
      if (fallback) return *fallback;
      fail(path, key, std::string("missing field '") + key + "'");
    }
    if (!it->is_string()) fail(path, key, "expected a string");
    return it->get<std::string>();
  }

  int integer(const json& obj, const std::string& path, const char* key, int fallback) const {
    auto it = obj.find(key);
    if (it == obj.end()) return fallback;
    if (!it->is_number_integer()) fail(path, key, "expected an integer");
    const auto v = it->get<long long>();
    if (v < -1000000 || v > 1000000) fail(path, key, "out of range");
    return static_cast<int>(v);
  }

  std::size_t count(const json& obj, const std::string& path, const char* key, std::size_t fallback,
                    std::size_t limit) const {
    auto it = obj.find(key);
    if (it == obj.end()) return fallback;
    if (!it->is_number_integer() || it->get<long long>() < 0)
      fail(path, key, "expected a non-negative integer");
    const auto v = it->get<unsigned long long>();
    if (v > limit) fail(path, key, "at most " + std::to_string(limit));
    return static_cast<std::size_t>(v);
  }

  bool boolean(const json& obj, const std::string& path, const char* key, bool fallback) const {
    auto it = obj.find(key);
    if (it == obj.end()) return fallback;
    if (!it->is_boolean()) fail(path, key, "expected true or false");
    return it->get<bool>();
  }

  /// A label: "catalogue.key" or {"key": "...", "de": "...", "en": "..."}.
  Label label(const json& obj, const std::string& path, const char* key, bool required) const {
    Label out;
    auto it = obj.find(key);
    if (it == obj.end()) {
      if (required) fail(path, key, std::string("missing field '") + key + "'");
      return out;
    }
    if (it->is_string()) {
      out.key = it->get<std::string>();
      return out;
    }
    if (!it->is_object()) fail(path, key, "expected a catalogue key or {\"de\": ..., \"en\": ...}");
    for (const auto& [k, v] : it->items()) {
      if (!v.is_string()) fail(path + "." + key, k, "expected a string");
      if (k == "key")
        out.key = v.get<std::string>();
      else if (k == "de" || k == "en")
        out.overrides[k] = v.get<std::string>();
      else
        fail(path + "." + key, k, "unknown language '" + k + "' (de, en)");
    }
    if (out.key.empty() && out.overrides.empty()) fail(path, key, "empty label");
    return out;
  }

 private:
  std::string source_;
};

std::optional<ItemType> parse_item_type(std::string_view s) {
  if (s == "single") return ItemType::Single;
  if (s == "multi") return ItemType::Multi;
  if (s == "scale") return ItemType::Scale;
  if (s == "number") return ItemType::Number;
  if (s == "text") return ItemType::Text;
  return std::nullopt;
}

std::optional<SectionKind> parse_section_kind(std::string_view s) {
  if (s == "items") return SectionKind::Items;
  if (s == "roster") return SectionKind::Roster;
  if (s == "innovations") return SectionKind::Innovations;
  return std::nullopt;
}

bool valid_key(std::string_view key) {
  if (key.empty() || key.size() > 64) return false;
  for (char c : key) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

Item parse_item(const Reader& r, const json& j, const std::string& path, const Questionnaire& q,
                bool tie_item) {
  if (!j.is_object()) r.fail(path, "", "expected an object");
  Item item;
  item.key = r.string(j, path, "key");
  if (!valid_key(item.key)) r.fail(path, "key", "keys use a-z, 0-9, _ and - (at most 64)");
  const auto type_text = r.string(j, path, "type");
  const auto type = parse_item_type(type_text);
  if (!type)
    r.fail(path, "type",
           "unknown item type '" + type_text + "' (single, multi, scale, number, text)");
  item.type = *type;
  item.label = r.label(j, path, "label", true);
  item.help = r.label(j, path, "help", false);
  item.required = r.boolean(j, path, "required", false);
  if (item.type == ItemType::Single || item.type == ItemType::Multi) {
    item.options = r.string(j, path, "options");
    if (!q.find_list(item.options))
      r.fail(path, "options", "no option list '" + item.options + "'");
    item.max_choices = r.count(j, path, "max_choices", 0, 1000);
  }
  if (item.type == ItemType::Scale || item.type == ItemType::Number) {
    item.min = r.integer(j, path, "min", 1);
    item.max = r.integer(j, path, "max", 5);
    if (item.min > item.max) r.fail(path, "max", "max is below min");
    if (item.type == ItemType::Scale && item.max - item.min > 20)
      r.fail(path, "max", "a scale has at most 21 points");
    item.min_label = r.label(j, path, "min_label", false);
    item.max_label = r.label(j, path, "max_label", false);
  }
  if (item.type == ItemType::Text) item.max_length = r.count(j, path, "max_length", 2000, 20000);
  if (j.contains("when_quality_at_most")) {
    if (!tie_item) r.fail(path, "when_quality_at_most", "only tie items can depend on quality");
    item.when_quality_at_most = r.integer(j, path, "when_quality_at_most", 3);
  }
  static const std::set<std::string, std::less<>> known = {"key",
                                                           "type",
                                                           "label",
                                                           "help",
                                                           "required",
                                                           "options",
                                                           "max_choices",
                                                           "min",
                                                           "max",
                                                           "min_label",
                                                           "max_label",
                                                           "max_length",
                                                           "when_quality_at_most"};
  for (const auto& [k, v] : j.items())
    if (!known.contains(k)) r.fail(path, k, "unknown field '" + k + "'");
  return item;
}

json label_json(const Label& l) {
  if (l.overrides.empty()) return l.key;
  json o = json::object();
  if (!l.key.empty()) o["key"] = l.key;
  for (const auto& [k, v] : l.overrides)
    o[k] = v;
  return o;
}

}  // namespace

std::string Label::text(Lang lang) const {
  const auto it = overrides.find(std::string(lang_code(lang)));
  if (it != overrides.end()) return it->second;
  if (key.empty()) {
    // Only an override in the other language: better than nothing.
    if (!overrides.empty()) return overrides.begin()->second;
    return {};
  }
  return tr(lang, key);
}

std::string_view to_string(ItemType type) {
  switch (type) {
    case ItemType::Single:
      return "single";
    case ItemType::Multi:
      return "multi";
    case ItemType::Scale:
      return "scale";
    case ItemType::Number:
      return "number";
    case ItemType::Text:
      return "text";
  }
  return "text";
}

std::string_view to_string(SectionKind kind) {
  switch (kind) {
    case SectionKind::Items:
      return "items";
    case SectionKind::Roster:
      return "roster";
    case SectionKind::Innovations:
      return "innovations";
  }
  return "items";
}

bool OptionList::contains(std::string_view key) const {
  for (const auto& k : keys)
    if (k == key) return true;
  return false;
}

std::string OptionList::label(std::string_view key, Lang lang) const {
  const auto it = labels.find(std::string(key));
  if (it != labels.end()) return it->second.text(lang);
  return tr_or(lang, label_prefix + std::string(key), std::string(key));
}

const Section* Questionnaire::find_section(std::string_view id) const {
  for (const auto& s : sections)
    if (s.id == id) return &s;
  return nullptr;
}

const OptionList* Questionnaire::find_list(std::string_view list_name) const {
  const auto it = lists.find(std::string(list_name));
  return it == lists.end() ? nullptr : &it->second;
}

Questionnaire parse_questionnaire(std::string_view text, const std::string& source) {
  Reader r(source);
  json doc;
  try {
    doc = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    r.fail("byte " + std::to_string(e.byte), "", "malformed JSON");
  }
  if (!doc.is_object()) r.fail("$", "", "expected an object");
  Questionnaire q;
  q.name = r.string(doc, "$", "name");
  q.consent_version = r.string(doc, "$", "consent_version");
  if (q.consent_version.empty() || q.consent_version.size() > 64)
    r.fail("$", "consent_version", "1 to 64 characters");
  q.consent_title = r.label(doc, "$", "consent_title", true);
  q.consent_text = r.label(doc, "$", "consent_text", true);

  const auto& lists = r.member(doc, "$", "lists");
  if (!lists.is_object()) r.fail("$", "lists", "expected an object of option lists");
  for (const auto& [name, lj] : lists.items()) {
    const std::string path = "$.lists." + name;
    if (!valid_key(name)) r.fail("$.lists", name, "list names use a-z, 0-9, _ and -");
    OptionList list;
    list.name = name;
    list.label_prefix = r.string(lj, path, "label_prefix", std::string());
    const auto& keys = r.member(lj, path, "keys");
    if (!keys.is_array() || keys.empty()) r.fail(path, "keys", "expected a non-empty array");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (!keys[i].is_string() || !valid_key(keys[i].get<std::string>()))
        r.fail(path + ".keys[" + std::to_string(i) + "]", "keys",
               "expected an option key (a-z, 0-9, _ -)");
      if (!seen.insert(keys[i].get<std::string>()).second)
        r.fail(path + ".keys[" + std::to_string(i) + "]", "keys", "duplicate option key");
      list.keys.push_back(keys[i].get<std::string>());
    }
    if (lj.contains("labels")) {
      const auto& labels = lj["labels"];
      if (!labels.is_object()) r.fail(path, "labels", "expected an object");
      for (const auto& [k, lab] : labels.items()) {
        if (!seen.contains(k)) r.fail(path + ".labels", k, "label for an unknown option");
        json wrap = {{"l", lab}};
        list.labels[k] = r.label(wrap, path + ".labels." + k, "l", true);
      }
    }
    q.lists.emplace(name, std::move(list));
  }

  const auto& sections = r.member(doc, "$", "sections");
  if (!sections.is_array() || sections.empty())
    r.fail("$", "sections", "expected a non-empty array");
  std::set<std::string> ids, relations;
  for (std::size_t i = 0; i < sections.size(); ++i) {
    const std::string path = "$.sections[" + std::to_string(i) + "]";
    const auto& sj = sections[i];
    if (!sj.is_object()) r.fail(path, "", "expected an object");
    Section s;
    s.id = r.string(sj, path, "id");
    if (!valid_key(s.id)) r.fail(path, "id", "ids use a-z, 0-9, _ and -");
    if (!ids.insert(s.id).second) r.fail(path, "id", "duplicate section id '" + s.id + "'");
    const auto kind_text = r.string(sj, path, "kind");
    const auto kind = parse_section_kind(kind_text);
    if (!kind)
      r.fail(path, "kind", "unknown section kind '" + kind_text + "' (items, roster, innovations)");
    s.kind = *kind;
    s.title = r.label(sj, path, "title", true);
    s.question = r.label(sj, path, "question", false);
    if (s.kind == SectionKind::Roster) {
      s.relation = r.string(sj, path, "relation");
      if (!valid_key(s.relation)) r.fail(path, "relation", "relation keys use a-z, 0-9, _ and -");
      if (!relations.insert(s.relation).second)
        r.fail(path, "relation", "relation '" + s.relation + "' is asked in two sections");
      s.free_additions = r.boolean(sj, path, "free_additions", false);
      s.max_ties = r.count(sj, path, "max_ties", 300, 5000);
      s.max_free_additions = r.count(sj, path, "max_free_additions", 10, 100);
    }
    if (s.kind == SectionKind::Innovations) {
      s.max_innovations = r.count(sj, path, "max_innovations", 10, 50);
      for (const char* needed : {"fields", "stages", "conditions"})
        if (!q.find_list(needed))
          r.fail(path, "kind",
                 std::string("an innovations section needs the option list '") + needed + "'");
    }
    if (sj.contains("items")) {
      if (s.kind == SectionKind::Innovations)
        r.fail(path, "items", "innovations sections have fixed items");
      const auto& items = sj["items"];
      if (!items.is_array()) r.fail(path, "items", "expected an array");
      std::set<std::string> keys;
      for (std::size_t k = 0; k < items.size(); ++k) {
        const std::string ipath = path + ".items[" + std::to_string(k) + "]";
        Item item = parse_item(r, items[k], ipath, q, s.kind == SectionKind::Roster);
        if (!keys.insert(item.key).second)
          r.fail(ipath, "key", "duplicate item key '" + item.key + "'");
        s.items.push_back(std::move(item));
      }
    }
    if (s.kind == SectionKind::Items && s.items.empty())
      r.fail(path, "items", "an items section needs items");
    q.sections.push_back(std::move(s));
  }
  // Items shared across Items sections must not collide (answers are stored by item key).
  std::set<std::string> respondent_items;
  for (std::size_t i = 0; i < q.sections.size(); ++i) {
    if (q.sections[i].kind != SectionKind::Items) continue;
    for (const auto& item : q.sections[i].items)
      if (!respondent_items.insert(item.key).second)
        r.fail("$.sections[" + std::to_string(i) + "]", "items",
               "item key '" + item.key + "' is used in two sections");
  }
  return q;
}

std::string to_json(const Questionnaire& q) {
  json doc;
  doc["name"] = q.name;
  doc["consent_version"] = q.consent_version;
  doc["consent_title"] = label_json(q.consent_title);
  doc["consent_text"] = label_json(q.consent_text);
  json lists = json::object();
  for (const auto& [name, list] : q.lists) {
    json l;
    l["keys"] = list.keys;
    if (!list.label_prefix.empty()) l["label_prefix"] = list.label_prefix;
    if (!list.labels.empty()) {
      json labels = json::object();
      for (const auto& [k, lab] : list.labels)
        labels[k] = label_json(lab);
      l["labels"] = labels;
    }
    lists[name] = l;
  }
  doc["lists"] = lists;
  json sections = json::array();
  for (const auto& s : q.sections) {
    json sj;
    sj["id"] = s.id;
    sj["kind"] = std::string(to_string(s.kind));
    sj["title"] = label_json(s.title);
    if (!s.question.key.empty() || !s.question.overrides.empty())
      sj["question"] = label_json(s.question);
    if (s.kind == SectionKind::Roster) {
      sj["relation"] = s.relation;
      sj["free_additions"] = s.free_additions;
      sj["max_ties"] = s.max_ties;
      sj["max_free_additions"] = s.max_free_additions;
    }
    if (s.kind == SectionKind::Innovations) sj["max_innovations"] = s.max_innovations;
    if (s.kind != SectionKind::Innovations) {
      json items = json::array();
      for (const auto& item : s.items) {
        json ij;
        ij["key"] = item.key;
        ij["type"] = std::string(to_string(item.type));
        ij["label"] = label_json(item.label);
        if (!item.help.key.empty() || !item.help.overrides.empty())
          ij["help"] = label_json(item.help);
        if (item.required) ij["required"] = true;
        if (item.type == ItemType::Single || item.type == ItemType::Multi) {
          ij["options"] = item.options;
          if (item.max_choices) ij["max_choices"] = item.max_choices;
        }
        if (item.type == ItemType::Scale || item.type == ItemType::Number) {
          ij["min"] = item.min;
          ij["max"] = item.max;
          if (!item.min_label.key.empty() || !item.min_label.overrides.empty())
            ij["min_label"] = label_json(item.min_label);
          if (!item.max_label.key.empty() || !item.max_label.overrides.empty())
            ij["max_label"] = label_json(item.max_label);
        }
        if (item.type == ItemType::Text) ij["max_length"] = item.max_length;
        if (item.when_quality_at_most) ij["when_quality_at_most"] = *item.when_quality_at_most;
        items.push_back(ij);
      }
      sj["items"] = items;
    }
    sections.push_back(sj);
  }
  doc["sections"] = sections;
  return doc.dump(2);
}

const std::string& default_questionnaire_json() {
  // The default questionnaire of the domain model. Option keys are the stable data keys of
  // app/demo/musterstadt.hpp; labels come from the catalogues.
  static const std::string text = R"json({
  "name": "KlimaNetze Standard 2026",
  "consent_version": "2026-11",
  "consent_title": "survey.consent.title",
  "consent_text": "survey.consent.text",
  "lists": {
    "sectors": {"label_prefix": "sector.", "keys": ["verwaltung", "politik", "kommunale_unternehmen", "wirtschaft", "zivilgesellschaft", "wissenschaft_bildung", "medien"]},
    "fields": {"label_prefix": "field.", "keys": ["energie", "gebaeude_waerme", "mobilitaet", "wirtschaft_gewerbe", "private_haushalte", "klimaanpassung", "bildung_oeffentlichkeit", "stadtentwicklung", "beschaffung", "abfall_wasser", "ernaehrung"]},
    "field_roles": {"label_prefix": "fieldrole.", "keys": ["planning", "implementing", "funding", "advising", "communicating"]},
    "frequency": {"label_prefix": "frequency.", "keys": ["weekly", "monthly", "quarterly", "yearly"]},
    "tie_kinds": {"label_prefix": "tiekind.", "keys": ["information", "joint_project", "funding", "formal_coordination"]},
    "barriers": {"label_prefix": "barrier.", "keys": ["lack_of_time", "lack_of_funding", "unclear_responsibilities", "bureaucracy", "different_goals", "communication_problems", "lack_of_trust", "lack_of_political_support", "power_imbalance", "no_contact_person", "competition"]},
    "enablers": {"label_prefix": "enabler.", "keys": ["shared_goals", "trust", "clear_responsibilities", "funding_programmes", "climate_management", "regular_meetings", "political_backing", "complementary_expertise"]},
    "stages": {"label_prefix": "stage.", "keys": ["idea", "planning", "pilot", "realised", "stopped"]},
    "conditions": {"label_prefix": "condition.", "keys": ["funding", "permits", "partners", "space", "political_support", "know_how", "public_acceptance", "time"]}
  },
  "sections": [
    {"id": "about", "kind": "items", "title": "survey.section.about.title", "question": "survey.section.about.question",
     "items": [
       {"key": "position", "type": "text", "label": "survey.item.position", "max_length": 200},
       {"key": "own_fields", "type": "multi", "options": "fields", "label": "survey.item.own_fields", "required": true},
       {"key": "own_role", "type": "single", "options": "field_roles", "label": "survey.item.own_role"}
     ]},
    {"id": "collaboration", "kind": "roster", "relation": "zusammenarbeit", "free_additions": true,
     "title": "survey.section.collaboration.title", "question": "survey.section.collaboration.question",
     "items": [
       {"key": "frequency", "type": "single", "options": "frequency", "label": "survey.item.frequency", "required": true},
       {"key": "kind", "type": "multi", "options": "tie_kinds", "label": "survey.item.kind"},
       {"key": "quality", "type": "scale", "min": 1, "max": 5, "label": "survey.item.quality", "required": true,
        "min_label": "survey.item.quality.min", "max_label": "survey.item.quality.max"},
       {"key": "barriers", "type": "multi", "options": "barriers", "label": "survey.item.barriers", "when_quality_at_most": 3},
       {"key": "enablers", "type": "multi", "options": "enablers", "label": "survey.item.enablers"},
       {"key": "fields", "type": "multi", "options": "fields", "label": "survey.item.tie_fields"}
     ]},
    {"id": "information", "kind": "roster", "relation": "information", "free_additions": true,
     "title": "survey.section.information.title", "question": "survey.section.information.question",
     "items": [
       {"key": "frequency", "type": "single", "options": "frequency", "label": "survey.item.frequency", "required": true}
     ]},
    {"id": "desired", "kind": "roster", "relation": "wunsch", "free_additions": true,
     "title": "survey.section.desired.title", "question": "survey.section.desired.question",
     "items": [
       {"key": "fields", "type": "multi", "options": "fields", "label": "survey.item.desired_fields"},
       {"key": "barriers", "type": "multi", "options": "barriers", "label": "survey.item.desired_barriers"}
     ]},
    {"id": "innovations", "kind": "innovations", "title": "survey.section.innovations.title",
     "question": "survey.section.innovations.question", "max_innovations": 10},
    {"id": "general", "kind": "items", "title": "survey.section.general.title", "question": "survey.section.general.question",
     "items": [
       {"key": "general_barriers", "type": "multi", "options": "barriers", "label": "survey.item.general_barriers"},
       {"key": "general_enablers", "type": "multi", "options": "enablers", "label": "survey.item.general_enablers"},
       {"key": "network_satisfaction", "type": "scale", "min": 1, "max": 5, "label": "survey.item.network_satisfaction",
        "min_label": "survey.item.likert.min", "max_label": "survey.item.likert.max"},
       {"key": "suggestions", "type": "text", "label": "survey.item.suggestions", "max_length": 4000}
     ]}
  ]
})json";
  return text;
}

const Questionnaire& default_questionnaire() {
  static const Questionnaire q =
      parse_questionnaire(default_questionnaire_json(), "default questionnaire");
  return q;
}

}  // namespace kn::app::survey
