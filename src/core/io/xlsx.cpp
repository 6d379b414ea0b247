// Reading one worksheet of an .xlsx workbook (libzip for the container, pugixml for the parts),
// with caps on every size a hostile file controls (see xlsx.hpp).
#include "core/io/xlsx.hpp"

#include "core/util/utf8.hpp"

#include <zip.h>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <pugixml.hpp>
#include <system_error>

#include "core/io/text_util.hpp"
#include "core/io/xml_util.hpp"
#include "core/util/error.hpp"

namespace kn::io {

namespace {

using detail::iequals;
using detail::local_name;

// ---------------------------------------------------------------------------------------------
// The zip container

struct ZipDeleter {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileDeleter {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

/// Read-only view of an in-memory zip archive with the entry caps applied.
class Archive {
 public:
  Archive(std::string_view bytes, const std::string& file, const XlsxLimits& limits)
      : file_(file), limits_(limits) {
    if (bytes.size() > limits.max_input_bytes) {
      fail("", "file too large (" + std::to_string(bytes.size()) + " bytes, at most " +
                   std::to_string(limits.max_input_bytes) + ")");
    }
    if (!looks_like_zip(bytes)) fail("", "not an .xlsx file (no zip archive)");
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source == nullptr) fail_zip("", &error);
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (archive == nullptr) {
      zip_source_free(source);
      fail_zip("", &error);
    }
    zip_error_fini(&error);
    zip_.reset(archive);
    const zip_int64_t entries = zip_get_num_entries(archive, 0);
    if (entries < 0 || static_cast<std::uint64_t>(entries) > limits.max_entries) {
      fail("", "too many zip entries (" + std::to_string(entries) + ", at most " +
                   std::to_string(limits.max_entries) + ")");
    }
  }

  [[nodiscard]] bool has(const std::string& name) const { return locate(name) >= 0; }

  /// The uncompressed content of entry `name`; nullopt if there is no such entry.
  std::optional<std::string> read(const std::string& name) const {
    const zip_int64_t index = locate(name);
    if (index < 0) return std::nullopt;
    const auto idx = static_cast<zip_uint64_t>(index);
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip_.get(), idx, 0, &st) != 0) fail_zip(name, zip_get_error(zip_.get()));
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && st.encryption_method != ZIP_EM_NONE) {
      fail(name, "encrypted entry (password-protected workbooks are not supported)");
    }
    if ((st.valid & ZIP_STAT_SIZE) != 0 && st.size > limits_.max_entry_bytes) {
      fail(name, "entry too large when unpacked (" + std::to_string(st.size) + " bytes, at most " +
                     std::to_string(limits_.max_entry_bytes) + ")");
    }
    std::unique_ptr<zip_file_t, ZipFileDeleter> entry(zip_fopen_index(zip_.get(), idx, 0));
    if (!entry) fail_zip(name, zip_get_error(zip_.get()));
    std::string out;
    if ((st.valid & ZIP_STAT_SIZE) != 0) out.reserve(static_cast<std::size_t>(st.size));
    char buffer[64 * 1024];
    while (true) {
      const zip_int64_t got = zip_fread(entry.get(), buffer, sizeof buffer);
      if (got < 0) fail_zip(name, zip_file_get_error(entry.get()));
      if (got == 0) break;
      if (out.size() + static_cast<std::size_t>(got) > limits_.max_entry_bytes) {
        fail(name, "entry inflates past " + std::to_string(limits_.max_entry_bytes) +
                       " bytes (declared " + std::to_string(st.size) + ")");
      }
      out.append(buffer, static_cast<std::size_t>(got));
    }
    return out;
  }

  [[noreturn]] void fail(const std::string& entry, const std::string& message) const {
    throw ParseError(file_, entry.empty() ? "" : "zip entry " + entry, "", message);
  }

 private:
  zip_int64_t locate(const std::string& name) const {
    zip_int64_t index = zip_name_locate(zip_.get(), name.c_str(), 0);
    if (index < 0) index = zip_name_locate(zip_.get(), name.c_str(), ZIP_FL_NOCASE);
    return index;
  }

