#include "core/io/json_format.hpp"

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "core/io/text_util.hpp"
#include "core/util/error.hpp"

namespace kn::io {

namespace {

/// JSON path of a list item, "$.actors[3].attributes.fields[2]".
std::string fmt_index(const std::string& path, const std::string& field, std::size_t i) {
  std::string out = path;
  out += '.';
  out += field;
  out += '[';
  out += std::to_string(i);
  out += ']';
  return out;
}

// ordered_json: objects keep their member order, so attribute columns keep their order
// through a write/read round trip.
using json = nlohmann::ordered_json;

constexpr std::size_t kMaxDepth = 64;

class JsonReader {
 public:
  JsonReader(const std::string& file) : file_(file) {}

  [[noreturn]] void fail(const std::string& path, const std::string& field,
                         const std::string& message) const {
    throw ParseError(file_, path, field, message);
  }

  const json& member(const json& obj, const char* key, const std::string& path) const {
    auto it = obj.find(key);
    if (it == obj.end()) fail(path, key, "missing");
    return *it;
  }

  std::string get_string(const json& v, const std::string& path, const std::string& field) const {
    if (!v.is_string()) fail(path, field, "expected a string");
    return v.get<std::string>();
  }

  /// Type declarations {"name": "string"|"number"|"list"}.
  /// `order` (optional) receives the names in document order (= column order).
  std::map<std::string, AttrType> declarations(const json& obj, const std::string& path,
                                               std::vector<std::string>* order = nullptr) const {
    std::map<std::string, AttrType> out;
    if (!obj.is_object()) fail(path, "", "expected an object of attribute types");
    for (const auto& [name, type] : obj.items()) {
      const std::string t = type.is_string() ? type.get<std::string>() : std::string();
      if (t == "string")
        out[name] = AttrType::String;
      else if (t == "number")
        out[name] = AttrType::Number;
      else if (t == "list")
        out[name] = AttrType::List;
      else
        fail(path, name, "attribute type must be \"string\", \"number\" or \"list\"");
      if (order != nullptr) order->push_back(name);
    }
    return out;
  }

  Value value(const json& v, std::optional<AttrType> declared, const std::string& path,
              const std::string& field) const {
    if (v.is_null()) return {};
    if (v.is_number()) {
      if (declared && *declared == AttrType::String) fail(path, field, "expected a string");
      if (declared && *declared == AttrType::List) fail(path, field, "expected a list");
      return v.get<double>();
    }
    if (v.is_string()) {
      std::string s = v.get<std::string>();
      if (declared && *declared == AttrType::Number) {
        auto d = detail::parse_number(s);
        if (!d || std::isfinite(*d)) fail(path, field, "expected a number");
        return *d;
      }
      if (declared && *declared == AttrType::List) fail(path, field, "expected a list");
      return s;
    }
    if (v.is_array()) {
      if (declared && *declared != AttrType::List) fail(path, field, "unexpected list");
      std::vector<std::string> items;
      items.reserve(v.size());
      for (std::size_t i = 0; i < v.size(); ++i) {
        if (!v[i].is_string()) {
          fail(fmt_index(path, field, i), field, "list items must be strings");
        }
        items.push_back(v[i].get<std::string>());
      }
      return items;
    }
    fail(path, field, "expected a string, number, list of strings or null");
  }

  /// Reads {"name": value} into row `row` of `table` (with `rows` rows).
  void attributes(const json& obj, AttrTable& table, std::size_t row, std::size_t rows,
                  const std::map<std::string, AttrType>& decl, const std::string& path) const {
    if (!obj.is_object()) fail(path, "attributes", "expected an object");
    for (const auto& [name, v] : obj.items()) {
      auto it = decl.find(name);
      std::optional<AttrType> declared;
      if (it != decl.end()) declared = it->second;
      Value val = value(v, declared, path + ".attributes", name);
      if (is_missing(val)) continue;
      AttrColumn* col = table.find(name);
      if (col == nullptr) {
        col = &table.column(name, declared ? *declared : value_type(val), rows);
      }
      if (col->type != value_type(val)) {
        fail(path + ".attributes", name,
             "attribute is of type " + std::string(attr_type_name(col->type)) + ", got a " +
                 std::string(attr_type_name(value_type(val))));
      }
      if (col->values.size() < rows) col->values.resize(rows);
      col->values[row] = std::move(val);
    }
  }

