#pragma once
// Reading one worksheet of an Excel .xlsx workbook (Office Open XML, SpreadsheetML) into a table
// of UTF-8 strings. Own code on libzip + pugixml (Debian 12 has no xlsx reader library).
//
// What is read:
//   - the workbook part (found through _rels/.rels, default xl/workbook.xml), its sheet list and
//     xl/_rels/workbook.xml.rels to find each sheet's part (fallback
//     xl/worksheets/sheet<N>.xml) and the shared strings part (default xl/sharedStrings.xml);
//   - cells: shared strings (t="s", including rich-text runs <r><t>, without phonetic runs
//     <rPh>), inline strings (t="inlineStr"), formula string results (t="str"), booleans
//     (t="b": "TRUE" / "FALSE"), errors (t="e": the error text, e.g. "#N/A"), ISO dates
//     (t="d": the text as stored) and numbers (t="n" or no type). Numbers are written back as
//     text: integers below 2^53 in plain digits ("12", "49301234567"), everything else in the
//     shortest text that reads back to the same double ("0.1", "1e+300"). Date-formatted
//     numbers stay as their serial number (e.g. 46023 for 2026-01-01): the reader does not
//     interpret number formats. Formulas are not evaluated; the cached value is used.
//   - Excel's _xHHHH_ escapes (e.g. _x000D_) in strings are decoded.
//   - cell references (A1 .. XFD1048576): missing cells become empty strings and skipped rows
//     empty rows, so rows[r][c] is the cell in row r+1, column c+1. Rows are only as long as
//     their last non-empty cell; trailing empty rows are dropped. Cells and rows without a
//     reference follow the previous one.
// Defences against hostile files (ASVS 5.2.3; limits in XlsxLimits): compressed size, number
// of zip entries, every read entry's uncompressed size (the declared size is checked before
// inflating, and inflating stops as soon as the cap is passed, whatever was declared), number
// of cells (padding of sparse cells counted), total cell text (a shared string used many times
// counts each time), row and column indices. DTD entities are not expanded (pugixml never does)
// and no external resource is loaded. Encrypted or password-protected entries are rejected.
// Errors: kn::ParseError naming the file, the location (e.g. "sheet Roster, cell C7" or the
// zip entry "xl/workbook.xml") and the field.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kn::io {

struct XlsxLimits {
  std::size_t max_input_bytes = 16u << 20;  ///< the .xlsx file itself (compressed)
  std::size_t max_entries = 1000;           ///< entries in the zip directory
  std::size_t max_entry_bytes = 16u << 20;  ///< uncompressed size of each entry read
  std::size_t max_cells = 1'000'000;        ///< cells in the table, empty padding included
  std::size_t max_text_bytes = 64u << 20;   ///< total UTF-8 text of all cells
  std::uint32_t max_rows = 1'048'576;       ///< highest row number (Excel's own limit)
  std::uint32_t max_columns = 16'384;       ///< highest column number (XFD, Excel's limit)
  std::size_t max_sheets = 1000;            ///< sheets in the workbook
};

struct XlsxOptions {
  /// Sheet to read by name (exact match first, then ASCII case-insensitive); empty: by index.
  std::string sheet_name;
  /// 0-based position in the workbook's sheet list, used when sheet_name is empty.
  std::size_t sheet_index = 0;
  XlsxLimits limits;
};

/// One worksheet as text.
struct Table {
  std::string sheet;                           ///< sheet name as in the workbook
  std::vector<std::vector<std::string>> rows;  ///< rows[r][c]: row r+1, column c+1
};

/// Reads one sheet of an .xlsx file held in memory. `filename` is used in error messages only.
/// Throws kn::ParseError.
Table read_xlsx_sheet(std::string_view bytes, const std::string& filename,
                      const XlsxOptions& options = {});
/// Reads the file at `path` (at most limits.max_input_bytes), then as above.
Table read_xlsx_sheet_file(const std::string& path, const XlsxOptions& options = {});
/// The names of the workbook's sheets, in workbook order. Throws kn::ParseError.
std::vector<std::string> list_xlsx_sheets(std::string_view bytes, const std::string& filename,
                                          const XlsxLimits& limits = {});

/// "A1"-style reference of a 0-based (row, column): (6, 2) -> "C7".
std::string cell_reference(std::size_t row, std::size_t column);
/// Parses "C7" (letters then digits, upper or lower case) into 0-based (row, column); nullopt
/// for malformed references or ones beyond (max_rows, max_columns).
struct CellPos {
  std::uint32_t row = 0;
  std::uint32_t column = 0;
};
std::optional<CellPos> parse_cell_reference(std::string_view ref,
                                            std::uint32_t max_rows = 1'048'576,
                                            std::uint32_t max_columns = 16'384);
/// True when `bytes` starts like a zip file ("PK\3\4"), e.g. to tell .xlsx from CSV uploads.
bool looks_like_zip(std::string_view bytes);

}  // namespace kn::io
