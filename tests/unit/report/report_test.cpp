// The city report (src/report): the model's numbers on a network drawn here (by hand), the
// planted structure of the Musterstadt demo found by the report and absent without the plant,
// the HTML (self-contained, every chapter, German and English), the xlsx read back cell by cell
// and the PDF turned into PNG pages with pdftoppm.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "app/demo/musterstadt.hpp"
#include "core/io/xlsx.hpp"
#include "report/report_files.hpp"
#include "report/report_html.hpp"
#include "report/report_model.hpp"
#include "report/report_xlsx.hpp"

namespace kn::report {
namespace {

namespace fs = std::filesystem;

//   A, B verwaltung; C wirtschaft; D, E, F zivilgesellschaft; D did not answer.
//   zusammenarbeit 2026 (quality):  A <-> B (5 / 2), A <-> C (1 / 2), A -> D 1, C -> D 3, E -> A 2
//   undirected:  B - A - C        F (no tie)
//                    | \ |
//                    E   D
//   fields: A {energie, mobilitaet}, B {mobilitaet}, C {mobilitaet}, D {energie},
//           E {bildung_oeffentlichkeit}, F {mobilitaet}
//   One idea "Lastenrad-Verleih" (mobilitaet, pilot) initiated by A with the partner D.
ReportInput drawn() {
  ReportInput in;
  in.project = "Kleinstadt Süd";
  Network& n = in.network;
  const char* sectors[] = {"verwaltung",        "verwaltung",        "wirtschaft",
                           "zivilgesellschaft", "zivilgesellschaft", "zivilgesellschaft"};
  const std::vector<std::vector<std::string>> fields = {
      {"energie", "mobilitaet"},   {"mobilitaet"}, {"mobilitaet"}, {"energie"},
      {"bildung_oeffentlichkeit"}, {"mobilitaet"}};
  for (ActorIndex a = 0; a < 6; ++a) {
    n.add_actor(std::string(1, static_cast<char>('A' + a)));
    n.set_actor_attr(a, "sector", std::string(sectors[a]));
    n.set_actor_attr(a, "fields", fields[a]);
  }
  const auto coll = n.relation("zusammenarbeit");
  const auto w = n.wave("2026");
  for (const auto& [s, t, q] : std::vector<std::tuple<ActorIndex, ActorIndex, double>>{
           {0, 1, 5}, {1, 0, 2}, {0, 2, 1}, {2, 0, 2}, {0, 3, 1}, {2, 3, 3}, {4, 0, 2}})
    n.set_tie_attr(n.add_tie(s, t, coll, w), "quality", q);
  in.responded = std::vector<bool>{true, true, true, false, true, true};
  in.invited = std::vector<bool>(6, true);
  app::InnovationRecord idea;
  idea.title = "Lastenrad-Verleih";
  idea.field = "mobilitaet";
  idea.stage = "pilot";
  idea.conditions = {"funding"};
  idea.actors = {{0, "initiator"}, {3, "partner"}};
  in.innovations.push_back(idea);
  return in;
}

TEST(Report, DrawnNetworkByHand) {
  const auto r = build_report(drawn());
  EXPECT_EQ(r.wave, "2026");
  EXPECT_EQ(r.relation, "zusammenarbeit");
  // Missing data: D did not answer; A -> D and C -> D give D -> A and D -> C.
  EXPECT_TRUE(r.missing.survey);
  EXPECT_TRUE(r.missing.reconstructed);
  EXPECT_EQ(r.missing.respondents, 5U);
  EXPECT_EQ(r.missing.non_respondents, 1U);
  EXPECT_EQ(r.missing.added, 2U);
  ASSERT_TRUE(r.reconstructed.has_value());
  EXPECT_EQ(r.reconstructed->ties.size(), r.map.ties.size() + 2);
  // The quality part keeps the reported ties: 7 rated, 5 of them <= 2.
  EXPECT_EQ(r.dashboard.rated_ties, 7U);
  EXPECT_EQ(r.dashboard.difficult_ties, 5U);
  // E-I over the 5 undirected ties: AB inside verwaltung, AC AD CD AE between: (4 - 1) / 5.
  EXPECT_DOUBLE_EQ(r.mixing.ei_index, 0.6);
  // Key players: k = clamp(6 / 10, 1, 5) = 1. Without A: {B} {C, D} {E} {F}: F = 1 - 2/20.
  const auto& kp = r.key_players;
  EXPECT_EQ(kp.k, 1U);
  EXPECT_EQ(kp.fragmentation.set, std::vector<ActorIndex>{0});
  EXPECT_DOUBLE_EQ(kp.fragmentation.score, 0.9);
  EXPECT_DOUBLE_EQ(kp.fragmentation.baseline, 1.0 - 20.0 / 30.0);
  // Reach of A: itself and B, C, D, E at distance 1; F unreachable: 5 / 6.
  EXPECT_EQ(kp.reach.set, std::vector<ActorIndex>{0});
  EXPECT_DOUBLE_EQ(kp.reach.score, 5.0 / 6.0);
  // Removal: only A cuts pairs apart — B, C, D, E had 12 ordered pairs, C <-> D keeps 2.
  ASSERT_EQ(kp.removal_top.size(), 1U);
  const auto& a = kp.removal.removals[kp.removal_top[0]];
  EXPECT_EQ(a.actor, 0U);
  EXPECT_EQ(a.lost_pairs, 10U);
  EXPECT_EQ(a.components, 4U);
  // Field networks.
  std::map<std::string, FieldNetwork> fn;
  for (const auto& f : r.field_networks)
    fn[f.field] = f;
  ASSERT_EQ(fn.size(), 3U);
  EXPECT_EQ(fn["energie"].actors, 2U);  // A, D
  EXPECT_EQ(fn["energie"].ties, 1U);
  EXPECT_DOUBLE_EQ(fn["energie"].density, 1.0);
  EXPECT_EQ(fn["energie"].components, 1U);
  EXPECT_EQ(fn["mobilitaet"].actors, 4U);  // A, B, C, F: AB, AC of 6 pairs
  EXPECT_EQ(fn["mobilitaet"].ties, 2U);
  EXPECT_DOUBLE_EQ(fn["mobilitaet"].density, 2.0 / 6.0);
  EXPECT_EQ(fn["mobilitaet"].components, 2U);
  EXPECT_EQ(fn["mobilitaet"].isolated, 1U);
  EXPECT_EQ(fn["bildung_oeffentlichkeit"].actors, 1U);
  EXPECT_TRUE(std::isnan(fn["bildung_oeffentlichkeit"].density));
  EXPECT_EQ(fn["bildung_oeffentlichkeit"].isolated, 1U);
  // Innovations.
  EXPECT_EQ(r.innovations.ideas, 1U);
  EXPECT_EQ(r.innovations.cross_sector, 1U);
  ASSERT_EQ(r.ideas.size(), 1U);
  // Positions: computed (no stored layout), finite.
  for (const auto& actor : r.map.actors)
    EXPECT_TRUE(std::isfinite(actor.x) && std::isfinite(actor.y));
}

TEST(Report, NoReconstructionWhenSwitchedOffOrWithoutSurvey) {
  ReportOptions o;
  o.reconstruct = false;
  auto r = build_report(drawn(), o);
  EXPECT_FALSE(r.missing.reconstructed);
  EXPECT_FALSE(r.reconstructed.has_value());
  EXPECT_EQ(r.missing.non_respondents, 1U);
  auto in = drawn();
  in.responded.clear();
  in.invited.clear();
  r = build_report(in);
  EXPECT_FALSE(r.missing.survey);
  EXPECT_FALSE(r.missing.reconstructed);
  const auto html = render_report_html(r);
  EXPECT_NE(html.find(app::tr(app::Lang::De, "report.read.no_survey")), std::string::npos);
}

TEST(Report, StoredPositionsAreUsed) {
  auto in = drawn();
  for (std::size_t i = 0; i < 6; ++i)
    in.positions.emplace_back(static_cast<double>(i), -static_cast<double>(i));
  const auto r = build_report(in);
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(r.map.actors[i].x, static_cast<double>(i));
    EXPECT_EQ(r.structure().actors[i].y, -static_cast<double>(i));
  }
}

TEST(Report, DegenerateInputs) {
  ReportInput empty;
  empty.network.relation("zusammenarbeit");
  const auto r0 = build_report(empty);
  EXPECT_EQ(r0.key_players.k, 0U);
  EXPECT_FALSE(render_report_html(r0).empty());
  ReportInput one;
  one.network.add_actor("solo");
  one.network.relation("zusammenarbeit");
  const auto r1 = build_report(one);
  EXPECT_EQ(r1.map.actors.size(), 1U);
  const auto html = render_report_html(r1, {app::Lang::En, ""});
  EXPECT_NE(html.find("Network report"), std::string::npos);
  ReportOptions bad;
  bad.wave = "1999";
  EXPECT_THROW(build_report(drawn(), bad), std::invalid_argument);
}

// --- The demo: what was planted is found, and nothing without the plant ---------------------

ReportModel demo_report(bool plant, app::MusterstadtPlant* planted = nullptr) {
  app::MusterstadtOptions o;
  o.plant = plant;
  auto d = app::generate_musterstadt_data(o);
  if (planted) *planted = d.plant;
  ReportInput in;
  in.project = "Musterstadt";
  in.network = std::move(d.network);
  return build_report(in);
}

TEST(Report, DemoPlantIsFound) {
  app::MusterstadtPlant plant;
  const auto r = demo_report(true, &plant);
  // The difficult sector pair is the only notable one.
  std::set<std::pair<std::string, std::string>> notable;
  for (const auto& p : r.quality.sector_pairs)
    if (p.notable) notable.insert(std::minmax(p.from, p.to));
  EXPECT_EQ(notable, (std::set<std::pair<std::string, std::string>>{
                         std::minmax(plant.difficult_pair.first, plant.difficult_pair.second)}));
  // Mutual unmet wishes: exactly the planted ones, and the first suggestions.
  std::set<std::pair<ActorIndex, ActorIndex>> mutual;
  for (const auto& u : r.matchmaking.unmet)
    if (u.mutual) mutual.insert(std::minmax(u.from, u.to));
  const std::set<std::pair<ActorIndex, ActorIndex>> planted(plant.mutual_wishes.begin(),
                                                            plant.mutual_wishes.end());
  EXPECT_EQ(mutual, planted);
  ASSERT_GE(r.matchmaking.suggestions.size(), planted.size());
  for (std::size_t i = 0; i < planted.size(); ++i)
    EXPECT_TRUE(planted.count({r.matchmaking.suggestions[i].a, r.matchmaking.suggestions[i].b}));
  // The coordination gap: the only field network without any tie.
  std::vector<std::string> tieless;
  for (const auto& f : r.field_networks)
    if (f.actors >= 3 && f.ties == 0) tieless.push_back(f.field);
  EXPECT_EQ(tieless, std::vector<std::string>{plant.gap_field});
  // The fragmented sector is the only fragmented one.
  std::vector<std::string> fragmented;
  for (const auto& s : r.cohesion.sectors)
    if (s.fragmented) fragmented.push_back(s.sector);
  EXPECT_EQ(fragmented, std::vector<std::string>{plant.fragmented_sector});
  // The brokers lead the brokerage ranking.
  std::set<ActorIndex> top;
  for (const auto& row : r.structure_dashboard.brokers)
    top.insert(row.actor);
  for (const auto b : plant.brokers)
    EXPECT_TRUE(top.count(b)) << r.map.actors[b].id;
  // The HTML says so in words.
  const auto html = render_report_html(r);
  EXPECT_NE(html.find("⚠ "), std::string::npos);
}

TEST(Report, DemoWithoutPlantShowsNone) {
  const auto r = demo_report(false);
  for (const auto& p : r.quality.sector_pairs)
    EXPECT_FALSE(p.notable) << p.from << "-" << p.to;
  EXPECT_EQ(r.matchmaking.mutual_unmet, 0U);
  for (const auto& f : r.field_networks)
    EXPECT_FALSE(f.actors >= 3 && f.ties == 0) << f.field;
  for (const auto& s : r.cohesion.sectors)
    EXPECT_FALSE(s.fragmented) << s.sector;
}

// --- HTML -------------------------------------------------------------------------------------

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1))
    ++n;
  return n;
}

