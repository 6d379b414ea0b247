#pragma once
// CSV networks: a ties file and an optional actors file (RFC 4180, own parser).
//
// Reading (both files):
//   - UTF-8 with or without BOM; LF or CRLF; the separator is ',' or ';', detected from the
//     header line (the one that occurs more often outside quotes; ',' on a tie).
//   - Quoted fields may contain separators, newlines and doubled quotes ("").
//   - An UNQUOTED empty field is a missing value; a QUOTED empty field ("") is the empty string
//     (or the empty list). Completely empty lines are skipped. Every record must have as many
//     fields as the header.
//   - Column types: a header `name[]` declares a List column ('|'-separated items);
//     `name:string` / `name:number` force the type; otherwise a column is Number when every
//     non-empty value parses as a number (and there is at least one), else String.
// Ties file: header `source,target[,relation][,wave][,directed][,...]` (reserved names are
//   matched case-insensitively, in any column order). Empty source/target is an error. Every
//   other column becomes a tie attribute (e.g. `weight`). The optional column `directed` holds
//   one boolean (true/false/1/0/yes/no) for the whole network; mixed values are an error.
//   Actors named in ties but not in the actors file are added in order of appearance.
//   A file whose header has `id` but no `source`/`target` is read as an actors-only network.
// Actors file: header `id[,name][,sector][,...]`; every other column is an actor attribute.
//   Empty or duplicate ids are errors.
// Writing: RFC 4180 quoting (only when needed: a cell with , ; " or a line break), LF line ends, no
// BOM; list columns get `[]`,
//   string columns that would read back as numbers get `:string`; missing = empty, empty string
//   = "". `directed` column written only for undirected networks with ties. Lossless for
//   actors, actor/tie attributes, relations and waves used by ties; drops the title, unused
//   relations/waves and affiliations (see docs/formats.md).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/graph/network.hpp"

namespace kn::io {

/// Reads a ties CSV (and, if `actors_text` is non-empty, an actors CSV first, which fixes the
/// actor order). Throws kn::ParseError naming file, line and field.
Network read_csv(std::string_view ties_text, const std::string& ties_filename,
                 std::string_view actors_text = {}, const std::string& actors_filename = {});

/// Reads an actors CSV and joins its attributes by id onto `network`; ids not yet in the
/// network are added as isolates. On error the network is left unchanged.
void join_actors_csv(Network& network, std::string_view text, const std::string& filename);

/// One record of a CSV file, as read by the reader above (for callers with their own columns,
/// such as the roster import): the fields' text and whether each was quoted, and the 1-based
/// line where the record starts.
struct CsvRecord {
  std::vector<std::string> fields;
  std::vector<bool> quoted;
  std::size_t line = 0;
};

/// Reads every non-empty record (the header included) with the reading rules above: BOM,
/// ',' or ';' detected from the first line, quoting, CRLF; blank lines skipped. No column
/// count or type checks. Throws kn::ParseError on broken quoting, or when the file has more
/// than `max_fields` fields in all (a cap on memory for hostile input).
std::vector<CsvRecord> read_csv_records(std::string_view text, const std::string& filename,
                                        std::size_t max_fields = 10'000'000);

struct CsvWriteOptions {
  char separator = ',';
  /// Defuse spreadsheet formulas: a text cell beginning with = + - @ (that is not a number)
  /// gets a leading apostrophe. The reader does not strip it, so this is NOT lossless; off by
  /// default (and for `klimanetze convert`).
  bool spreadsheet_safe = false;
};

std::string write_ties_csv(const Network& network, const CsvWriteOptions& options = {});
std::string write_actors_csv(const Network& network, const CsvWriteOptions& options = {});

}  // namespace kn::io