  [[noreturn]] void fail_zip(const std::string& entry, zip_error_t* error) const {
    std::string message = "broken zip archive: ";
    message += zip_error_strerror(error);
    zip_error_fini(error);
    fail(entry, message);
  }

  const std::string& file_;
  const XlsxLimits& limits_;
  std::unique_ptr<zip_t, ZipDeleter> zip_;
};

// ---------------------------------------------------------------------------------------------
// XML parts

/// A parsed part; keeps the text the DOM points into (parsed in place).
struct Part {
  std::string text;
  pugi::xml_document doc;
};

std::unique_ptr<Part> parse_part(std::string text, const std::string& file,
                                 const std::string& entry) {
  auto part = std::make_unique<Part>();
  part->text = std::move(text);
  // Whitespace-only text is kept where it is an element's only child (<t xml:space="preserve">
  // </t>); no DOCTYPE node is built and entities other than the five predefined ones and
  // character references stay as written.
  const unsigned flags = pugi::parse_default | pugi::parse_ws_pcdata_single;
  const pugi::xml_parse_result result = part->doc.load_buffer_inplace(
      part->text.data(), part->text.size(), flags, pugi::encoding_utf8);
  if (!result) {
    const std::size_t offset = result.offset < 0 ? 0 : static_cast<std::size_t>(result.offset);
    throw ParseError(file,
                     "zip entry " + entry + ", line " +
                         std::to_string(detail::line_of_offset(part->text, offset)),
                     "", std::string("malformed XML: ") + result.description());
  }
  return part;
}

pugi::xml_node child(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && local_name(c) == name) return c;
  }
  return {};
}

/// Attribute by local name ("r:id" and "id" both match "id" when prefixed is true).
pugi::xml_attribute attribute(const pugi::xml_node& node, std::string_view name, bool prefixed) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    std::string_view n = a.name();
    const auto colon = n.find(':');
    if (prefixed) {
      if (colon != std::string_view::npos && n.substr(colon + 1) == name) return a;
    } else if (n == name) {
      return a;
    }
  }
  return {};
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// Decodes Excel's _xHHHH_ escapes (a UTF-16 code unit; surrogates are left as written).
std::string decode_escapes(std::string text) {
  if (text.find("_x") == std::string::npos) return text;
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && text[i + 6] == '_') {
      std::uint32_t cp = 0;
      bool ok = true;
      for (std::size_t k = 2; k < 6; ++k) {
        const int d = hex_digit(text[i + k]);
        ok = ok && d >= 0;
        cp = cp * 16 + static_cast<std::uint32_t>(d < 0 ? 0 : d);
      }
      if (ok && (cp < 0xD800 || cp > 0xDFFF)) {
        kn::append_utf8(out, cp);
        i += 6;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

/// Text of a string item (<si> or <is>): its <t>, or the <t> of every rich-text run <r>.
std::string string_item(const pugi::xml_node& item) {
  std::string out;
  for (pugi::xml_node c = item.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    const std::string_view name = local_name(c);
    if (name == "t") {
      out += detail::element_text(c);
    } else if (name == "r") {
      if (const pugi::xml_node t = child(c, "t")) out += detail::element_text(t);
    }
  }
  return decode_escapes(std::move(out));
}

/// Number cell text: integers (|x| < 2^53) in plain digits, otherwise the shortest round trip.
std::string number_text(double d) {
  if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9007199254740992.0) {
    char buf[32];
    const auto res = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(d));
    return {buf, res.ptr};
  }
  return detail::format_number(d);
}

// ---------------------------------------------------------------------------------------------
// Workbook structure

struct SheetRef {
  std::string name;
  std::string part;  ///< zip entry of the sheet, empty if not a worksheet
  std::string kind;  ///< relationship type's last segment ("worksheet", "chartsheet", ...)
};

struct Relationship {
  std::string id, type, target;
};

