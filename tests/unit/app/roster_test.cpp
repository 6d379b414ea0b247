// Roster import: German and English headers from CSV and .xlsx (tests/data/roster/), sector,
// kind and field labels, key generation, every error naming file, location and field, the
// warnings, both catalogues, and the Musterstadt demo actors as a roster round trip.
#include "app/roster.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "app/demo/musterstadt.hpp"
#include "core/io/csv.hpp"

namespace kn::app {
namespace {

using StrList = std::vector<std::string>;

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(KN_TEST_DATA_DIR) + "/roster/" + name, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

RosterError roster_error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const RosterError& e) {
    return e;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected RosterError, got: " << e.what();
    return {"", "", "", "", {}, Lang::En};
  }
  ADD_FAILURE() << "expected RosterError, nothing was thrown";
  return {"", "", "", "", {}, Lang::En};
}

RosterError csv_error(const std::string& text, Lang lang = Lang::De) {
  RosterOptions o;
  o.lang = lang;
  return roster_error_of([&] { parse_roster(std::string_view(text), "akteure.csv", o); });
}

StrList warning_keys(const RosterResult& r) {
  StrList out;
  for (const auto& p : r.problems)
    out.push_back(p.message_key);
  return out;
}

/// The German fixture, read from CSV or from the second sheet of the .xlsx.
void expect_german_roster(const RosterResult& r, const std::string& row2_location) {
  ASSERT_EQ(r.entries.size(), 4U);
  EXPECT_TRUE(r.problems.empty()) << r.problems.front().message;
  const RosterEntry& v = r.entries[0];
  EXPECT_EQ(v.key, "V01");
  EXPECT_EQ(v.name, "Stadtverwaltung Musterstadt – Klimaschutzmanagement");
  EXPECT_EQ(v.kind, ActorKind::Organisation);
  EXPECT_EQ(v.sector, "verwaltung");
  EXPECT_EQ(v.sub_type, "Stabsstelle");
  EXPECT_EQ(v.contact_name, "Jürgen Groß");
  EXPECT_EQ(v.contact_email, "klima@musterstadt.example");
  EXPECT_EQ(v.fields, (StrList{"energie", "mobilitaet"}));
  ASSERT_EQ(v.attributes.size(), 1U);
  EXPECT_EQ(v.attributes[0], (std::pair<std::string, std::string>{"Stadtteil", "Mitte"}));
  EXPECT_FALSE(v.key_generated);
  EXPECT_EQ(v.location, row2_location);
  const RosterEntry& ku = r.entries[1];
  EXPECT_EQ(ku.sector, "kommunale_unternehmen");
  EXPECT_EQ(ku.fields, (StrList{"energie", "gebaeude_waerme"}));
  EXPECT_EQ(ku.sub_type, "");
  const RosterEntry& z = r.entries[2];
  EXPECT_EQ(z.name, "BUND Ortsgruppe 🌳");
  EXPECT_EQ(z.sector, "zivilgesellschaft");
  EXPECT_EQ(z.fields, (StrList{"klimaanpassung"}));
  EXPECT_EQ(z.contact_email, "");
  const RosterEntry& p = r.entries[3];
  EXPECT_EQ(p.name, "Maria Weiß");
  EXPECT_EQ(p.kind, ActorKind::Person);
  EXPECT_EQ(p.sector, "politik");
  EXPECT_TRUE(p.fields.empty());
  ASSERT_EQ(p.attributes.size(), 1U);
  EXPECT_EQ(p.attributes[0].second, "7");
}

TEST(RosterCsv, GermanHeadersSemicolonBomCrlf) {
  const RosterResult r = parse_roster(std::string_view(fixture("roster_de.csv")), "akteure.csv");
  expect_german_roster(r, "line 2");
  EXPECT_EQ(r.entries[3].location, "line 6");  // the empty row 4 is skipped, lines still count
}

