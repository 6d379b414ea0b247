#pragma once
// Text helpers shared by the CLI's renderers: aligned tables for people (UTF-8 aware), fixed
// decimals, CSV cells and JSON numbers. Only the CLI edge uses them.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace kn::cli {

/// Display width of a UTF-8 string in terminal columns (code points; combining marks 0).
std::size_t display_width(std::string_view text);
/// Pads to `width` display columns, on the left when `right` (right-aligned).
std::string pad(const std::string& s, std::size_t width, bool right);
/// Cuts to at most `width` display columns, ending in "…" when cut.
std::string truncate(const std::string& s, std::size_t width);
/// An aligned text table with a rule under the header; column `numeric[i]` is right-aligned.
std::string render_table(const std::vector<std::string>& header, const std::vector<bool>& numeric,
                         const std::vector<std::vector<std::string>>& rows);
/// `digits` decimals; "–" for NaN/inf.
std::string fixed(double x, int digits);
/// RFC 4180 cell: quoted only when it holds , ; " or a line break.
std::string csv_quote(const std::string& s);
/// Integers without decimals, others with `precision` significant digits; "" for NaN/inf.
std::string csv_number(double x, int precision = 6);
/// JSON number, or null for NaN/inf (the contract never carries NaN).
nlohmann::ordered_json number_or_null(double x);

}  // namespace kn::cli
