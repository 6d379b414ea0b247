#pragma once
// A generic Excel .xlsx workbook writer on libxlsxwriter: named sheets of plain tables (a header
// row and rows of text, numbers or empty cells), used by the report downloads.
//
// What is written:
//   - one worksheet per Sheet, in order; a non-empty header row bold and frozen (freeze panes
//     below row 1) with an autofilter over the header and every row (without a header: neither);
//     optional column widths (Excel's character units, at most 255; zero, negative or NaN widths
//     keep the default);
//   - numbers as numbers; NaN and ±inf as empty cells (undefined = NaN in the engine). Note that
//     libxlsxwriter 1.1.4 (Debian 12, built without its dtoa option) writes numbers with
//     printf("%.16G"): 16 significant digits, so a double that needs 17 digits comes back
//     rounded in the last place (0.1 + 0.2 reads as 0.3), and the C locale's LC_NUMERIC must
//     keep '.' as the decimal point (KlimaNetze never calls setlocale);
//   - strings as UTF-8 strings, always as shared strings and never as formulas, whatever they
//     start with (= + - @: no CSV/xlsx formula injection). Invalid UTF-8, NUL and the
//     non-characters U+FFFE/U+FFFF become U+FFFD; literal text of the form _xHHHH_ is escaped as
//     _x005F_xHHHH_ so Excel shows it unchanged; control characters are escaped by libxlsxwriter.
//     Strings longer than Excel's cell limit of 32,767 characters (counted in UTF-16 code units
//     as Excel does, which also keeps libxlsxwriter's code-point count below its limit) are cut
//     at a character boundary and end with the marker "[…]"; empty strings leave the cell empty;
//   - document properties title and author (control characters replaced by spaces).
// Sheet names go through sheet_name() (Excel's rules, unique in the workbook), so any Sheet::name
// is accepted. The file is written to a temporary file beside the target (created with the
// process umask) and renamed onto it, so a failed write never leaves a half file.
// Errors: std::runtime_error naming the path and the cause (libxlsxwriter's lxw_strerror text,
// or the system error); also when a sheet has more rows or columns than Excel allows.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace kn::report {

/// One cell: empty, text (UTF-8) or a number.
using Cell = std::variant<std::monostate, std::string, double>;

struct Sheet {
  std::string name;                     ///< wanted name; made valid and unique by sheet_name()
  std::vector<std::string> header;      ///< first row, bold and frozen; may be empty
  std::vector<std::vector<Cell>> rows;  ///< data rows below the header; rows may differ in length
  std::vector<double> widths;           ///< optional column widths from column A on
};

struct Workbook {
  std::vector<Sheet> sheets;  ///< at least one sheet is written (an empty "Sheet" if none given)
  std::string title, author;  ///< document properties; empty ones are left out
};

/// Excel's cell text limit (characters = UTF-16 code units).
inline constexpr std::size_t kMaxCellChars = 32'767;
/// Excel's sheet name limit (characters = UTF-16 code units).
inline constexpr std::size_t kMaxSheetNameChars = 31;

/// Writes the workbook to `path` (via a temporary file beside it and a rename). Throws
/// std::runtime_error naming the path.
void write_workbook(const Workbook& workbook, const std::string& path);

/// The .xlsx file as bytes (written to a temporary file that is removed afterwards), e.g. for an
/// HTTP download. Throws std::runtime_error.
std::string workbook_bytes(const Workbook& workbook);

/// A valid Excel sheet name for `wanted` that differs from every name in `taken`:
///   - invalid UTF-8 and control characters become '_', as do the forbidden [ ] : * ? / \ ;
///   - leading and trailing spaces and apostrophes are removed (Excel forbids the apostrophes);
///   - an empty result becomes "Sheet";
///   - at most 31 characters (UTF-16 code units, Excel's count; libxlsxwriter counts code
///     points, which is never more), cut at a character boundary;
///   - unique case-insensitively (ASCII, Latin-1 and Latin Extended-A letters, so "Ä" clashes
///     with "ä"); "History", reserved by Excel, counts as taken. A clash appends " (2)", " (3)",
///     … shortening the name to keep within 31 characters.
std::string sheet_name(std::string_view wanted, const std::vector<std::string>& taken);

}  // namespace kn::report
