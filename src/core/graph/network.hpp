#pragma once
// The KlimaNetze network model: the mutable, lossless data every importer fills and every
// exporter writes. Analyses never run on it directly; they run on an immutable CSR view
// (graph_view.hpp) selected by relation, wave and filter.
//
// Shape (see docs/model.md):
//   - actors: a stable string id (GraphML/GEXF node id, Pajek/DL label, CSV `id`) plus typed
//     attributes (name, sector, ... as String, Number or List);
//   - relations: named tie types (zusammenarbeit, information, wunsch, ...);
//   - waves: named time points ("" is the default wave);
//   - ties: source, target, relation, wave plus typed attributes (weight, quality, barriers ...),
//     stored column-wise so a 1M-tie network stays small;
//   - affiliations: two-mode data, actor x item (field of action, forum, event) with attributes
//     (e.g. role).
// The network-level flag `directed` says how ties are meant; undirected ties are stored once.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

namespace kn {

using ActorIndex = std::uint32_t;
using TieIndex = std::uint32_t;
using RelationIndex = std::uint16_t;
using WaveIndex = std::uint16_t;

enum class AttrType : std::uint8_t { String, Number, List };

/// One attribute value. monostate = missing.
using Value = std::variant<std::monostate, std::string, double, std::vector<std::string>>;

std::string_view attr_type_name(AttrType type);
/// Type of a value (String for monostate).
AttrType value_type(const Value& value);
bool is_missing(const Value& value);
/// Text form used by CSV/Pajek/DL writers: numbers shortest round-trip form, lists joined by '|'.
std::string value_to_string(const Value& value);

/// A named, typed attribute column. values.size() is the number of rows of its table (actors or
/// ties); missing entries are monostate.
struct AttrColumn {
  std::string name;
  AttrType type = AttrType::String;
  std::vector<Value> values;
};

/// Column-wise attributes for a table of rows (actors, ties or affiliations).
class AttrTable {
 public:
  /// Returns the column, creating it (filled with missing values up to `rows`) if needed.
  /// Throws std::invalid_argument if it exists with another type.
  AttrColumn& column(std::string_view name, AttrType type, std::size_t rows);
  [[nodiscard]] const AttrColumn* find(std::string_view name) const;
  [[nodiscard]] AttrColumn* find(std::string_view name);
  /// Sets row `row` of column `name`; creates the column from the value's type.
  void set(std::string_view name, std::size_t row, Value value, std::size_t rows);
  /// Value or monostate.
  [[nodiscard]] const Value& get(std::string_view name, std::size_t row) const;
  /// Appends a missing value to every column (keeps all columns at `rows`).
  void resize(std::size_t rows);
  [[nodiscard]] const std::vector<AttrColumn>& columns() const { return columns_; }
  [[nodiscard]] bool empty() const { return columns_.empty(); }

 private:
  std::vector<AttrColumn> columns_;
};

struct Relation {
  std::string name;
};

struct Wave {
  std::string name;
};

/// Two-mode data: actors x items of one kind (e.g. "field" -> fields of action).
struct Affiliation {
  std::string name;                 ///< kind of item, e.g. "field", "forum", "event"
  std::vector<std::string> items;   ///< item ids
  std::vector<ActorIndex> actor;    ///< membership rows: actor ...
  std::vector<std::uint32_t> item;  ///< ... belongs to item
  AttrTable attrs;                  ///< per membership (e.g. "role")
};

class Network {
 public:
  bool directed = true;
  std::string title;  ///< optional network/project name

