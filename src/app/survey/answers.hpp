#pragma once
// The survey payload decoder: turns the fields a respondent submitted for one questionnaire
// section (HTML form pairs, or the same pairs built from the JSON API) into validated answers.
// Everything is checked against the questionnaire (allowed options, ranges, lengths, counts) and
// the roster (only actors of the respondent's project); nothing unvalidated reaches storage.
//
// Field names (docs/survey.md):
//   items section        i.<item>            (Multi: one pair per chosen option)
//   roster section       a = <actor id>      one pair per named actor
//                        t.<actor id>.<item> per-tie answers (ignored for actors not named)
//                        n.<k>.name          free addition k (0-based) by name,
//                        n.<k>.<item>        and its per-tie answers
//   innovations section  v.<k>.title | description | field | stage | conditions | partners
//                        (partners: actor ids; k = 0 .. max_innovations-1; empty title = none)
// Text is NFC-agnostic UTF-8: invalid UTF-8 is rejected, control characters other than newline
// and tab are removed, surrounding white space trimmed.

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "app/survey/questionnaire.hpp"
#include "core/graph/network.hpp"

namespace kn::app::survey {

using FormFields = std::vector<std::pair<std::string, std::string>>;
using Attributes = std::map<std::string, kn::Value>;

/// A problem with one field, shown next to it. message_key is an i18n key (survey.error.*),
/// args its placeholders.
struct FieldError {
  std::string field;  ///< form field name, e.g. "t.17.quality"
  std::string message_key;
  std::vector<std::string> args;
  bool operator==(const FieldError&) const = default;
};

struct DecodedTie {
  std::int64_t target = 0;  ///< roster actor id
  Attributes attrs;
};

struct DecodedFreeAddition {
  std::string name;
  Attributes attrs;
};

struct DecodedInnovation {
  std::string title, description, field, stage;
  std::vector<std::string> conditions;
  std::vector<std::int64_t> partners;
};

struct SectionAnswers {
  std::vector<std::pair<std::string, kn::Value>>
      items;                     ///< items section: every item (missing = monostate)
  std::vector<DecodedTie> ties;  ///< roster section
  std::vector<DecodedFreeAddition> free_additions;  ///< roster section
  std::vector<DecodedInnovation> innovations;       ///< innovations section
  /// Invalid input (out of range, unknown option, too long, unknown actor): nothing of the
  /// section may be stored while this is non-empty.
  std::vector<FieldError> errors;
  /// Required answers still missing: the page may be saved, the survey not submitted.
  std::vector<FieldError> missing;
};

struct DecodeLimits {
  std::size_t max_fields = 20000;     ///< pairs in one submission
  std::size_t max_name_length = 200;  ///< free-addition names (code points)
};

/// Decodes one section. `roster` holds the actor ids the respondent may name (their project's
/// unmerged actors); `self` is the respondent's own actor id (may not be named).
SectionAnswers decode_section(const Questionnaire& questionnaire, const Section& section,
                              const FormFields& fields, const std::set<std::int64_t>& roster,
                              std::int64_t self, const DecodeLimits& limits = {});

/// The inverse of decode_section: form fields that decode to the given answers (used to fill
/// the forms with stored answers). Items: i.<key>; ties: a + t.<id>.<item>; innovations: v.<k>.*.
FormFields encode_items(const Section& section, const Attributes& items);
FormFields encode_ties(const Section& section, const std::vector<DecodedTie>& ties);
FormFields encode_innovations(const std::vector<DecodedInnovation>& innovations);

/// Required answers missing in stored tie attributes / items (for the summary and submit).
std::vector<FieldError> missing_tie_items(const Section& section, std::int64_t target,
                                          const Attributes& attrs);

/// Cleans free text: valid UTF-8 required (returns false otherwise), control characters other
/// than \n and \t removed, CRLF -> LF, trimmed, at most max_code_points (returns false if longer).
bool clean_text(const std::string& in, std::size_t max_code_points, std::string& out);

}  // namespace kn::app::survey
