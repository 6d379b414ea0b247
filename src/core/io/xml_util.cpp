#include "core/io/xml_util.hpp"

#include <vector>

#include "core/io/text_util.hpp"

namespace kn::io::detail {

void parse_xml(pugi::xml_document& doc, std::string_view text, const std::string& file) {
  const pugi::xml_parse_result res =
      doc.load_buffer(text.data(), text.size(), pugi::parse_default | pugi::parse_ws_pcdata_single,
                      pugi::encoding_utf8);
  if (!res) {
    const std::size_t offset = res.offset < 0 ? 0 : static_cast<std::size_t>(res.offset);
    throw parse_error_at_line(file, line_of_offset(text, offset), "",
                              std::string("malformed XML: ") + res.description());
  }
}

AttrType attr_type(XmlValueKind kind) {
  switch (kind) {
    case XmlValueKind::Number:
      return AttrType::Number;
    case XmlValueKind::List:
      return AttrType::List;
    default:
      return AttrType::String;
  }
}

std::string element_text(const pugi::xml_node& node) {
  std::string out;
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
  }
  return out;
}

Value convert_xml_value(XmlValueKind kind, const std::string& text, std::string_view doc_text,
                        const std::string& file, const pugi::xml_node& where,
                        const std::string& field) {
  switch (kind) {
    case XmlValueKind::Number: {
      auto d = parse_number(trim(text));
      if (!d)
        throw ParseError(file, xml_location(doc_text, where), field,
                         "'" + text + "' is not a number");
      return *d;
    }
    case XmlValueKind::Boolean: {
      const std::string t = to_lower(trim(text));
      if (t == "true" || t == "1") return std::string("true");
      if (t == "false" || t == "0") return std::string("false");
      throw ParseError(file, xml_location(doc_text, where), field,
                       "'" + text + "' is not a boolean");
    }
    case XmlValueKind::List:
      return split_list(text);
    default:
      return text;
  }
}

std::string xml_location(std::string_view text, const pugi::xml_node& node) {
  std::string out;
  const std::ptrdiff_t off = node.offset_debug();
  if (off >= 0)
    out = "line " + std::to_string(line_of_offset(text, static_cast<std::size_t>(off))) + ", ";
  out += "element <";
  out += node.name();
  if (const auto id = node.attribute("id")) {
    out += " id=\"";
    out += id.value();
    out += "\"";
  }
  out += ">";
  return out;
}

std::string_view local_name(const pugi::xml_node& node) {
  std::string_view n = node.name();
  const auto colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

void check_xml_depth(const pugi::xml_node& root, std::size_t max_depth, std::string_view text,
                     const std::string& file) {
  std::vector<std::pair<pugi::xml_node, std::size_t>> stack{{root, 0}};
  while (!stack.empty()) {
    auto [node, depth] = stack.back();
    stack.pop_back();
    if (depth > max_depth) {
      throw ParseError(file, xml_location(text, node), "", "XML nested too deeply");
    }
    for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
      if (child.type() == pugi::node_element) stack.emplace_back(child, depth + 1);
    }
  }
}

}  // namespace kn::io::detail
