#pragma once
// GraphML reader and writer (pugixml; never igraph's reader on untrusted input).
//
// Reading:
//   - <key> elements are mapped by attr.name (the key id when attr.name is absent); attr.type
//     int/long/float/double -> Number, string -> String, boolean -> String "true"/"false".
//     A key carrying the KlimaNetze marker kn:type="list" is a List stored '|'-joined.
//     <default> values apply to elements without that <data>.
//   - The first <graph>: edgedefault="undirected" makes the network undirected (default:
//     directed). A per-edge `directed` attribute that contradicts edgedefault is an error
//     (mixed graphs are not supported).
//   - node id = actor id (duplicates are errors); node <data> -> actor attributes.
//   - edge source/target must be node ids (error otherwise); edge data `relation` -> relation,
//     `wave` -> wave, everything else (incl. `weight`) -> tie attributes.
//   - graph data `title` -> network title; other graph data is ignored. Nested graphs and
//     hyperedges are errors; ports and foreign elements (yFiles etc.) are ignored.
// Writing: one key per attribute column (Number -> double, String -> string, List -> string +
//   kn:type="list"), relation/wave keys when any name is non-empty, missing values omitted.
//   Lossless for actors, typed attributes, relations and waves used by ties and the title;
//   drops affiliations, unused relations/waves, and tie attributes named `relation`/`wave`.

#include <string>
#include <string_view>

#include "core/graph/network.hpp"

namespace kn::io {

Network read_graphml(std::string_view text, const std::string& filename);
std::string write_graphml(const Network& network);

}  // namespace kn::io
