// xlsx workbook writer: a three-sheet workbook (umlauts in names and cells, numbers, NaN, a
// formula-like string, a header-only sheet) read back with the project's own reader and checked
// cell by cell; the sheet XML (no formulas, frozen header, autofilter), the document properties,
// long and odd strings, Excel's sheet name rules, and failed writes that leave nothing behind.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <zip.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "core/io/xlsx.hpp"
#include "core/util/utf8.hpp"
#include "report/workbook.hpp"

namespace kn::report {
namespace {

namespace fs = std::filesystem;
using Row = std::vector<std::string>;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "kn-report-test-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  [[nodiscard]] const fs::path& path() const { return path_; }
  [[nodiscard]] std::string file(const std::string& name) const { return (path_ / name).string(); }
  [[nodiscard]] std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(path_))
      names.push_back(e.path().filename());
    std::sort(names.begin(), names.end());
    return names;
  }

 private:
  fs::path path_;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

/// One entry of the zip file at `path` (libzip), or "<missing>".
std::string zip_entry(const std::string& path, const std::string& name) {
  int err = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &err);
  if (archive == nullptr) return "<not a zip>";
  std::string out = "<missing>";
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(archive, name.c_str(), 0, &st) == 0) {
    if (zip_file_t* file = zip_fopen(archive, name.c_str(), 0)) {
      out.assign(static_cast<std::size_t>(st.size), '\0');
      const zip_int64_t n = zip_fread(file, out.data(), st.size);
      out.resize(n < 0 ? 0 : static_cast<std::size_t>(n));
      zip_fclose(file);
    }
  }
  zip_close(archive);
  return out;
}

io::Table read_sheet(const std::string& path, const std::string& sheet) {
  io::XlsxOptions options;
  options.sheet_name = sheet;
  return io::read_xlsx_sheet_file(path, options);
}

std::vector<std::string> sheets_of(const std::string& path) {
  return io::list_xlsx_sheets(slurp(path), path);
}

std::size_t code_points(const std::string& s) {
  std::size_t n = 0;
  for (const char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++n;
  return n;
}

std::string repeat(const std::string& piece, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i)
    out += piece;
  return out;
}

Workbook sample() {
  Workbook wb;
  wb.title = "Bericht Müllerstadt";
  wb.author = "Klimaschutz-Büro";
  Sheet people;
  people.name = "Akteure Übersicht";
  people.header = {"Name", "Sektor", "Größe", "Notiz"};
  people.widths = {30, 15, 10};
  people.rows = {
      {std::string("Müller & Söhne GmbH"), std::string("Wirtschaft"), 12.0, std::string("ä ö ü ß")},
      {std::string("Straße 🌍 <e.V.>"), std::string("Zivilgesellschaft"), 0.1,
       std::string("=SUM(A1)")},
      {std::string("+49 30 1234"), std::string("-3"), -3.0, std::string("@home")},
      {std::string("Ämter"), Cell{}, kNaN, std::string("NaN wird leer")},
      {std::string("Übrige"), std::string("Verwaltung"), 1e-12},
  };
  Sheet numbers;
  numbers.name = "Zahlen";
  numbers.header = {"a", "b", "c", "d", "e", "f"};
  numbers.rows = {{0.1, 1e-12, 12.0, -3.0, kNaN, 0.0}, {kInf, -kInf, 1e300, 49301234567.0, 2.5}};
  Sheet empty;
  empty.name = "Leer";
  empty.header = {"Spalte 1", "Spalte 2"};
  wb.sheets = {people, numbers, empty};
  return wb;
}

TEST(Workbook, RoundTripThroughTheProjectReader) {
  TempDir dir;
  const std::string path = dir.file("bericht.xlsx");
  write_workbook(sample(), path);
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"bericht.xlsx"});

  EXPECT_EQ(sheets_of(path), (std::vector<std::string>{"Akteure Übersicht", "Zahlen", "Leer"}));

  const io::Table people = read_sheet(path, "Akteure Übersicht");
  const std::vector<Row> expected_people = {
      {"Name", "Sektor", "Größe", "Notiz"},
      {"Müller & Söhne GmbH", "Wirtschaft", "12", "ä ö ü ß"},
      {"Straße 🌍 <e.V.>", "Zivilgesellschaft", "0.1", "=SUM(A1)"},
      {"+49 30 1234", "-3", "-3", "@home"},
      {"Ämter", "", "", "NaN wird leer"},
      {"Übrige", "Verwaltung", "1e-12"},
  };
  EXPECT_EQ(people.rows, expected_people);

  const io::Table numbers = read_sheet(path, "Zahlen");
  const std::vector<Row> expected_numbers = {
      {"a", "b", "c", "d", "e", "f"},
      {"0.1", "1e-12", "12", "-3", "", "0"},
      {"", "", "1e+300", "49301234567", "2.5"},
  };
  EXPECT_EQ(numbers.rows, expected_numbers);

  const io::Table empty = read_sheet(path, "Leer");
  EXPECT_EQ(empty.rows, (std::vector<Row>{{"Spalte 1", "Spalte 2"}}));
}