TEST(RosterXlsx, GermanHeadersOnTheSheetChosenByName) {
  RosterOptions o;
  o.xlsx.sheet_name = "Akteure";
  const RosterResult r = read_roster(fixture("roster_de.xlsx"), "akteure.xlsx", o);
  expect_german_roster(r, "sheet Akteure, row 2");
  EXPECT_EQ(r.entries[3].location, "sheet Akteure, row 6");
}

TEST(RosterXlsx, FirstSheetWithoutNameColumnIsAnError) {
  // Sheet 1 ("Info") is a title page: its first row has no name header.
  const RosterError e =
      roster_error_of([] { read_roster(fixture("roster_de.xlsx"), "akteure.xlsx"); });
  EXPECT_EQ(e.message_key(), "roster.error.no_name_column");
  EXPECT_EQ(e.file(), "akteure.xlsx");
  EXPECT_EQ(e.location(), "sheet Info, row 1");
}

void expect_english_roster(const RosterResult& r) {
  ASSERT_EQ(r.entries.size(), 3U);
  EXPECT_EQ(warning_keys(r), (StrList{"roster.warn.keys_generated"}));
  EXPECT_EQ(r.entries[0].key, "city-hall-climate-office");
  EXPECT_TRUE(r.entries[0].key_generated);
  EXPECT_EQ(r.entries[0].sector, "verwaltung");
  EXPECT_EQ(r.entries[0].contact_name, "Jane Doe");
  EXPECT_EQ(r.entries[0].fields, (StrList{"mobilitaet", "gebaeude_waerme"}));
  EXPECT_EQ(r.entries[0].attributes,
            (std::vector<std::pair<std::string, std::string>>{{"Budget", "125000"}}));
  EXPECT_EQ(r.entries[1].key, "chamber-of-commerce");
  EXPECT_EQ(r.entries[1].kind, ActorKind::Organisation);
  EXPECT_EQ(r.entries[1].sector, "wirtschaft");
  EXPECT_EQ(r.entries[1].fields, (StrList{"wirtschaft_gewerbe"}));
  EXPECT_TRUE(r.entries[1].attributes.empty());
  EXPECT_EQ(r.entries[2].sector, "medien");
  EXPECT_EQ(r.entries[2].attributes[0].second, "0.5");
}

TEST(RosterCsv, EnglishHeadersCommaGeneratedKeys) {
  expect_english_roster(parse_roster(std::string_view(fixture("roster_en.csv")), "roster.csv"));
}

TEST(RosterXlsx, EnglishHeadersInlineStringsAndNumbers) {
  const RosterResult r = read_roster(fixture("roster_en.xlsx"), "roster.xlsx");
  expect_english_roster(r);
  EXPECT_EQ(r.entries[2].location, "sheet Roster, row 4");
}

TEST(RosterCsv, HeaderSpellings) {
  const RosterResult r =
      parse_roster(std::string_view("KEY;Akteur;akteursart;SECTOR;Sub-Type;contact_name;"
                                    "Kontakt E-Mail;fields[];Notiz\n"
                                    "a1;Eins;PERSON;politics;Rat;X;x@y.example;food;n\n"),
                   "h.csv");
  ASSERT_EQ(r.entries.size(), 1U);
  const RosterEntry& e = r.entries[0];
  EXPECT_EQ(e.key, "a1");
  EXPECT_EQ(e.name, "Eins");
  EXPECT_EQ(e.kind, ActorKind::Person);
  EXPECT_EQ(e.sector, "politik");
  EXPECT_EQ(e.sub_type, "Rat");
  EXPECT_EQ(e.contact_name, "X");
  EXPECT_EQ(e.contact_email, "x@y.example");
  EXPECT_EQ(e.fields, (StrList{"ernaehrung"}));
  EXPECT_EQ(e.attributes[0].first, "Notiz");

  const RosterResult r2 = parse_roster(
      std::string_view(
          "Organization,Ansprechpartner,E-Mail-Adresse,Themen,Kürzel\nB,C,d@e.fg,,K\n"),
      "h2.csv");
  EXPECT_EQ(r2.entries[0].name, "B");
  EXPECT_EQ(r2.entries[0].contact_name, "C");
  EXPECT_EQ(r2.entries[0].contact_email, "d@e.fg");
  EXPECT_EQ(r2.entries[0].key, "K");
}

