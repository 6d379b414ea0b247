// libFuzzer target: Cookie header parsing, Set-Cookie building and Accept-Language picking.
// Contract: parse_cookie_header never throws; every parsed name is a token and values contain no
// ';'; limits hold; a SetCookie built from a parsed pair either throws std::invalid_argument or
// yields a header value that parses back to the same pair.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

#include "server/http/parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kn::http;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  CookieLimits limits;
  limits.max_cookies = 16;
  limits.max_header_bytes = 2048;
  const Params cookies = parse_cookie_header(text, limits);
  if (cookies.size() > limits.max_cookies) std::abort();
  for (const auto& [name, value] : cookies) {
    if (!is_token(name) || value.find(';') != std::string::npos) std::abort();
    SetCookie c;
    c.name = name;
    c.value = value;
    try {
      const std::string header = c.to_string();
      const auto semi = header.find(';');
      const Params back = parse_cookie_header(header.substr(0, semi));
      if (back.size() != 1 || back[0].first != name) std::abort();
      // Quotes around a value are dropped on parsing; cookie-octets exclude '"', so equal.
      if (back[0].second != value) std::abort();
    } catch (const std::invalid_argument&) {
    }
  }
  const std::string lang = pick_language(text);
  if (lang != "de" && lang != "en") std::abort();
  return 0;
}