  Network read(const json& root) const {
    if (!root.is_object()) fail("$", "", "expected an object");
    if (auto it = root.find("format"); it != root.end()) {
      if (!it->is_string() || it->get<std::string>() != "klimanetze-network") {
        fail("$", "format", "expected \"klimanetze-network\"");
      }
    }
    if (auto it = root.find("version"); it != root.end()) {
      if (!it->is_number_integer() || it->get<long long>() != 1) {
        fail("$", "version", "unsupported version (expected 1)");
      }
    }
    Network net;
    if (auto it = root.find("title"); it != root.end()) net.title = get_string(*it, "$", "title");
    if (auto it = root.find("directed"); it != root.end()) {
      if (!it->is_boolean()) fail("$", "directed", "expected true or false");
      net.directed = it->get<bool>();
    }
    std::map<std::string, AttrType> actor_decl, tie_decl;
    std::vector<std::string> actor_order, tie_order;
    if (auto it = root.find("attributes"); it != root.end()) {
      if (!it->is_object()) fail("$", "attributes", "expected an object");
      if (auto a = it->find("actors"); a != it->end())
        actor_decl = declarations(*a, "$.attributes.actors", &actor_order);
      if (auto t = it->find("ties"); t != it->end())
        tie_decl = declarations(*t, "$.attributes.ties", &tie_order);
    }
    // actors
    if (auto it = root.find("actors"); it != root.end()) {
      if (!it->is_array()) fail("$", "actors", "expected an array");
      net.reserve(it->size(), 0);
      for (std::size_t i = 0; i < it->size(); ++i) {
        const std::string path = "$.actors[" + std::to_string(i) + "]";
        const json& a = (*it)[i];
        if (!a.is_object()) fail(path, "", "expected an object");
        std::string id = get_string(member(a, "id", path), path, "id");
        if (id.empty()) fail(path, "id", "empty actor id");
        if (net.find_actor(id)) fail(path, "id", "duplicate actor id '" + id + "'");
        net.add_actor(std::move(id));
      }
      const std::size_t n = net.actor_count();
      for (const auto& name : actor_order)
        net.actor_attrs().column(name, actor_decl.at(name), n);
      for (std::size_t i = 0; i < it->size(); ++i) {
        const json& a = (*it)[i];
        if (auto at = a.find("attributes"); at != a.end()) {
          attributes(*at, net.actor_attrs(), i, n, actor_decl,
                     "$.actors[" + std::to_string(i) + "]");
        }
      }
    }
    for (const char* key : {"relations", "waves"}) {
      auto it = root.find(key);
      if (it == root.end()) continue;
      if (!it->is_array()) fail("$", key, "expected an array");
      if (it->size() > 65535) fail("$", key, "too many entries");
      for (std::size_t i = 0; i < it->size(); ++i) {
        const std::string path = std::string("$.") + key + "[" + std::to_string(i) + "]";
        std::string name = get_string((*it)[i], path, "");
        const bool dup =
            key[0] == 'r' ? net.find_relation(name).has_value() : net.find_wave(name).has_value();
        if (dup) fail(path, "", "duplicate name '" + name + "'");
        if (key[0] == 'r')
          net.relation(name);
        else
          net.wave(name);
      }
    }
    // ties
    if (auto it = root.find("ties"); it != root.end()) {
      if (!it->is_array()) fail("$", "ties", "expected an array");
      if (it->size() >= 0xFFFFFFF0u) fail("$", "ties", "too many ties");
      net.reserve(net.actor_count(), it->size());
      for (std::size_t i = 0; i < it->size(); ++i) {
        const std::string path = "$.ties[" + std::to_string(i) + "]";
        const json& t = (*it)[i];
        if (!t.is_object()) fail(path, "", "expected an object");
        ActorIndex ends[2] = {0, 0};
        const char* names[2] = {"source", "target"};
        for (int e = 0; e < 2; ++e) {
          std::string id = get_string(member(t, names[e], path), path, names[e]);
          if (id.empty()) fail(path, names[e], "empty actor id");
          auto found = net.find_actor(id);
          if (!found) fail(path, names[e], "unknown actor id '" + id + "'");
          ends[e] = *found;
        }
        RelationIndex rel = 0;
        WaveIndex wave = 0;
        if (auto r = t.find("relation"); r != t.end()) {
          std::string name = get_string(*r, path, "relation");
          if (!net.find_relation(name) && net.relations().size() >= 65535) {
            fail(path, "relation", "too many relations");
          }
          rel = net.relation(name);
        } else if (net.relations().empty()) {
          net.relation("");
        }
        if (auto w = t.find("wave"); w != t.end()) {
          std::string name = get_string(*w, path, "wave");
          if (!net.find_wave(name) && net.waves().size() >= 65535)
            fail(path, "wave", "too many waves");
          wave = net.wave(name);
        } else if (net.waves().empty()) {
          net.wave("");
        }
        net.add_tie(ends[0], ends[1], rel, wave);
      }
      const std::size_t m = net.tie_count();
      for (const auto& name : tie_order)
        net.tie_attrs().column(name, tie_decl.at(name), m);
      for (std::size_t i = 0; i < it->size(); ++i) {
        const json& t = (*it)[i];
        if (auto at = t.find("attributes"); at != t.end()) {
          attributes(*at, net.tie_attrs(), i, m, tie_decl, "$.ties[" + std::to_string(i) + "]");
        }
      }
    }
    // affiliations
    if (auto it = root.find("affiliations"); it != root.end()) {
      if (!it->is_array()) fail("$", "affiliations", "expected an array");
      for (std::size_t i = 0; i < it->size(); ++i) {
        const std::string path = "$.affiliations[" + std::to_string(i) + "]";
        const json& a = (*it)[i];
        if (!a.is_object()) fail(path, "", "expected an object");
        std::string name = get_string(member(a, "name", path), path, "name");
        if (net.find_affiliation(name)) fail(path, "name", "duplicate affiliation '" + name + "'");
        Affiliation& aff = net.affiliation(name);
        std::map<std::string, AttrType> decl;
        std::vector<std::string> decl_order;
        if (auto d = a.find("attributes"); d != a.end()) {
          decl = declarations(*d, path + ".attributes", &decl_order);
        }
        if (auto items = a.find("items"); items != a.end()) {
          if (!items->is_array()) fail(path, "items", "expected an array");
          for (std::size_t k = 0; k < items->size(); ++k) {
            std::string item =
                get_string((*items)[k], path + ".items[" + std::to_string(k) + "]", "");
            for (const auto& existing : aff.items) {
              if (existing == item)
                fail(path + ".items[" + std::to_string(k) + "]", "",
                     "duplicate item '" + item + "'");
            }
            aff.items.push_back(std::move(item));
          }
        }
        if (auto ms = a.find("memberships"); ms != a.end()) {
          if (!ms->is_array()) fail(path, "memberships", "expected an array");
          for (std::size_t k = 0; k < ms->size(); ++k) {
            const std::string mpath = path + ".memberships[" + std::to_string(k) + "]";
            const json& m = (*ms)[k];
            if (!m.is_object()) fail(mpath, "", "expected an object");
            std::string actor = get_string(member(m, "actor", mpath), mpath, "actor");
            auto found = net.find_actor(actor);
            if (!found) fail(mpath, "actor", "unknown actor id '" + actor + "'");
            std::string item = get_string(member(m, "item", mpath), mpath, "item");
            net.add_membership(name, *found, item);
          }
          Affiliation& aff2 = net.affiliation(name);
          const std::size_t rows = aff2.actor.size();
          for (const auto& an : decl_order)
            aff2.attrs.column(an, decl.at(an), rows);
          for (std::size_t k = 0; k < ms->size(); ++k) {
            const json& m = (*ms)[k];
            if (auto at = m.find("attributes"); at != m.end()) {
              attributes(*at, aff2.attrs, k, rows, decl,
                         path + ".memberships[" + std::to_string(k) + "]");
            }
          }
        }
      }
    }
    return net;
  }