TEST(RosterCsv, SectorKindAndFieldLabelsInBothLanguages) {
  const std::vector<std::pair<std::string, std::string>> sectors = {
      {"Verwaltung", "verwaltung"},
      {"VERWALTUNG", "verwaltung"},
      {"Administration", "verwaltung"},
      {"politik", "politik"},
      {"Kommunale Unternehmen", "kommunale_unternehmen"},
      {"municipal companies", "kommunale_unternehmen"},
      {"Wirtschaft", "wirtschaft"},
      {"Zivilgesellschaft", "zivilgesellschaft"},
      {"Civil society", "zivilgesellschaft"},
      {"Wissenschaft & Bildung", "wissenschaft_bildung"},
      {"Wissenschaft und Bildung", "wissenschaft_bildung"},
      {"Science and education", "wissenschaft_bildung"},
      {"wissenschaft_bildung", "wissenschaft_bildung"},
      {"Medien", "medien"},
  };
  std::string csv = "Name;Sektor;Art;Handlungsfelder\n";
  for (std::size_t i = 0; i < sectors.size(); ++i) {
    csv +=
        "A" + std::to_string(i) + ";" + sectors[i].first + ";" +
        (i % 2 == 0 ? "Organisation" : "Einzelperson") + ";" +
        (i == 0 ? "\"ÖFFENTLICHE BESCHAFFUNG, Abfall und Wasser|waste & water;Ernährung\"" : "") +
        "\n";
  }
  const RosterResult r = parse_roster(std::string_view(csv), "labels.csv");
  ASSERT_EQ(r.entries.size(), sectors.size());
  for (std::size_t i = 0; i < sectors.size(); ++i) {
    EXPECT_EQ(r.entries[i].sector, sectors[i].second) << sectors[i].first;
    EXPECT_EQ(r.entries[i].kind, i % 2 == 0 ? ActorKind::Organisation : ActorKind::Person);
  }
  EXPECT_EQ(r.entries[0].fields, (StrList{"beschaffung", "abfall_wasser", "ernaehrung"}));
}

TEST(RosterCsv, TrimsSpacesAndNonBreakingSpacesInAnyMix) {
  // Found by fuzz_roster: a space before a trailing U+00A0 stayed, so the name changed when
  // written and read again.
  const RosterResult r = parse_roster(
      std::string_view(
          "Name;Sektor\n\xC2\xA0 Amt f\xC3\xBCr Umwelt \xC2\xA0\t;\xC2\xA0Verwaltung\n"),
      "t.csv");
  ASSERT_EQ(r.entries.size(), 1U);
  EXPECT_EQ(r.entries[0].name, "Amt für Umwelt");
  EXPECT_EQ(r.entries[0].sector, "verwaltung");
}

// --- errors: each names the file, the location and the field ---------------------------------

TEST(RosterErrors, DuplicateKeyNamesBothLines) {
  const RosterError e = csv_error("Kürzel;Name\nA;Eins\nB;Zwei\na;Drei\n");
  EXPECT_EQ(e.file(), "akteure.csv");
  EXPECT_EQ(e.location(), "line 4");
  EXPECT_EQ(e.field(), "Kürzel");
  EXPECT_EQ(e.message_key(), "roster.error.duplicate_key");
  EXPECT_EQ(e.detail(), "Das Kürzel „a“ steht schon in Zeile 2.");
  EXPECT_EQ(std::string(e.what()),
            "akteure.csv:line 4: field 'Kürzel': Das Kürzel „a“ steht schon in Zeile 2.");
}

