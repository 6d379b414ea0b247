// The city report from the web UI against a real server on the seeded demo
// (server/web/report_download.hpp): GET /admin/p/{slug}/report and its API twin
// /api/v1/projects/{slug}/report as HTML, xlsx and PDF, in German and English; pseudonymised by
// default, names only for the roles that see names on the map; outsiders get 404 as on the map;
// bad format/language 400, unknown wave/relation 404, PDF without Chromium 503; every download
// audited; the network dashboard links to the report.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/io/xlsx.hpp"
#include "report/pdf.hpp"
#include "unit/web/admin_support.hpp"

namespace kn::test {
namespace {

using nlohmann::json;
using storage::Role;

class Report : public AdminFixture {
 protected:
  std::string api() const { return "/api/v1/projects/" + seed_.project_slug; }

  Browser researcher() {
    make_user("forscherin@example.org", Role::Researcher, seed_.project_id, Role::Researcher);
    return login("forscherin@example.org");
  }
  Browser partner() {
    make_user("partner@example.org", Role::Partner, seed_.project_id, Role::Partner);
    return login("partner@example.org");
  }

  /// GET with the browser's cookies and a timeout long enough for a report (Browser::get waits
  /// 10 s; a PDF through Chromium on a loaded machine may take longer).
  RawResponse fetch(Browser& b, const std::string& target) {
    TestClient c(port());
    std::string req = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port()) +
                      "\r\nConnection: close\r\n";
    std::string cookie;
    for (const auto& [k, v] : b.cookies())
      cookie += (cookie.empty() ? "" : "; ") + k + "=" + v;
    if (!cookie.empty()) req += "Cookie: " + cookie + "\r\n";
    req += "\r\n";
    auto r = c.request(req, std::chrono::milliseconds(180000));
    if (!r) throw std::runtime_error("no response to GET " + target);
    return *r;
  }

  /// The actor labels of the map as a researcher sees it (names).
  std::vector<std::string> map_names(Browser& b) {
    const auto r = b.get(api() + "/map");
    EXPECT_EQ(r.status, 200);
    std::vector<std::string> out;
    const json map = json::parse(r.body);
    for (const auto& a : map["actors"])
      out.push_back(a["label"].get<std::string>());
    return out;
  }

  static std::size_t found_in(const std::string& text, const std::vector<std::string>& names) {
    std::size_t n = 0;
    for (const auto& name : names)
      if (text.find(web::esc(name)) != std::string::npos) ++n;
    return n;
  }