TEST(Workbook, SheetXmlHasNoFormulasAndAFrozenFilteredHeader) {
  TempDir dir;
  const std::string path = dir.file("bericht.xlsx");
  write_workbook(sample(), path);

  const std::string sheet1 = zip_entry(path, "xl/worksheets/sheet1.xml");
  ASSERT_NE(sheet1, "<missing>");
  EXPECT_EQ(sheet1.find("<f>"), std::string::npos) << sheet1;
  EXPECT_EQ(sheet1.find("<f "), std::string::npos) << sheet1;
  // Every text cell is a shared string: "=SUM(A1)" is D3.
  EXPECT_NE(sheet1.find("<c r=\"D3\" t=\"s\">"), std::string::npos) << sheet1;
  EXPECT_NE(sheet1.find("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" "
                        "state=\"frozen\"/>"),
            std::string::npos)
      << sheet1;
  EXPECT_NE(sheet1.find("<autoFilter ref=\"A1:D6\"/>"), std::string::npos) << sheet1;
  EXPECT_NE(sheet1.find("<cols>"), std::string::npos) << sheet1;  // the column widths
  // NaN left the cell out (C5), numbers are numbers (C2 = 12).
  EXPECT_EQ(sheet1.find("r=\"C5\""), std::string::npos) << sheet1;
  EXPECT_NE(sheet1.find("<c r=\"C2\"><v>12</v></c>"), std::string::npos) << sheet1;
  // The header row is bold: style 1 is the bold format.
  EXPECT_NE(sheet1.find("<c r=\"A1\" s=\"1\" t=\"s\">"), std::string::npos) << sheet1;
  EXPECT_NE(zip_entry(path, "xl/styles.xml").find("<b/>"), std::string::npos);

  const std::string sheet2 = zip_entry(path, "xl/worksheets/sheet2.xml");
  EXPECT_NE(sheet2.find("<autoFilter ref=\"A1:F3\"/>"), std::string::npos) << sheet2;
  const std::string sheet3 = zip_entry(path, "xl/worksheets/sheet3.xml");
  EXPECT_NE(sheet3.find("<autoFilter ref=\"A1:B1\"/>"), std::string::npos) << sheet3;

  const std::string core = zip_entry(path, "docProps/core.xml");
  EXPECT_NE(core.find("<dc:title>Bericht Müllerstadt</dc:title>"), std::string::npos) << core;
  EXPECT_NE(core.find("<dc:creator>Klimaschutz-Büro</dc:creator>"), std::string::npos) << core;
}

TEST(Workbook, FileGetsTheUsualPermissions) {
  TempDir dir;
  const std::string path = dir.file("rechte.xlsx");
  const mode_t mask = umask(022);
  umask(mask);
  write_workbook(sample(), path);
  struct stat st {};
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777U, 0666U & ~static_cast<unsigned>(mask));
}

TEST(Workbook, OverwritesAnExistingFile) {
  TempDir dir;
  const std::string path = dir.file("alt.xlsx");
  std::ofstream(path) << "old content";
  write_workbook(sample(), path);
  EXPECT_TRUE(io::looks_like_zip(slurp(path)));
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"alt.xlsx"});
}

