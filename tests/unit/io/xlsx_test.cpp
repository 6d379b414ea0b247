// xlsx reader: the hand-built workbooks of tests/data/roster/ (tools/make_xlsx_fixtures.py):
// shared and inline strings, rich text, numbers, booleans, sparse cells, umlauts and emoji, two
// sheets, sheet choice; the hostile ones (zip bombs, too many entries, not a zip, no workbook,
// reference overflow) and the cell-reference helpers.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/io/xlsx.hpp"
#include "unit/io/io_fixtures.hpp"

namespace kn::iotest {
namespace {

using io::read_xlsx_sheet;
using io::Table;
using io::XlsxOptions;
using Row = std::vector<std::string>;

std::string fixture_path(const std::string& name) {
  return std::string(KN_TEST_DATA_DIR) + "/roster/" + name;
}

std::string fixture(const std::string& name) {
  return read_text(fixture_path(name));
}

XlsxOptions sheet_named(const std::string& name) {
  XlsxOptions o;
  o.sheet_name = name;
  return o;
}

TEST(XlsxRead, EveryCellKindOfTheFirstSheet) {
  const Table t = read_xlsx_sheet(fixture("basic.xlsx"), "basic.xlsx");
  EXPECT_EQ(t.sheet, "Daten");
  ASSERT_EQ(t.rows.size(), 6U);  // the styled empty cell in row 7 adds no row
  EXPECT_EQ(t.rows[0], (Row{"Name", "", "Größe"}));
  EXPECT_EQ(t.rows[1], (Row{"Jürgen Groß 🌍", "", "12", "3.5", "0.1", "TRUE"}));
  EXPECT_TRUE(t.rows[2].empty());  // row 3 is not in the file
  EXPECT_EQ(t.rows[3],
            (Row{"Fett und normal", "49301234567", "FALSE", "1e+21", "-0.00725", "Namex"}));
  EXPECT_EQ(t.rows[4], (Row{"  Leerzeichen  ", "Zeile\rUmbruch", "inline rich", "#N/A", "46023"}));
  ASSERT_EQ(t.rows[5].size(), 27U);  // AA6
  EXPECT_EQ(t.rows[5][26], "ÄÖÜ äöü ß");
  for (std::size_t c = 0; c < 26; ++c)
    EXPECT_EQ(t.rows[5][c], "");
}

TEST(XlsxRead, SecondSheetByIndexAndByName) {
  XlsxOptions by_index;
  by_index.sheet_index = 1;
  const Table a = read_xlsx_sheet(fixture("basic.xlsx"), "basic.xlsx", by_index);
  EXPECT_EQ(a.sheet, "Zweites Blatt");
  ASSERT_EQ(a.rows.size(), 3U);
  EXPECT_EQ(a.rows[0], (Row{"zweites", "Blatt ✓"}));
  EXPECT_EQ(a.rows[2], (Row{"", "42"}));
  const Table b =
      read_xlsx_sheet(fixture("basic.xlsx"), "basic.xlsx", sheet_named("zweites blatt"));
  EXPECT_EQ(b.sheet, "Zweites Blatt");
  EXPECT_EQ(b.rows, a.rows);
}

TEST(XlsxRead, SheetListAndFromPath) {
  EXPECT_EQ(io::list_xlsx_sheets(fixture("roster_de.xlsx"), "roster_de.xlsx"),
            (Row{"Info", "Akteure"}));
  const Table t = io::read_xlsx_sheet_file(fixture_path("roster_de.xlsx"), sheet_named("Akteure"));
  EXPECT_EQ(t.sheet, "Akteure");
  ASSERT_GE(t.rows.size(), 2U);
  EXPECT_EQ(t.rows[0][0], "Kürzel");
  EXPECT_EQ(t.rows[1][1], "Stadtverwaltung Musterstadt – Klimaschutzmanagement");
}

TEST(XlsxRead, UnknownSheetNamesTheSheetsThereAre) {
  const ParseError e = parse_error_of(
      [] { read_xlsx_sheet(fixture("basic.xlsx"), "basic.xlsx", sheet_named("Roster")); });
  EXPECT_EQ(e.file(), "basic.xlsx");
  EXPECT_NE(e.detail().find("no sheet named 'Roster'"), std::string::npos) << e.what();
  EXPECT_NE(e.detail().find("Daten, Zweites Blatt"), std::string::npos) << e.what();
  XlsxOptions third;
  third.sheet_index = 2;
  const ParseError e2 =
      parse_error_of([&] { read_xlsx_sheet(fixture("basic.xlsx"), "basic.xlsx", third); });
  EXPECT_NE(e2.detail().find("no sheet number 3"), std::string::npos) << e2.what();
}

TEST(XlsxHostile, DeclaredHugeEntryIsRejectedBeforeInflating) {
  const ParseError e =
      parse_error_of([] { read_xlsx_sheet(fixture("bomb_declared.xlsx"), "bomb.xlsx"); });
  EXPECT_EQ(e.file(), "bomb.xlsx");
  EXPECT_EQ(e.location(), "zip entry xl/worksheets/sheet1.xml");
  EXPECT_NE(e.detail().find("entry too large when unpacked (4294967280 bytes"), std::string::npos)
      << e.what();
}

TEST(XlsxHostile, EntryInflatingPastTheCapStops) {
  // Declares 100 bytes, inflates to 17 MiB: the default cap of 16 MiB stops it.
  const std::string bytes = fixture("bomb_inflate.xlsx");
  ASSERT_LT(bytes.size(), 64U * 1024);
  const ParseError e = parse_error_of([&] { read_xlsx_sheet(bytes, "bomb.xlsx"); });
  EXPECT_EQ(e.location(), "zip entry xl/worksheets/sheet1.xml");
  EXPECT_NE(e.detail().find("inflates past 16777216 bytes (declared 100)"), std::string::npos)
      << e.what();
}

TEST(XlsxHostile, TooManyEntries) {
  const std::string bytes = fixture("many_entries.xlsx");
  XlsxOptions o;
  o.limits.max_entries = 50;
  const ParseError e = parse_error_of([&] { read_xlsx_sheet(bytes, "many.xlsx", o); });
  EXPECT_NE(e.detail().find("too many zip entries (60, at most 50)"), std::string::npos)
      << e.what();
  o.limits.max_entries = 60;  // at the limit: fine
  EXPECT_EQ(read_xlsx_sheet(bytes, "many.xlsx", o).rows, (std::vector<Row>{{"x"}}));
}

TEST(XlsxHostile, CompressedSizeCap) {
  const std::string bytes = fixture("basic.xlsx");
  XlsxOptions o;
  o.limits.max_input_bytes = 1000;
  const ParseError e = parse_error_of([&] { read_xlsx_sheet(bytes, "basic.xlsx", o); });
  EXPECT_NE(
      e.detail().find("file too large (" + std::to_string(bytes.size()) + " bytes, at most 1000)"),
      std::string::npos)
      << e.what();
  o.limits.max_input_bytes = bytes.size();
  EXPECT_EQ(read_xlsx_sheet(bytes, "basic.xlsx", o).sheet, "Daten");
}

TEST(XlsxHostile, NotAZip) {
  for (const std::string& bytes :
       {std::string("Name;Sektor\nA;Politik\n"), std::string(), std::string("PK\x03\x04", 4),
        std::string("PK\x03\x04 truncated local header and nothing else")}) {
    const ParseError e = parse_error_of([&] { read_xlsx_sheet(bytes, "roster.xlsx"); });
    EXPECT_EQ(e.file(), "roster.xlsx");
    EXPECT_TRUE(e.detail().find("not an .xlsx file") != std::string::npos ||
                e.detail().find("broken zip archive") != std::string::npos)
        << e.what();
  }
}

TEST(XlsxHostile, ZipWithoutWorkbook) {
  const ParseError e =
      parse_error_of([] { read_xlsx_sheet(fixture("no_workbook.xlsx"), "nowb.xlsx"); });
  EXPECT_NE(e.detail().find("no workbook (xl/workbook.xml missing)"), std::string::npos)
      << e.what();
}

TEST(XlsxHostile, CellReferenceOverflow) {
  const ParseError e =
      parse_error_of([] { read_xlsx_sheet(fixture("ref_overflow.xlsx"), "over.xlsx"); });
  EXPECT_EQ(e.location(), "sheet Roster, row 1");
  EXPECT_EQ(e.field(), "r");
  EXPECT_NE(e.detail().find("'XFD99999999'"), std::string::npos) << e.what();
  EXPECT_NE(e.detail().find("at most XFD1048576"), std::string::npos) << e.what();
}

TEST(XlsxHostile, SharedStringIndexOutOfRangeNamesTheCell) {
  const ParseError e =
      parse_error_of([] { read_xlsx_sheet(fixture("bad_shared_index.xlsx"), "bad.xlsx"); });
  EXPECT_EQ(e.location(), "sheet Roster, cell B1");
  EXPECT_EQ(e.field(), "v");
  EXPECT_NE(e.detail().find("shared string index '5' out of range (1 shared strings)"),
            std::string::npos)
      << e.what();
}

TEST(XlsxHostile, CellAndTextCaps) {
  // basic.xlsx row 6 has one value in column AA: 27 cells of padding and value in that row.
  XlsxOptions o;
  o.limits.max_cells = 40;
  const ParseError e =
      parse_error_of([&] { read_xlsx_sheet(fixture("basic.xlsx"), "basic.xlsx", o); });
  EXPECT_EQ(e.location(), "sheet Daten, cell AA6");
  EXPECT_NE(e.detail().find("too many cells (at most 40"), std::string::npos) << e.what();

  XlsxOptions t;
  t.limits.max_text_bytes = 30;
  const ParseError e2 =
      parse_error_of([&] { read_xlsx_sheet(fixture("basic.xlsx"), "basic.xlsx", t); });
  EXPECT_NE(e2.detail().find("too much cell text (at most 30 bytes)"), std::string::npos)
      << e2.what();

  XlsxOptions cols;
  cols.limits.max_columns = 26;  // AA is column 27
  const ParseError e3 =
      parse_error_of([&] { read_xlsx_sheet(fixture("basic.xlsx"), "basic.xlsx", cols); });
  EXPECT_EQ(e3.location(), "sheet Daten, row 6");
  EXPECT_NE(e3.detail().find("'AA6'"), std::string::npos) << e3.what();

  XlsxOptions rows;
  rows.limits.max_rows = 5;
  const ParseError e4 =
      parse_error_of([&] { read_xlsx_sheet(fixture("basic.xlsx"), "basic.xlsx", rows); });
  EXPECT_NE(e4.detail().find("bad or out-of-range row number '6' (at most 5)"), std::string::npos)
      << e4.what();
}

TEST(XlsxRead, EntryCapAppliesToEveryPartRead) {
  XlsxOptions o;
  o.limits.max_entry_bytes = 200;  // the sheet parts are larger
  const ParseError e =
      parse_error_of([&] { read_xlsx_sheet(fixture("basic.xlsx"), "basic.xlsx", o); });
  EXPECT_EQ(e.location(), "zip entry _rels/.rels");  // the first part read
  EXPECT_NE(e.detail().find("at most 200"), std::string::npos) << e.what();
}

TEST(XlsxCellRef, FormatAndParse) {
  EXPECT_EQ(io::cell_reference(0, 0), "A1");
  EXPECT_EQ(io::cell_reference(6, 2), "C7");
  EXPECT_EQ(io::cell_reference(9, 26), "AA10");
  EXPECT_EQ(io::cell_reference(1'048'575, 16'383), "XFD1048576");
  const auto aa10 = io::parse_cell_reference("AA10");
  ASSERT_TRUE(aa10);
  EXPECT_EQ(aa10->row, 9U);
  EXPECT_EQ(aa10->column, 26U);
  const auto lower = io::parse_cell_reference("c7");
  ASSERT_TRUE(lower);
  EXPECT_EQ(lower->row, 6U);
  EXPECT_EQ(lower->column, 2U);
  EXPECT_TRUE(io::parse_cell_reference("XFD1048576"));
  for (const char* bad : {"", "A", "7", "A0", "XFE1", "XFD1048577", "XFD99999999", "A1B",
                          "AAAAAAAAAA1", "A-1", "A 1", "A99999999999999999999999"}) {
    EXPECT_FALSE(io::parse_cell_reference(bad)) << bad;
  }
  for (std::size_t c : {0U, 25U, 26U, 701U, 702U, 16383U}) {
    const auto p = io::parse_cell_reference(io::cell_reference(4, c));
    ASSERT_TRUE(p) << c;
    EXPECT_EQ(p->column, c);
  }
  EXPECT_TRUE(io::looks_like_zip(fixture("basic.xlsx")));
  EXPECT_FALSE(io::looks_like_zip("id,name\n"));
}

}  // namespace
}  // namespace kn::iotest
