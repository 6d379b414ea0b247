// libFuzzer target: roster import from CSV text (kn::app::parse_roster / read_roster).
// Contract: a RosterResult or a kn::app::RosterError (a ParseError); on success
//   - keys are non-empty and unique (case-insensitively), names non-empty and unique;
//   - sectors are sector keys or empty, fields are field-of-action keys without duplicates;
//   - roster_network() builds the actors, and (when there are any) writing them with
//   write_actors_csv and parsing
//     that again gives the same keys, names, kinds, sectors, sub-types and fields.
#include <algorithm>
#include <functional>
#include <optional>
#include <set>
#include <string>

#include "app/demo/musterstadt.hpp"
#include "app/roster.hpp"
#include "core/io/csv.hpp"
#include "fuzz_common.hpp"

namespace {

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

std::optional<kn::app::RosterResult> try_parse(const std::function<kn::app::RosterResult()>& f) {
  try {
    return f();
  } catch (const kn::app::RosterError& e) {
    kn::fuzz::check(!e.message_key().empty() && e.message_key().rfind("roster.error.", 0) == 0,
                    "roster errors carry a roster.error.* key", e.what());
    return std::nullopt;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "\n*** unexpected exception %s: %s\n", typeid(e).name(), e.what());
    __builtin_trap();
  }
}

void check_result(const kn::app::RosterResult& r, std::size_t max_entries) {
  kn::fuzz::check(r.entries.size() <= max_entries, "roster within max_entries");
  std::set<std::string> keys;
  for (const auto& e : r.entries) {
    kn::fuzz::check(!e.key.empty() && !e.name.empty(), "roster keys and names are non-empty");
    kn::fuzz::check(keys.insert(lower(e.key)).second, "roster keys are unique", e.key);
    kn::fuzz::check(
        e.sector.empty() || std::find(kn::app::kSectorKeys.begin(), kn::app::kSectorKeys.end(),
                                      e.sector) != kn::app::kSectorKeys.end(),
        "roster sectors are sector keys", e.sector);
    std::set<std::string> seen;
    for (const auto& f : e.fields) {
      kn::fuzz::check(std::find(kn::app::kFieldKeys.begin(), kn::app::kFieldKeys.end(), f) !=
                          kn::app::kFieldKeys.end(),
                      "roster fields are field keys", f);
      kn::fuzz::check(seen.insert(f).second, "roster fields have no duplicates", f);
    }
    kn::fuzz::check(e.contact_email.empty() || e.contact_email.find('@') != std::string::npos,
                    "roster e-mail addresses have an @", e.contact_email);
  }
  for (const auto& p : r.problems) {
    kn::fuzz::check(p.message_key.rfind("roster.warn.", 0) == 0 && !p.message.empty(),
                    "roster warnings carry a roster.warn.* key and a message", p.message_key);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = kn::fuzz::as_text(data, size);
  kn::app::RosterOptions options;
  options.max_entries = 2000;
  options.lang = size % 2 == 0 ? kn::app::Lang::De : kn::app::Lang::En;
  const auto result = try_parse([&] { return kn::app::parse_roster(text, "fuzz.csv", options); });
  // read_roster takes the same path for input that does not start like a zip archive.
  const auto again = try_parse([&] { return kn::app::read_roster(text, "fuzz.csv", options); });
  kn::fuzz::check(kn::io::looks_like_zip(text) || result.has_value() == again.has_value(),
                  "read_roster agrees with parse_roster");
  if (!result) return 0;
  check_result(*result, options.max_entries);
  if (result->entries.empty()) return 0;  // a header alone: nothing to write back

  const kn::Network net = kn::app::roster_network(result->entries);
  kn::fuzz::check(net.actor_count() == result->entries.size(), "roster_network keeps every entry");
  const std::string csv = kn::io::write_actors_csv(net);
  kn::app::RosterResult back;
  try {
    back = kn::app::parse_roster(std::string_view(csv), "roundtrip.csv", options);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "\n*** %s\n", e.what());
    kn::fuzz::violated("the roster written as actors CSV reads back", csv);
  }
  kn::fuzz::check(back.entries.size() == result->entries.size(), "roster round trip keeps entries",
                  csv);
  for (std::size_t i = 0; i < back.entries.size(); ++i) {
    const auto& a = result->entries[i];
    const auto& b = back.entries[i];
    kn::fuzz::check(a.key == b.key && a.name == b.name && a.kind == b.kind &&
                        a.sector == b.sector && a.sub_type == b.sub_type && a.fields == b.fields,
                    "roster round trip keeps key, name, kind, sector, sub-type and fields", csv);
  }
  return 0;
}