TEST(RosterErrors, DuplicateNameIgnoresCaseAndSpaces) {
  const RosterError e =
      csv_error("name\nStadtwerke  Musterstadt\n\"stadtwerke musterstadt \"\n", Lang::En);
  EXPECT_EQ(e.location(), "line 3");
  EXPECT_EQ(e.field(), "name");
  EXPECT_EQ(e.message_key(), "roster.error.duplicate_name");
  EXPECT_EQ(e.detail(), "The name \"stadtwerke musterstadt\" is already in line 2.");
}

TEST(RosterErrors, UnknownSectorListsTheAllowedValues) {
  const RosterError de = csv_error("Name;Sektor\nA;Verwaltung\nB;Vereine\n");
  EXPECT_EQ(de.location(), "line 3");
  EXPECT_EQ(de.field(), "Sektor");
  EXPECT_EQ(de.message_key(), "roster.error.sector");
  EXPECT_EQ(de.args()[0], "Vereine");
  EXPECT_NE(de.detail().find("Unbekannter Sektor „Vereine“. Erlaubt sind: verwaltung (Verwaltung), "
                             "politik (Politik), kommunale_unternehmen (Kommunale Unternehmen)"),
            std::string::npos)
      << de.detail();
  EXPECT_NE(de.detail().find("medien (Medien)."), std::string::npos) << de.detail();
  const RosterError en = csv_error("Name;Sector\nA;Clubs\n", Lang::En);
  EXPECT_NE(en.detail().find("Unknown sector \"Clubs\". Allowed: verwaltung (Administration), "),
            std::string::npos)
      << en.detail();
  EXPECT_NE(en.detail().find("zivilgesellschaft (Civil society)"), std::string::npos);
}

TEST(RosterErrors, UnknownSectorInXlsxNamesTheCell) {
  const RosterError e =
      roster_error_of([] { read_roster(fixture("roster_bad_sector.xlsx"), "liste.xlsx"); });
  EXPECT_EQ(e.file(), "liste.xlsx");
  EXPECT_EQ(e.location(), "sheet Roster, cell B3");
  EXPECT_EQ(e.field(), "Sector");
  EXPECT_EQ(e.message_key(), "roster.error.sector");
}

TEST(RosterErrors, KindFieldEmailName) {
  const RosterError kind = csv_error("Name;Art\nA;Verein\n");
  EXPECT_EQ(kind.location(), "line 2");
  EXPECT_EQ(kind.field(), "Art");
  EXPECT_EQ(kind.message_key(), "roster.error.kind");
  EXPECT_NE(kind.detail().find("organisation (Organisation), person (Person)"), std::string::npos);

  const RosterError field = csv_error("Name;Handlungsfelder\nA;Mobilität|Raumfahrt\n");
  EXPECT_EQ(field.field(), "Handlungsfelder");
  EXPECT_EQ(field.args()[0], "Raumfahrt");
  EXPECT_NE(field.detail().find("mobilitaet (Mobilität)"), std::string::npos) << field.detail();

  for (const char* bad : {"jane", "jane@", "@city.example", "a@b", "a b@c.de", "a@b@c.de", "a@.de",
                          "a@de.", "a..b@c.de", "<a@c.de>"}) {
    const RosterError email = csv_error(std::string("Name,E-Mail\nA,") + bad + "\n");
    EXPECT_EQ(email.message_key(), "roster.error.email") << bad;
    EXPECT_EQ(email.field(), "E-Mail");
    EXPECT_EQ(email.location(), "line 2");
  }
  EXPECT_EQ(parse_roster(std::string_view("Name,E-Mail\nA,jürgen.groß@bürger.example\n"), "u.csv")
                .entries[0]
                .contact_email,
            "jürgen.groß@bürger.example");

  const RosterError name = csv_error("Kürzel;Name;Sektor\nA;;Politik\n");
  EXPECT_EQ(name.location(), "line 2");
  EXPECT_EQ(name.field(), "Name");
  EXPECT_EQ(name.message_key(), "roster.error.empty_name");
}

