#pragma once
// UCINET DL reader and writer (one-mode data).
//
// Reading: header `dl n=N [nm=M] [format=fullmatrix|edgelist1|nodelist1]` (keywords
//   case-insensitive, '=' with or without blanks, comma or blank separators, across lines),
//   optional `labels embedded`, `labels:` / `row labels:` (N labels), `column labels:` (ignored
//   for one-mode data), `matrix labels:` (M relation names), then `data:`.
//   - fullmatrix (default): M matrices of N x N values, free format; with labels embedded each
//     matrix starts with N column labels and each row with its row label. Non-zero = tie.
//   - edgelist1: one tie per line `i j [value]` (1-based numbers, or labels when labels are
//     embedded); with M > 1 matrices are separated by a line `!`.
//   - nodelist1: one line per ego `i j k ...` (ties i->j, i->k).
//   Actor ids are the labels, else the numbers 1..N. DL has no direction flag: the network is
//   directed. If any tie value differs from 1, every tie gets the Number attribute `weight`.
//   Two-mode files (nr/nc) are rejected with an error.
// Writing: n <= 200 -> fullmatrix with labels embedded (cell = sum of the `weight` values of
//   the ties of that pair and relation, or their count); larger -> edgelist1 with a `labels:`
//   section and 1-based numbers (one line per tie, `weight` as third column when present).
//   nm/matrix labels for several relations. Drops attributes other than weight, waves,
//   affiliations, the title and direction (see docs/formats.md).

#include <string>
#include <string_view>

#include "core/graph/network.hpp"

namespace kn::io {

Network read_ucinet_dl(std::string_view text, const std::string& filename);
/// `fullmatrix_max_n`: largest n written as fullmatrix (else edgelist1).
std::string write_ucinet_dl(const Network& network, std::size_t fullmatrix_max_n = 200);

}  // namespace kn::io
