#pragma once
// The survey questionnaire as data (docs/survey.md): sections, items and option lists, parsed
// from a versioned JSON definition stored per project. The default definition follows the
// questionnaire of the domain model (../shared/design/domain.md): consent, about you,
// collaboration (roster name generator with tie items), information exchange, desired
// collaboration, innovations, general items.
//
// Texts: every label is an i18n catalogue key (i18n/<lang>.properties); a definition may
// override a label per language ({"de": "...", "en": "..."}) for project-specific wording.
// Option labels are `<list label prefix><option key>` in the catalogues (e.g. barrier.bureaucracy)
// unless the list gives its own labels.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/i18n.hpp"

namespace kn::app::survey {

/// A text shown to respondents: a catalogue key, optionally overridden per language code.
struct Label {
  std::string key;
  std::map<std::string, std::string> overrides;  ///< "de" / "en" -> text
  [[nodiscard]] std::string text(Lang lang) const;
};

enum class ItemType : unsigned char {
  Single,  ///< one option of a list (radio buttons)
  Multi,   ///< several options of a list (check boxes); stored as a List value
  Scale,   ///< integer min..max (e.g. quality 1-5, Likert 1-5); stored as a Number
  Number,  ///< integer min..max typed in
  Text,    ///< free text up to max_length characters
};
std::string_view to_string(ItemType type);

struct Item {
  std::string key;  ///< answer key, e.g. "quality", "barriers", "role"
  ItemType type = ItemType::Text;
  Label label;
  Label help;           ///< optional hint below the question (empty key = none)
  std::string options;  ///< option list name for Single/Multi
  int min = 1;          ///< Scale/Number bounds
  int max = 5;
  Label min_label, max_label;     ///< anchors of a scale (e.g. "sehr schwierig" .. "sehr gut")
  bool required = false;          ///< must be answered before the survey can be submitted
  std::size_t max_length = 2000;  ///< Text: characters (code points)
  std::size_t max_choices = 0;    ///< Multi: 0 = no limit
  /// Tie items only: asked only when the tie's `quality` answer is at most this value (barriers
  /// when quality <= 3). Answers given while the condition does not hold are dropped.
  std::optional<int> when_quality_at_most;
};

enum class SectionKind : unsigned char {
  Items,        ///< respondent-level items
  Roster,       ///< name generator over the roster for one relation, with per-tie items
  Innovations,  ///< ideas/projects with stage, field, partners from the roster, conditions
};
std::string_view to_string(SectionKind kind);

struct Section {
  std::string id;  ///< stable id, also the URL segment: about, collaboration, ...
  SectionKind kind = SectionKind::Items;
  Label title;
  Label question;               ///< the main question (roster: the name-generator prompt)
  std::string relation;         ///< Roster: relation key the ties are stored under
  std::vector<Item> items;      ///< Items: respondent items; Roster: per-tie items; Innovations: -
  bool free_additions = false;  ///< Roster: unlisted actors may be added by name
  std::size_t max_ties = 300;   ///< Roster: most actors a respondent can name in this section
  std::size_t max_free_additions = 10;
  std::size_t max_innovations = 10;  ///< Innovations
};

struct OptionList {
  std::string name;
  std::vector<std::string> keys;
  std::string label_prefix;             ///< catalogue key prefix, e.g. "barrier."
  std::map<std::string, Label> labels;  ///< explicit labels (override label_prefix)
  [[nodiscard]] bool contains(std::string_view key) const;
  [[nodiscard]] std::string label(std::string_view key, Lang lang) const;
};

struct Questionnaire {
  std::string name;             ///< e.g. "KlimaNetze Standard 2026"
  std::string consent_version;  ///< version of the consent text; stored with each consent
  Label consent_title, consent_text;
  std::vector<Section> sections;
  std::map<std::string, OptionList> lists;

  [[nodiscard]] const Section* find_section(std::string_view id) const;
  [[nodiscard]] const OptionList* find_list(std::string_view name) const;
};

/// Parses a definition. Throws kn::ParseError naming `source`, the JSON path ("$.sections[2]
/// .items[0]") and the field, for malformed JSON, unknown kinds/types, missing lists, duplicate
/// ids or keys and out-of-range bounds.
Questionnaire parse_questionnaire(std::string_view json, const std::string& source);

/// Serialises a questionnaire to its JSON definition (parse_questionnaire(to_json(q)) == q).
std::string to_json(const Questionnaire& questionnaire);

/// The built-in default definition (JSON text) and its parsed form.
const std::string& default_questionnaire_json();
const Questionnaire& default_questionnaire();

}  // namespace kn::app::survey
