#include "core/io/graphml.hpp"

#include <map>
#include <pugixml.hpp>
#include <sstream>

#include "core/io/text_util.hpp"
#include "core/io/xml_util.hpp"
#include "core/util/error.hpp"

namespace kn::io {

namespace {

using detail::local_name;
using detail::xml_location;

constexpr const char* kKnNamespace = "urn:klimanetze:graphml";

using KeyKind = detail::XmlValueKind;
using detail::attr_type;
using detail::element_text;

struct Key {
  std::string name;
  std::string domain;  // node, edge, graph, all
  KeyKind kind = KeyKind::String;
  std::optional<std::string> default_text;
};

class GraphmlReader {
 public:
  GraphmlReader(std::string_view text, const std::string& file) : text_(text), file_(file) {}

  [[noreturn]] void fail(const pugi::xml_node& node, const std::string& field,
                         const std::string& message) const {
    throw ParseError(file_, xml_location(text_, node), field, message);
  }

  Value convert(const Key& key, const std::string& text, const pugi::xml_node& where) const {
    return detail::convert_xml_value(key.kind, text, text_, file_, where, key.name);
  }

  Network read() {
    pugi::xml_document doc;
    detail::parse_xml(doc, text_, file_);
    pugi::xml_node root = doc.document_element();
    if (!root || local_name(root) != "graphml") {
      throw ParseError(file_, root ? xml_location(text_, root) : std::string("line 1"), "",
                       "not a GraphML document (root element <graphml> expected)");
    }
    detail::check_xml_depth(root, 64, text_, file_);
    std::map<std::string, Key> keys;
    std::vector<std::string> key_order;  // document order = attribute column order
    std::map<std::pair<std::string, std::string>, std::string> names;  // (domain,name) -> id
    for (pugi::xml_node k = root.first_child(); k; k = k.next_sibling()) {
      if (k.type() != pugi::node_element || local_name(k) != "key") continue;
      const std::string id = k.attribute("id").value();
      if (id.empty()) fail(k, "id", "key without id");
      if (keys.count(id)) fail(k, "id", "duplicate key id '" + id + "'");
      Key key;
      key.name = k.attribute("attr.name") ? k.attribute("attr.name").value() : id;
      key.domain = k.attribute("for") ? k.attribute("for").value() : "all";
      const std::string type = k.attribute("attr.type").value();
      if (type == "int" || type == "long" || type == "float" || type == "double") {
        key.kind = KeyKind::Number;
      } else if (type == "boolean") {
        key.kind = KeyKind::Boolean;
      } else if (type.empty() || type == "string") {
        key.kind = KeyKind::String;
      } else {
        fail(k, "attr.type", "unknown attribute type '" + type + "'");
      }
      if (std::string_view(k.attribute("kn:type").value()) == "list") key.kind = KeyKind::List;
      if (pugi::xml_node d = k.child("default")) key.default_text = element_text(d);
      for (const char* dom_c : {"node", "edge"}) {
        const std::string dom = dom_c;
        if (key.domain != dom && key.domain != "all") continue;
        if (!names.emplace(std::make_pair(dom, key.name), id).second) {
          fail(k, "attr.name", "duplicate " + dom + " attribute name '" + key.name + "'");
        }
      }
      key_order.push_back(id);
      keys.emplace(id, std::move(key));
    }
    pugi::xml_node graph;
    for (pugi::xml_node g = root.first_child(); g; g = g.next_sibling()) {
      if (g.type() == pugi::node_element && local_name(g) == "graph") {
        graph = g;
        break;
      }
    }
    if (!graph) fail(root, "", "GraphML document has no <graph>");
    Network net;
    const std::string edgedefault = graph.attribute("edgedefault").value();
    if (edgedefault == "undirected")
      net.directed = false;
    else if (!edgedefault.empty() && edgedefault != "directed") {
      fail(graph, "edgedefault", "must be 'directed' or 'undirected'");
    }
    const std::size_t max_actors = detail::max_actors_for_input(text_.size());
    // pass 1: nodes
    std::vector<pugi::xml_node> node_elems, edge_elems;
    for (pugi::xml_node c = graph.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      const std::string_view n = local_name(c);
      if (n == "node")
        node_elems.push_back(c);
      else if (n == "edge")
        edge_elems.push_back(c);
      else if (n == "hyperedge")
        fail(c, "", "hyperedges are not supported");
      else if (n == "data") {
        const Key* key = find_key(keys, c);
        if (key->name == "title") net.title = element_text(c);
      }
    }
    if (node_elems.size() > max_actors) fail(graph, "", "too many nodes");
    if (edge_elems.size() >= 0xFFFFFFF0u) fail(graph, "", "too many edges");
    net.reserve(node_elems.size(), edge_elems.size());
    for (const auto& n : node_elems) {
      const pugi::xml_attribute id = n.attribute("id");
      if (!id) fail(n, "id", "node without id");
      if (net.find_actor(id.value()))
        fail(n, "id", "duplicate node id '" + std::string(id.value()) + "'");
      for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
        if (c.type() == pugi::node_element && local_name(c) == "graph") {
          fail(c, "", "nested graphs are not supported");
        }
      }
      net.add_actor(id.value());
    }
    const std::size_t n_actors = net.actor_count();
    // Columns from declared keys (keeps the type even if every value is missing).
    for (const auto& key_id : key_order) {
      const Key& key = keys.at(key_id);
      if (key.domain == "node" || key.domain == "all") {
        net.actor_attrs().column(key.name, attr_type(key.kind), n_actors);
      }
    }
    for (std::size_t i = 0; i < node_elems.size(); ++i) {
      fill(node_elems[i], keys, "node", net.actor_attrs(), i, n_actors, nullptr, nullptr);
    }
    // pass 2: edges
    for (const auto& e : edge_elems) {
      ActorIndex ends[2] = {0, 0};
      const char* names2[2] = {"source", "target"};
      for (int k = 0; k < 2; ++k) {
        const pugi::xml_attribute a = e.attribute(names2[k]);
        if (!a || *a.value() == '\0') fail(e, names2[k], "missing");
        auto found = net.find_actor(a.value());
        if (!found) fail(e, names2[k], "unknown node id '" + std::string(a.value()) + "'");
        ends[k] = *found;
      }
      if (const pugi::xml_attribute d = e.attribute("directed")) {
        const std::string v = d.value();
        if (v != "true" && v != "false") fail(e, "directed", "must be 'true' or 'false'");
        if ((v == "true") != net.directed) {
          fail(e, "directed",
               "mixed directed and undirected edges are not supported (edgedefault is " +
                   std::string(net.directed ? "directed" : "undirected") + ")");
        }
      }
      std::string rel, wave;
      pending_.clear();
      collect(e, keys, "edge", &rel, &wave);
      if (net.relations().empty() && rel.empty()) net.relation("");
      if (net.waves().empty() && wave.empty()) net.wave("");
      if (!net.find_relation(rel) && net.relations().size() >= 65535)
        fail(e, "relation", "too many relations");
      if (!net.find_wave(wave) && net.waves().size() >= 65535) fail(e, "wave", "too many waves");
      const RelationIndex ri = net.relation(rel);
      const WaveIndex wi = net.wave(wave);
      net.add_tie(ends[0], ends[1], ri, wi);
      edge_values_.push_back(std::move(pending_));
    }
    const std::size_t m = net.tie_count();
    for (const auto& key_id : key_order) {
      const Key& key = keys.at(key_id);
      if ((key.domain == "edge" || key.domain == "all") && key.name != "relation" &&
          key.name != "wave") {
        net.tie_attrs().column(key.name, attr_type(key.kind), m);
      }
    }
    for (std::size_t t = 0; t < m; ++t) {
      for (auto& [name, value] : edge_values_[t]) {
        net.tie_attrs().find(name)->values[t] = std::move(value);
      }
    }
    return net;
  }

