#include "app/i18n.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace kn::app {

// Defined in the build-generated i18n_catalogs.cpp (cmake/EmbedCatalogs.cmake).
extern const char* const kCatalogDe;
extern const char* const kCatalogEn;

namespace {

using Catalogue = std::map<std::string, std::string, std::less<>>;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

Catalogue parse(std::string_view text) {
  Catalogue out;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    std::string_view line = trim(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (line.empty() || line.front() == '#') continue;
    const auto eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    out.emplace(std::string(trim(line.substr(0, eq))), std::string(trim(line.substr(eq + 1))));
  }
  return out;
}

const Catalogue& catalogue(Lang lang) {
  static const Catalogue de = parse(kCatalogDe);
  static const Catalogue en = parse(kCatalogEn);
  return lang == Lang::En ? en : de;
}

}  // namespace

Lang parse_lang(std::string_view text) {
  std::string lower;
  for (char c : text.substr(0, 2))
    lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  if (lower == "de") return Lang::De;
  if (lower == "en") return Lang::En;
  throw std::invalid_argument("unknown language '" + std::string(text) + "' (use de or en)");
}

std::string_view lang_code(Lang lang) {
  return lang == Lang::En ? "en" : "de";
}

const std::string& tr(Lang lang, std::string_view key) {
  const Catalogue& cat = catalogue(lang);
  auto it = cat.find(key);
  if (it != cat.end()) return it->second;
  static thread_local std::string missing;
  missing = std::string(key);
  return missing;
}

std::string tr_or(Lang lang, std::string_view key, const std::string& fallback) {
  const Catalogue& cat = catalogue(lang);
  auto it = cat.find(key);
  return it != cat.end() ? it->second : fallback;
}

std::string tr_format(Lang lang, std::string_view key, const std::vector<std::string>& args) {
  std::string text = tr(lang, key);
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string placeholder = "{" + std::to_string(i) + "}";
    for (auto pos = text.find(placeholder); pos != std::string::npos;
         pos = text.find(placeholder, pos + args[i].size())) {
      text.replace(pos, placeholder.size(), args[i]);
    }
  }
  return text;
}

std::vector<std::string> catalogue_keys(Lang lang) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : catalogue(lang))
    keys.push_back(k);
  return keys;
}

}  // namespace kn::app