  std::vector<storage::AuditEntry> report_audits() {
    std::vector<storage::AuditEntry> out;
    for (const auto& e : repo_->list_audit(seed_.project_id, 500))
      if (e.action == "report") out.push_back(e);
    return out;
  }
};

TEST_F(Report, HtmlIsPseudonymisedInTheChosenLanguage) {
  Browser b = researcher();
  const auto names = map_names(b);
  ASSERT_EQ(names.size(), 60U);
  const auto pseudonyms = repo_->list_actors(seed_.project_id);

  const auto r = fetch(b, base() + "/report?format=html&lang=de");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(r.header("Content-Disposition"), "inline; filename=\"musterstadt-report-2026.html\"");
  EXPECT_EQ(r.header("Cache-Control"), "no-store");
  const auto csp = r.header("Content-Security-Policy");
  ASSERT_TRUE(csp);
  EXPECT_NE(csp->find("default-src 'none'"), std::string::npos) << *csp;
  EXPECT_NE(csp->find("style-src 'sha256-"), std::string::npos) << *csp;
  EXPECT_EQ(csp->find("unsafe"), std::string::npos) << *csp;
  EXPECT_NE(r.body.find(web::esc(repo_->find_project(seed_.project_id)->name)), std::string::npos);
  EXPECT_NE(r.body.find("Netzwerkbericht"), std::string::npos);
  EXPECT_NE(r.body.find("<html lang=\"de\""), std::string::npos);
  EXPECT_EQ(found_in(r.body, names), 0U) << "names in the pseudonymised report";
  EXPECT_TRUE(personal_data_in(r.body).empty()) << personal_data_in(r.body).front();
  std::size_t shown = 0;
  for (const auto& a : pseudonyms)
    shown += r.body.find(a.pseudonym) != std::string::npos ? 1U : 0U;
  EXPECT_GT(shown, 0U) << "the report names actors by pseudonym";

  const auto en = fetch(b, base() + "/report?format=html&lang=en");
  ASSERT_EQ(en.status, 200);
  EXPECT_NE(en.body.find("Network report"), std::string::npos);
  EXPECT_EQ(en.body.find("Netzwerkbericht"), std::string::npos);
  EXPECT_EQ(found_in(en.body, names), 0U);
  // Without lang= the request's language (the language cookie).
  b.cookies()["__Host-kn_lang"] = "en";
  EXPECT_NE(fetch(b, base() + "/report").body.find("Network report"), std::string::npos);

  // With names for a researcher: the map's names appear.
  const auto named = fetch(b, base() + "/report?format=html&names=1&lang=de");
  ASSERT_EQ(named.status, 200);
  EXPECT_EQ(named.header("Content-Disposition"),
            "inline; filename=\"musterstadt-report-2026-names.html\"");
  EXPECT_GT(found_in(named.body, names), 0U);

  // Every download audited, with what was asked for.
  const auto audits = report_audits();
  ASSERT_EQ(audits.size(), 4U);
  std::size_t with_names = 0;
  for (const auto& e : audits) {
    EXPECT_NE(e.detail.find("format=html"), std::string::npos) << e.detail;
    EXPECT_NE(e.detail.find("wave=2026"), std::string::npos) << e.detail;
    with_names += e.detail.find("names=1") != std::string::npos ? 1U : 0U;
  }
  EXPECT_EQ(with_names, 1U);
}

TEST_F(Report, XlsxIsAWorkbook) {
  Browser b = researcher();
  const auto r = fetch(b, base() + "/report?format=xlsx&lang=de&wave=2026&relation=zusammenarbeit");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("Content-Type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(r.header("Content-Disposition"),
            "attachment; filename=\"musterstadt-report-2026.xlsx\"");
  EXPECT_EQ(r.header("Cache-Control"), "no-store");
  ASSERT_GE(r.body.size(), 2U);
  EXPECT_EQ(r.body.substr(0, 2), "PK");
  const auto sheets = io::list_xlsx_sheets(r.body, "report.xlsx");
  EXPECT_GT(sheets.size(), 1U);
  for (const auto& sheet : sheets) {
    const auto table = io::read_xlsx_sheet(r.body, "report.xlsx", {sheet, 0, {}});
    for (const auto& row : table.rows)
      for (const auto& cell : row)
        EXPECT_TRUE(personal_data_in(cell).empty()) << sheet << ": " << cell;
  }

  // The API twin gives the same file.
  const auto a = fetch(b, api() + "/report?format=xlsx");
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.body.substr(0, 2), "PK");
  EXPECT_EQ(io::list_xlsx_sheets(a.body, "api.xlsx"), sheets);
}

TEST_F(Report, PdfWhenChromiumIsInstalledElseUnavailable) {
  Browser b = researcher();
  const auto r = fetch(b, base() + "/report?format=pdf&lang=en");
  const auto a = fetch(b, api() + "/report?format=pdf&lang=en");
  if (report::find_chromium()) {
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.header("Content-Type"), "application/pdf");
    EXPECT_EQ(r.header("Content-Disposition"),
              "attachment; filename=\"musterstadt-report-2026.pdf\"");
    EXPECT_EQ(r.body.substr(0, 5), "%PDF-");
    ASSERT_EQ(a.status, 200) << a.body;
    EXPECT_EQ(a.body.substr(0, 5), "%PDF-");
  } else {
    EXPECT_EQ(r.status, 503) << r.body;
    EXPECT_NE(r.body.find("chromium"), std::string::npos) << r.body;
    EXPECT_EQ(a.status, 503) << a.body;
    EXPECT_EQ(json::parse(a.body)["error"]["code"], "unavailable");
  }
}

TEST_F(Report, NamesOnlyForRolesThatSeeNamesOnTheMap) {
  Browser p = partner();
  const auto pseudo = fetch(p, base() + "/report?format=html");
  ASSERT_EQ(pseudo.status, 200) << pseudo.body;
  EXPECT_TRUE(personal_data_in(pseudo.body).empty()) << personal_data_in(pseudo.body).front();
  const auto refused = fetch(p, base() + "/report?format=html&names=1");
  EXPECT_EQ(refused.status, 403);
  EXPECT_TRUE(personal_data_in(refused.body).empty());
  const auto api_refused = fetch(p, api() + "/report?format=xlsx&names=1");
  EXPECT_EQ(api_refused.status, 403);
  EXPECT_EQ(json::parse(api_refused.body)["error"]["code"], "forbidden");
  for (const auto& e : report_audits())
    EXPECT_EQ(e.detail.find("names=1"), std::string::npos) << "a refused download was logged";

  // The global admin sees names on the map and may download them.
  Browser a = admin();
  const auto named = fetch(a, base() + "/report?format=html&names=1");
  EXPECT_EQ(named.status, 200);
  EXPECT_FALSE(personal_data_in(named.body).empty());
}

