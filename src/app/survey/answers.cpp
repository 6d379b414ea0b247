// Survey payload decoder (see answers.hpp for the field-name contract).

#include "app/survey/answers.hpp"

#include "core/util/utf8.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace kn::app::survey {

namespace {

std::optional<std::int64_t> parse_id(std::string_view s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  std::int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v <= 0) return std::nullopt;
  return v;
}

std::optional<std::size_t> parse_index(std::string_view s, std::size_t limit) {
  if (s.empty() || s.size() > 4) return std::nullopt;
  std::size_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::size_t>(c - '0');
  }
  if (v >= limit) return std::nullopt;
  return v;
}

std::optional<int> parse_int(std::string_view s) {
  while (!s.empty() && s.front() == ' ')
    s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ')
    s.remove_suffix(1);
  int v = 0;
  if (s.empty() || s.size() > 9) return std::nullopt;
  const auto* end = s.data() + s.size();
  const auto res = std::from_chars(s.data(), end, v);
  if (res.ec != std::errc() || res.ptr != end) return std::nullopt;
  return v;
}

/// All values of one field name, in order.
using Grouped = std::unordered_map<std::string, std::vector<std::string>>;

struct Decoder {
  const Questionnaire& q;
  const Section& section;
  SectionAnswers out;

  void error(const std::string& field, const char* key, std::vector<std::string> args = {}) {
    out.errors.push_back({field, key, std::move(args)});
  }

  /// Decodes one item from its values; returns monostate when not answered.
  kn::Value item_value(const Item& item, const std::string& field,
                       const std::vector<std::string>* values) {
    if (!values || values->empty()) return {};
    switch (item.type) {
      case ItemType::Single: {
        const auto& v = values->back();
        if (v.empty()) return {};
        const OptionList* list = q.find_list(item.options);
        if (values->size() > 1) {
          error(field, "survey.error.one_choice");
          return {};
        }
        if (!list || !list->contains(v)) {
          error(field, "survey.error.unknown_option");
          return {};
        }
        return v;
      }
      case ItemType::Multi: {
        const OptionList* list = q.find_list(item.options);
        std::vector<std::string> chosen;
        for (const auto& v : *values) {
          if (v.empty()) continue;  // hidden "nothing chosen" marker
          if (!list || !list->contains(v)) {
            error(field, "survey.error.unknown_option");
            return {};
          }
          if (std::find(chosen.begin(), chosen.end(), v) == chosen.end()) chosen.push_back(v);
        }
        if (chosen.empty()) return {};
        if (item.max_choices && chosen.size() > item.max_choices) {
          error(field, "survey.error.too_many_choices", {std::to_string(item.max_choices)});
          return {};
        }
        // Keep the list's order, so answers compare and count stably.
        std::vector<std::string> ordered;
        for (const auto& k : list->keys)
          if (std::find(chosen.begin(), chosen.end(), k) != chosen.end()) ordered.push_back(k);
        return ordered;
      }
      case ItemType::Scale:
      case ItemType::Number: {
        if (values->size() > 1) {
          error(field, "survey.error.one_choice");
          return {};
        }
        const auto& v = values->back();
        if (v.empty()) return {};
        const auto n = parse_int(v);
        if (!n || *n < item.min || *n > item.max) {
          error(field, "survey.error.range", {std::to_string(item.min), std::to_string(item.max)});
          return {};
        }
        return static_cast<double>(*n);
      }
      case ItemType::Text: {
        if (values->size() > 1) {
          error(field, "survey.error.one_choice");
          return {};
        }
        std::string cleaned;
        if (!clean_text(values->back(), item.max_length, cleaned)) {
          error(field, "survey.error.text", {std::to_string(item.max_length)});
          return {};
        }
        if (cleaned.empty()) return {};
        return cleaned;
      }
    }
    return {};
  }

