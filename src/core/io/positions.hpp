#pragma once
// Positions files: one row per actor with its map coordinates, as `klimanetze layout` writes
// them and `klimanetze layout --initial` / `layout-quality` read them.
//
//   id,x,y
//   a017,12.5,-3.25
//
// Reading rules: those of the CSV reader (core/io/csv.hpp: BOM, ',' or ';' from the first line,
// quoting, CRLF, blank lines skipped); the header names the columns id, x and y in any order
// (further columns are ignored); x and y are finite decimal numbers ('.' as decimal point). Every
// error is a kn::ParseError naming the file, line and field: no header, a missing field, an
// unknown or repeated actor, a coordinate that is not a finite number, and (require_all) an
// actor of the network without a row.

#include <string>
#include <string_view>
#include <vector>

#include "core/graph/network.hpp"

namespace kn::io {

struct Positions {
  std::vector<double> x, y;  ///< per actor of the network; NaN = no row for it
};

Positions read_positions(std::string_view text, const std::string& filename, const Network& network,
                         bool require_all);

/// "id,x,y" rows for every actor, shortest exact decimal forms (a round trip is bit-identical).
std::string write_positions(const Network& network, const std::vector<double>& x,
                            const std::vector<double>& y);

}  // namespace kn::io
