// The xlsx workbook writer on libxlsxwriter (see workbook.hpp): cell text preparation, Excel's
// sheet name rules, and the write through a temporary file beside the target.
// SPDX-License-Identifier: GPL-3.0-or-later

#include "report/workbook.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "core/io/xlsx.hpp"
#include "core/util/utf8.hpp"

namespace kn::report {
namespace {

constexpr std::uint32_t kReplacement = 0xFFFD;
constexpr std::string_view kCutMarker = "[\u2026]";  // "[…]", 3 characters
constexpr std::size_t kCutMarkerChars = 3;

/// Excel counts characters in UTF-16 code units: one for the BMP, two above it.
std::size_t utf16_units(std::uint32_t cp) {
  return cp >= 0x10000 ? 2 : 1;
}

/// The code point at s[i] and its length; invalid UTF-8 yields U+FFFD for one byte.
std::uint32_t next_code_point(std::string_view s, std::size_t i, std::size_t& length) {
  std::uint32_t cp = 0;
  length = utf8_decode(s, i, cp);
  if (length == 0) {
    length = 1;
    return kReplacement;
  }
  return cp;
}

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/// True when s[i..] is an Excel escape _xHHHH_ that a reader would decode.
bool looks_like_escape(std::string_view s, std::size_t i) {
  if (i + 7 > s.size() || s[i] != '_' || s[i + 1] != 'x' || s[i + 6] != '_') return false;
  return is_hex(s[i + 2]) && is_hex(s[i + 3]) && is_hex(s[i + 4]) && is_hex(s[i + 5]);
}

/// Cell text as libxlsxwriter gets it (see workbook.hpp): valid UTF-8, literal escapes
/// protected, cut to Excel's limit with the marker. The limit holds both for Excel's count
/// (UTF-16 code units of the text as shown) and libxlsxwriter's (code points of the string
/// passed, escapes included).
std::string cell_text(std::string_view in) {
  constexpr std::size_t kBudget = kMaxCellChars - kCutMarkerChars;
  std::string out;
  std::size_t excel_chars = 0, lxw_chars = 0;
  std::size_t cut_at = 0;  // out.size() at the last point within the kBudget
  for (std::size_t i = 0; i < in.size();) {
    std::size_t length = 0;
    std::uint32_t cp = next_code_point(in, i, length);
    if (cp == 0 || cp == 0xFFFE || cp == 0xFFFF) cp = kReplacement;
    const bool escape = cp == '_' && looks_like_escape(in, i);
    excel_chars += utf16_units(cp);
    lxw_chars += escape ? 7 : 1;  // "_x005F" + "_"
    if (excel_chars > kMaxCellChars || lxw_chars > kMaxCellChars) {
      out.resize(cut_at);
      out += kCutMarker;
      return out;
    }
    if (escape) out += "_x005F";
    append_utf8(out, cp);
    if (excel_chars <= kBudget && lxw_chars <= kBudget) cut_at = out.size();
    i += length;
  }
  return out;
}

/// Document property text: valid UTF-8 without control characters.
std::string property_text(std::string_view in) {
  std::string out;
  for (std::size_t i = 0; i < in.size();) {
    std::size_t length = 0;
    std::uint32_t cp = next_code_point(in, i, length);
    if (cp < 0x20 || cp == 0x7F) cp = ' ';
    if (cp == 0xFFFE || cp == 0xFFFF) cp = kReplacement;
    append_utf8(out, cp);
    i += length;
  }
  return out;
}

// --- sheet names ---

/// Simple case folding for the uniqueness check: ASCII, Latin-1 and Latin Extended-A.
std::uint32_t fold(std::uint32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 0x20;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 0x20;
  if (cp == 0x178) return 0xFF;  // Ÿ
  const bool pairs_even_upper = (cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177);
  const bool pairs_odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
  if ((pairs_even_upper && cp % 2 == 0) || (pairs_odd_upper && cp % 2 == 1)) return cp + 1;
  return cp;
}

std::string folded_key(std::string_view name) {
  std::string key;
  for (std::size_t i = 0; i < name.size();) {
    std::size_t length = 0;
    append_utf8(key, fold(next_code_point(name, i, length)));
    i += length;
  }
  return key;
}

bool forbidden_in_sheet_name(std::uint32_t cp) {
  switch (cp) {
    case '[':
    case ']':
    case ':':
    case '*':
    case '?':
    case '/':
    case '\\':
      return true;
    default:
      return cp < 0x20 || cp == 0x7F || cp == 0xFFFE || cp == 0xFFFF;
  }
}

using CodePoints = std::vector<std::uint32_t>;

void trim(CodePoints& cps) {
  const auto strip = [](std::uint32_t cp) { return cp == ' ' || cp == '\''; };
  while (!cps.empty() && strip(cps.back()))
    cps.pop_back();
  std::size_t first = 0;
  while (first < cps.size() && strip(cps[first]))
    ++first;
  cps.erase(cps.begin(), cps.begin() + static_cast<std::ptrdiff_t>(first));
}

/// The longest prefix of at most `units` UTF-16 code units, trailing spaces/apostrophes removed.
CodePoints cut_to(const CodePoints& cps, std::size_t units) {
  CodePoints out;
  std::size_t used = 0;
  for (const std::uint32_t cp : cps) {
    used += utf16_units(cp);
    if (used > units) break;
    out.push_back(cp);
  }
  trim(out);
  return out;
}

std::string encode(const CodePoints& cps) {
  std::string out;
  for (const std::uint32_t cp : cps)
    append_utf8(out, cp);
  return out;
}

// --- files ---

[[noreturn]] void fail(const std::string& path, const std::string& cause) {
  throw std::runtime_error("cannot write workbook " + path + ": " + cause);
}

void check(lxw_error error, const std::string& path, const std::string& what) {
  if (error != LXW_NO_ERROR) fail(path, what + ": " + lxw_strerror(error));
}

/// Creates a new empty file named `prefix` + a random tag + `suffix` (O_EXCL, mode 0666 minus
/// the umask) and returns its path. Throws naming `display_path` when that fails.
std::string create_unique_file(const std::string& prefix, const std::string& suffix,
                               const std::string& display_path) {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  for (int attempt = 0; attempt < 100; ++attempt) {
    char tag[17];
    std::snprintf(tag, sizeof tag, "%016llx", static_cast<unsigned long long>(rng()));
    std::string candidate = prefix;
    candidate += tag;
    candidate += suffix;
    const int fd = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) {
      ::close(fd);
      return candidate;
    }
    if (errno != EEXIST) fail(display_path, std::strerror(errno));
  }
  fail(display_path, "no unique temporary file name");
}

/// Removes the file on scope exit unless released.
class TempFile {
 public:
  explicit TempFile(std::string path) : path_(std::move(path)) {}
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (!path_.empty()) std::remove(path_.c_str());
  }
  [[nodiscard]] const std::string& path() const { return path_; }
  void release() { path_.clear(); }