TEST(RosterErrors, HeaderProblems) {
  const RosterError none = csv_error("Kürzel;Sektor\nA;Politik\n");
  EXPECT_EQ(none.location(), "line 1");
  EXPECT_EQ(none.message_key(), "roster.error.no_name_column");

  const RosterError twice = csv_error("Name;Organisation\nA;B\n");
  EXPECT_EQ(twice.location(), "line 1");
  EXPECT_EQ(twice.field(), "Organisation");
  EXPECT_EQ(twice.message_key(), "roster.error.duplicate_column");
  EXPECT_EQ(twice.args(), (StrList{"Name", "Organisation"}));

  const RosterError extra = csv_error("Name;Notiz;notiz\nA;1;2\n");
  EXPECT_EQ(extra.message_key(), "roster.error.duplicate_column");

  const RosterError empty = csv_error("\xEF\xBB\xBF;;;\r\n\r\n ; ;\r\n");
  EXPECT_EQ(empty.message_key(), "roster.error.empty");
  EXPECT_EQ(empty.file(), "akteure.csv");

  const RosterError wide = csv_error("Name;Sektor\nA;Politik;zu viel\n");
  EXPECT_EQ(wide.location(), "line 2");
  EXPECT_EQ(wide.message_key(), "roster.error.extra_cells");
  EXPECT_EQ(wide.args(), (StrList{"3"}));
}

TEST(RosterErrors, LimitsAndReaderErrors) {
  RosterOptions o;
  o.max_entries = 2;
  const RosterError many =
      roster_error_of([&] { parse_roster(std::string_view("Name\nA\nB\nC\n"), "many.csv", o); });
  EXPECT_EQ(many.location(), "line 4");
  EXPECT_EQ(many.message_key(), "roster.error.too_many");

  RosterOptions small;
  small.max_cell_bytes = 10;
  const RosterError longer = roster_error_of(
      [&] { parse_roster(std::string_view("Name\nEin sehr langer Name\n"), "l.csv", small); });
  EXPECT_EQ(longer.field(), "Name");
  EXPECT_EQ(longer.message_key(), "roster.error.too_long");

  RosterOptions tiny;
  tiny.max_csv_bytes = 5;
  EXPECT_EQ(roster_error_of([&] {
              parse_roster(std::string_view("Name\nA\n"), "t.csv", tiny);
            }).message_key(),
            "roster.error.too_large");

  const RosterError key = csv_error(std::string("id;Name\nA\x01;B\n"));
  EXPECT_EQ(key.message_key(), "roster.error.key");
  EXPECT_EQ(key.field(), "id");

  const RosterError quote = csv_error("Name;Sektor\nA;\"Politik\n");
  EXPECT_EQ(quote.message_key(), "roster.error.csv");
  EXPECT_EQ(quote.location(), "line 2");
  EXPECT_NE(quote.detail().find("unterminated quoted field"), std::string::npos) << quote.detail();

  const RosterError zip =
      roster_error_of([] { read_roster(fixture("no_workbook.xlsx"), "x.xlsx"); });
  EXPECT_EQ(zip.message_key(), "roster.error.xlsx");
  EXPECT_EQ(zip.file(), "x.xlsx");
  const RosterError bomb =
      roster_error_of([] { read_roster(fixture("bomb_declared.xlsx"), "b.xlsx"); });
  EXPECT_EQ(bomb.location(), "zip entry xl/worksheets/sheet1.xml");
  EXPECT_NE(bomb.detail().find("Die Excel-Datei kann nicht gelesen werden: entry too large"),
            std::string::npos);
}

// --- warnings --------------------------------------------------------------------------------