TEST(Workbook, OddStringsRoundTrip) {
  Workbook wb;
  Sheet s;
  s.name = "Texte";
  s.header = {"Text"};
  const std::vector<std::string> texts = {
      "_x0041_ bleibt so",  // looks like Excel's escape: must not become "A"
      "a\x01"
      "b",                     // control character (escaped by libxlsxwriter)
      "Zeile 1\r\nZeile 2",    // CR survives as _x000D_
      "\tTab",                 // leading whitespace
      "  zwei Leerzeichen  ",  // leading and trailing spaces
      "Emoji 👩‍👩‍👧 und ✓",
      "=1+2",
      "-A1",
      "+A1",
      "@SUM(A1)",
  };
  for (const std::string& t : texts)
    s.rows.push_back({t});
  s.rows.push_back({std::string("kaputt \xff\xfe ende")});  // invalid UTF-8
  s.rows.push_back({std::string("nul\0byte", 8)});
  wb.sheets = {s};
  TempDir dir;
  const std::string path = dir.file("texte.xlsx");
  write_workbook(wb, path);
  const io::Table t = read_sheet(path, "Texte");
  ASSERT_EQ(t.rows.size(), texts.size() + 3);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    ASSERT_EQ(t.rows[i + 1].size(), 1u);
    EXPECT_EQ(t.rows[i + 1][0], texts[i]) << "row " << i + 2;
  }
  EXPECT_EQ(t.rows[texts.size() + 1][0], "kaputt \uFFFD\uFFFD ende");
  EXPECT_EQ(t.rows[texts.size() + 2][0], "nul\uFFFDbyte");
  EXPECT_EQ(zip_entry(path, "xl/worksheets/sheet1.xml").find("<f>"), std::string::npos);
}

