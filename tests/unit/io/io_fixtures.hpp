#pragma once
// Shared fixtures for the file-format tests: a rich network holding every feature of the model,
// a canonical text form of a network restricted to what a format can hold (so a round trip can
// be compared exactly), temp files and ParseError assertions.

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/graph/network.hpp"
#include "core/io/format.hpp"
#include "core/util/error.hpp"

namespace kn::iotest {

/// What a format can hold (as verified by the round-trip tests and documented in
/// docs/formats.md).
struct Caps {
  bool directed = true;               ///< the directed flag survives
  bool title = true;                  ///< network title
  bool string_attrs = true;           ///< String actor attributes
  bool list_attrs = true;             ///< List actor attributes
  bool number_attrs = true;           ///< Number actor attributes (all, incl. missing values)
  bool complete_number_attrs = true;  ///< Number actor attributes without missing values
  bool tie_attrs = true;              ///< every tie attribute (else only `weight`)
  bool weight = true;                 ///< Number tie attribute `weight`
  bool relations = true;              ///< relation names of the ties
  bool unused_relations = true;       ///< relations no tie uses
  bool waves = true;                  ///< wave names of the ties
  bool unused_waves = true;           ///< waves no tie uses
  bool tie_order = true;              ///< ties come back in the same order
  bool affiliations = true;           ///< two-mode data