/// Directory of a part name with trailing '/' ("xl/workbook.xml" -> "xl/").
std::string directory_of(const std::string& part) {
  const auto slash = part.rfind('/');
  return slash == std::string::npos ? std::string() : part.substr(0, slash + 1);
}

/// Resolves a relationship target against the source part's directory (OPC part names).
std::string resolve_target(const std::string& base_dir, std::string_view target) {
  std::string path = !target.empty() && target.front() == '/' ? std::string(target.substr(1))
                                                              : base_dir + std::string(target);
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    const std::string segment =
        path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  std::string out;
  for (const auto& s : segments) {
    if (!out.empty()) out += '/';
    out += s;
  }
  return out;
}

std::string type_suffix(std::string_view type) {
  const auto slash = type.rfind('/');
  return std::string(slash == std::string_view::npos ? type : type.substr(slash + 1));
}

std::vector<Relationship> read_rels(const Archive& zip, const std::string& rels_part,
                                    const std::string& file) {
  std::vector<Relationship> out;
  auto text = zip.read(rels_part);
  if (!text) return out;
  auto part = parse_part(std::move(*text), file, rels_part);
  const pugi::xml_node root = part->doc.document_element();
  for (pugi::xml_node r = root.first_child(); r; r = r.next_sibling()) {
    if (r.type() != pugi::node_element || local_name(r) != "Relationship") continue;
    if (iequals(r.attribute("TargetMode").value(), "External")) continue;
    out.push_back(
        {r.attribute("Id").value(), r.attribute("Type").value(), r.attribute("Target").value()});
  }
  return out;
}

std::string rels_of(const std::string& part) {
  const std::string dir = directory_of(part);
  return dir + "_rels/" + part.substr(dir.size()) + ".rels";
}

struct Workbook {
  std::vector<SheetRef> sheets;
  std::string shared_strings;  ///< zip entry, empty if none
};

Workbook read_workbook(const Archive& zip, const std::string& file, const XlsxLimits& limits) {
  std::string workbook_part = "xl/workbook.xml";
  for (const auto& rel : read_rels(zip, "_rels/.rels", file)) {
    if (type_suffix(rel.type) == "officeDocument") {
      workbook_part = resolve_target("", rel.target);
      break;
    }
  }
  auto text = zip.read(workbook_part);
  if (!text) zip.fail("", "no workbook (" + workbook_part + " missing): not an .xlsx file");
  auto part = parse_part(std::move(*text), file, workbook_part);
  const pugi::xml_node root = part->doc.document_element();
  if (local_name(root) != "workbook") {
    zip.fail(workbook_part, "root element is not <workbook>");
  }
  const std::string dir = directory_of(workbook_part);
  Workbook wb;
  const auto rels = read_rels(zip, rels_of(workbook_part), file);
  for (const auto& rel : rels) {
    if (type_suffix(rel.type) == "sharedStrings")
      wb.shared_strings = resolve_target(dir, rel.target);
  }
  if (wb.shared_strings.empty() && zip.has(dir + "sharedStrings.xml")) {
    wb.shared_strings = dir + "sharedStrings.xml";
  }
  const pugi::xml_node sheets = child(root, "sheets");
  for (pugi::xml_node s = sheets.first_child(); s; s = s.next_sibling()) {
    if (s.type() != pugi::node_element || local_name(s) != "sheet") continue;
    if (wb.sheets.size() >= limits.max_sheets) {
      zip.fail(workbook_part,
               "too many sheets (at most " + std::to_string(limits.max_sheets) + ")");
    }
    SheetRef ref;
    ref.name = s.attribute("name").value();
    const std::string id = attribute(s, "id", true).value();
    for (const auto& rel : rels) {
      if (rel.id == id && !id.empty()) {
        ref.kind = type_suffix(rel.type);
        if (ref.kind == "worksheet") ref.part = resolve_target(dir, rel.target);
        break;
      }
    }
    if (rels.empty()) {  // no relationships part: the conventional name
      ref.kind = "worksheet";
      ref.part = dir + "worksheets/sheet" + std::to_string(wb.sheets.size() + 1) + ".xml";
    }
    wb.sheets.push_back(std::move(ref));
  }
  if (wb.sheets.empty()) zip.fail(workbook_part, "the workbook has no sheets");
  return wb;
}