TEST(Workbook, LongStringsAreCutAtACharacterBoundaryWithAMarker) {
  const std::string marker = "[\u2026]";
  Workbook wb;
  Sheet s;
  s.name = "Lang";
  const std::string exact(kMaxCellChars, 'a');          // fits exactly
  const std::string umlauts = repeat("ä", 40'000);      // 2 bytes, 1 character each
  const std::string emoji = repeat("🌍", 20'000);        // 4 bytes, 2 UTF-16 units each
  const std::string escapes = repeat("_x0041_", 5000);  // 7 shown, 13 written per piece
  s.rows = {{exact}, {umlauts}, {emoji}, {escapes}};
  wb.sheets = {s};
  TempDir dir;
  const std::string path = dir.file("lang.xlsx");
  write_workbook(wb, path);
  const io::Table t = read_sheet(path, "Lang");
  ASSERT_EQ(t.rows.size(), 4u);
  EXPECT_EQ(t.rows[0][0], exact);

  const std::string& u = t.rows[1][0];
  EXPECT_TRUE(is_valid_utf8(u));
  EXPECT_EQ(u, repeat("ä", kMaxCellChars - 3) + marker);
  EXPECT_EQ(code_points(u), kMaxCellChars);

  const std::string& e = t.rows[2][0];
  EXPECT_TRUE(is_valid_utf8(e));
  // 16,382 emoji = 32,764 UTF-16 units, plus the 3-character marker = 32,767.
  EXPECT_EQ(e, repeat("🌍", 16'382) + marker);

  const std::string& x = t.rows[3][0];
  EXPECT_TRUE(x.size() < escapes.size());
  EXPECT_EQ(x.substr(x.size() - marker.size()), marker);
  EXPECT_EQ(escapes.rfind(x.substr(0, x.size() - marker.size()), 0), 0u);  // a prefix
}

TEST(SheetName, KeepsValidNames) {
  EXPECT_EQ(sheet_name("Akteure", {}), "Akteure");
  EXPECT_EQ(sheet_name("Größe & Straße", {}), "Größe & Straße");
  EXPECT_EQ(sheet_name("Sheet1", {"Sheet2"}), "Sheet1");
}

TEST(SheetName, ReplacesForbiddenCharacters) {
  EXPECT_EQ(sheet_name("a[b]c:d*e?f/g\\h", {}), "a_b_c_d_e_f_g_h");
  EXPECT_EQ(sheet_name("Zeile\n2\t", {}), "Zeile_2_");
  EXPECT_EQ(sheet_name("kaputt\xff", {}), "kaputt_");
  EXPECT_EQ(sheet_name("2024/25", {}), "2024_25");
}

TEST(SheetName, TrimsSpacesAndApostrophes) {
  EXPECT_EQ(sheet_name(" 'Zahlen' ", {}), "Zahlen");
  EXPECT_EQ(sheet_name("Rock 'n' Roll", {}), "Rock 'n' Roll");
  EXPECT_EQ(sheet_name("", {}), "Sheet");
  EXPECT_EQ(sheet_name("  ''  ", {}), "Sheet");
  EXPECT_EQ(sheet_name("", {"sheet"}), "Sheet (2)");
}

TEST(SheetName, CutsAt31CharactersNotBytes) {
  const std::string long_umlauts = "Überörtliche Zusammenarbeit der Ämter und Büros";
  const std::string cut = sheet_name(long_umlauts, {});
  EXPECT_EQ(cut, "Überörtliche Zusammenarbeit der");  // 31 characters, 34 bytes
  EXPECT_EQ(code_points(cut), 31u);

  EXPECT_EQ(sheet_name(repeat("ä", 40), {}), repeat("ä", 31));
  // Above the BMP a character counts twice (UTF-16), as in Excel: 15 emoji = 30 units.
  EXPECT_EQ(sheet_name(repeat("🌍", 20), {}), repeat("🌍", 15));
  // A cut ending in a space drops the space.
  EXPECT_EQ(sheet_name(repeat("x", 30) + " yz", {}), repeat("x", 30));
}

TEST(SheetName, UniqueCaseInsensitively) {
  EXPECT_EQ(sheet_name("Daten", {"daten"}), "Daten (2)");
  EXPECT_EQ(sheet_name("Daten", {"Daten", "DATEN (2)"}), "Daten (3)");
  EXPECT_EQ(sheet_name("Ämter", {"ämter"}), "Ämter (2)");
  EXPECT_EQ(sheet_name("ŁÓDŹ", {"łódź"}), "ŁÓDŹ (2)");
  EXPECT_EQ(sheet_name("history", {}), "history (2)");  // reserved by Excel
  const std::string full = repeat("ö", 31);
  EXPECT_EQ(sheet_name(full, {full}), repeat("ö", 27) + " (2)");
  std::vector<std::string> taken;
  for (int i = 0; i < 12; ++i)
    taken.push_back(sheet_name(full, taken));
  EXPECT_EQ(taken[11], repeat("ö", 26) + " (12)");
}

TEST(Workbook, DuplicateAndInvalidSheetNamesAreFixedInTheFile) {
  Workbook wb;
  const std::vector<std::string> names = {"Daten", "daten", "a/b", "", repeat("Ä", 40)};
  for (const std::string& name : names) {
    Sheet s;
    s.name = name;
    s.header = {"x"};
    wb.sheets.push_back(s);
  }
  TempDir dir;
  const std::string path = dir.file("namen.xlsx");
  write_workbook(wb, path);
  EXPECT_EQ(sheets_of(path),
            (std::vector<std::string>{"Daten", "daten (2)", "a_b", "Sheet", repeat("Ä", 31)}));
}

TEST(Workbook, NoSheetsGivesOneEmptySheet) {
  TempDir dir;
  const std::string path = dir.file("leer.xlsx");
  write_workbook(Workbook{}, path);
  EXPECT_EQ(sheets_of(path), std::vector<std::string>{"Sheet"});
  EXPECT_TRUE(read_sheet(path, "Sheet").rows.empty());
}

TEST(Workbook, MissingDirectoryThrowsNamingThePathAndLeavesNothing) {
  TempDir dir;
  const std::string path = (dir.path() / "fehlt" / "bericht.xlsx").string();
  try {
    write_workbook(sample(), path);
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("No such file or directory"), std::string::npos)
        << e.what();
  }
  EXPECT_FALSE(fs::exists(dir.path() / "fehlt"));
  EXPECT_TRUE(dir.entries().empty());
}

TEST(Workbook, FailedWriteKeepsTheOldFileAndLeavesNoTemporary) {
  TempDir dir;
  const std::string path = dir.file("bericht.xlsx");
  std::ofstream(path) << "old";
  Workbook wb;
  Sheet wide;
  wide.name = "Breit";
  wide.header.assign(16'385, "x");  // one column more than Excel's XFD
  wb.sheets = {wide};
  try {
    write_workbook(wb, path);
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("16385 columns"), std::string::npos) << e.what();
  }
  EXPECT_EQ(slurp(path), "old");
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"bericht.xlsx"});
}

TEST(Workbook, BytesAreTheSameWorkbook) {
  const std::string bytes = workbook_bytes(sample());
  ASSERT_TRUE(io::looks_like_zip(bytes));
  EXPECT_EQ(io::list_xlsx_sheets(bytes, "download.xlsx"),
            (std::vector<std::string>{"Akteure Übersicht", "Zahlen", "Leer"}));
  io::XlsxOptions options;
  options.sheet_name = "Zahlen";
  EXPECT_EQ(io::read_xlsx_sheet(bytes, "download.xlsx", options).rows[1],
            (Row{"0.1", "1e-12", "12", "-3", "", "0"}));
}

}  // namespace
}  // namespace kn::report