 private:
  const std::string& file_;
};

/// Rejects nesting deeper than kMaxDepth before parsing (guards the recursive destructor).
void check_depth(std::string_view text, const std::string& file) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '[' || c == '{') {
      if (++depth > kMaxDepth) {
        throw parse_error_at_line(file, detail::line_of_offset(text, i), "",
                                  "nesting deeper than " + std::to_string(kMaxDepth));
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
}

json value_json(const Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* d = std::get_if<double>(&v)) {
    if (std::isfinite(*d)) return *d;
    return value_to_string(v);
  }
  if (const auto* l = std::get_if<std::vector<std::string>>(&v)) return *l;
  return nullptr;
}

json attrs_json(const AttrTable& table, std::size_t row) {
  json out = json::object();
  for (const auto& col : table.columns()) {
    if (row < col.values.size() && !is_missing(col.values[row])) {
      out[col.name] = value_json(col.values[row]);
    }
  }
  return out;
}

json decl_json(const AttrTable& table) {
  json out = json::object();
  for (const auto& col : table.columns())
    out[col.name] = std::string(attr_type_name(col.type));
  return out;
}

}  // namespace

Network read_json(std::string_view text, const std::string& filename) {
  text = detail::strip_bom(text);
  check_depth(text, filename);
  json root;
  try {
    root = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    throw parse_error_at_line(filename, detail::line_of_offset(text, e.byte > 0 ? e.byte - 1 : 0),
                              "", std::string("invalid JSON: ") + e.what());
  } catch (const json::exception& e) {  // e.g. out_of_range 406: number overflow ("1e999")
    throw ParseError(filename, "", "", std::string("invalid JSON: ") + e.what());
  }
  JsonReader reader(filename);
  try {
    return reader.read(root);
  } catch (const ParseError&) {
    throw;
  } catch (const std::exception& e) {
    throw ParseError(filename, "$", "", e.what());
  }
}

