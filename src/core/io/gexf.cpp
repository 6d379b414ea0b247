#include "core/io/gexf.hpp"

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

using Kind = detail::XmlValueKind;
using detail::attr_type;
using detail::element_text;

struct AttrDecl {
  std::string title;
  Kind kind = Kind::String;
  std::optional<std::string> default_text;
};

using Decls = std::map<std::string, AttrDecl>;  // by id

pugi::xml_node child_named(const pugi::xml_node& parent, std::string_view name) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && local_name(c) == name) return c;
  }
  return {};
}

class GexfReader {
 public:
  GexfReader(std::string_view text, const std::string& file) : text_(text), file_(file) {}

  [[noreturn]] void fail(const pugi::xml_node& node, const std::string& field,
                         const std::string& message) const {
    throw ParseError(file_, xml_location(text_, node), field, message);
  }

  Value convert(const AttrDecl& d, const std::string& text, const pugi::xml_node& where) const {
    return detail::convert_xml_value(d.kind, text, text_, file_, where, d.title);
  }

  /// `order` receives the ids in document order (= attribute column order).
  void declarations(const pugi::xml_node& attrs, Decls& decls, std::vector<std::string>& order) {
    for (pugi::xml_node a = attrs.first_child(); a; a = a.next_sibling()) {
      if (a.type() != pugi::node_element || local_name(a) != "attribute") continue;
      const std::string id = a.attribute("id").value();
      if (id.empty()) fail(a, "id", "attribute without id");
      if (decls.count(id)) fail(a, "id", "duplicate attribute id '" + id + "'");
      AttrDecl d;
      d.title = a.attribute("title") ? a.attribute("title").value() : id;
      for (const auto& [oid, other] : decls) {
        if (other.title == d.title) fail(a, "title", "duplicate attribute title '" + d.title + "'");
      }
      const std::string type = detail::to_lower(a.attribute("type").value());
      if (type == "integer" || type == "long" || type == "float" || type == "double" ||
          type == "short" || type == "byte" || type == "bigdecimal" || type == "biginteger") {
        d.kind = Kind::Number;
      } else if (type == "boolean") {
        d.kind = Kind::Boolean;
      } else if (type == "liststring" || type.starts_with("list")) {
        d.kind = Kind::List;
      }
      if (pugi::xml_node def = child_named(a, "default")) d.default_text = element_text(def);
      order.push_back(id);
      decls.emplace(id, std::move(d));
    }
  }

  /// (title, value) pairs of an element's attvalues plus defaults.
  std::vector<std::pair<std::string, Value>> values(const pugi::xml_node& elem,
                                                    const Decls& decls) const {
    std::vector<std::pair<std::string, Value>> out;
    std::map<std::string, bool> seen;
    if (pugi::xml_node avs = child_named(elem, "attvalues")) {
      for (pugi::xml_node av = avs.first_child(); av; av = av.next_sibling()) {
        if (av.type() != pugi::node_element || local_name(av) != "attvalue") continue;
        pugi::xml_attribute f = av.attribute("for");
        if (!f) f = av.attribute("id");  // GEXF 1.1
        auto it = decls.find(f.value());
        if (it == decls.end())
          fail(av, "for", "undeclared attribute '" + std::string(f.value()) + "'");
        if (seen[it->first]) {
          if (av.attribute("start") || av.attribute("end") || av.attribute("timestamp")) continue;
          fail(av, it->second.title, "duplicate attvalue");
        }
        seen[it->first] = true;
        if (!av.attribute("value")) fail(av, it->second.title, "attvalue without value");
        out.emplace_back(it->second.title, convert(it->second, av.attribute("value").value(), av));
      }
    }
    for (const auto& [id, d] : decls) {
      if (d.default_text && !seen[id]) out.emplace_back(d.title, convert(d, *d.default_text, elem));
    }
    return out;
  }