 private:
  std::string path_;
};

/// Owns an lxw_workbook until workbook_close() takes it.
class BookHandle {
 public:
  explicit BookHandle(lxw_workbook* book) : book_(book) {}
  BookHandle(const BookHandle&) = delete;
  BookHandle& operator=(const BookHandle&) = delete;
  ~BookHandle() {
    if (book_ != nullptr) lxw_workbook_free(book_);
  }
  [[nodiscard]] lxw_workbook* get() const { return book_; }
  lxw_error close() {
    lxw_workbook* book = book_;
    book_ = nullptr;
    return workbook_close(book);  // frees the workbook, also on error
  }

 private:
  lxw_workbook* book_;
};

void write_cell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const Cell& cell,
                lxw_format* format, const std::string& path, const std::string& sheet_label) {
  lxw_error error = LXW_NO_ERROR;
  if (const auto* number = std::get_if<double>(&cell)) {
    if (std::isfinite(*number)) error = worksheet_write_number(sheet, row, col, *number, format);
  } else if (const auto* text = std::get_if<std::string>(&cell)) {
    const std::string prepared = cell_text(*text);
    if (!prepared.empty())
      error = worksheet_write_string(sheet, row, col, prepared.c_str(), format);
    else if (format != nullptr)
      error = worksheet_write_blank(sheet, row, col, format);
  }
  if (error != LXW_NO_ERROR)
    check(error, path, "sheet " + sheet_label + ", cell " + io::cell_reference(row, col));
}

