// libFuzzer target: the xlsx reader (kn::io::read_xlsx_sheet, list_xlsx_sheets).
//   - An input starting with "PK" is given to the reader as the .xlsx file itself (zip
//     container, entry caps, structure).
//   - Any other input is split at "%%" into sheet XML, shared strings XML and optionally
//     workbook XML and workbook relationships, which are packed into a stored (uncompressed)
//     zip with correct CRCs, so the mutations reach the XML handling instead of failing the
//     zip checksum.
// Contract: a table or kn::ParseError; the table keeps the documented shape (no trailing empty
// cells or rows, within the cell and text limits).
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/io/xlsx.hpp"
#include "fuzz_common.hpp"

namespace {

std::uint32_t crc32(std::string_view data) {
  static const auto table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k)
        c = (c & 1U) != 0 ? 0xEDB88320U ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  std::uint32_t c = 0xFFFFFFFFU;
  for (const char ch : data)
    c = table[(c ^ static_cast<std::uint8_t>(ch)) & 0xFFU] ^ (c >> 8);
  return c ^ 0xFFFFFFFFU;
}

void put16(std::string& out, std::uint32_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>((v >> 8) & 0xFF);
}
void put32(std::string& out, std::uint32_t v) {
  put16(out, v & 0xFFFF);
  put16(out, v >> 16);
}

/// A zip archive with every entry stored (method 0).
std::string stored_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string out, central;
  for (const auto& [name, data] : entries) {
    const auto offset = static_cast<std::uint32_t>(out.size());
    const std::uint32_t crc = crc32(data);
    const auto size = static_cast<std::uint32_t>(data.size());
    const auto name_len = static_cast<std::uint32_t>(name.size());
    put32(out, 0x04034b50);
    put16(out, 20);    // version needed
    put16(out, 0);     // flags
    put16(out, 0);     // stored
    put16(out, 0);     // time
    put16(out, 0x21);  // date 1980-01-01
    put32(out, crc);
    put32(out, size);
    put32(out, size);
    put16(out, name_len);
    put16(out, 0);
    out += name;
    out += data;
    put32(central, 0x02014b50);
    put16(central, 20);  // version made by
    put16(central, 20);
    put16(central, 0);
    put16(central, 0);
    put16(central, 0);
    put16(central, 0x21);
    put32(central, crc);
    put32(central, size);
    put32(central, size);
    put16(central, name_len);
    put16(central, 0);  // extra
    put16(central, 0);  // comment
    put16(central, 0);  // disk
    put16(central, 0);  // internal attributes
    put32(central, 0);  // external attributes
    put32(central, offset);
    central += name;
  }
  const auto cd_offset = static_cast<std::uint32_t>(out.size());
  out += central;
  put32(out, 0x06054b50);
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<std::uint32_t>(entries.size()));
  put16(out, static_cast<std::uint32_t>(entries.size()));
  put32(out, static_cast<std::uint32_t>(central.size()));
  put32(out, cd_offset);
  put16(out, 0);
  return out;
}

constexpr std::string_view kWorkbook =
    "<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<sheets><sheet name=\"Roster\" sheetId=\"1\" r:id=\"rId1\"/>"
    "<sheet name=\"Two\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>";
constexpr std::string_view kRels =
    "<Relationships><Relationship Id=\"rId1\" Type=\"x/worksheet\" "
    "Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"x/worksheet\" "
    "Target=\"/xl/worksheets/sheet1.xml\"/><Relationship Id=\"rId3\" Type=\"x/sharedStrings\" "
    "Target=\"sharedStrings.xml\"/></Relationships>";

std::string pack(std::string_view text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (parts.size() < 3) {
    const auto mark = text.find("%%", start);
    if (mark == std::string_view::npos) break;
    parts.emplace_back(text.substr(start, mark - start));
    start = mark + 2;
  }
  parts.emplace_back(text.substr(start));
  std::vector<std::pair<std::string, std::string>> entries;
  entries.emplace_back("xl/worksheets/sheet1.xml", parts[0]);
  if (parts.size() > 1) entries.emplace_back("xl/sharedStrings.xml", parts[1]);
  entries.emplace_back("xl/workbook.xml", parts.size() > 2 ? parts[2] : std::string(kWorkbook));
  entries.emplace_back("xl/_rels/workbook.xml.rels",
                       parts.size() > 3 ? parts[3] : std::string(kRels));
  return stored_zip(entries);
}

void check_table(const kn::io::Table& table, const kn::io::XlsxLimits& limits) {
  std::size_t cells = table.rows.size(), text = 0;
  for (const auto& row : table.rows) {
    cells += row.size();
    for (const auto& cell : row)
      text += cell.size();
    kn::fuzz::check(row.empty() || !row.back().empty(), "xlsx rows end with a non-empty cell");
    kn::fuzz::check(row.size() <= limits.max_columns, "xlsx rows within max_columns");
  }
  kn::fuzz::check(table.rows.empty() || !table.rows.back().empty(),
                  "xlsx tables end with a non-empty row");
  kn::fuzz::check(table.rows.size() <= limits.max_rows, "xlsx tables within max_rows");
  kn::fuzz::check(cells <= limits.max_cells, "xlsx tables within max_cells");
  kn::fuzz::check(text <= limits.max_text_bytes, "xlsx tables within max_text_bytes");
}

template <class F>
void guarded(F&& f) {
  (void)kn::fuzz::try_read([&] {
    f();
    return kn::Network{};
  });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = kn::fuzz::as_text(data, size);
  const std::string bytes = text.substr(0, 2) == "PK" ? std::string(text) : pack(text);

  kn::io::XlsxOptions options;
  // Small caps keep executions fast under the sanitizers; the logic is the same.
  options.limits.max_entry_bytes = 1u << 20;
  options.limits.max_cells = 20'000;
  options.limits.max_text_bytes = 1u << 20;
  options.limits.max_rows = 5000;
  options.limits.max_columns = 300;
  guarded(
      [&] { check_table(kn::io::read_xlsx_sheet(bytes, "fuzz.xlsx", options), options.limits); });
  options.sheet_name = "two";
  guarded(
      [&] { check_table(kn::io::read_xlsx_sheet(bytes, "fuzz.xlsx", options), options.limits); });
  guarded([&] {
    const auto names = kn::io::list_xlsx_sheets(bytes, "fuzz.xlsx", options.limits);
    kn::fuzz::check(!names.empty() && names.size() <= options.limits.max_sheets,
                    "list_xlsx_sheets returns 1..max_sheets names");
  });
  return 0;
}
