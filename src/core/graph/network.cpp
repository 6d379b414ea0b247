#include "core/graph/network.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>
#include <system_error>

namespace kn {

std::string_view attr_type_name(AttrType type) {
  switch (type) {
    case AttrType::String:
      return "string";
    case AttrType::Number:
      return "number";
    case AttrType::List:
      return "list";
  }
  return "string";
}

AttrType value_type(const Value& value) {
  if (std::holds_alternative<double>(value)) return AttrType::Number;
  if (std::holds_alternative<std::vector<std::string>>(value)) return AttrType::List;
  return AttrType::String;
}

bool is_missing(const Value& value) {
  return std::holds_alternative<std::monostate>(value);
}

std::string value_to_string(const Value& value) {
  if (const auto* s = std::get_if<std::string>(&value)) return *s;
  if (const auto* d = std::get_if<double>(&value)) {
    if (std::isnan(*d)) return "NaN";
    if (std::isinf(*d)) return *d > 0 ? "Inf" : "-Inf";
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, *d);
    return {buf, res.ptr};
  }
  if (const auto* l = std::get_if<std::vector<std::string>>(&value)) {
    std::string out;
    for (std::size_t i = 0; i < l->size(); ++i) {
      if (i) out += '|';
      out += (*l)[i];
    }
    return out;
  }
  return {};
}