/// Writes the workbook with libxlsxwriter to `file`; errors name `path`.
void write_file(const Workbook& workbook, const std::string& file, const std::string& path) {
  BookHandle book(workbook_new(file.c_str()));
  if (book.get() == nullptr) fail(path, "libxlsxwriter could not create the workbook");

  std::string title = property_text(workbook.title);
  std::string author = property_text(workbook.author);
  lxw_doc_properties properties{};
  if (!title.empty()) properties.title = title.data();
  if (!author.empty()) properties.author = author.data();
  check(workbook_set_properties(book.get(), &properties), path, "document properties");

  lxw_format* bold = workbook_add_format(book.get());
  if (bold == nullptr) fail(path, "libxlsxwriter could not create a format");
  format_set_bold(bold);

  static const std::vector<Sheet> default_sheets{Sheet{}};
  const std::vector<Sheet>& sheets = workbook.sheets.empty() ? default_sheets : workbook.sheets;
  std::vector<std::string> taken;
  for (const Sheet& sheet : sheets) {
    const std::string name = sheet_name(sheet.name, taken);
    taken.push_back(name);
    std::size_t columns = sheet.header.size();
    for (const auto& row : sheet.rows)
      columns = std::max(columns, row.size());
    const std::size_t header_rows = sheet.header.empty() ? 0 : 1;
    const std::size_t rows = header_rows + sheet.rows.size();
    if (rows > LXW_ROW_MAX)
      fail(path, "sheet " + name + " has " + std::to_string(rows) + " rows, Excel allows " +
                     std::to_string(LXW_ROW_MAX));
    if (columns > LXW_COL_MAX)
      fail(path, "sheet " + name + " has " + std::to_string(columns) + " columns, Excel allows " +
                     std::to_string(LXW_COL_MAX));

    lxw_worksheet* ws = workbook_add_worksheet(book.get(), name.c_str());
    if (ws == nullptr) fail(path, "libxlsxwriter refused the sheet name " + name);

    for (std::size_t c = 0; c < sheet.widths.size() && c < LXW_COL_MAX; ++c) {
      const double width = sheet.widths[c];
      if (!std::isfinite(width) || width <= 0) continue;
      const auto col = static_cast<lxw_col_t>(c);
      check(worksheet_set_column(ws, col, col, std::min(width, 255.0), nullptr), path,
            "sheet " + name + ", column width");
    }
    for (std::size_t c = 0; c < sheet.header.size(); ++c)
      write_cell(ws, 0, static_cast<lxw_col_t>(c), Cell{sheet.header[c]}, bold, path, name);
    for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
      const auto row = static_cast<lxw_row_t>(header_rows + r);
      for (std::size_t c = 0; c < sheet.rows[r].size(); ++c)
        write_cell(ws, row, static_cast<lxw_col_t>(c), sheet.rows[r][c], nullptr, path, name);
    }
    if (header_rows == 1) {
      worksheet_freeze_panes(ws, 1, 0);
      check(worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(rows - 1),
                                 static_cast<lxw_col_t>(columns - 1)),
            path, "sheet " + name + ", autofilter");
    }
  }
  check(book.close(), path, "writing the file");
}

}  // namespace

std::string sheet_name(std::string_view wanted, const std::vector<std::string>& taken) {
  CodePoints cps;
  for (std::size_t i = 0; i < wanted.size();) {
    std::size_t length = 0;
    std::uint32_t cp = next_code_point(wanted, i, length);
    if (cp == kReplacement && length == 1) cp = '_';  // invalid UTF-8
    if (forbidden_in_sheet_name(cp)) cp = '_';
    cps.push_back(cp);
    i += length;
  }
  trim(cps);
  if (cps.empty()) cps = {'S', 'h', 'e', 'e', 't'};
  cps = cut_to(cps, kMaxSheetNameChars);

  std::set<std::string> keys{folded_key("History")};
  for (const std::string& name : taken)
    keys.insert(folded_key(name));
  std::string candidate = encode(cps);
  for (int n = 2; keys.count(folded_key(candidate)) != 0; ++n) {
    const std::string suffix = " (" + std::to_string(n) + ")";
    candidate = encode(cut_to(cps, kMaxSheetNameChars - suffix.size())) + suffix;
  }
  return candidate;
}

void write_workbook(const Workbook& workbook, const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  const std::string prefix = (dir / ("." + target.filename().string() + ".tmp-")).string();
  TempFile temp(create_unique_file(prefix, "", path));
  write_file(workbook, temp.path(), path);
  if (std::rename(temp.path().c_str(), path.c_str()) != 0) fail(path, std::strerror(errno));
  temp.release();
}

std::string workbook_bytes(const Workbook& workbook) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path dir = fs::temp_directory_path(ec);
  if (ec) fail("(temporary file)", ec.message());
  const std::string prefix = (dir / "kn-workbook-").string();
  TempFile temp(create_unique_file(prefix, ".xlsx", prefix + "*.xlsx"));
  write_file(workbook, temp.path(), temp.path());
  std::ifstream in(temp.path(), std::ios::binary);
  std::ostringstream bytes;
  if (!in || !(bytes << in.rdbuf())) fail(temp.path(), "cannot read the temporary file back");
  return std::move(bytes).str();
}

}  // namespace kn::report