std::vector<std::string> read_shared_strings(const Archive& zip, const std::string& entry,
                                             const std::string& file, const XlsxLimits& limits) {
  std::vector<std::string> out;
  if (entry.empty()) return out;
  auto text = zip.read(entry);
  if (!text) return out;
  auto part = parse_part(std::move(*text), file, entry);
  const pugi::xml_node root = part->doc.document_element();
  for (pugi::xml_node si = root.first_child(); si; si = si.next_sibling()) {
    if (si.type() != pugi::node_element || local_name(si) != "si") continue;
    if (out.size() >= limits.max_cells) {
      zip.fail(entry, "too many shared strings (at most " + std::to_string(limits.max_cells) + ")");
    }
    out.push_back(string_item(si));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The sheet

class SheetReader {
 public:
  SheetReader(const std::string& file, const std::string& sheet, const XlsxLimits& limits,
              const std::vector<std::string>& shared)
      : file_(file), sheet_(sheet), limits_(limits), shared_(shared) {}

  void read(const pugi::xml_node& worksheet, Table& table) {
    const pugi::xml_node data = child(worksheet, "sheetData");
    std::uint32_t next_row = 0;  // 0-based row of the next <row> without r
    for (pugi::xml_node row = data.first_child(); row; row = row.next_sibling()) {
      if (row.type() != pugi::node_element || local_name(row) != "row") continue;
      std::uint32_t r = next_row;
      if (const pugi::xml_attribute ra = row.attribute("r")) {
        r = parse_row_number(ra.value());
      } else if (r >= limits_.max_rows) {
        fail_row(r, "r", "row beyond the row limit " + std::to_string(limits_.max_rows));
      }
      next_row = r + 1;
      std::uint32_t next_col = 0;
      for (pugi::xml_node c = row.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element || local_name(c) != "c") continue;
        CellPos pos{r, next_col};
        if (const pugi::xml_attribute ca = c.attribute("r")) {
          const auto parsed =
              parse_cell_reference(ca.value(), limits_.max_rows, limits_.max_columns);
          if (!parsed) {
            fail_at("sheet " + sheet_ + ", row " + std::to_string(r + 1), "r",
                    "bad or out-of-range cell reference '" + clip(ca.value()) + "' (at most " +
                        cell_reference(limits_.max_rows - 1, limits_.max_columns - 1) + ")");
          }
          if (parsed->row != r) {
            fail_at(location(*parsed), "r",
                    "cell reference outside its row " + std::to_string(r + 1));
          }
          pos = *parsed;
        } else if (pos.column >= limits_.max_columns) {
          fail_row(r, "r", "cell beyond the column limit " + std::to_string(limits_.max_columns));
        }
        next_col = pos.column + 1;
        std::string value = cell_value(c, pos);
        if (!value.empty()) store(table, pos, std::move(value));
      }
    }
  }

 private:
  std::uint32_t parse_row_number(std::string_view text) const {
    std::uint64_t v = 0;
    const auto res = std::from_chars(text.data(), text.data() + text.size(), v);
    if (res.ec != std::errc() || res.ptr != text.data() + text.size() || v == 0 ||
        v > limits_.max_rows) {
      fail_at("sheet " + sheet_, "r",
              "bad or out-of-range row number '" + clip(text) + "' (at most " +
                  std::to_string(limits_.max_rows) + ")");
    }
    return static_cast<std::uint32_t>(v - 1);
  }

  std::string cell_value(const pugi::xml_node& c, const CellPos& pos) const {
    const std::string_view type = c.attribute("t").value();
    if (type == "inlineStr") {
      const pugi::xml_node is = child(c, "is");
      return is ? string_item(is) : std::string();
    }
    const pugi::xml_node v = child(c, "v");
    if (!v) return {};
    std::string text = detail::element_text(v);
    if (type == "s") {
      std::size_t index = 0;
      const std::string_view t = detail::trim(text);
      const auto res = std::from_chars(t.data(), t.data() + t.size(), index);
      if (res.ec != std::errc() || res.ptr != t.data() + t.size() || index >= shared_.size()) {
        fail_at(location(pos), "v",
                "shared string index '" + clip(text) + "' out of range (" +
                    std::to_string(shared_.size()) + " shared strings)");
      }
      return shared_[index];
    }
    if (type == "str" || type == "e" || type == "d") return decode_escapes(std::move(text));
    if (type == "b") {
      const std::string_view t = detail::trim(text);
      if (t == "1" || iequals(t, "true")) return "TRUE";
      if (t == "0" || iequals(t, "false")) return "FALSE";
      fail_at(location(pos), "v", "'" + clip(text) + "' is not a boolean (0 or 1)");
    }
    if (type.empty() || type == "n") {
      const std::string_view t = detail::trim(text);
      if (t.empty()) return {};
      const auto d = detail::parse_number(t);
      if (!d) fail_at(location(pos), "v", "'" + clip(text) + "' is not a number");
      return number_text(*d);
    }
    fail_at(location(pos), "t", "unknown cell type '" + clip(type) + "'");
  }

  void store(Table& table, const CellPos& pos, std::string value) {
    if (table.rows.size() <= pos.row) {
      charge(pos, pos.row + 1 - table.rows.size(), 0);
      table.rows.resize(pos.row + 1);
    }
    auto& row = table.rows[pos.row];
    if (row.size() <= pos.column) {
      charge(pos, pos.column + 1 - row.size(), value.size());
      row.resize(pos.column + 1);
    } else {
      charge(pos, 0, value.size());
    }
    row[pos.column] = std::move(value);
  }

  void charge(const CellPos& pos, std::size_t cells, std::size_t bytes) {
    cells_ += cells;
    text_ += bytes;
    if (cells_ > limits_.max_cells) {
      fail_at(location(pos), "",
              "too many cells (at most " + std::to_string(limits_.max_cells) +
                  ", empty cells in between included)");
    }
    if (text_ > limits_.max_text_bytes) {
      fail_at(location(pos), "",
              "too much cell text (at most " + std::to_string(limits_.max_text_bytes) + " bytes)");
    }
  }

  std::string location(const CellPos& pos) const {
    return "sheet " + sheet_ + ", cell " + cell_reference(pos.row, pos.column);
  }

  static std::string clip(std::string_view s) {
    return std::string(s.substr(0, 40)) + (s.size() > 40 ? "..." : "");
  }

  [[noreturn]] void fail_row(std::uint32_t r, const std::string& field,
                             const std::string& message) const {
    fail_at("sheet " + sheet_ + ", row " + std::to_string(std::uint64_t{r} + 1), field, message);
  }

  [[noreturn]] void fail_at(const std::string& where, const std::string& field,
                            const std::string& message) const {
    throw ParseError(file_, where, field, message);
  }

  const std::string& file_;
  const std::string& sheet_;
  const XlsxLimits& limits_;
  const std::vector<std::string>& shared_;
  std::size_t cells_ = 0;
  std::size_t text_ = 0;
};

const SheetRef& choose_sheet(const Archive& zip, const Workbook& wb, const XlsxOptions& options) {
  auto names = [&] {
    std::string all;
    for (const auto& s : wb.sheets) {
      if (!all.empty()) all += ", ";
      all += s.name;
    }
    return all;
  };
  const SheetRef* chosen = nullptr;
  if (!options.sheet_name.empty()) {
    for (const auto& s : wb.sheets) {
      if (s.name == options.sheet_name) {
        chosen = &s;
        break;
      }
    }
    for (const auto& s : wb.sheets) {
      if (chosen == nullptr && iequals(s.name, options.sheet_name)) chosen = &s;
    }
    if (chosen == nullptr) {
      zip.fail("", "no sheet named '" + options.sheet_name + "' (sheets: " + names() + ")");
    }
  } else {
    if (options.sheet_index >= wb.sheets.size()) {
      zip.fail("", "no sheet number " + std::to_string(options.sheet_index + 1) +
                       " (the workbook has " + std::to_string(wb.sheets.size()) + ": " + names() +
                       ")");
    }
    chosen = &wb.sheets[options.sheet_index];
  }
  if (chosen->part.empty()) {
    zip.fail("", "sheet '" + chosen->name + "' is not a worksheet" +
                     (chosen->kind.empty() ? std::string() : " (" + chosen->kind + ")"));
  }
  return *chosen;
}

}  // namespace