 private:
  const Key* find_key(const std::map<std::string, Key>& keys, const pugi::xml_node& data) const {
    const std::string key_id = data.attribute("key").value();
    auto it = keys.find(key_id);
    if (it == keys.end()) fail(data, "key", "undeclared key '" + key_id + "'");
    return &it->second;
  }

  /// Reads the <data> of an element into pending_ (name, value), applying defaults.
  void collect(const pugi::xml_node& elem, const std::map<std::string, Key>& keys,
               const std::string& domain, std::string* rel, std::string* wave) {
    std::map<std::string, bool> seen;
    for (pugi::xml_node c = elem.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element || local_name(c) != "data") continue;
      const Key* key = find_key(keys, c);
      if (key->domain != domain && key->domain != "all") {
        fail(c, "key", "key '" + key->name + "' is not declared for " + domain + "s");
      }
      if (seen[key->name]) fail(c, key->name, "duplicate <data> for this key");
      seen[key->name] = true;
      const std::string text = element_text(c);
      if (rel != nullptr && key->name == "relation")
        *rel = text;
      else if (wave != nullptr && key->name == "wave")
        *wave = text;
      else
        pending_.emplace_back(key->name, convert(*key, text, c));
    }
    for (const auto& [id, key] : keys) {
      if ((key.domain != domain && key.domain != "all") || !key.default_text || seen[key.name]) {
        continue;
      }
      if (rel != nullptr && key.name == "relation")
        *rel = *key.default_text;
      else if (wave != nullptr && key.name == "wave")
        *wave = *key.default_text;
      else
        pending_.emplace_back(key.name, convert(key, *key.default_text, elem));
    }
  }

