// libFuzzer target: the survey payload decoder (app/survey/answers.hpp) on arbitrary form
// fields for every section of the default questionnaire.
//
// Input: the first byte picks the section; the rest is split into fields at '&' and into
// name/value at the first '=' (raw bytes, no percent-decoding: the decoder must cope with any
// bytes the HTTP layer passes on). Contract: decode_section never crashes or throws; every tie
// names a roster actor other than the respondent; every option answer is in its list; text
// answers are valid UTF-8 within their limits; encode -> decode reproduces the answers.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "app/survey/answers.hpp"
#include "app/survey/questionnaire.hpp"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kn::app::survey;
  if (size == 0) return 0;
  const auto& q = default_questionnaire();
  const Section& section = q.sections[data[0] % q.sections.size()];
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  FormFields fields;
  std::size_t start = 0;
  while (start <= text.size() && fields.size() < 30000) {
    auto end = text.find('&', start);
    if (end == std::string_view::npos) end = text.size();
    const auto part = text.substr(start, end - start);
    const auto eq = part.find('=');
    if (eq == std::string_view::npos)
      fields.emplace_back(std::string(part), "");
    else
      fields.emplace_back(std::string(part.substr(0, eq)), std::string(part.substr(eq + 1)));
    start = end + 1;
  }
  const std::set<std::int64_t> roster = {1, 2, 3, 17, 42, 1000};
  const std::int64_t self = 42;
  const auto a = decode_section(q, section, fields, roster, self);
  for (const auto& tie : a.ties)
    check(roster.contains(tie.target) && tie.target != self);
  for (const auto& inn : a.innovations) {
    check(!inn.title.empty());
    for (const auto p : inn.partners)
      check(roster.contains(p) && p != self);
  }
  std::string cleaned;
  for (const auto& [key, value] : a.items)
    if (const auto* s = std::get_if<std::string>(&value))
      check(clean_text(*s, 1U << 20, cleaned) && cleaned == *s);
  if (a.errors.empty()) {
    // The stored form of the answers decodes to the same answers.
    FormFields again;
    if (section.kind == SectionKind::Items) {
      Attributes items;
      for (const auto& [k, v] : a.items)
        if (!kn::is_missing(v)) items[k] = v;
      again = encode_items(section, items);
      const auto b = decode_section(q, section, again, roster, self);
      check(b.errors.empty() && b.items == a.items);
    } else if (section.kind == SectionKind::Roster) {
      again = encode_ties(section, a.ties);
      const auto b = decode_section(q, section, again, roster, self);
      check(b.errors.empty() && b.ties.size() == a.ties.size());
      for (std::size_t i = 0; i < a.ties.size(); ++i)
        check(b.ties[i].target == a.ties[i].target && b.ties[i].attrs == a.ties[i].attrs);
    } else {
      again = encode_innovations(a.innovations);
      const auto b = decode_section(q, section, again, roster, self);
      check(b.errors.empty() && b.innovations.size() == a.innovations.size());
    }
  }
  return 0;
}