TEST_F(Report, OutsidersAndAnonymousDoNotSeeTheProject) {
  make_user("fremd@example.org", Role::Researcher);
  Browser o = login("fremd@example.org");
  EXPECT_EQ(fetch(o, base() + "/report?format=html").status, 404);
  EXPECT_EQ(fetch(o, api() + "/report?format=html").status, 404);
  Browser anon = browser();
  const auto r = fetch(anon, base() + "/report?format=html");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("Location"), "/admin/login");
  EXPECT_EQ(fetch(anon, api() + "/report?format=html").status, 401);
  EXPECT_TRUE(report_audits().empty());
}

TEST_F(Report, BadFormatOrLanguageIs400UnknownWaveOrRelation404) {
  Browser b = researcher();
  const auto bad = fetch(b, base() + "/report?format=docx&lang=de");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("docx"), std::string::npos) << bad.body;
  EXPECT_NE(bad.body.find("html, pdf"), std::string::npos) << bad.body;
  const auto api_bad = fetch(b, api() + "/report?format=docx");
  EXPECT_EQ(api_bad.status, 400);
  EXPECT_EQ(json::parse(api_bad.body)["error"]["code"], "bad_request");
  EXPECT_EQ(fetch(b, base() + "/report?format=html&lang=fr").status, 400);
  EXPECT_EQ(fetch(b, base() + "/report?format=html&wave=1999").status, 404);
  EXPECT_EQ(fetch(b, base() + "/report?format=xlsx&relation=konflikt").status, 404);
  const auto api_wave = fetch(b, api() + "/report?format=html&wave=1999");
  EXPECT_EQ(api_wave.status, 404);
  EXPECT_EQ(json::parse(api_wave.body)["error"]["code"], "not_found");
  EXPECT_TRUE(report_audits().empty());
}

TEST_F(Report, DashboardLinksToTheReport) {
  Browser b = researcher();
  const auto page = b.get(base() + "/dashboard");
  ASSERT_EQ(page.status, 200);
  const std::string link =
      "/admin/p/musterstadt/report?wave=2026&amp;relation=zusammenarbeit&amp;lang=de&amp;format=";
  for (const char* format : {"html", "pdf", "xlsx"}) {
    EXPECT_NE(page.body.find(link + format + "\""), std::string::npos) << format;
    EXPECT_NE(page.body.find(link + format + "&amp;names=1\""), std::string::npos) << format;
  }
  EXPECT_NE(page.body.find(">Bericht</h2>"), std::string::npos);
  EXPECT_NE(page.body.find("mit Namen"), std::string::npos);
  EXPECT_EQ(page.body.find(" style=\""), std::string::npos);

  b.cookies()["__Host-kn_lang"] = "en";
  const auto en = b.get(base() + "/dashboard?relation=information");
  ASSERT_EQ(en.status, 200);
  EXPECT_NE(en.body.find("/admin/p/musterstadt/report?wave=2026&amp;relation=information&amp;"
                         "lang=en&amp;format=pdf\""),
            std::string::npos);
  EXPECT_NE(en.body.find(">Report</h2>"), std::string::npos);
  EXPECT_NE(en.body.find("with names"), std::string::npos);

  // Partners get the pseudonymised links only.
  Browser p = partner();
  const auto pp = p.get(base() + "/dashboard");
  ASSERT_EQ(pp.status, 200);
  EXPECT_NE(pp.body.find(link + "html\""), std::string::npos);
  EXPECT_EQ(pp.body.find("names=1"), std::string::npos);

  // The links work.
  const std::string target =
      "/admin/p/musterstadt/report?wave=2026&relation=zusammenarbeit&lang=de&format=html";
  EXPECT_EQ(fetch(p, target).status, 200);
}

}  // namespace
}  // namespace kn::test
