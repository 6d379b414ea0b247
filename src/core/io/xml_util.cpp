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