  Attributes tie_attrs(const std::string& prefix, const Grouped& g) {
    Attributes attrs;
    std::optional<double> quality;
    for (const auto& item : section.items) {
      const std::string field = prefix + item.key;
      const auto it = g.find(field);
      kn::Value v = item_value(item, field, it == g.end() ? nullptr : &it->second);
      if (item.key == "quality")
        if (const auto* d = std::get_if<double>(&v)) quality = *d;
      if (!is_missing(v)) attrs[item.key] = std::move(v);
    }
    // Conditional items: dropped when their condition does not hold.
    for (const auto& item : section.items) {
      if (!item.when_quality_at_most) continue;
      if (!quality || *quality > *item.when_quality_at_most) attrs.erase(item.key);
    }
    return attrs;
  }
};

std::string id_text(std::int64_t id) {
  return std::to_string(id);
}

}  // namespace

bool clean_text(const std::string& in, std::size_t max_code_points, std::string& out) {
  out.clear();
  out.reserve(in.size());
  std::size_t points = 0;
  const std::size_t n = in.size();
  for (std::size_t i = 0; i < n;) {
    std::uint32_t cp = 0;
    const std::size_t len = kn::utf8_decode(in, i, cp);
    if (len == 0) return false;
    const bool control = cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0);
    if (cp == '\r') {
      // CRLF and lone CR become LF.
      // (A CR-made LF counts as a character like any other, so the limit holds for the text
      // as stored; fuzz_survey_payload found the miscount.)
      if (!(i + 1 < n && in[i + 1] == '\n')) {
        out.push_back('\n');
        ++points;
      }
    } else if (!control || cp == '\n' || cp == '\t') {
      out.append(in, i, len);
      ++points;
    }
    i += len;
  }
  const auto first = out.find_first_not_of(" \t\n");
  if (first == std::string::npos) {
    out.clear();
    return true;
  }
  const auto last = out.find_last_not_of(" \t\n");
  // Trimmed white space is ASCII: one code point per byte.
  points -= first + (out.size() - 1 - last);
  out = out.substr(first, last - first + 1);
  return points <= max_code_points;
}