TEST(ReportHtml, SelfContainedWithEveryChapterInBothLanguages) {
  const auto r = demo_report(true);
  for (const auto lang : {app::Lang::De, app::Lang::En}) {
    const auto html = render_report_html(r, {lang, "2026-12-02"});
    for (const char* id : {"overview", "key-actors", "quality", "wishes", "fields", "innovations",
                           "missing", "methods"})
      EXPECT_NE(html.find(std::string("<section id=\"") + id + "\""), std::string::npos) << id;
    // Self-contained: no script, no external resource (only SVG's namespace URI).
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find(" src="), std::string::npos);
    EXPECT_EQ(occurrences(html, "http"), occurrences(html, "http://www.w3.org/2000/svg"));
    // Figures: map, heat map, barriers, enablers, field coverage (+ swatches).
    EXPECT_GE(occurrences(html, "<svg class=\"map\""), 1U);
    EXPECT_GE(occurrences(html, "<svg class=\"figure heat\""), 1U);
    EXPECT_GE(occurrences(html, "<svg class=\"bars\""), 2U);
    EXPECT_EQ(occurrences(html, "<svg"), occurrences(html, "</svg>"));
    EXPECT_EQ(occurrences(html, "<table"), occurrences(html, "</table>"));
    EXPECT_EQ(occurrences(html, "<section"), occurrences(html, "</section>"));
    // Every text came from the catalogue: no key is left over.
    EXPECT_EQ(html.find("report."), std::string::npos);
    EXPECT_EQ(html.find("map.kf"), std::string::npos);
    if (lang == app::Lang::De) {
      EXPECT_NE(html.find("<html lang=\"de\">"), std::string::npos);
      EXPECT_NE(html.find("Netzwerkbericht Musterstadt"), std::string::npos);
      EXPECT_NE(html.find("Überblick"), std::string::npos);
      EXPECT_NE(html.find("Größe"), std::string::npos);
    } else {
      EXPECT_NE(html.find("<html lang=\"en\">"), std::string::npos);
      EXPECT_NE(html.find("Network report Musterstadt"), std::string::npos);
      EXPECT_NE(html.find("Methods appendix"), std::string::npos);
    }
  }
}

