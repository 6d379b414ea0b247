#pragma once
// Output of `klimanetze twomode`: JSON, CSV (the projected actor network as a ties file that
// `klimanetze analyze --weight weight` reads back) and a table for people (German or English).

#include <nlohmann/json.hpp>
#include <string>

#include "app/i18n.hpp"
#include "app/two_mode_report.hpp"

namespace kn::cli {

nlohmann::ordered_json to_json(const app::TwoModeReport& report);
/// Header `source,target,weight`, one row per projected pair.
std::string to_csv(const app::TwoModeReport& report);
/// Items by coverage, the `top` actors by number of items and the `top` strongest pairs.
std::string to_table(const app::TwoModeReport& report, app::Lang lang, std::size_t top);

}  // namespace kn::cli
