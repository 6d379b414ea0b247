#pragma once
// Server-side HTML for the survey and the admin area: escaping, the page layout and small form
// helpers. Pages work without JavaScript; survey.js only enhances them (search in the roster,
// hiding conditional questions). Every text comes from the i18n catalogues (app/i18n.hpp).

#include <string>
#include <string_view>
#include <vector>

#include "app/i18n.hpp"

namespace kn::web {

/// Escapes & < > " ' for text and attribute values.
std::string esc(std::string_view text);

/// The catalogue text for `key`, escaped.
std::string t(app::Lang lang, std::string_view key);
/// tr_format, escaped.
std::string tf(app::Lang lang, std::string_view key, const std::vector<std::string>& args);

struct NavLink {
  std::string href;
  std::string label;  ///< already escaped HTML
  bool current = false;
};

struct PageOptions {
  app::Lang lang = app::Lang::De;
  std::string title;  ///< plain text (escaped by the layout)
  /// Path (with query) the language switch returns to; empty = no switch.
  std::string lang_return;
  std::vector<NavLink> nav;
  std::string user_label;  ///< plain text, shown with a logout button (admin)
  std::string csrf;        ///< for the logout form
  std::string notice;      ///< plain text flash message
  bool notice_is_error = false;
  bool admin = false;  ///< admin styling and scripts
  /// Further embedded assets (names as in asset_url) for this page: the map's bundle.
  std::vector<std::string> styles, scripts;
  std::string body_class;  ///< extra class of <body>, e.g. "wide" for the map
};

/// The whole document: <!doctype html>, lang attribute, stylesheet and script (self-hosted),
/// skip link, header with the language switch, main content, footer.
std::string page(const PageOptions& options, const std::string& main_html);

/// Percent-encodes text for use inside a query parameter ('/' kept).
std::string url_component(std::string_view s);

/// A safe file-name part for a download (Content-Disposition): ASCII letters, digits, '-' and
/// '_' kept, each run of other characters after the first kept one becomes one '-';
/// `fallback` when nothing is kept.
std::string file_name_part(std::string_view s, std::string_view fallback);

/// <input type="hidden" name="csrf" value="...">.
std::string csrf_field(const std::string& csrf);

}  // namespace kn::web
