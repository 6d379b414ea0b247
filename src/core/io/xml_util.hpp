#pragma once
// pugixml helpers shared by the GraphML and GEXF readers (internal to kn_io).

#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "core/graph/network.hpp"
#include "core/util/error.hpp"

namespace kn::io::detail {

/// Parses XML text; throws ParseError with line on malformed XML.
void parse_xml(pugi::xml_document& doc, std::string_view text, const std::string& file);
/// "line N, element <name id="...">" for error messages.
std::string xml_location(std::string_view text, const pugi::xml_node& node);
/// Local name without namespace prefix ("y:ShapeNode" -> "ShapeNode").
std::string_view local_name(const pugi::xml_node& node);
/// Declared type of a GraphML key / GEXF attribute; Boolean is stored as the strings
/// "true"/"false".
enum class XmlValueKind { String, Number, Boolean, List };
/// The model's column type for a declared kind.
AttrType attr_type(XmlValueKind kind);
/// Concatenated text and CDATA children of an element.
std::string element_text(const pugi::xml_node& node);
/// Converts an attribute's text by its declared kind; throws ParseError naming the file, the
/// element (line) and `field` when a number or boolean does not parse.
Value convert_xml_value(XmlValueKind kind, const std::string& text, std::string_view doc_text,
                        const std::string& file, const pugi::xml_node& where,
                        const std::string& field);
/// Rejects element nesting deeper than `max_depth` (pugixml itself is iterative, but keeps
/// the documents we accept sane).
void check_xml_depth(const pugi::xml_node& root, std::size_t max_depth, std::string_view text,
                     const std::string& file);

}  // namespace kn::io::detail