SectionAnswers decode_section(const Questionnaire& questionnaire, const Section& section,
                              const FormFields& fields, const std::set<std::int64_t>& roster,
                              std::int64_t self, const DecodeLimits& limits) {
  Decoder d{questionnaire, section, {}};
  if (fields.size() > limits.max_fields) {
    d.error("", "survey.error.too_many_fields");
    return std::move(d.out);
  }
  Grouped g;
  for (const auto& [k, v] : fields)
    g[k].push_back(v);

  switch (section.kind) {
    case SectionKind::Items: {
      for (const auto& item : section.items) {
        const std::string field = "i." + item.key;
        const auto it = g.find(field);
        const std::size_t errors_before = d.out.errors.size();
        kn::Value v = d.item_value(item, field, it == g.end() ? nullptr : &it->second);
        if (item.required && is_missing(v) && d.out.errors.size() == errors_before)
          d.out.missing.push_back({field, "survey.error.required", {}});
        d.out.items.emplace_back(item.key, std::move(v));
      }
      break;
    }
    case SectionKind::Roster: {
      std::set<std::int64_t> named;
      if (const auto it = g.find("a"); it != g.end()) {
        for (const auto& v : it->second) {
          const auto id = parse_id(v);
          if (!id || !roster.contains(*id) || *id == self) {
            d.error("a", "survey.error.unknown_actor");
            continue;
          }
          named.insert(*id);
        }
      }
      if (named.size() > section.max_ties)
        d.error("a", "survey.error.too_many_actors", {std::to_string(section.max_ties)});
      for (const auto id : named) {
        DecodedTie tie;
        tie.target = id;
        tie.attrs = d.tie_attrs("t." + id_text(id) + ".", g);
        for (auto& e : missing_tie_items(section, id, tie.attrs))
          d.out.missing.push_back(std::move(e));
        d.out.ties.push_back(std::move(tie));
      }
      // Free additions n.<k>.name, k < max_free_additions; other indices are invalid.
      std::set<std::size_t> free_indices;
      for (const auto& [k, v] : g) {
        if (k.rfind("n.", 0) != 0) continue;
        const auto dot = k.find('.', 2);
        const auto idx =
            parse_index(k.substr(2, dot == std::string::npos ? std::string::npos : dot - 2),
                        section.max_free_additions);
        if (!section.free_additions || !idx) {
          d.error(k, "survey.error.free_addition");
          continue;
        }
        free_indices.insert(*idx);
      }
      std::set<std::string> seen_names;
      for (const auto idx : free_indices) {
        const std::string prefix = "n." + std::to_string(idx) + ".";
        const auto it = g.find(prefix + "name");
        if (it == g.end() || it->second.empty()) continue;
        std::string name;
        if (it->second.size() > 1 || !clean_text(it->second.back(), limits.max_name_length, name)) {
          d.error(prefix + "name", "survey.error.text", {std::to_string(limits.max_name_length)});
          continue;
        }
        // Names are one line.
        std::replace(name.begin(), name.end(), '\n', ' ');
        std::replace(name.begin(), name.end(), '\t', ' ');
        if (name.empty()) continue;
        if (!seen_names.insert(name).second) {
          d.error(prefix + "name", "survey.error.duplicate_name");
          continue;
        }
        DecodedFreeAddition fa;
        fa.name = name;
        fa.attrs = d.tie_attrs(prefix, g);
        for (auto& e : missing_tie_items(section, 0, fa.attrs)) {
          e.field = prefix + e.field.substr(e.field.find('.', 2) + 1);
          d.out.missing.push_back(std::move(e));
        }
        d.out.free_additions.push_back(std::move(fa));
      }
      if (named.size() + d.out.free_additions.size() >
          section.max_ties + section.max_free_additions)
        d.error("a", "survey.error.too_many_actors", {std::to_string(section.max_ties)});
      break;
    }
    case SectionKind::Innovations: {
      const OptionList* fields_list = questionnaire.find_list("fields");
      const OptionList* stages = questionnaire.find_list("stages");
      const OptionList* conditions = questionnaire.find_list("conditions");
      for (const auto& [k, v] : g) {
        if (k.rfind("v.", 0) != 0) continue;
        const auto dot = k.find('.', 2);
        if (dot == std::string::npos || !parse_index(k.substr(2, dot - 2), section.max_innovations))
          d.error(k, "survey.error.innovation");
      }
      for (std::size_t idx = 0; idx < section.max_innovations; ++idx) {
        const std::string p = "v." + std::to_string(idx) + ".";
        auto one = [&](const std::string& name) -> const std::string* {
          const auto it = g.find(p + name);
          if (it == g.end() || it->second.empty()) return nullptr;
          if (it->second.size() > 1) {
            d.error(p + name, "survey.error.one_choice");
            return nullptr;
          }
          return &it->second.back();
        };
        DecodedInnovation inn;
        if (const auto* t = one("title")) {
          if (!clean_text(*t, 200, inn.title)) d.error(p + "title", "survey.error.text", {"200"});
        }
        std::replace(inn.title.begin(), inn.title.end(), '\n', ' ');
        if (const auto* t = one("description"))
          if (!clean_text(*t, 4000, inn.description))
            d.error(p + "description", "survey.error.text", {"4000"});
        if (const auto* t = one("field"); t && !t->empty()) {
          if (fields_list->contains(*t))
            inn.field = *t;
          else
            d.error(p + "field", "survey.error.unknown_option");
        }
        if (const auto* t = one("stage"); t && !t->empty()) {
          if (stages->contains(*t))
            inn.stage = *t;
          else
            d.error(p + "stage", "survey.error.unknown_option");
        }
        if (const auto it = g.find(p + "conditions"); it != g.end()) {
          for (const auto& c : conditions->keys)
            if (std::find(it->second.begin(), it->second.end(), c) != it->second.end())
              inn.conditions.push_back(c);
          for (const auto& v : it->second)
            if (!v.empty() && !conditions->contains(v))
              d.error(p + "conditions", "survey.error.unknown_option");
        }
        if (const auto it = g.find(p + "partners"); it != g.end()) {
          std::set<std::int64_t> partners;
          for (const auto& v : it->second) {
            if (v.empty()) continue;
            const auto id = parse_id(v);
            if (!id || !roster.contains(*id)) {
              d.error(p + "partners", "survey.error.unknown_actor");
              continue;
            }
            if (*id != self) partners.insert(*id);
          }
          inn.partners.assign(partners.begin(), partners.end());
        }
        if (inn.title.empty()) {
          if (!inn.description.empty() || !inn.field.empty() || !inn.stage.empty() ||
              !inn.conditions.empty() || !inn.partners.empty())
            d.out.missing.push_back({p + "title", "survey.error.required", {}});
          continue;
        }
        if (inn.stage.empty()) d.out.missing.push_back({p + "stage", "survey.error.required", {}});
        d.out.innovations.push_back(std::move(inn));
      }
      break;
    }
  }
  return std::move(d.out);
}

