// Writing a report to a file (see report_files.hpp).
// SPDX-License-Identifier: GPL-3.0-or-later

#include "report/report_files.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "report/report_xlsx.hpp"

namespace kn::report {

namespace {

namespace fs = std::filesystem;

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

/// Writes `bytes` to a temporary file beside `path`, then renames it onto `path`.
void write_atomically(const std::string& path, const std::string& bytes) {
  const fs::path target(path);
  const fs::path tmp = target.parent_path() / (".kn-" + target.filename().string() + "." +
                                               std::to_string(::getpid()) + ".tmp");
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write '" + path + "': " + std::strerror(errno));
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      std::error_code ignored;
      fs::remove(tmp, ignored);
      throw std::runtime_error("cannot write '" + path + "'");
    }
  }
  std::error_code ec;
  fs::rename(tmp, target, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    throw std::runtime_error("cannot write '" + path + "': " + ec.message());
  }
}

/// A private temporary directory, removed with the object.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "kn-report-XXXXXX").string();
    if (!::mkdtemp(pattern.data()))
      throw std::runtime_error(std::string("cannot create a temporary directory: ") +
                               std::strerror(errno));
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

std::optional<ReportFormat> parse_report_format(std::string_view text) {
  const auto t = lower(text);
  if (t == "html") return ReportFormat::Html;
  if (t == "pdf") return ReportFormat::Pdf;
  if (t == "xlsx") return ReportFormat::Xlsx;
  return std::nullopt;
}

std::optional<ReportFormat> report_format_from_path(std::string_view path) {
  const auto ext = lower(fs::path(std::string(path)).extension().string());
  if (ext == ".html" || ext == ".htm") return ReportFormat::Html;
  if (ext == ".pdf") return ReportFormat::Pdf;
  if (ext == ".xlsx") return ReportFormat::Xlsx;
  return std::nullopt;
}

std::string_view report_mime_type(ReportFormat format) {
  switch (format) {
    case ReportFormat::Html:
      return "text/html; charset=utf-8";
    case ReportFormat::Pdf:
      return "application/pdf";
    case ReportFormat::Xlsx:
      return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  }
  return "application/octet-stream";
}

std::string_view report_extension(ReportFormat format) {
  switch (format) {
    case ReportFormat::Html:
      return "html";
    case ReportFormat::Pdf:
      return "pdf";
    case ReportFormat::Xlsx:
      return "xlsx";
  }
  return "bin";
}

void write_report(const ReportModel& report, ReportFormat format, const std::string& path,
                  const HtmlOptions& html, const PdfOptions& pdf) {
  switch (format) {
    case ReportFormat::Html:
      write_atomically(path, render_report_html(report, html));
      return;
    case ReportFormat::Xlsx:
      write_workbook(report_workbook(report, html.lang), path);
      return;
    case ReportFormat::Pdf: {
      if (!find_chromium(pdf))
        print_pdf("", path, pdf);  // throws PdfUnavailable with the installation hint
      const TempDir dir;
      const auto page = (dir.path() / "report.html").string();
      write_atomically(page, render_report_html(report, html));
      print_pdf(page, path, pdf);
      return;
    }
  }
}

std::string report_bytes(const ReportModel& report, ReportFormat format, const HtmlOptions& html,
                         const PdfOptions& pdf) {
  if (format == ReportFormat::Html) return render_report_html(report, html);
  const TempDir dir;
  const auto file = (dir.path() / ("report." + std::string(report_extension(format)))).string();
  write_report(report, format, file, html, pdf);
  return read_file(file);
}

}  // namespace kn::report
