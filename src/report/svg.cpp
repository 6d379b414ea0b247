// HTML escaping, numbers, colours and SVG charts (see svg.hpp).
// SPDX-License-Identifier: GPL-3.0-or-later

#include "report/svg.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <functional>

#include "app/demo/musterstadt.hpp"

namespace kn::report {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string decimal(app::Lang lang, double v, int digits) {
  if (!std::isfinite(v)) return "–";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  std::string s = buf;
  if (lang == app::Lang::De) std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

std::string percent(app::Lang lang, double share) {
  if (!std::isfinite(share)) return "–";
  return decimal(lang, 100.0 * share, share < 0.1 ? 1 : 0) + (lang == app::Lang::De ? " %" : "%");
}

std::string_view broker_role_key(int role) {
  static constexpr std::array<std::string_view, 5> kKeys = {
      "coordinator", "itinerant", "representative", "gatekeeper", "liaison"};
  return role >= 0 && role < 5 ? kKeys[static_cast<std::size_t>(role)] : std::string_view();
}

std::string sector_colour(const std::string& sector) {
  // Okabe & Ito (2008) colour-blind-safe palette for the seven domain sectors.
  static constexpr std::array<std::string_view, 7> kDomain = {
      "#0072B2", "#56B4E9", "#009E73", "#E69F00", "#D55E00", "#CC79A7", "#7F6A00"};
  static constexpr std::array<std::string_view, 6> kOthers = {"#332288", "#117733", "#882255",
                                                              "#44AA99", "#AA4499", "#999933"};
  for (std::size_t i = 0; i < app::kSectorKeys.size(); ++i)
    if (app::kSectorKeys[i] == sector) return std::string(kDomain[i]);
  if (sector.empty() || sector == "other") return "#8C8C8C";
  return std::string(kOthers[std::hash<std::string>{}(sector) % kOthers.size()]);
}

std::string data_label(app::Lang lang, std::string_view prefix, const std::string& key) {
  if (key.empty()) return app::tr(lang, "map.none");
  std::string full(prefix);
  full += '.';
  full += key;
  return app::tr_or(lang, full, key);
}

std::string svg_bar_chart(const std::vector<BarItem>& items, const std::string& title) {
  constexpr int kLabelWidth = 330, kBarWidth = 280, kRow = 26, kPad = 6;
  constexpr std::size_t kMaxLabel = 44;  // code points; longer labels end in "…" (full in <title>)
  const int width = kLabelWidth + kBarWidth + 110;  // room for "1234 (56 %)"
  const int height = static_cast<int>(items.size()) * kRow + 2 * kPad;
  double max_value = 0.0;
  for (const auto& i : items)
    max_value = std::max(max_value, i.value);
  std::string h = "<svg class=\"bars\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
                  std::to_string(width) + " " + std::to_string(height) +
                  "\" role=\"img\" aria-labelledby=\"";
  const std::string id = "chart-" + std::to_string(std::hash<std::string>{}(title) % 100000);
  h += id + "\"><title id=\"" + id + "\">" + html_escape(title) + "</title>";
  for (std::size_t k = 0; k < items.size(); ++k) {
    const auto& item = items[k];
    const int y = kPad + static_cast<int>(k) * kRow;
    const int w =
        max_value > 0 ? static_cast<int>(std::lround(kBarWidth * item.value / max_value)) : 0;
    std::string label = item.label;
    std::size_t points = 0, cut = std::string::npos;
    for (std::size_t i = 0; i < label.size(); ++i) {
      if ((static_cast<unsigned char>(label[i]) & 0xC0U) == 0x80U) continue;  // continuation
      if (++points == kMaxLabel) cut = i;
    }
    if (points > kMaxLabel && cut != std::string::npos) label = label.substr(0, cut) + "…";
    std::string row = "<text x=\"" + std::to_string(kLabelWidth - 8) + "\" y=\"" +
                      std::to_string(y + 17) + "\" text-anchor=\"end\">" + html_escape(label) +
                      "</text><rect x=\"" + std::to_string(kLabelWidth) + "\" y=\"" +
                      std::to_string(y + 4) + "\" width=\"" + std::to_string(std::max(w, 1)) +
                      "\" height=\"" + std::to_string(kRow - 8) + "\" fill=\"" +
                      (item.colour.empty() ? std::string("#0072B2") : item.colour) +
                      "\"/><text x=\"" + std::to_string(kLabelWidth + w + 6) + "\" y=\"" +
                      std::to_string(y + 17) + "\">" + html_escape(item.value_text) + "</text>";
    if (!item.href.empty()) {
      h += "<a href=\"" + html_escape(item.href) + "\"><title>" + html_escape(item.label) + ": " +
           html_escape(item.value_text) + "</title>" + row + "</a>";
    } else {
      h += "<g><title>" + html_escape(item.label) + ": " + html_escape(item.value_text) +
           "</title>" + row + "</g>";
    }
  }
  h += "</svg>";
  return h;
}

}  // namespace kn::report