  Network read() {
    pugi::xml_document doc;
    detail::parse_xml(doc, text_, file_);
    pugi::xml_node root = doc.document_element();
    if (!root || local_name(root) != "gexf") {
      throw ParseError(file_, root ? xml_location(text_, root) : std::string("line 1"), "",
                       "not a GEXF document (root element <gexf> expected)");
    }
    detail::check_xml_depth(root, 64, text_, file_);
    Network net;
    if (pugi::xml_node meta = child_named(root, "meta")) {
      if (pugi::xml_node d = child_named(meta, "description")) net.title = element_text(d);
    }
    pugi::xml_node graph = child_named(root, "graph");
    if (!graph) fail(root, "", "GEXF document has no <graph>");
    const std::string det = graph.attribute("defaultedgetype").value();
    if (det == "undirected" || det == "mutual")
      net.directed = false;
    else if (!det.empty() && det != "directed") {
      fail(graph, "defaultedgetype", "must be directed, undirected or mutual");
    }
    Decls node_decls, edge_decls;
    std::vector<std::string> node_order, edge_order;
    for (pugi::xml_node c = graph.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element || local_name(c) != "attributes") continue;
      const std::string cls = c.attribute("class").value();
      if (cls == "node")
        declarations(c, node_decls, node_order);
      else if (cls == "edge")
        declarations(c, edge_decls, edge_order);
    }
    bool label_declared = false;
    for (const auto& [id, d] : node_decls)
      label_declared = label_declared || d.title == "label";
    std::vector<pugi::xml_node> nodes, edges;
    for (pugi::xml_node c = graph.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      if (local_name(c) == "nodes") {
        for (pugi::xml_node n = c.first_child(); n; n = n.next_sibling()) {
          if (n.type() == pugi::node_element && local_name(n) == "node") nodes.push_back(n);
        }
      } else if (local_name(c) == "edges") {
        for (pugi::xml_node e = c.first_child(); e; e = e.next_sibling()) {
          if (e.type() == pugi::node_element && local_name(e) == "edge") edges.push_back(e);
        }
      }
    }
    if (nodes.size() > detail::max_actors_for_input(text_.size()))
      fail(graph, "", "too many nodes");
    if (edges.size() >= 0xFFFFFFF0u) fail(graph, "", "too many edges");
    net.reserve(nodes.size(), edges.size());
    for (const auto& n : nodes) {
      const pugi::xml_attribute id = n.attribute("id");
      if (!id) fail(n, "id", "node without id");
      if (net.find_actor(id.value()))
        fail(n, "id", "duplicate node id '" + std::string(id.value()) + "'");
      if (child_named(n, "nodes")) fail(n, "", "hierarchical graphs are not supported");
      net.add_actor(id.value());
    }
    const std::size_t na = net.actor_count();
    for (const auto& id : node_order) {
      const AttrDecl& d = node_decls.at(id);
      net.actor_attrs().column(d.title, attr_type(d.kind), na);
    }
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      for (auto& [title, v] : values(nodes[i], node_decls)) {
        net.actor_attrs().find(title)->values[i] = std::move(v);
      }
      const pugi::xml_attribute label = nodes[i].attribute("label");
      if (!label_declared && label && net.actor_id(static_cast<ActorIndex>(i)) != label.value()) {
        net.set_actor_attr(static_cast<ActorIndex>(i), "label", std::string(label.value()));
      }
    }
    std::vector<std::vector<std::pair<std::string, Value>>> tie_values;
    tie_values.reserve(edges.size());
    bool weight_declared = false;
    for (const auto& [id, d] : edge_decls) {
      if (d.title == "weight") weight_declared = true;
    }
    for (const auto& e : edges) {
      ActorIndex ends[2] = {0, 0};
      const char* names[2] = {"source", "target"};
      for (int k = 0; k < 2; ++k) {
        const pugi::xml_attribute a = e.attribute(names[k]);
        if (!a || *a.value() == '\0') fail(e, names[k], "missing");
        auto found = net.find_actor(a.value());
        if (!found) fail(e, names[k], "unknown node id '" + std::string(a.value()) + "'");
        ends[k] = *found;
      }
      if (const pugi::xml_attribute type = e.attribute("type")) {
        const std::string t = type.value();
        const bool d = t == "directed";
        if (t != "directed" && t != "undirected" && t != "mutual") {
          fail(e, "type", "must be directed, undirected or mutual");
        }
        if (d != net.directed) {
          fail(e, "type",
               "mixed directed and undirected edges are not supported (defaultedgetype is " +
                   std::string(net.directed ? "directed" : "undirected") + ")");
        }
      }
      auto vals = values(e, edge_decls);
      std::string rel = e.attribute("kind").value();
      std::string wave;
      std::vector<std::pair<std::string, Value>> keep;
      for (auto& [title, v] : vals) {
        if (title == "relation" && !e.attribute("kind"))
          rel = value_to_string(v);
        else if (title == "wave")
          wave = value_to_string(v);
        else
          keep.emplace_back(title, std::move(v));
      }
      if (const pugi::xml_attribute w = e.attribute("weight")) {
        if (weight_declared) fail(e, "weight", "both a weight attribute and an attvalue 'weight'");
        auto d = detail::parse_number(detail::trim(w.value()));
        if (!d) fail(e, "weight", "'" + std::string(w.value()) + "' is not a number");
        keep.emplace_back("weight", *d);
      }
      if (!net.find_relation(rel) && net.relations().size() >= 65535)
        fail(e, "kind", "too many relations");
      if (!net.find_wave(wave) && net.waves().size() >= 65535) fail(e, "wave", "too many waves");
      if (net.relations().empty()) net.relation(rel);
      if (net.waves().empty()) net.wave(wave);
      net.add_tie(ends[0], ends[1], net.relation(rel), net.wave(wave));
      tie_values.push_back(std::move(keep));
    }
    const std::size_t m = net.tie_count();
    for (const auto& id : edge_order) {
      const AttrDecl& d = edge_decls.at(id);
      if (d.title != "relation" && d.title != "wave") {
        net.tie_attrs().column(d.title, attr_type(d.kind), m);
      }
    }
    for (std::size_t t = 0; t < m; ++t) {
      for (auto& [title, v] : tie_values[t]) {
        AttrColumn& col = net.tie_attrs().column(title, value_type(v), m);
        col.values[t] = std::move(v);
      }
    }
    return net;
  }

 private:
  std::string_view text_;
  const std::string& file_;
};

