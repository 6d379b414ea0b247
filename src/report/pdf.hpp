#pragma once
// Printing an HTML file to PDF with headless Chromium (the browser's own print engine, so the
// report's @page CSS, page breaks and fonts are honoured).
//
// print_pdf runs, without a shell (fork + execv of the resolved absolute path, arguments passed
// as they are):
//   chromium --headless --no-sandbox --disable-gpu --disable-background-networking
//            --disable-extensions --no-first-run --user-data-dir=<fresh temporary directory>
//            --no-pdf-header-footer --print-to-pdf=<temporary file beside pdf_path>
//            file://<absolute HTML path, percent-encoded>
// in its own process group with stdin from /dev/null, stdout and stderr captured in a temporary
// file, the signal mask and SIGPIPE reset and no other file descriptor inherited. After
// timeout_seconds (at least 1) the whole process group is killed; after a normal exit any
// remaining Chromium helper processes of the group are killed too. The temporary profile
// directory and log are removed afterwards. The result must start with "%PDF-"; it is then
// renamed onto pdf_path, so a failed print never leaves a half file.
//
// Errors:
//   - PdfUnavailable when no Chromium can be found or started (message: install the Debian
//     package chromium with apt-get install chromium, or set KN_CHROMIUM, or use the HTML
//     report instead);
//   - std::runtime_error for everything else: a missing HTML file, an unwritable target, a
//     timeout, a non-zero exit status or signal, or output that is not a PDF; the message holds
//     the exit status and the last lines of Chromium's output (without its D-Bus noise).
// SPDX-License-Identifier: GPL-3.0-or-later

#include <optional>
#include <stdexcept>
#include <string>

namespace kn::report {

struct PdfOptions {
  /// The browser: a path (containing '/') or a program name looked up on PATH. Empty: the
  /// environment variable KN_CHROMIUM, else /usr/bin/chromium, else chromium, chromium-browser
  /// or google-chrome on PATH.
  std::string chromium;
  /// Chromium is killed after this many seconds (values below 1 count as 1).
  int timeout_seconds = 120;
};

/// No usable Chromium: the user has to install one or choose the HTML report.
class PdfUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The absolute path of the Chromium to use, or nullopt when there is none. An explicit choice
/// (PdfOptions::chromium, else a non-empty KN_CHROMIUM) that is not an executable file gives
/// nullopt; it never falls back to another browser, so a mistyped setting is noticed
/// (print_pdf then throws PdfUnavailable naming it). Never throws.
std::optional<std::string> find_chromium(const PdfOptions& options = {});

/// Prints the HTML file `html_path` to `pdf_path` (see above). Throws PdfUnavailable or
/// std::runtime_error.
void print_pdf(const std::string& html_path, const std::string& pdf_path,
               const PdfOptions& options = {});

}  // namespace kn::report