  // --- actors ---------------------------------------------------------------------------------
  [[nodiscard]] std::size_t actor_count() const { return actor_ids_.size(); }
  /// Adds an actor; throws std::invalid_argument on a duplicate id.
  ActorIndex add_actor(std::string id);
  /// Returns the existing actor or adds it.
  ActorIndex actor(std::string_view id);
  [[nodiscard]] std::optional<ActorIndex> find_actor(std::string_view id) const;
  [[nodiscard]] const std::string& actor_id(ActorIndex a) const { return actor_ids_[a]; }
  [[nodiscard]] const std::vector<std::string>& actor_ids() const { return actor_ids_; }
  void set_actor_attr(ActorIndex a, std::string_view name, Value value);
  [[nodiscard]] const Value& actor_attr(ActorIndex a, std::string_view name) const;
  [[nodiscard]] const AttrTable& actor_attrs() const { return actor_attrs_; }
  AttrTable& actor_attrs() { return actor_attrs_; }

  // --- relations and waves --------------------------------------------------------------------
  /// Returns the index of a relation, adding it if new.
  RelationIndex relation(std::string_view name);
  [[nodiscard]] std::optional<RelationIndex> find_relation(std::string_view name) const;
  [[nodiscard]] const std::vector<Relation>& relations() const { return relations_; }
  WaveIndex wave(std::string_view name);
  [[nodiscard]] std::optional<WaveIndex> find_wave(std::string_view name) const;
  [[nodiscard]] const std::vector<Wave>& waves() const { return waves_; }

  // --- ties -----------------------------------------------------------------------------------
  [[nodiscard]] std::size_t tie_count() const { return tie_source_.size(); }
  /// Adds a tie. Relation and wave default to the first ones (created as "" when absent).
  TieIndex add_tie(ActorIndex source, ActorIndex target, RelationIndex relation = 0,
                   WaveIndex wave = 0);
  [[nodiscard]] ActorIndex tie_source(TieIndex t) const { return tie_source_[t]; }
  [[nodiscard]] ActorIndex tie_target(TieIndex t) const { return tie_target_[t]; }
  [[nodiscard]] RelationIndex tie_relation(TieIndex t) const { return tie_relation_[t]; }
  [[nodiscard]] WaveIndex tie_wave(TieIndex t) const { return tie_wave_[t]; }
  void set_tie_attr(TieIndex t, std::string_view name, Value value);
  [[nodiscard]] const Value& tie_attr(TieIndex t, std::string_view name) const;
  [[nodiscard]] const AttrTable& tie_attrs() const { return tie_attrs_; }
  AttrTable& tie_attrs() { return tie_attrs_; }
  /// Reserve capacity for large imports.
  void reserve(std::size_t actors, std::size_t ties);

  // --- two-mode ---------------------------------------------------------------------------------
  /// Returns the affiliation of that kind, adding it if new.
  Affiliation& affiliation(std::string_view name);
  [[nodiscard]] const Affiliation* find_affiliation(std::string_view name) const;
  [[nodiscard]] const std::vector<Affiliation>& affiliations() const { return affiliations_; }
  /// Adds membership actor a -> item (item added if new). Returns the membership row.
  std::size_t add_membership(std::string_view affiliation, ActorIndex a, std::string_view item);

 private:
  std::vector<std::string> actor_ids_;
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>{}(s);
    }
  };
  std::unordered_map<std::string, ActorIndex, StringHash, std::equal_to<>> actor_index_;
  AttrTable actor_attrs_;
  std::vector<Relation> relations_;
  std::vector<Wave> waves_;
  // Name -> index, so relation()/wave() stay O(1) up to 65535 names (a linear search made a
  // 30-byte "dl n=1 nm=65535" file take seconds).
  std::unordered_map<std::string, RelationIndex, StringHash, std::equal_to<>> relation_index_;
  std::unordered_map<std::string, WaveIndex, StringHash, std::equal_to<>> wave_index_;
  std::vector<ActorIndex> tie_source_;
  std::vector<ActorIndex> tie_target_;
  std::vector<RelationIndex> tie_relation_;
  std::vector<WaveIndex> tie_wave_;
  AttrTable tie_attrs_;
  std::vector<Affiliation> affiliations_;
};

/// Numeric view of an attribute value: double, or a String that parses fully as a number.
std::optional<double> as_number(const Value& value);

}  // namespace kn
