#pragma once
// GEXF 1.3 reader and writer (pugixml). Also reads GEXF 1.1/1.2 files of the same shape.
//
// Reading:
//   - <graph defaultedgetype="directed|undirected|mutual"> (default directed; mutual reads as
//     undirected). An edge `type` contradicting it is an error (mixed graphs unsupported).
//   - <attributes class="node|edge"> declare attributes by id; they are mapped by `title`
//     (the id when title is absent). Types integer/long/float/double/short/byte -> Number;
//     boolean -> String "true"/"false"; liststring (and list types) -> List ('|'-separated);
//     string/anyURI/other -> String. <default> values apply to elements without that attvalue.
//   - node id = actor id (duplicates are errors); node attvalues -> actor attributes; a node
//     `label` that differs from its id becomes actor attribute `label` unless a `label`
//     attribute is declared.
//   - edge source/target must be node ids; edge `weight` -> tie attribute `weight` (Number);
//     edge `kind` -> relation (else an attvalue titled `relation`); attvalue `wave` -> wave;
//     other attvalues -> tie attributes. Dynamic spells are ignored.
//   - <meta><description> -> network title.
// Writing: GEXF 1.3, node label = actor attribute `label` if present, else the id; tie
//   attribute `weight` (Number) -> edge weight; relation -> edge `kind`; wave -> attvalue.
//   Lossless for actors, typed attributes, relations/waves used by ties and the title; drops
//   affiliations and unused relations/waves.

#include <string>
#include <string_view>

#include "core/graph/network.hpp"

namespace kn::io {

Network read_gexf(std::string_view text, const std::string& filename);
std::string write_gexf(const Network& network);

}  // namespace kn::io