  [[nodiscard]] Caps operator&(const Caps& o) const {
    Caps c;
    c.directed = directed && o.directed;
    c.title = title && o.title;
    c.string_attrs = string_attrs && o.string_attrs;
    c.list_attrs = list_attrs && o.list_attrs;
    c.number_attrs = number_attrs && o.number_attrs;
    c.complete_number_attrs = complete_number_attrs && o.complete_number_attrs;
    c.tie_attrs = tie_attrs && o.tie_attrs;
    c.weight = weight && o.weight;
    c.relations = relations && o.relations;
    c.unused_relations = unused_relations && o.unused_relations;
    c.waves = waves && o.waves;
    c.unused_waves = unused_waves && o.unused_waves;
    c.tie_order = tie_order && o.tie_order;
    c.affiliations = affiliations && o.affiliations;
    return c;
  }
};

inline std::string show(const Value& v) {
  switch (v.index()) {
    case 0:
      return "<missing>";
    case 1:
      return "s\"" + std::get<std::string>(v) + "\"";
    case 2:
      return "n" + value_to_string(v);
    default: {
      std::string out = "[";
      for (const auto& item : std::get<std::vector<std::string>>(v))
        out += "\"" + item + "\",";
      return out + "]";
    }
  }
}

inline bool all_missing(const AttrColumn& col) {
  return std::all_of(col.values.begin(), col.values.end(),
                     [](const Value& v) { return is_missing(v); });
}

inline bool actor_column_kept(const AttrColumn& col, const Caps& caps) {
  if (all_missing(col)) return false;
  switch (col.type) {
    case AttrType::String:
      return caps.string_attrs;
    case AttrType::List:
      return caps.list_attrs;
    case AttrType::Number:
      if (caps.number_attrs) return true;
      return caps.complete_number_attrs &&
             std::none_of(col.values.begin(), col.values.end(),
                          [](const Value& v) { return is_missing(v); });
  }
  return false;
}

/// Canonical text of `net` restricted to `caps`: one line per fact, so EXPECT_EQ shows exactly
/// what differs. Attribute columns are compared by name (their order is not part of a format).
inline std::string canon(const Network& net, const Caps& caps) {
  std::ostringstream out;
  if (caps.directed) out << "directed " << net.directed << "\n";
  if (caps.title) out << "title \"" << net.title << "\"\n";
  out << "actors";
  for (const auto& id : net.actor_ids())
    out << " \"" << id << "\"";
  out << "\n";
  std::map<std::string, const AttrColumn*> acols;
  for (const auto& col : net.actor_attrs().columns()) {
    if (actor_column_kept(col, caps)) acols[col.name] = &col;
  }
  for (const auto& [name, col] : acols) {
    out << "actor attr \"" << name << "\" " << attr_type_name(col->type) << ":";
    for (ActorIndex a = 0; a < net.actor_count(); ++a) {
      out << " " << show(a < col->values.size() ? col->values[a] : Value{});
    }
    out << "\n";
  }
  std::vector<bool> rel_used(net.relations().size()), wave_used(net.waves().size());
  for (TieIndex t = 0; t < net.tie_count(); ++t) {
    rel_used[net.tie_relation(t)] = true;
    wave_used[net.tie_wave(t)] = true;
  }
  if (caps.relations) {
    out << "relations";
    for (std::size_t r = 0; r < net.relations().size(); ++r) {
      if (caps.unused_relations || rel_used[r]) out << " \"" << net.relations()[r].name << "\"";
    }
    out << "\n";
  }
  if (caps.waves) {
    out << "waves";
    for (std::size_t w = 0; w < net.waves().size(); ++w) {
      if (caps.unused_waves || wave_used[w]) out << " \"" << net.waves()[w].name << "\"";
    }
    out << "\n";
  }
  std::map<std::string, const AttrColumn*> tcols;
  for (const auto& col : net.tie_attrs().columns()) {
    if (all_missing(col)) continue;
    if (caps.tie_attrs || (caps.weight && col.name == "weight" && col.type == AttrType::Number)) {
      tcols[col.name] = &col;
    }
  }
  std::vector<std::string> ties;
  for (TieIndex t = 0; t < net.tie_count(); ++t) {
    std::string line = "tie \"" + net.actor_id(net.tie_source(t)) + "\" -> \"" +
                       net.actor_id(net.tie_target(t)) + "\"";
    if (caps.relations) line += " rel \"" + net.relations()[net.tie_relation(t)].name + "\"";
    if (caps.waves) line += " wave \"" + net.waves()[net.tie_wave(t)].name + "\"";
    for (const auto& [name, col] : tcols) {
      line += " " + name + "=" + show(t < col->values.size() ? col->values[t] : Value{});
    }
    ties.push_back(std::move(line));
  }
  if (!caps.tie_order) std::sort(ties.begin(), ties.end());
  for (const auto& t : ties)
    out << t << "\n";
  if (caps.affiliations) {
    for (const auto& aff : net.affiliations()) {
      out << "affiliation \"" << aff.name << "\" items";
      for (const auto& item : aff.items)
        out << " \"" << item << "\"";
      out << "\n";
      for (std::size_t k = 0; k < aff.actor.size(); ++k) {
        out << "  member \"" << net.actor_id(aff.actor[k]) << "\" in \"" << aff.items[aff.item[k]]
            << "\"";
        for (const auto& col : aff.attrs.columns()) {
          out << " " << col.name << "=" << show(k < col.values.size() ? col.values[k] : Value{});
        }
        out << "\n";
      }
    }
  }
  return out.str();
}

// --- per-format capabilities (what docs/formats.md's round-trip table says) ------------------

inline Caps json_caps() {
  return {};
}

inline Caps graphml_caps() {
  Caps c;
  c.unused_relations = false;
  c.unused_waves = false;
  c.affiliations = false;
  return c;
}

inline Caps gexf_caps() {
  return graphml_caps();
}

inline Caps csv_caps() {
  Caps c = graphml_caps();
  c.title = false;
  return c;
}

inline Caps pajek_caps(bool paj) {
  Caps c;
  c.string_attrs = false;
  c.list_attrs = false;
  c.number_attrs = false;
  c.complete_number_attrs = paj;
  c.tie_attrs = false;
  c.waves = false;
  c.unused_waves = false;
  c.tie_order = false;
  c.affiliations = false;
  return c;
}

inline Caps dl_caps() {
  Caps c = pajek_caps(false);
  c.complete_number_attrs = false;
  c.directed = false;
  c.title = false;
  c.unused_relations = true;  // matrix labels list every relation
  return c;
}

// --- the rich network ------------------------------------------------------------------------

/// A network holding every feature of the model: several relations (one unused), waves (one
/// unused), tie attributes weight (Number) / quality (String) / barriers (List) / note with an
/// empty string, actor attributes of every type with missing and empty values, a loop, an
/// isolate, Unicode in ids, names, values, relation and wave names, and an affiliation.
/// No two ties share (source, target, relation) and every weight is non-zero, so that UCINET DL
/// (one matrix per relation) can hold the tie set.
inline Network rich_network(bool directed) {
  Network net;
  net.directed = directed;
  net.title = "Klimanetz Musterstadt – Größe ✓";
  const std::vector<std::string> ids = {
      "Stadtwerke Süd", "Bürgerbüro Ölhafen", "Straße 1",     "Αθηνά",
      "Москва-Энерго",  "東京ガス",           "🌍 Klima & Co", "isolate"};
  for (const auto& id : ids)
    net.add_actor(id);
  // String with a missing value and an empty string; text needing CSV/XML quoting.
  net.set_actor_attr(0, "name", std::string("Stadtwerke Süd GmbH, \"SWS\"; Strom"));
  net.set_actor_attr(1, "name", std::string("Bürgerbüro"));
  net.set_actor_attr(2, "name", std::string(""));
  net.set_actor_attr(3, "name", std::string("Αθηνά <Ενέργεια>"));
  net.set_actor_attr(4, "name", std::string("Москва"));
  net.set_actor_attr(5, "name", std::string("東京"));
  net.set_actor_attr(6, "name", std::string("Zeile 1\nZeile 2"));
  // actor 7: name missing
  for (ActorIndex a = 0; a < 8; ++a) {
    const char* sectors[] = {"Wirtschaft", "Verwaltung", "Zivilgesellschaft", "Wissenschaft"};
    net.set_actor_attr(a, "sector", std::string(sectors[a % 4]));
  }
  // Number, complete and integral (Pajek *Partition) and complete non-integral (*Vector).
  for (ActorIndex a = 0; a < 8; ++a) {
    net.set_actor_attr(a, "staff", static_cast<double>(a * 10 + 1));
    net.set_actor_attr(a, "score", 0.25 + static_cast<double>(a) * 1.5);
  }
  // Number with missing values, negative and large values.
  net.set_actor_attr(0, "budget", 1.5e6);
  net.set_actor_attr(2, "budget", -42.125);
  net.set_actor_attr(5, "budget", 0.0);
  // String that looks like a number (must stay text).
  for (ActorIndex a = 0; a < 8; ++a) {
    net.set_actor_attr(a, "plz", std::string(a % 2 == 0 ? "01067" : "80331"));
  }
  // List with an empty list, a one-item list and a missing value.
  net.set_actor_attr(0, "fields", std::vector<std::string>{"Energie", "Mobilität", "Wärme"});
  net.set_actor_attr(1, "fields", std::vector<std::string>{"Bildung"});
  net.set_actor_attr(2, "fields", std::vector<std::string>{});
  net.set_actor_attr(3, "fields", std::vector<std::string>{"Ενέργεια", "Κλίμα"});
  net.set_actor_attr(5, "fields", std::vector<std::string>{"エネルギー"});
  net.relation("zusammenarbeit");
  net.relation("information");
  net.relation("wunsch ✨");
  net.relation("ungenutzt");  // unused
  net.wave("2023");
  net.wave("2024 Frühjahr");
  net.wave("leer");  // unused
  struct T {
    ActorIndex s, t;
    RelationIndex r;
    WaveIndex w;
    double weight;
    const char* quality;  // nullptr = missing
    std::vector<std::string> barriers;
    bool barriers_missing;
  };
  const std::vector<T> ties = {
      {0, 1, 0, 0, 1.0, "gut", {"Zeit", "Geld"}, false},
      {1, 2, 0, 0, 2.5, "mittel", {}, false},
      {2, 3, 1, 0, 3.0, nullptr, {"Sprache"}, false},
      {3, 4, 1, 1, 0.125, "schlecht", {}, true},
      {4, 5, 2, 1, 4.0, "gut", {"Zuständigkeit", "Daten"}, false},
      {5, 6, 0, 1, 1.0, "sehr gut ✓", {"時間"}, false},
      {6, 0, 2, 0, -1.5, "", {"Ümlaut"}, false},
      {0, 0, 1, 1, 2.0, "Schleife", {}, true},  // loop
      {1, 0, 0, 1, 7.0, "zurück", {"Zeit"}, false},
      {0, 1, 1, 1, 1.0, "gut", {}, true},  // same pair, other relation
  };
  for (const auto& t : ties) {
    const TieIndex i = net.add_tie(t.s, t.t, t.r, t.w);
    net.set_tie_attr(i, "weight", t.weight);
    if (t.quality != nullptr) net.set_tie_attr(i, "quality", std::string(t.quality));
    if (!t.barriers_missing) net.set_tie_attr(i, "barriers", t.barriers);
  }
  net.add_membership("field", 0, "Energie");
  net.add_membership("field", 1, "Bildung");
  net.add_membership("field", 0, "Wärme");
  net.affiliation("field").attrs.set("role", 0, std::string("Leitung"), 3);
  net.affiliation("field").attrs.set("role", 2, std::string("Mitglied"), 3);
  net.add_membership("forum", 3, "Runder Tisch Ενέργεια");
  return net;
}

// --- temp files ------------------------------------------------------------------------------

/// A fresh directory below the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir() {
    static std::atomic<unsigned> counter{0};
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = "kn_io_test_";
    if (info != nullptr) name += std::string(info->test_suite_name()) + "_" + info->name();
    name += "_" + std::to_string(counter++);
    for (char& c : name) {
      if (c == '/') c = '_';
    }
    path_ = std::filesystem::temp_directory_path() / name;
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] std::filesystem::path operator/(const std::string& file) const {
    return path_ / file;
  }
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline void write_text(const std::filesystem::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

// --- errors ----------------------------------------------------------------------------------

/// Runs `f`, which must throw kn::ParseError; returns it (a failed expectation otherwise).
inline ParseError parse_error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const ParseError& e) {
    return e;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected kn::ParseError, got another exception: " << e.what();
    return ParseError("", "", "", "wrong exception");
  }
  ADD_FAILURE() << "expected kn::ParseError, nothing was thrown";
  return ParseError("", "", "", "nothing thrown");
}

/// Asserts the error names the file, the location (substring, e.g. "line 3") and the field,
/// and that what() contains all three.
inline void expect_names(const ParseError& e, const std::string& file, const std::string& location,
                         const std::string& field) {
  EXPECT_EQ(e.file(), file) << e.what();
  EXPECT_NE(e.location().find(location), std::string::npos)
      << "location '" << e.location() << "' should contain '" << location << "': " << e.what();
  EXPECT_EQ(e.field(), field) << e.what();
  const std::string what = e.what();
  EXPECT_NE(what.find(file), std::string::npos) << what;
  EXPECT_NE(what.find(location), std::string::npos) << what;
  if (!field.empty()) {
    EXPECT_NE(what.find("field '" + field + "'"), std::string::npos) << what;
  }
  EXPECT_FALSE(e.detail().empty()) << what;
}

}  // namespace kn::iotest
