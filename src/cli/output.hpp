#pragma once
// Output of `klimanetze analyze`: JSON (the documented contract), CSV (one row per actor) and a
// human-readable table (German or English). JSON exists only here, at the CLI edge.

#include <nlohmann/json.hpp>
#include <string>

#include "app/analyze.hpp"
#include "app/i18n.hpp"
#include "cli/text_format.hpp"

namespace kn::cli {

/// The JSON document of the CLI contract (README), as text: one actor per line.
std::string write_json(const app::AnalysisResult& result);
/// The same document as a tree (parsed from write_json; for tests and embedding).
nlohmann::ordered_json to_json(const app::AnalysisResult& result);
std::string to_csv(const app::AnalysisResult& result);

struct TableOptions {
  app::Lang lang = app::Lang::De;
  std::size_t top = 15;  ///< actors shown
  std::string sort_by;   ///< measure key; empty = betweenness (or the first computed)
  std::string heading;   ///< optional first line
};
std::string to_table(const app::AnalysisResult& result, const TableOptions& options);

}  // namespace kn::cli
