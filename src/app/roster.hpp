#pragma once
// Roster import: the list of actors to be surveyed, uploaded by the researcher as CSV or .xlsx
// (docs/formats.md, "Roster files").
//
// The first non-empty row is the header. Columns are recognised by their header in German or
// English (case-insensitive; spaces, '-', '_', '.' and a trailing "[]" or ":string" ignored):
//   key           id, key, kürzel, schlüssel, kennung, code
//   name          name, organisation/organization, akteur/actor, bezeichnung, institution
//   kind          kind, art, typ/type, akteursart        organisation (default) | person
//   sector        sector, sektor, bereich                one of the seven sector keys
//   sub_type      sub_type, subtype, untertyp, unterart
//   contact_name  contact, contact person, kontakt, ansprechperson, ansprechpartner(in)
//   contact_email email, e-mail, mail, contact email, kontakt e-mail, e-mail-adresse
//   fields        fields, fields of action, handlungsfelder, handlungsfeld, themen
// Every other column with a header is a free attribute (kept as text). Only `name` is required.
// Values: sectors, kinds and fields of action are accepted as keys or as their German or
// English labels from the i18n catalogues (case-insensitive, "&" also written "und"/"and"), e.g.
// "Verwaltung", "Zivilgesellschaft", "Civil society", "Science and education". Fields are
// separated by '|', ';' or ','. Empty rows are skipped; cells are trimmed.
// Keys: when the key column is absent or a key cell empty, a key is generated from the name
// (ASCII slug: "Bürgerenergie Süd e.V." -> "buergerenergie-sued-e-v", made unique with "-2",
// ...). Keys and names must be unique (keys compared case-insensitively, names also ignoring
// repeated spaces).
// CSV: UTF-8 with or without BOM, ',' or ';', CRLF, RFC 4180 quoting (kn::io::read_csv_records);
// a file that is not valid UTF-8 is read as Windows-1252 (German Excel's "CSV") with a warning.
// Errors throw RosterError (a kn::ParseError naming the file, the location "line N" or "sheet S,
// cell C7" / "sheet S, row 7", and the column header as written), with the message from the
// i18n catalogue (`roster.error.*`) in the requested language. Warnings (`roster.warn.*`) are
// returned in RosterResult::problems.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/i18n.hpp"
#include "core/graph/network.hpp"
#include "core/io/xlsx.hpp"
#include "core/util/error.hpp"

namespace kn::app {

enum class ActorKind { Organisation, Person };
/// "organisation" / "person".
std::string_view actor_kind_key(ActorKind kind);

struct RosterEntry {
  std::string key;   ///< stable id (unique)
  std::string name;  ///< unique
  ActorKind kind = ActorKind::Organisation;
  std::string sector;  ///< one of kSectorKeys, or empty when the row gives none
  std::string sub_type;
  std::string contact_name;
  std::string contact_email;
  std::vector<std::string> fields;  ///< field-of-action keys, in input order, no duplicates
  /// Extra columns: (header as written, value) for every non-empty cell, in column order.
  std::vector<std::pair<std::string, std::string>> attributes;
  bool key_generated = false;  ///< key made from the name
  std::string location;        ///< "line 4" (CSV) or "sheet Akteure, row 4" (xlsx)
};

/// A warning: the entries were imported, but something deserves a look.
struct RosterProblem {
  std::string location;           ///< like RosterEntry::location; empty for the whole file
  std::string field;              ///< column header as written, or empty
  std::string message_key;        ///< i18n key, `roster.warn.*`
  std::vector<std::string> args;  ///< placeholders of the message
  std::string message;            ///< the text in RosterOptions::lang
};

struct RosterResult {
  std::vector<RosterEntry> entries;
  std::vector<RosterProblem> problems;
};

struct RosterOptions {
  Lang lang = Lang::De;                  ///< language of error and warning messages
  std::size_t max_entries = 10'000;      ///< actors in one roster
  std::size_t max_columns = 200;         ///< header columns
  std::size_t max_cell_bytes = 4'096;    ///< UTF-8 bytes of one cell
  std::size_t max_key_bytes = 128;       ///< UTF-8 bytes of a given key
  std::size_t max_csv_bytes = 4u << 20;  ///< CSV text
  io::XlsxOptions xlsx;                  ///< sheet choice and limits for .xlsx uploads
};

/// A roster error: a ParseError whose message comes from the catalogue key `message_key`
/// (`roster.error.*`) with `args`, so a caller can show it in another language too.
class RosterError : public ParseError {
 public:
  RosterError(const std::string& file, const std::string& location, const std::string& field,
              std::string message_key, std::vector<std::string> args, Lang lang);
  [[nodiscard]] const std::string& message_key() const { return key_; }
  [[nodiscard]] const std::vector<std::string>& args() const { return args_; }

 private:
  std::string key_;
  std::vector<std::string> args_;
};

/// Parses a roster from a sheet read by kn::io::read_xlsx_sheet. Throws RosterError.
RosterResult parse_roster(const io::Table& table, const std::string& filename,
                          const RosterOptions& options = {});
/// Parses a roster from CSV text. Throws RosterError.
RosterResult parse_roster(std::string_view csv_text, const std::string& filename,
                          const RosterOptions& options = {});
/// An upload: .xlsx when `bytes` is a zip archive (sheet from options.xlsx), CSV otherwise.
/// Reader errors (broken zip, CSV quoting) become RosterError `roster.error.xlsx` /
/// `roster.error.csv` keeping the reader's location and field. Throws RosterError.
RosterResult read_roster(std::string_view bytes, const std::string& filename,
                         const RosterOptions& options = {});

/// The generated key for `name` (the slug rule above, without the uniqueness suffix).
std::string roster_slug(std::string_view name);

/// The roster as a network of isolates for analysis: actor id = key; String attributes `name`,
/// `kind`, `sector` and `headline_sector` (when a sector is given), `sub_type` (when given),
/// List attribute `fields`, and the extra columns as String attributes (those named like one
/// of these are skipped). Contact names and e-mail addresses are personal data and are left
/// out (data minimisation).
Network roster_network(const std::vector<RosterEntry>& entries);

}  // namespace kn::app
