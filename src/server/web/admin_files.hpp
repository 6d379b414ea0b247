#pragma once
// Downloads and small value helpers of the admin area: the mail-merge CSV of invitation links
// (German Excel: UTF-8 with BOM, ';', formula cells defused), the JSON of everything stored
// about one actor (GDPR Art. 15/20), network exports of a project in every file format, and
// UTC date/time text for the pages and forms.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/graph/network.hpp"
#include "storage/records.hpp"

namespace kn::web {

/// One row of the mail-merge file: an invitation link handed out once.
struct MailMergeRow {
  std::string key;
  std::string name;
  std::string contact_name;
  std::string contact_email;
  std::string link;  ///< base_url + "/s/" + token
};

/// A CSV cell for spreadsheets: a text starting with = + - @ (or a tab / CR) gets a leading
/// apostrophe so Excel does not run it as a formula; quoted when it holds ';', '"', CR or LF.
std::string spreadsheet_cell(std::string_view text);
/// UTF-8 BOM, header "key;name;contact_name;contact_email;link", CRLF line ends.
std::string mail_merge_csv(const std::vector<MailMergeRow>& rows);

/// Everything stored about the actor as a JSON document (pretty-printed, UTF-8).
std::string person_data_json(const storage::Project& project, const storage::PersonData& data,
                             storage::Time exported_at);

/// Export formats of GET /admin/p/{slug}/export.
struct ExportFile {
  std::string body;
  std::string content_type;
  std::string extension;  ///< ".graphml", ...
};
/// "graphml" | "gexf" | "json" | "csv" | "pajek" | "dl"; std::nullopt for anything else. "csv"
/// gives the ties table, or the actors table with `csv_actors` (spreadsheet-safe, ';', BOM).
std::optional<ExportFile> export_network(const kn::Network& network, std::string_view format,
                                         bool csv_actors = false);

/// "2026-03-01 14:05 UTC"; "" for 0.
std::string format_time(storage::Time t);
/// "2026-03-01"; "" for 0.
std::string format_date(storage::Time t);
/// "YYYY-MM-DD" -> midnight UTC of that day; std::nullopt when malformed.
std::optional<storage::Time> parse_date(std::string_view text);

}  // namespace kn::web
