#pragma once
// Pajek .net and .paj reader and writer.
//
// Reading (keywords case-insensitive; lines starting with % are comments; CRLF and BOM ok):
//   - *Vertices n: vertex lines `i "label" [x y z] [...]` (label quoted, or one unquoted token;
//     UTF-8). Actor id = label; unlisted vertices get their number as id. Duplicate labels in
//     one network are errors. n, summed over all blocks, is bounded (no huge allocation on
//     hostile input).
//   - *Arcs / *Edges lines `i j [w] [...]`; *Arcslist / *Edgeslist lines `i j k ...`;
//     *Matrix: n rows of n values (non-zero = tie, value != 1 -> weight). A third column w ->
//     tie attribute `weight`. `*Arcs :k "name"` names a relation.
//   - The network is undirected when it has only *Edges(list) ties, directed otherwise; a file
//     mixing arcs and edges is read as directed with every edge as two arcs.
//   - .paj: several *Network blocks -> one relation per block (named after the block) when
//     there are two or more blocks; vertices of all blocks are matched by label. A single
//     block's name is the network title. *Partition name / *Vector name + *Vertices n + n values
//     -> Number actor attribute `name` (vertex i = i-th vertex of the first network).
//   - Other sections (*Permutation, *Cluster, *Hierarchy, ...) are skipped.
// Writing: `*Network title`, *Vertices with quoted labels (a '"' in a label becomes '\'',
//   line breaks become spaces), ties grouped by relation as `*Arcs :k "relation"` (*Edges for
//   undirected networks), Number tie attribute `weight` as third column. With
//   `with_vectors` (.paj), Number actor attributes without missing values follow as
//   *Partition (all integers) or *Vector. Drops string/list attributes, waves, affiliations.

#include <string>
#include <string_view>

#include "core/graph/network.hpp"

namespace kn::io {

Network read_pajek(std::string_view text, const std::string& filename);
/// `with_vectors`: append *Partition/*Vector blocks (.paj).
std::string write_pajek(const Network& network, bool with_vectors = false);

}  // namespace kn::io
