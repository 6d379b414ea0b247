#pragma once
// The city report as an xlsx workbook (libxlsxwriter, report/workbook.hpp) for those who work on
// in a spreadsheet: one sheet each for the actors with their measures, the ties, the matchmaking
// suggestions, the coordination gaps, the barrier and enabler tables (overall, by sector pair, by
// field of action), the sector pairs' tie quality, the innovations and the response. Headers and
// labels in the report's language; numbers stay numbers; names only in a researcher's report.
// SPDX-License-Identifier: GPL-3.0-or-later

#include "app/i18n.hpp"
#include "report/report_model.hpp"
#include "report/workbook.hpp"

namespace kn::report {

Workbook report_workbook(const ReportModel& report, app::Lang lang);

}  // namespace kn::report