std::string write_json(const Network& network) {
  json root = json::object();
  root["format"] = "klimanetze-network";
  root["version"] = 1;
  if (!network.title.empty()) root["title"] = network.title;
  root["directed"] = network.directed;
  root["attributes"] = {{"actors", decl_json(network.actor_attrs())},
                        {"ties", decl_json(network.tie_attrs())}};
  json actors = json::array();
  for (ActorIndex a = 0; a < network.actor_count(); ++a) {
    json obj = {{"id", network.actor_id(a)}};
    json at = attrs_json(network.actor_attrs(), a);
    if (!at.empty()) obj["attributes"] = std::move(at);
    actors.push_back(std::move(obj));
  }
  root["actors"] = std::move(actors);
  json rels = json::array();
  for (const auto& r : network.relations())
    rels.push_back(r.name);
  root["relations"] = std::move(rels);
  json waves = json::array();
  for (const auto& w : network.waves())
    waves.push_back(w.name);
  root["waves"] = std::move(waves);
  json ties = json::array();
  for (TieIndex t = 0; t < network.tie_count(); ++t) {
    json obj = {{"source", network.actor_id(network.tie_source(t))},
                {"target", network.actor_id(network.tie_target(t))},
                {"relation", network.relations()[network.tie_relation(t)].name},
                {"wave", network.waves()[network.tie_wave(t)].name}};
    json at = attrs_json(network.tie_attrs(), t);
    if (!at.empty()) obj["attributes"] = std::move(at);
    ties.push_back(std::move(obj));
  }
  root["ties"] = std::move(ties);
  json affs = json::array();
  for (const auto& aff : network.affiliations()) {
    json obj = {{"name", aff.name}, {"items", aff.items}};
    if (!aff.attrs.empty()) obj["attributes"] = decl_json(aff.attrs);
    json ms = json::array();
    for (std::size_t k = 0; k < aff.actor.size(); ++k) {
      json m = {{"actor", network.actor_id(aff.actor[k])}, {"item", aff.items[aff.item[k]]}};
      json at = attrs_json(aff.attrs, k);
      if (!at.empty()) m["attributes"] = std::move(at);
      ms.push_back(std::move(m));
    }
    obj["memberships"] = std::move(ms);
    affs.push_back(std::move(obj));
  }
  root["affiliations"] = std::move(affs);
  return root.dump(1, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace kn::io