const char* gexf_type(AttrType t) {
  switch (t) {
    case AttrType::Number:
      return "double";
    case AttrType::List:
      return "liststring";
    default:
      return "string";
  }
}

}  // namespace

Network read_gexf(std::string_view text, const std::string& filename) {
  GexfReader reader(text, filename);
  return detail::read_guarded(reader, filename);
}

std::string write_gexf(const Network& network) {
  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  pugi::xml_node root = doc.append_child("gexf");
  root.append_attribute("xmlns") = "http://gexf.net/1.3";
  root.append_attribute("version") = "1.3";
  pugi::xml_node meta = root.append_child("meta");
  meta.append_child("creator").text().set("KlimaNetze");
  if (!network.title.empty()) meta.append_child("description").text().set(network.title.c_str());
  pugi::xml_node graph = root.append_child("graph");
  graph.append_attribute("mode") = "static";
  graph.append_attribute("defaultedgetype") = network.directed ? "directed" : "undirected";

  const auto& acols = network.actor_attrs().columns();
  if (!acols.empty()) {
    pugi::xml_node attrs = graph.append_child("attributes");
    attrs.append_attribute("class") = "node";
    for (std::size_t c = 0; c < acols.size(); ++c) {
      pugi::xml_node a = attrs.append_child("attribute");
      a.append_attribute("id") = ("n" + std::to_string(c)).c_str();
      a.append_attribute("title") = acols[c].name.c_str();
      a.append_attribute("type") = gexf_type(acols[c].type);
    }
  }
  bool with_wave = false;
  for (const auto& w : network.waves())
    with_wave = with_wave || !w.name.empty();
  const auto& tcols = network.tie_attrs().columns();
  // weight goes into the edge attribute when it is a number column.
  std::vector<int> written(tcols.size(), 0);  // 0 no, 1 attvalue, 2 weight attribute
  bool any_edge_attr = with_wave;
  for (std::size_t c = 0; c < tcols.size(); ++c) {
    if (tcols[c].name == "relation" || tcols[c].name == "wave") continue;
    written[c] = (tcols[c].name == "weight" && tcols[c].type == AttrType::Number) ? 2 : 1;
    any_edge_attr = any_edge_attr || written[c] == 1;
  }
  if (any_edge_attr) {
    pugi::xml_node attrs = graph.append_child("attributes");
    attrs.append_attribute("class") = "edge";
    if (with_wave) {
      pugi::xml_node a = attrs.append_child("attribute");
      a.append_attribute("id") = "wave";
      a.append_attribute("title") = "wave";
      a.append_attribute("type") = "string";
    }
    for (std::size_t c = 0; c < tcols.size(); ++c) {
      if (written[c] != 1) continue;
      pugi::xml_node a = attrs.append_child("attribute");
      a.append_attribute("id") = ("e" + std::to_string(c)).c_str();
      a.append_attribute("title") = tcols[c].name.c_str();
      a.append_attribute("type") = gexf_type(tcols[c].type);
    }
  }
  const AttrColumn* label_col = network.actor_attrs().find("label");
  pugi::xml_node nodes = graph.append_child("nodes");
  for (ActorIndex a = 0; a < network.actor_count(); ++a) {
    pugi::xml_node n = nodes.append_child("node");
    n.append_attribute("id") = network.actor_id(a).c_str();
    std::string label = network.actor_id(a);
    if (label_col != nullptr && a < label_col->values.size() &&
        std::holds_alternative<std::string>(label_col->values[a])) {
      label = std::get<std::string>(label_col->values[a]);
    }
    n.append_attribute("label") = label.c_str();
    pugi::xml_node avs;
    for (std::size_t c = 0; c < acols.size(); ++c) {
      if (a >= acols[c].values.size() || is_missing(acols[c].values[a])) continue;
      if (!avs) avs = n.append_child("attvalues");
      pugi::xml_node av = avs.append_child("attvalue");
      av.append_attribute("for") = ("n" + std::to_string(c)).c_str();
      av.append_attribute("value") = value_to_string(acols[c].values[a]).c_str();
    }
  }
  pugi::xml_node edges = graph.append_child("edges");
  for (TieIndex t = 0; t < network.tie_count(); ++t) {
    pugi::xml_node e = edges.append_child("edge");
    e.append_attribute("id") = std::to_string(t).c_str();
    e.append_attribute("source") = network.actor_id(network.tie_source(t)).c_str();
    e.append_attribute("target") = network.actor_id(network.tie_target(t)).c_str();
    const std::string& rel = network.relations()[network.tie_relation(t)].name;
    if (!rel.empty()) e.append_attribute("kind") = rel.c_str();
    pugi::xml_node avs;
    const std::string& wave = network.waves()[network.tie_wave(t)].name;
    if (with_wave && !wave.empty()) {
      avs = e.append_child("attvalues");
      pugi::xml_node av = avs.append_child("attvalue");
      av.append_attribute("for") = "wave";
      av.append_attribute("value") = wave.c_str();
    }
    for (std::size_t c = 0; c < tcols.size(); ++c) {
      if (written[c] == 0 || t >= tcols[c].values.size() || is_missing(tcols[c].values[t]))
        continue;
      if (written[c] == 2) {
        e.append_attribute("weight") = value_to_string(tcols[c].values[t]).c_str();
        continue;
      }
      if (!avs) avs = e.append_child("attvalues");
      pugi::xml_node av = avs.append_child("attvalue");
      av.append_attribute("for") = ("e" + std::to_string(c)).c_str();
      av.append_attribute("value") = value_to_string(tcols[c].values[t]).c_str();
    }
  }
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

}  // namespace kn::io