namespace {

void encode_value(FormFields& out, const std::string& field, const kn::Value& v) {
  if (const auto* str = std::get_if<std::string>(&v)) {
    out.emplace_back(field, *str);
  } else if (const auto* d = std::get_if<double>(&v)) {
    out.emplace_back(field, std::to_string(static_cast<long long>(*d)));
  } else if (const auto* list = std::get_if<std::vector<std::string>>(&v)) {
    for (const auto& x : *list)
      out.emplace_back(field, x);
  }
}

}  // namespace

FormFields encode_items(const Section& section, const Attributes& items) {
  FormFields out;
  for (const auto& item : section.items)
    if (const auto it = items.find(item.key); it != items.end())
      encode_value(out, "i." + item.key, it->second);
  return out;
}

FormFields encode_ties(const Section& section, const std::vector<DecodedTie>& ties) {
  FormFields out;
  for (const auto& tie : ties)
    out.emplace_back("a", std::to_string(tie.target));
  for (const auto& tie : ties) {
    const std::string prefix = "t." + std::to_string(tie.target) + ".";
    for (const auto& item : section.items)
      if (const auto it = tie.attrs.find(item.key); it != tie.attrs.end())
        encode_value(out, prefix + item.key, it->second);
  }
  return out;
}

FormFields encode_innovations(const std::vector<DecodedInnovation>& innovations) {
  FormFields out;
  for (std::size_t k = 0; k < innovations.size(); ++k) {
    const auto& inn = innovations[k];
    const std::string p = "v." + std::to_string(k) + ".";
    out.emplace_back(p + "title", inn.title);
    if (!inn.description.empty()) out.emplace_back(p + "description", inn.description);
    if (!inn.field.empty()) out.emplace_back(p + "field", inn.field);
    if (!inn.stage.empty()) out.emplace_back(p + "stage", inn.stage);
    for (const auto& c : inn.conditions)
      out.emplace_back(p + "conditions", c);
    for (const auto id : inn.partners)
      out.emplace_back(p + "partners", std::to_string(id));
  }
  return out;
}

std::vector<FieldError> missing_tie_items(const Section& section, std::int64_t target,
                                          const Attributes& attrs) {
  std::vector<FieldError> out;
  std::optional<double> quality;
  if (const auto it = attrs.find("quality"); it != attrs.end())
    if (const auto* q = std::get_if<double>(&it->second)) quality = *q;
  for (const auto& item : section.items) {
    if (!item.required) continue;
    if (item.when_quality_at_most && (!quality || *quality > *item.when_quality_at_most)) continue;
    const auto it = attrs.find(item.key);
    if (it == attrs.end() || is_missing(it->second))
      out.push_back({"t." + std::to_string(target) + "." + item.key, "survey.error.required", {}});
  }
  return out;
}

}  // namespace kn::app::survey