TEST(RosterWarnings, EveryKind) {
  const RosterResult r =
      parse_roster(std::string_view("Kürzel;Name;Sektor;;E-Mail\n"
                                    "A;Eins;;;x@y.example\n"
                                    ";Zwei;Medien;Notiz ohne Spalte;X@Y.example\n"
                                    "zwei;Zwei Zwei;Medien;;\n"),
                   "w.csv");
  ASSERT_EQ(r.entries.size(), 3U);
  EXPECT_EQ(warning_keys(r), (StrList{"roster.warn.no_sector", "roster.warn.unnamed_column",
                                      "roster.warn.duplicate_email", "roster.warn.key_generated"}));
  EXPECT_EQ(r.problems[0].location, "line 2");
  EXPECT_EQ(r.problems[0].field, "Sektor");
  EXPECT_EQ(r.problems[0].message, "Kein Sektor angegeben.");
  EXPECT_EQ(r.problems[1].message, "Spalte 4 hat keine Überschrift; ihre Werte werden ignoriert.");
  EXPECT_EQ(r.problems[2].message, "Die E-Mail-Adresse „X@Y.example“ steht auch in Zeile 2.");
  // "zwei" is taken by line 4, so the generated key of "Zwei" gets a suffix.
  EXPECT_EQ(r.entries[1].key, "zwei-2");
  EXPECT_TRUE(r.entries[1].key_generated);
  EXPECT_EQ(r.problems[3].location, "line 3");
  EXPECT_EQ(r.problems[3].args, (StrList{"zwei-2"}));

  RosterOptions en;
  en.lang = Lang::En;
  const RosterResult nosector = parse_roster(std::string_view("Name\nA\n"), "n.csv", en);
  EXPECT_EQ(warning_keys(nosector),
            (StrList{"roster.warn.no_sector_column", "roster.warn.keys_generated"}));
  EXPECT_EQ(nosector.problems[0].message, "The file has no sector column; no actor has a sector.");
}

TEST(RosterWarnings, Windows1252IsConverted) {
  const RosterResult r = parse_roster(std::string_view("Name;Sektor\nB\xFC"
                                                       "rgerverein S\xFC"
                                                       "d;Zivilgesellschaft\nStra\xDF"
                                                       "enbau \x80;Wirtschaft\n"),
                                      "latin.csv");
  ASSERT_EQ(r.entries.size(), 2U);
  EXPECT_EQ(r.entries[0].name, "Bürgerverein Süd");
  EXPECT_EQ(r.entries[0].key, "buergerverein-sued");
  EXPECT_EQ(r.entries[1].name, "Straßenbau €");
  EXPECT_EQ(warning_keys(r), (StrList{"roster.warn.cp1252", "roster.warn.keys_generated"}));
  // With a BOM the file claims UTF-8: bad bytes are an error naming the cell.
  const RosterError e = csv_error("\xEF\xBB\xBFName\nB\xFC\n");
  EXPECT_EQ(e.message_key(), "roster.error.encoding");
  EXPECT_EQ(e.location(), "line 2");
}

TEST(RosterMessages, EveryKeyUsedHasBothTexts) {
  for (const char* key : {"roster.kind.organisation",
                          "roster.kind.person",
                          "roster.location.line",
                          "roster.location.row",
                          "roster.error.empty",
                          "roster.error.too_large",
                          "roster.error.too_many",
                          "roster.error.too_many_columns",
                          "roster.error.too_long",
                          "roster.error.encoding",
                          "roster.error.no_name_column",
                          "roster.error.duplicate_column",
                          "roster.error.extra_cells",
                          "roster.error.empty_name",
                          "roster.error.duplicate_name",
                          "roster.error.duplicate_key",
                          "roster.error.key",
                          "roster.error.kind",
                          "roster.error.sector",
                          "roster.error.field",
                          "roster.error.email",
                          "roster.error.csv",
                          "roster.error.xlsx",
                          "roster.warn.no_sector_column",
                          "roster.warn.no_sector",
                          "roster.warn.keys_generated",
                          "roster.warn.key_generated",
                          "roster.warn.duplicate_email",
                          "roster.warn.unnamed_column",
                          "roster.warn.cp1252"}) {
    EXPECT_NE(tr(Lang::De, key), key);
    EXPECT_NE(tr(Lang::En, key), key);
  }
  const RosterError e = csv_error("Name;Sektor\nA;X\n", Lang::En);
  EXPECT_NE(tr_format(Lang::De, e.message_key(), e.args()), e.detail());
}

