#include "cli/text_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace kn::cli {

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte
    if (c == 0xCC || c == 0xCD) {      // U+0300..U+036F combining diacritics
      continue;
    }
    ++width;
  }
  return width;
}

std::string pad(const std::string& s, std::size_t width, bool right) {
  const std::size_t w = display_width(s);
  if (w >= width) return s;
  const std::string fill(width - w, ' ');
  return right ? fill + s : s + fill;
}

std::string truncate(const std::string& s, std::size_t width) {
  if (display_width(s) <= width) return s;
  std::string out;
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80) {
      if (w + 1 >= width) break;
      ++w;
    }
    out += s[i];
  }
  return out + "…";
}

std::string render_table(const std::vector<std::string>& header, const std::vector<bool>& numeric,
                         const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width(header.size(), 0);
  for (std::size_t c = 0; c < header.size(); ++c)
    width[c] = display_width(header[c]);
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size(); ++c)
      width[c] = std::max(width[c], display_width(row[c]));
  }
  std::string out;
  const auto line = [&](const std::vector<std::string>& cells) {
    std::string l;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c) l += "  ";
      l += pad(cells[c], width[c], numeric[c]);
    }
    while (!l.empty() && l.back() == ' ')
      l.pop_back();
    out += "  " + l + "\n";
  };
  line(header);
  std::string rule;
  const std::size_t total =
      std::accumulate(width.begin(), width.end(), std::size_t{0}) + 2 * (width.size() - 1);
  for (std::size_t i = 0; i < total; ++i)
    rule += "─";
  out += "  " + rule + "\n";
  for (const auto& row : rows)
    line(row);
  return out;
}

std::string fixed(double x, int digits) {
  if (std::isnan(x) || std::isinf(x)) return "–";
  return fmt::format("{:.{}f}", x, digits);
}

std::string csv_quote(const std::string& s) {
  if (s.find_first_of(",\"\n\r;") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_number(double x, int precision) {
  if (std::isnan(x) || std::isinf(x)) return {};
  if (std::floor(x) == x && std::fabs(x) < 1e15) return fmt::format("{:.0f}", x);
  return fmt::format("{:.{}g}", x, precision);
}

nlohmann::ordered_json number_or_null(double x) {
  if (std::isnan(x) || std::isinf(x)) return nullptr;
  return x;
}

}  // namespace kn::cli