bool looks_like_zip(std::string_view bytes) {
  return bytes.size() >= 4 && bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4);
}

std::string cell_reference(std::size_t row, std::size_t column) {
  std::string letters;
  std::size_t n = column + 1;
  while (n > 0) {
    const std::size_t rem = (n - 1) % 26;
    letters.insert(letters.begin(), static_cast<char>('A' + rem));
    n = (n - 1) / 26;
  }
  return letters + std::to_string(row + 1);
}

std::optional<CellPos> parse_cell_reference(std::string_view ref, std::uint32_t max_rows,
                                            std::uint32_t max_columns) {
  std::size_t i = 0;
  std::uint64_t col = 0;
  while (i < ref.size() && i < 8) {
    char c = ref[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    col = col * 26 + static_cast<std::uint64_t>(c - 'A' + 1);
    ++i;
  }
  if (i == 0 || col > max_columns) return std::nullopt;
  std::uint64_t row = 0;
  const std::size_t digits_start = i;
  while (i < ref.size() && ref[i] >= '0' && ref[i] <= '9') {
    row = row * 10 + static_cast<std::uint64_t>(ref[i] - '0');
    if (row > max_rows) return std::nullopt;
    ++i;
  }
  if (i == digits_start || i != ref.size() || row == 0) return std::nullopt;
  return CellPos{static_cast<std::uint32_t>(row - 1), static_cast<std::uint32_t>(col - 1)};
}

std::vector<std::string> list_xlsx_sheets(std::string_view bytes, const std::string& filename,
                                          const XlsxLimits& limits) {
  const Archive zip(bytes, filename, limits);
  const Workbook wb = read_workbook(zip, filename, limits);
  std::vector<std::string> out;
  out.reserve(wb.sheets.size());
  for (const auto& s : wb.sheets)
    out.push_back(s.name);
  return out;
}

Table read_xlsx_sheet(std::string_view bytes, const std::string& filename,
                      const XlsxOptions& options) {
  const XlsxLimits& limits = options.limits;
  const Archive zip(bytes, filename, limits);
  const Workbook wb = read_workbook(zip, filename, limits);
  const SheetRef& sheet = choose_sheet(zip, wb, options);
  auto text = zip.read(sheet.part);
  if (!text) zip.fail("", "sheet '" + sheet.name + "': part " + sheet.part + " missing");
  const std::vector<std::string> shared =
      read_shared_strings(zip, wb.shared_strings, filename, limits);
  auto part = parse_part(std::move(*text), filename, sheet.part);
  const pugi::xml_node root = part->doc.document_element();
  if (local_name(root) != "worksheet") {
    zip.fail(sheet.part, "root element is not <worksheet>");
  }
  Table table;
  table.sheet = sheet.name;
  SheetReader reader(filename, sheet.name, limits, shared);
  reader.read(root, table);
  return table;
}

Table read_xlsx_sheet_file(const std::string& path, const XlsxOptions& options) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) throw ParseError(path, "", "", "cannot read file: " + ec.message());
  if (size > options.limits.max_input_bytes) {
    throw ParseError(path, "", "",
                     "file too large (" + std::to_string(size) + " bytes, at most " +
                         std::to_string(options.limits.max_input_bytes) + ")");
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  if (!in || !in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
    throw ParseError(path, "", "", "cannot read file");
  }
  return read_xlsx_sheet(bytes, path, options);
}

}  // namespace kn::io
