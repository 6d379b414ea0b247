#pragma once
// The city report as one self-contained HTML document (docs/report.md): no script, no external
// resource — styles in the head, every figure inline SVG (the map, the sector heat map, barrier
// and enabler charts, field coverage, response, innovation stages), tables, a short
// plain-language reading of each finding and a methods appendix naming every convention and
// reference function. Printable (A4, page breaks between chapters; report_pdf prints it with
// headless Chromium). Every text through the i18n catalogues ("report.*"), German or English.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <string>

#include "app/i18n.hpp"
#include "report/report_model.hpp"

namespace kn::report {

struct HtmlOptions {
  app::Lang lang = app::Lang::De;
  std::string generated;  ///< date text shown in the report (e.g. "2026-12-02"); empty = none
};

std::string render_report_html(const ReportModel& report, const HtmlOptions& options = {});

/// The reasons of a matchmaking suggestion in words (plain text), e.g. "beide wünschen sich die
/// Zusammenarbeit; gemeinsame Handlungsfelder: Mobilität; 3 gemeinsame Partner, z. B. X".
std::string suggestion_reasons(const app::MapModel& map, const app::Suggestion& s, app::Lang lang);

/// The network map of the report as inline SVG (positions from the model, sector colours, node
/// size by degree, difficult ties red, the most central actors labelled).
std::string svg_network_map(const app::MapModel& map, app::Lang lang, std::size_t labels = 12);

}  // namespace kn::report