TEST(ReportHtml, EscapesNamesAndReasonsInWords) {
  auto in = drawn();
  in.project = "<Süd & Nord>";
  in.network.set_actor_attr(1, "name", std::string("B <b>\"Bürgerverein\"</b>"));
  in.names = true;
  const auto r = build_report(in);
  const auto html = render_report_html(r);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_NE(html.find("&lt;Süd &amp; Nord&gt;"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;&quot;Bürgerverein&quot;&lt;/b&gt;"), std::string::npos);
  // Reasons in words: B and C share mobilitaet and the partner A (who introduces them).
  const auto& mm = r.matchmaking;
  const auto it = std::find_if(mm.suggestions.begin(), mm.suggestions.end(),
                               [](const app::Suggestion& s) { return s.a == 1 && s.b == 2; });
  ASSERT_NE(it, mm.suggestions.end());
  const auto de = suggestion_reasons(r.map, *it, app::Lang::De);
  EXPECT_NE(de.find("gemeinsame Handlungsfelder: Mobilität"), std::string::npos) << de;
  EXPECT_NE(de.find("1 gemeinsame Partner, z. B. A"), std::string::npos) << de;
  EXPECT_NE(de.find("ergänzen sich: Verwaltung und Wirtschaft"), std::string::npos) << de;
  const auto en = suggestion_reasons(r.map, *it, app::Lang::En);
  EXPECT_NE(en.find("shared fields of action: Mobility"), std::string::npos) << en;
}

// --- Files: xlsx and PDF ------------------------------------------------------------------------

class ReportFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("kn-report-test-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(ReportFiles, XlsxCellByCell) {
  const auto r = build_report(drawn());
  const auto path = (dir_ / "bericht.xlsx").string();
  write_report(r, ReportFormat::Xlsx, path, {app::Lang::De, ""});
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  const auto sheets = io::list_xlsx_sheets(bytes.str(), path);
  const std::vector<std::string> expected = {"Akteure und Maße",      "Beziehungen",
                                             "Vernetzungsvorschläge", "Koordinationslücken",
                                             "Hemmnisse gesamt",      "Hemmnisse nach Sektorpaar",
                                             "Hemmnisse nach Feld",   "Qualität nach Sektorpaar",
                                             "Innovationen",          "Rücklauf nach Sektor"};
  EXPECT_EQ(sheets, expected);
  const auto read = [&](const std::string& name) {
    io::XlsxOptions o;
    o.sheet_name = name;
    return io::read_xlsx_sheet_file(path, o).rows;
  };
  // Actors: header + one row per actor, in network order; measures as numbers.
  const auto actors = read("Akteure und Maße");
  ASSERT_EQ(actors.size(), 7U);
  EXPECT_EQ(actors[0][0], "Kennung");
  EXPECT_EQ(actors[1][0], "A");
  EXPECT_EQ(actors[1][2], "Verwaltung");
  EXPECT_EQ(actors[1][3], "Energieversorgung & Erneuerbare, Mobilität");
  EXPECT_EQ(actors[4][4], "nein");  // D did not answer
  const auto degree_col = static_cast<std::size_t>(
      std::find(actors[0].begin(), actors[0].end(), "Grad (Kontakte)") - actors[0].begin());
  ASSERT_LT(degree_col, actors[0].size());
  EXPECT_EQ(actors[1][degree_col], "4");  // A: B, C, D, E
  EXPECT_EQ(actors[6][degree_col], "0");  // F
  // Ties: the reported ones (7) with quality as a number and the other side's rating.
  const auto ties = read("Beziehungen");
  ASSERT_EQ(ties.size(), 8U);
  EXPECT_EQ(ties[1][0], "A");
  EXPECT_EQ(ties[1][1], "B");
  EXPECT_EQ(ties[1][3], "5");
  EXPECT_EQ(ties[1][4], "2");
  EXPECT_EQ(ties[1][5], "ja");
  // Coordination gaps: mobilitaet B-F, C-F, A-F, B-C ... as the model lists them.
  const auto gaps = read("Koordinationslücken");
  std::size_t gap_count = 0;
  for (const auto& f : r.fields.fields)
    gap_count += f.gaps.size();
  EXPECT_EQ(gaps.size(), gap_count + 1);
  // Innovations.
  const auto ideas = read("Innovationen");
  ASSERT_EQ(ideas.size(), 2U);
  EXPECT_EQ(ideas[1][0], "Lastenrad-Verleih");
  EXPECT_EQ(ideas[1][1], "Mobilität");
  EXPECT_EQ(ideas[1][3], "A");
  EXPECT_EQ(ideas[1][4], "D");
  EXPECT_EQ(ideas[1][6], "Finanzierung");
  // Response: one row per sector, the rate as a number.
  const auto response = read("Rücklauf nach Sektor");
  ASSERT_EQ(response.size(), 4U);
  EXPECT_EQ(response[3][0], "Zivilgesellschaft");
  EXPECT_EQ(response[3][3], "2");
  EXPECT_NEAR(std::stod(response[3][4]), 2.0 / 3.0, 1e-12);
}

bool have(const char* tool) {
  return std::system((std::string("command -v ") + tool + " >/dev/null 2>&1").c_str()) == 0;
}

std::string run(const std::string& command) {
  std::string out;
  FILE* p = ::popen(command.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  std::size_t got = 0;
  while ((got = std::fread(buf, 1, sizeof buf, p)) > 0)
    out.append(buf, got);
  ::pclose(p);
  return out;
}

TEST_F(ReportFiles, PdfPagesAsPng) {
  if (!find_chromium()) GTEST_SKIP() << "no Chromium installed (apt-get install chromium)";
  if (!have("pdftoppm") || !have("pdfinfo") || !have("pdftotext"))
    GTEST_SKIP() << "poppler-utils not installed";
  const auto r = demo_report(true);
  const auto pdf = (dir_ / "bericht.pdf").string();
  write_report(r, ReportFormat::Pdf, pdf, {app::Lang::De, "2026-12-02"});
  const auto info = run("pdfinfo '" + pdf + "'");
  const auto pos = info.find("Pages:");
  ASSERT_NE(pos, std::string::npos) << info;
  const int pages = std::stoi(info.substr(pos + 6));
  EXPECT_GE(pages, 8);  // one chapter per page at least
  EXPECT_NE(info.find("(A4)"), std::string::npos) << info;
  const auto text = run("pdftotext -layout '" + pdf + "' -");
  for (const char* s : {"Netzwerkbericht Musterstadt", "Überblick", "Größe", "Methodischer Anhang",
                        "Wer möchte enger zusammenarbeiten?", "Hemmnisse", "Koordinationslücken"})
    EXPECT_NE(text.find(s), std::string::npos) << s;
  ASSERT_EQ(
      std::system(("pdftoppm -png -r 30 '" + pdf + "' '" + (dir_ / "page").string() + "'").c_str()),
      0);
  int pngs = 0;
  for (const auto& e : fs::directory_iterator(dir_))
    if (e.path().extension() == ".png") {
      ++pngs;
      EXPECT_GT(fs::file_size(e.path()), 1000U);
    }
  EXPECT_EQ(pngs, pages);
}

TEST_F(ReportFiles, FormatsAndFailures) {
  EXPECT_EQ(parse_report_format("PDF"), ReportFormat::Pdf);
  EXPECT_EQ(parse_report_format("docx"), std::nullopt);
  EXPECT_EQ(report_format_from_path("a/b.HTM"), ReportFormat::Html);
  EXPECT_EQ(report_format_from_path("bericht.xlsx"), ReportFormat::Xlsx);
  EXPECT_EQ(report_format_from_path("bericht"), std::nullopt);
  const auto r = build_report(drawn());
  EXPECT_THROW(write_report(r, ReportFormat::Html, (dir_ / "missing" / "x.html").string()),
               std::runtime_error);
  EXPECT_FALSE(fs::exists(dir_ / "missing"));
  // Without a browser: PdfUnavailable, nothing written.
  PdfOptions none;
  none.chromium = (dir_ / "no-such-chromium").string();
  const auto pdf = (dir_ / "x.pdf").string();
  EXPECT_THROW(write_report(r, ReportFormat::Pdf, pdf, {}, none), PdfUnavailable);
  EXPECT_FALSE(fs::exists(pdf));
  // HTML written whole; bytes equal the rendering.
  const auto html = (dir_ / "x.html").string();
  write_report(r, ReportFormat::Html, html, {app::Lang::En, "2026-12-02"});
  std::ifstream in(html, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  EXPECT_EQ(s.str(), render_report_html(r, {app::Lang::En, "2026-12-02"}));
  EXPECT_EQ(report_bytes(r, ReportFormat::Html, {app::Lang::En, "2026-12-02"}), s.str());
  EXPECT_EQ(report_bytes(r, ReportFormat::Xlsx).substr(0, 2), "PK");
}

}  // namespace
}  // namespace kn::report