// --- keys ------------------------------------------------------------------------------------

TEST(RosterKeys, Slugs) {
  EXPECT_EQ(roster_slug("Bürgerenergie Süd e.V."), "buergerenergie-sued-e-v");
  EXPECT_EQ(roster_slug("  Café ÖKÖ – Straße 12 "), "cafe-oekoe-strasse-12");
  EXPECT_EQ(roster_slug("🌍🌳"), "akteur");
  EXPECT_EQ(roster_slug("Amt für Umwelt 🌍 und Klima"), "amt-fuer-umwelt-und-klima");
  EXPECT_LE(roster_slug(std::string(200, 'x')).size(), 48U);
  const RosterResult r = parse_roster(std::string_view("Name\nA B\nA-B\n\"A, B\"\n🌍\n"), "k.csv");
  StrList keys;
  for (const auto& e : r.entries)
    keys.push_back(e.key);
  EXPECT_EQ(keys, (StrList{"a-b", "a-b-2", "a-b-3", "akteur"}));
}

// --- the demo as a roster --------------------------------------------------------------------

TEST(RosterRoundTrip, MusterstadtActorsCsvAsRoster) {
  const Network demo = generate_musterstadt();
  for (const char sep : {',', ';'}) {
    io::CsvWriteOptions w;
    w.separator = sep;
    const std::string csv = io::write_actors_csv(demo, w);
    const RosterResult r = parse_roster(std::string_view(csv), "musterstadt.csv");
    ASSERT_EQ(r.entries.size(), demo.actor_count());
    EXPECT_TRUE(r.problems.empty()) << r.problems.front().message;
    const Network net = roster_network(r.entries);
    ASSERT_EQ(net.actor_ids(), demo.actor_ids());
    std::set<std::string> sectors;
    for (const char* attr : {"name", "sector", "headline_sector", "kind", "fields"}) {
      const AttrColumn* a = demo.actor_attrs().find(attr);
      const AttrColumn* b = net.actor_attrs().find(attr);
      ASSERT_NE(a, nullptr) << attr;
      ASSERT_NE(b, nullptr) << attr;
      EXPECT_EQ(a->type, b->type) << attr;
      for (ActorIndex i = 0; i < demo.actor_count(); ++i) {
        EXPECT_EQ(a->values[i], b->values[i]) << attr << " of " << demo.actor_id(i);
      }
    }
    for (const auto& e : r.entries)
      sectors.insert(e.sector);
    EXPECT_EQ(sectors.size(), kSectorKeys.size());
  }
}

TEST(RosterRoundTrip, NetworkLeavesContactsOut) {
  const RosterResult r = parse_roster(std::string_view(fixture("roster_de.csv")), "a.csv");
  const Network net = roster_network(r.entries);
  EXPECT_EQ(net.actor_ids(), (StrList{"V01", "KU01", "Z01", "P01"}));
  EXPECT_EQ(net.actor_attrs().find("contact_email"), nullptr);
  EXPECT_EQ(net.actor_attrs().find("contact_name"), nullptr);
  const AttrColumn* district = net.actor_attrs().find("Stadtteil");
  ASSERT_NE(district, nullptr);
  EXPECT_EQ(std::get<std::string>(district->values[3]), "7");
  EXPECT_EQ(std::get<std::string>(net.actor_attrs().find("kind")->values[3]), "person");
  EXPECT_EQ(std::get<std::string>(net.actor_attrs().find("headline_sector")->values[0]),
            "politik_verwaltung");
}

}  // namespace
}  // namespace kn::app
