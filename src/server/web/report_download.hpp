#pragma once
// The city report (docs/report.md) as a download of the admin area
// (GET /admin/p/{slug}/report) and of the JSON API (GET /api/v1/projects/{slug}/report): one
// project, wave and relation as HTML, PDF or xlsx, built with kn_report from the stored data.
//
// Query: format=html|pdf|xlsx (default html), lang=de|en (default the request's language),
// wave= (name; default the latest), relation= (default zusammenarbeit), names=1 (names instead
// of pseudonyms: only for the roles that see names on the map, i.e. not partners).
//
// Answers: 200 with the file (HTML inline, PDF and xlsx as attachment
// "<slug>-report-<wave>[-names].<ext>", Cache-Control: no-store; the HTML under a CSP that
// allows exactly its own <style> element by hash and nothing else); 400 for an unknown format
// or language; 403 for names=1 without the right; 404 for an unknown wave or relation; 503 when
// a PDF is asked for and no Chromium is installed. Every download is audited ("report", format,
// names, wave, relation, language). One report is computed at a time (it uses every core).
// SPDX-License-Identifier: GPL-3.0-or-later

#include <string>

#include "server/http/message.hpp"
#include "storage/records.hpp"

namespace kn::web {

class WebApp;

struct ReportDownload {
  /// 200: `response` holds the file. Otherwise 400, 403, 404 or 503 with `message` (plain
  /// text in the request's language) and `code` (bad_request, forbidden, not_found,
  /// unavailable) for the caller to answer as a page or as JSON.
  int status = 200;
  std::string code;
  std::string message;
  http::Response response;
};

/// Builds the report the request asks for; `role` is the user's role in `project`.
ReportDownload report_download(WebApp& app, const storage::Project& project, storage::Role role,
                               storage::Id user_id, const http::Request& request);

}  // namespace kn::web