  void fill(const pugi::xml_node& elem, const std::map<std::string, Key>& keys,
            const std::string& domain, AttrTable& table, std::size_t row, std::size_t rows,
            std::string* rel, std::string* wave) {
    pending_.clear();
    collect(elem, keys, domain, rel, wave);
    for (auto& [name, value] : pending_) {
      AttrColumn* col = table.find(name);
      if (col->values.size() < rows) col->values.resize(rows);
      col->values[row] = std::move(value);
    }
  }

  std::string_view text_;
  const std::string& file_;
  std::vector<std::pair<std::string, Value>> pending_;
  std::vector<std::vector<std::pair<std::string, Value>>> edge_values_;
};

const char* graphml_type(AttrType t) {
  return t == AttrType::Number ? "double" : "string";
}

}  // namespace

Network read_graphml(std::string_view text, const std::string& filename) {
  GraphmlReader reader(text, filename);
  return detail::read_guarded(reader, filename);
}

std::string write_graphml(const Network& network) {
  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  pugi::xml_node root = doc.append_child("graphml");
  root.append_attribute("xmlns") = "http://graphml.graphdrawing.org/xmlns";
  root.append_attribute("xmlns:kn") = kKnNamespace;
  if (!network.title.empty()) {
    pugi::xml_node k = root.append_child("key");
    k.append_attribute("id") = "g_title";
    k.append_attribute("for") = "graph";
    k.append_attribute("attr.name") = "title";
    k.append_attribute("attr.type") = "string";
  }
  auto add_key = [&](const std::string& id, const char* domain, const std::string& name,
                     AttrType type) {
    pugi::xml_node k = root.append_child("key");
    k.append_attribute("id") = id.c_str();
    k.append_attribute("for") = domain;
    k.append_attribute("attr.name") = name.c_str();
    k.append_attribute("attr.type") = graphml_type(type);
    if (type == AttrType::List) k.append_attribute("kn:type") = "list";
  };
  const auto& acols = network.actor_attrs().columns();
  for (std::size_t c = 0; c < acols.size(); ++c) {
    add_key("n" + std::to_string(c), "node", acols[c].name, acols[c].type);
  }
  bool with_rel = false, with_wave = false;
  for (const auto& r : network.relations())
    with_rel = with_rel || !r.name.empty();
  for (const auto& w : network.waves())
    with_wave = with_wave || !w.name.empty();
  if (with_rel) add_key("e_relation", "edge", "relation", AttrType::String);
  if (with_wave) add_key("e_wave", "edge", "wave", AttrType::String);
  const auto& tcols = network.tie_attrs().columns();
  std::vector<bool> tie_written(tcols.size(), false);
  for (std::size_t c = 0; c < tcols.size(); ++c) {
    if (tcols[c].name == "relation" || tcols[c].name == "wave") continue;
    tie_written[c] = true;
    add_key("e" + std::to_string(c), "edge", tcols[c].name, tcols[c].type);
  }
  pugi::xml_node graph = root.append_child("graph");
  graph.append_attribute("id") = "G";
  graph.append_attribute("edgedefault") = network.directed ? "directed" : "undirected";
  if (!network.title.empty()) {
    pugi::xml_node d = graph.append_child("data");
    d.append_attribute("key") = "g_title";
    d.text().set(network.title.c_str());
  }
  auto add_data = [](pugi::xml_node parent, const std::string& key, const std::string& text) {
    pugi::xml_node d = parent.append_child("data");
    d.append_attribute("key") = key.c_str();
    if (!text.empty()) d.append_child(pugi::node_pcdata).set_value(text.c_str());
  };
  for (ActorIndex a = 0; a < network.actor_count(); ++a) {
    pugi::xml_node n = graph.append_child("node");
    n.append_attribute("id") = network.actor_id(a).c_str();
    for (std::size_t c = 0; c < acols.size(); ++c) {
      if (a < acols[c].values.size() && !is_missing(acols[c].values[a])) {
        add_data(n, "n" + std::to_string(c), value_to_string(acols[c].values[a]));
      }
    }
  }
  for (TieIndex t = 0; t < network.tie_count(); ++t) {
    pugi::xml_node e = graph.append_child("edge");
    e.append_attribute("id") = ("e" + std::to_string(t)).c_str();
    e.append_attribute("source") = network.actor_id(network.tie_source(t)).c_str();
    e.append_attribute("target") = network.actor_id(network.tie_target(t)).c_str();
    const std::string& rel = network.relations()[network.tie_relation(t)].name;
    const std::string& wave = network.waves()[network.tie_wave(t)].name;
    if (!rel.empty()) add_data(e, "e_relation", rel);
    if (!wave.empty()) add_data(e, "e_wave", wave);
    for (std::size_t c = 0; c < tcols.size(); ++c) {
      if (tie_written[c] && t < tcols[c].values.size() && !is_missing(tcols[c].values[t])) {
        add_data(e, "e" + std::to_string(c), value_to_string(tcols[c].values[t]));
      }
    }
  }
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

}  // namespace kn::io