std::optional<double> as_number(const Value& value) {
  if (const auto* d = std::get_if<double>(&value)) return *d;
  if (const auto* s = std::get_if<std::string>(&value)) {
    std::string_view sv = *s;
    while (!sv.empty() && (sv.front() == ' ' || sv.front() == '\t'))
      sv.remove_prefix(1);
    while (!sv.empty() && (sv.back() == ' ' || sv.back() == '\t'))
      sv.remove_suffix(1);
    if (sv.empty()) return std::nullopt;
    if (sv.front() == '+') sv.remove_prefix(1);
    double out = 0;
    auto res = std::from_chars(sv.data(), sv.data() + sv.size(), out);
    if (res.ec == std::errc() && res.ptr == sv.data() + sv.size()) return out;
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
AttrColumn& AttrTable::column(std::string_view name, AttrType type, std::size_t rows) {
  if (AttrColumn* existing = find(name)) {
    if (existing->type != type) {
      throw std::invalid_argument("attribute '" + std::string(name) + "' is of type " +
                                  std::string(attr_type_name(existing->type)) + ", not " +
                                  std::string(attr_type_name(type)));
    }
    if (existing->values.size() < rows) existing->values.resize(rows);
    return *existing;
  }
  AttrColumn col;
  col.name = std::string(name);
  col.type = type;
  col.values.resize(rows);
  columns_.push_back(std::move(col));
  return columns_.back();
}

const AttrColumn* AttrTable::find(std::string_view name) const {
  for (const auto& c : columns_) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

AttrColumn* AttrTable::find(std::string_view name) {
  for (auto& c : columns_) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

void AttrTable::set(std::string_view name, std::size_t row, Value value, std::size_t rows) {
  if (row >= rows) throw std::out_of_range("attribute row out of range");
  AttrColumn* col = find(name);
  if (col == nullptr) {
    if (is_missing(value)) return;  // nothing to store, and no type to give the column
    col = &column(name, value_type(value), rows);
  } else if (!is_missing(value) && value_type(value) != col->type) {
    // A number arriving in a string column is kept as its text; anything else is a type error.
    if (col->type == AttrType::String && value_type(value) == AttrType::Number) {
      value = value_to_string(value);
    } else {
      throw std::invalid_argument("attribute '" + std::string(name) + "' is of type " +
                                  std::string(attr_type_name(col->type)) + ", got a " +
                                  std::string(attr_type_name(value_type(value))));
    }
  }
  if (col->values.size() < rows) col->values.resize(rows);
  col->values[row] = std::move(value);
}

const Value& AttrTable::get(std::string_view name, std::size_t row) const {
  static const Value missing{};
  const AttrColumn* col = find(name);
  if (col == nullptr || row >= col->values.size()) return missing;
  return col->values[row];
}

void AttrTable::resize(std::size_t rows) {
  for (auto& c : columns_)
    c.values.resize(rows);
}

// ---------------------------------------------------------------------------------------------
ActorIndex Network::add_actor(std::string id) {
  if (actor_index_.find(std::string_view(id)) != actor_index_.end()) {
    throw std::invalid_argument("duplicate actor id '" + id + "'");
  }
  const auto index = static_cast<ActorIndex>(actor_ids_.size());
  actor_index_.emplace(id, index);
  actor_ids_.push_back(std::move(id));
  return index;
}

ActorIndex Network::actor(std::string_view id) {
  if (auto found = find_actor(id)) return *found;
  return add_actor(std::string(id));
}

std::optional<ActorIndex> Network::find_actor(std::string_view id) const {
  auto it = actor_index_.find(id);
  if (it == actor_index_.end()) return std::nullopt;
  return it->second;
}

void Network::set_actor_attr(ActorIndex a, std::string_view name, Value value) {
  actor_attrs_.set(name, a, std::move(value), actor_count());
}

const Value& Network::actor_attr(ActorIndex a, std::string_view name) const {
  return actor_attrs_.get(name, a);
}

RelationIndex Network::relation(std::string_view name) {
  if (auto found = find_relation(name)) return *found;
  if (relations_.size() >= 65535) throw std::length_error("too many relations");
  relations_.push_back({std::string(name)});
  const auto index = static_cast<RelationIndex>(relations_.size() - 1);
  relation_index_.emplace(std::string(name), index);
  return index;
}

std::optional<RelationIndex> Network::find_relation(std::string_view name) const {
  auto it = relation_index_.find(name);
  if (it == relation_index_.end()) return std::nullopt;
  return it->second;
}

WaveIndex Network::wave(std::string_view name) {
  if (auto found = find_wave(name)) return *found;
  if (waves_.size() >= 65535) throw std::length_error("too many waves");
  waves_.push_back({std::string(name)});
  const auto index = static_cast<WaveIndex>(waves_.size() - 1);
  wave_index_.emplace(std::string(name), index);
  return index;
}

std::optional<WaveIndex> Network::find_wave(std::string_view name) const {
  auto it = wave_index_.find(name);
  if (it == wave_index_.end()) return std::nullopt;
  return it->second;
}

TieIndex Network::add_tie(ActorIndex source, ActorIndex target, RelationIndex rel, WaveIndex w) {
  if (source >= actor_count() || target >= actor_count()) {
    throw std::out_of_range("tie endpoint is not an actor");
  }
  if (relations_.empty()) relation("");
  if (waves_.empty()) wave("");
  if (rel >= relations_.size()) throw std::out_of_range("unknown relation index");
  if (w >= waves_.size()) throw std::out_of_range("unknown wave index");
  tie_source_.push_back(source);
  tie_target_.push_back(target);
  tie_relation_.push_back(rel);
  tie_wave_.push_back(w);
  if (!tie_attrs_.empty()) tie_attrs_.resize(tie_source_.size());
  return static_cast<TieIndex>(tie_source_.size() - 1);
}

void Network::set_tie_attr(TieIndex t, std::string_view name, Value value) {
  tie_attrs_.set(name, t, std::move(value), tie_count());
}

const Value& Network::tie_attr(TieIndex t, std::string_view name) const {
  return tie_attrs_.get(name, t);
}

void Network::reserve(std::size_t actors, std::size_t ties) {
  actor_ids_.reserve(actors);
  actor_index_.reserve(actors);
  tie_source_.reserve(ties);
  tie_target_.reserve(ties);
  tie_relation_.reserve(ties);
  tie_wave_.reserve(ties);
}

Affiliation& Network::affiliation(std::string_view name) {
  for (auto& a : affiliations_) {
    if (a.name == name) return a;
  }
  Affiliation aff;
  aff.name = std::string(name);
  affiliations_.push_back(std::move(aff));
  return affiliations_.back();
}

const Affiliation* Network::find_affiliation(std::string_view name) const {
  for (const auto& a : affiliations_) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

std::size_t Network::add_membership(std::string_view name, ActorIndex a, std::string_view item) {
  if (a >= actor_count()) throw std::out_of_range("membership actor is not an actor");
  Affiliation& aff = affiliation(name);
  std::uint32_t item_index = 0;
  bool found = false;
  for (std::size_t i = 0; i < aff.items.size(); ++i) {
    if (aff.items[i] == item) {
      item_index = static_cast<std::uint32_t>(i);
      found = true;
      break;
    }
  }
  if (!found) {
    aff.items.emplace_back(item);
    item_index = static_cast<std::uint32_t>(aff.items.size() - 1);
  }
  aff.actor.push_back(a);
  aff.item.push_back(item_index);
  if (!aff.attrs.empty()) aff.attrs.resize(aff.actor.size());
  return aff.actor.size() - 1;
}

}  // namespace kn
