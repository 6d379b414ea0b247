// HTML escaping and the page layout (see html.hpp).

#include "server/web/html.hpp"

#include <cctype>

#include "report/svg.hpp"
#include "server/web/assets.hpp"

namespace kn::web {

std::string esc(std::string_view text) {
  return report::html_escape(text);
}

std::string t(app::Lang lang, std::string_view key) {
  return esc(app::tr(lang, key));
}

std::string tf(app::Lang lang, std::string_view key, const std::vector<std::string>& args) {
  return esc(app::tr_format(lang, key, args));
}

std::string csrf_field(const std::string& csrf) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(csrf) + "\">";
}

std::string file_name_part(std::string_view s, std::string_view fallback) {
  std::string out;
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0 || c == '-' || c == '_')
      out.push_back(c);
    else if (!out.empty() && out.back() != '-')
      out.push_back('-');
  }
  return out.empty() ? std::string(fallback) : out;
}

std::string url_component(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || c == '.' || c == '~' || c == '/';
    if (plain) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4U]);
      out.push_back(hex[c & 15U]);
    }
  }
  return out;
}

std::string page(const PageOptions& o, const std::string& main_html) {
  const auto lang = o.lang;
  std::string h;
  h.reserve(main_html.size() + 2048);
  h += "<!doctype html>\n<html lang=\"";
  h += app::lang_code(lang);
  h += "\"><head><meta charset=\"utf-8\">"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
       "<meta name=\"referrer\" content=\"no-referrer\"><title>";
  h += esc(o.title);
  h += " – ";
  h += t(lang, "app.title");
  h += "</title><link rel=\"icon\" type=\"image/svg+xml\" href=\"";
  h += esc(asset_url("favicon.svg"));
  h += "\"><link rel=\"stylesheet\" href=\"";
  h += esc(asset_url("app.css"));
  h += "\"><script src=\"";
  h += esc(asset_url("app.js"));
  h += "\" defer></script>";
  for (const auto& css : o.styles)
    h += "<link rel=\"stylesheet\" href=\"" + esc(asset_url(css)) + "\">";
  for (const auto& js : o.scripts)
    h += "<script src=\"" + esc(asset_url(js)) + "\" defer></script>";
  h += "</head><body";
  std::string classes = o.admin ? "admin" : "";
  if (!o.body_class.empty()) classes += (classes.empty() ? "" : " ") + o.body_class;
  if (!classes.empty()) h += " class=\"" + esc(classes) + "\"";
  h += "><a class=\"skip\" href=\"#main\">";
  h += t(lang, "web.skip");
  h += "</a><header class=\"top\"><span class=\"brand\">";
  h += t(lang, "app.title");
  h += "</span>";
  if (!o.nav.empty()) {
    h += "<nav aria-label=\"";
    h += t(lang, "web.nav");
    h += "\"><ul>";
    for (const auto& l : o.nav) {
      h += "<li><a href=\"" + esc(l.href) + "\"";
      if (l.current) h += " aria-current=\"page\"";
      h += ">" + l.label + "</a></li>";
    }
    h += "</ul></nav>";
  }
  h += "<div class=\"tools\">";
  if (!o.lang_return.empty()) {
    const bool de = lang == app::Lang::De;
    h += "<a class=\"lang\" hreflang=\"";
    h += de ? "en" : "de";
    h += "\" lang=\"";
    h += de ? "en" : "de";
    h += "\" href=\"/lang?to=";
    h += de ? "en" : "de";
    h += "&amp;back=" + esc(url_component(o.lang_return)) + "\">";
    h += de ? "English" : "Deutsch";
    h += "</a>";
  }
  if (!o.user_label.empty()) {
    h += "<span class=\"user\">" + esc(o.user_label) + "</span>";
    h += "<form method=\"post\" action=\"/admin/logout\" class=\"inline\">" + csrf_field(o.csrf) +
         "<button type=\"submit\" class=\"link\">" + t(lang, "admin.logout") + "</button></form>";
  }
  h += "</div></header><main id=\"main\">";
  if (!o.notice.empty()) {
    h += o.notice_is_error ? "<div class=\"notice error\" role=\"alert\">"
                           : "<div class=\"notice\" role=\"status\">";
    h += esc(o.notice);
    h += "</div>";
  }
  h += main_html;
  h += "</main><footer><p>";
  h += t(lang, "web.footer");
  h += "</p></footer></body></html>\n";
  return h;
}

}  // namespace kn::web
