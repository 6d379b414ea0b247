#pragma once
// Writing a computed report to a file (`klimanetze report`, the web UI's download): HTML, PDF
// (the HTML printed by headless Chromium, report/pdf.hpp) or xlsx (report_xlsx.hpp). The file
// appears complete or not at all (temporary file beside it, then rename).
// SPDX-License-Identifier: GPL-3.0-or-later

#include <optional>
#include <string>
#include <string_view>

#include "report/pdf.hpp"
#include "report/report_html.hpp"
#include "report/report_model.hpp"

namespace kn::report {

enum class ReportFormat { Html, Pdf, Xlsx };

/// "html" | "pdf" | "xlsx" (case-insensitive); nullopt otherwise.
std::optional<ReportFormat> parse_report_format(std::string_view text);
/// The format a file name's extension names (.html/.htm, .pdf, .xlsx); nullopt otherwise.
std::optional<ReportFormat> report_format_from_path(std::string_view path);
/// MIME type and file extension of a format.
std::string_view report_mime_type(ReportFormat format);
std::string_view report_extension(ReportFormat format);

/// Renders and writes the report. Throws PdfUnavailable when PDF is asked for without Chromium,
/// std::runtime_error naming the path when it cannot be written.
void write_report(const ReportModel& report, ReportFormat format, const std::string& path,
                  const HtmlOptions& html = {}, const PdfOptions& pdf = {});

/// The report file's bytes (for HTTP downloads).
std::string report_bytes(const ReportModel& report, ReportFormat format,
                         const HtmlOptions& html = {}, const PdfOptions& pdf = {});

}  // namespace kn::report
