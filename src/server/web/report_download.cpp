// The report download of the admin area and the API (see report_download.hpp).
// SPDX-License-Identifier: GPL-3.0-or-later

#include "server/web/report_download.hpp"

#include <sodium.h>

#include <array>
#include <ctime>
#include <mutex>
#include <stdexcept>

#include "app/i18n.hpp"
#include "report/report_files.hpp"
#include "report/report_source.hpp"
#include "server/web/html.hpp"
#include "server/web/web_app.hpp"

namespace kn::web {

namespace {

/// A safe file-name part (html.hpp's file_name_part without trailing '-'); `fallback` when
/// nothing is left.
std::string file_part(std::string_view s, std::string_view fallback) {
  std::string out = file_name_part(s, "");
  while (!out.empty() && out.back() == '-')
    out.pop_back();
  return out.empty() ? std::string(fallback) : out;
}

std::string utc_date(storage::Time t) {
  const auto tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  std::array<char, 16> buf{};
  std::strftime(buf.data(), buf.size(), "%Y-%m-%d", &tm);
  return buf.data();
}

/// 'sha256-…' sources for every <style> element of the document.
std::string style_hashes(const std::string& html) {
  std::string out;
  std::size_t pos = 0;
  while ((pos = html.find("<style", pos)) != std::string::npos) {
    const auto open_end = html.find('>', pos);
    if (open_end == std::string::npos) break;
    const auto close = html.find("</style>", open_end);
    if (close == std::string::npos) break;
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(),
                       reinterpret_cast<const unsigned char*>(html.data() + open_end + 1),
                       close - open_end - 1);
    std::string b64(sodium_base64_ENCODED_LEN(digest.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(b64.data(), b64.size(), digest.data(), digest.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    b64.resize(std::char_traits<char>::length(b64.c_str()));
    out += " 'sha256-" + b64 + "'";
    pos = close + 8;
  }
  return out.empty() ? " 'none'" : out;
}

ReportDownload failure(int status, std::string code, std::string message) {
  ReportDownload d;
  d.status = status;
  d.code = std::move(code);
  d.message = std::move(message);
  return d;
}

/// One report computation at a time: each uses every core.
std::mutex& report_mutex() {
  static std::mutex m;
  return m;
}

}  // namespace

ReportDownload report_download(WebApp& app, const storage::Project& project, storage::Role role,
                               storage::Id user_id, const http::Request& request) {
  app::Lang lang = app.lang(request);
  if (const auto l = request.query_param("lang"); l && !l->empty()) {
    if (*l != "de" && *l != "en")
      return failure(400, "bad_request",
                     app::tr_format(lang, "map.report.bad_lang", {std::string(*l)}));
    lang = app::parse_lang(*l);
  }
  const auto format_text = request.query_param("format").value_or("html");
  const auto format = report::parse_report_format(format_text);
  if (!format)
    return failure(400, "bad_request",
                   app::tr_format(lang, "map.report.bad_format", {std::string(format_text)}));
  const bool names = request.query_param("names").value_or("") == "1";
  // The same rule as the map (MapQuery::names): partners see pseudonyms only.
  if (names && role == storage::Role::Partner)
    return failure(403, "forbidden", app::tr(lang, "map.report.names_forbidden"));

  report::PdfOptions pdf;
  if (*format == report::ReportFormat::Pdf && !report::find_chromium(pdf)) {
    std::string why;
    try {
      report::print_pdf("", "", pdf);  // throws PdfUnavailable with the installation hint
    } catch (const report::PdfUnavailable& e) {
      why = e.what();
    } catch (const std::exception& e) {
      why = e.what();
    }
    return failure(503, "unavailable", app::tr_format(lang, "map.report.pdf_unavailable", {why}));
  }

  report::ReportSource source;
  source.project = project.slug;
  source.wave = std::string(request.query_param("wave").value_or(""));
  source.relation = std::string(request.query_param("relation").value_or(""));
  source.names = names;
  report::ReportOptions options;
  options.wave = source.wave;
  options.relation = source.relation;
  report::HtmlOptions html;
  html.lang = lang;
  html.generated = utc_date(app.now());

  std::string bytes;
  std::string wave;
  std::string relation;
  try {
    const std::lock_guard lock(report_mutex());
    const auto input = report::load_report_input(app.repo(), source);
    const auto model = report::build_report(input, options);
    wave = model.wave;
    relation = model.relation;
    bytes = report::report_bytes(model, *format, html, pdf);
  } catch (const storage::StorageError& e) {
    if (e.kind() != storage::StorageError::Kind::NotFound) throw;
    return failure(404, "not_found", app::tr(lang, "map.report.not_found"));
  } catch (const report::PdfUnavailable& e) {
    return failure(503, "unavailable",
                   app::tr_format(lang, "map.report.pdf_unavailable", {e.what()}));
  } catch (const std::invalid_argument&) {
    // build_report: a relation (or wave) the project does not have.
    return failure(404, "not_found", app::tr(lang, "map.report.not_found"));
  }

  const std::string wave_part = file_part(wave, "all");
  const std::string ext(report::report_extension(*format));
  app.audit(user_id, project.id, "report", "project:" + std::to_string(project.id),
            "format=" + ext + " names=" + (names ? "1" : "0") + " wave=" + wave_part +
                " relation=" + file_part(relation, "-") +
                " lang=" + std::string(app::lang_code(lang)));

  ReportDownload d;
  http::Response& r = d.response;
  r.status = 200;
  r.set_header("Content-Type", report::report_mime_type(*format));
  const std::string filename = file_part(project.slug, "project") + "-report-" + wave_part +
                               (names ? "-names" : "") + "." + ext;
  const bool inline_html = *format == report::ReportFormat::Html;
  r.set_header("Content-Disposition", std::string(inline_html ? "inline" : "attachment") +
                                          "; filename=\"" + filename + "\"");
  r.set_header("Cache-Control", "no-store");
  if (inline_html)
    // No script, no request anywhere: only the report's own <style> element (by hash) and
    // data: images.
    r.set_header("Content-Security-Policy",
                 "default-src 'none'; style-src" + style_hashes(bytes) +
                     "; img-src data:; frame-ancestors 'none'; base-uri 'none'; "
                     "form-action 'none'");
  r.body = std::move(bytes);
  return d;
}

}  // namespace kn::web
