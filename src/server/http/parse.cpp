// Parsers for percent-encoding, query strings, form bodies, cookies, media types, multipart
// bodies and Accept-Language, and the Set-Cookie builder (parse.hpp).
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/parse.hpp"

#include "core/util/utf8.hpp"

#include <algorithm>
#include <cstdint>

namespace kn::http {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = lower(c);
  return out;
}

bool is_ows(char c) {
  return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_ows(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && is_ows(s.back()))
    s.remove_suffix(1);
  return s;
}

Params parse_fields(std::string_view in, bool plus_as_space, const FormLimits& limits) {
  Params out;
  std::size_t pos = 0;
  while (pos <= in.size()) {
    auto amp = in.find('&', pos);
    if (amp == std::string_view::npos) amp = in.size();
    const std::string_view piece = in.substr(pos, amp - pos);
    pos = amp + 1;
    if (piece.empty()) continue;
    if (out.size() >= limits.max_fields) throw HttpError(413, "too many form fields");
    const auto eq = piece.find('=');
    const std::string_view raw_key = piece.substr(0, eq);
    const std::string_view raw_value =
        eq == std::string_view::npos ? std::string_view() : piece.substr(eq + 1);
    // Decoding never makes text longer, so the raw length is an early bound (3 bytes per %XX).
    if (raw_key.size() > 3 * limits.max_key_bytes ||
        raw_value.size() > 3 * limits.max_value_bytes) {
      throw HttpError(413, "form field too long");
    }
    std::string key = percent_decode(raw_key, plus_as_space);
    std::string value = percent_decode(raw_value, plus_as_space);
    if (key.size() > limits.max_key_bytes || value.size() > limits.max_value_bytes) {
      throw HttpError(413, "form field too long");
    }
    out.emplace_back(std::move(key), std::move(value));
  }
  return out;
}

/// Reads a quoted-string starting at s[0] == '"'; returns the unescaped text and advances `s`
/// past the closing quote. Empty optional if unterminated.
std::optional<std::string> read_quoted(std::string_view& s) {
  std::string out;
  std::size_t i = 1;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '"') {
      s.remove_prefix(i + 1);
      return out;
    }
    if (c == '\\') {
      if (i + 1 >= s.size()) return std::nullopt;
      out.push_back(s[i + 1]);
      i += 2;
      continue;
    }
    if (c == '\r' || c == '\n' || c == '\0') return std::nullopt;
    out.push_back(c);
    ++i;
  }
  return std::nullopt;
}

/// Parses "; name=value; name2="quoted"" (the part after a media type or disposition type).
std::optional<Params> parse_parameters(std::string_view s) {
  Params out;
  s = trim(s);
  while (!s.empty()) {
    if (s.front() != ';') return std::nullopt;
    s.remove_prefix(1);
    s = trim(s);
    if (s.empty()) break;  // tolerate a trailing ';'
    const auto eq = s.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    const std::string_view name = trim(s.substr(0, eq));
    if (!is_token(name)) return std::nullopt;
    s.remove_prefix(eq + 1);
    s = trim(s);
    std::string value;
    if (!s.empty() && s.front() == '"') {
      auto q = read_quoted(s);
      if (!q) return std::nullopt;
      value = std::move(*q);
    } else {
      auto end = s.find(';');
      if (end == std::string_view::npos) end = s.size();
      const std::string_view v = trim(s.substr(0, end));
      if (!is_token(v)) return std::nullopt;
      value = std::string(v);
      s.remove_prefix(end);
    }
    out.emplace_back(to_lower(name), std::move(value));
    s = trim(s);
    if (out.size() > 64) return std::nullopt;
  }
  return out;
}

bool is_cookie_octet(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u == 0x21 || (u >= 0x23 && u <= 0x2B) || (u >= 0x2D && u <= 0x3A) ||
         (u >= 0x3C && u <= 0x5B) || (u >= 0x5D && u <= 0x7E);
}

bool is_attr_value(std::string_view v) {
  return std::all_of(v.begin(), v.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u < 0x7F && c != ';';
  });
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

}  // namespace

std::string percent_decode(std::string_view in, bool plus_as_space) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) {
        throw HttpError(400, "invalid percent-encoding");
      }
      const int hi = hex_value(in[i + 1]);
      const int lo = hex_value(in[i + 2]);
      if (hi < 0 || lo < 0) throw HttpError(400, "invalid percent-encoding");
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_as_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string percent_encode(std::string_view in) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(in.size());
  for (const char c : in) {
    const auto u = static_cast<unsigned char>(c);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[u >> 4U]);
      out.push_back(kHex[u & 15U]);
    }
  }
  return out;
}

bool is_valid_utf8(std::string_view s) {
  return kn::is_valid_utf8(s);
}

Params parse_query(std::string_view query, const FormLimits& limits) {
  return parse_fields(query, false, limits);
}

Params parse_form_urlencoded(std::string_view body, const FormLimits& limits) {
  return parse_fields(body, true, limits);
}

Params parse_cookie_header(std::string_view header, const CookieLimits& limits) {
  Params out;
  bool truncated = false;
  if (header.size() > limits.max_header_bytes) {
    header = header.substr(0, limits.max_header_bytes);
    truncated = true;
  }
  std::size_t pos = 0;
  while (pos < header.size() && out.size() < limits.max_cookies) {
    auto semi = header.find(';', pos);
    const bool last = semi == std::string_view::npos;
    if (last) semi = header.size();
    const std::string_view piece = header.substr(pos, semi - pos);
    pos = semi + 1;
    if (last && truncated) break;  // the cut-off piece is not trusted
    const auto eq = piece.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string_view name = trim(piece.substr(0, eq));
    std::string_view value = trim(piece.substr(eq + 1));
    if (!is_token(name)) continue;
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    out.emplace_back(std::string(name), std::string(value));
  }
  return out;
}

std::optional<MediaType> parse_media_type(std::string_view value) {
  value = trim(value);
  const auto semi = value.find(';');
  const std::string_view type = trim(value.substr(0, semi));
  const auto slash = type.find('/');
  if (slash == std::string_view::npos || !is_token(type.substr(0, slash)) ||
      !is_token(type.substr(slash + 1))) {
    return std::nullopt;
  }
  MediaType mt;
  mt.type = to_lower(type);
  if (semi != std::string_view::npos) {
    auto params = parse_parameters(value.substr(semi));
    if (!params) return std::nullopt;
    mt.params = std::move(*params);
  }
  return mt;
}

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  const auto mt = parse_media_type(content_type);
  if (!mt || mt->type != "multipart/form-data") return std::nullopt;
  const auto b = mt->param("boundary");
  if (!b || b->empty() || b->size() > 70) return std::nullopt;
  static constexpr std::string_view kAllowed = "'()+_,-./:=? ";
  const bool ok = std::all_of(b->begin(), b->end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           kAllowed.find(c) != std::string_view::npos;
  });
  if (!ok || b->back() == ' ') return std::nullopt;
  return std::string(*b);
}

std::vector<MultipartPart> parse_multipart(std::string_view body, std::string_view boundary,
                                           const MultipartLimits& limits) {
  if (boundary.empty() || boundary.size() > 70) throw HttpError(400, "invalid multipart boundary");
  const std::string dash = "--" + std::string(boundary);
  const std::string delim = "\r\n" + dash;
  std::vector<MultipartPart> parts;
  // The first delimiter may start the body or follow a preamble line.
  std::size_t pos = 0;
  if (body.substr(0, dash.size()) != dash) {
    const auto first = body.find(delim);
    if (first == std::string_view::npos) throw HttpError(400, "multipart delimiter not found");
    pos = first + 2;
  }
  pos += dash.size();
  while (true) {
    // After a delimiter: "--" closes, otherwise optional padding and CRLF.
    if (body.substr(pos, 2) == "--") return parts;
    while (pos < body.size() && is_ows(body[pos]))
      ++pos;
    if (body.substr(pos, 2) != "\r\n") throw HttpError(400, "malformed multipart delimiter");
    pos += 2;
    if (parts.size() >= limits.max_parts) throw HttpError(413, "too many multipart parts");
    const auto header_end = body.find("\r\n\r\n", pos);
    const bool empty_headers = body.substr(pos, 2) == "\r\n";
    if (!empty_headers && header_end == std::string_view::npos) {
      throw HttpError(400, "unterminated multipart part header");
    }
    const std::size_t hend = empty_headers ? pos : header_end;
    if (hend - pos > limits.max_part_header_bytes) {
      throw HttpError(413, "multipart part header too large");
    }
    MultipartPart part;
    part.content_type = "text/plain";
    bool has_disposition = false;
    std::string_view headers = body.substr(pos, hend - pos);
    while (!headers.empty()) {
      auto eol = headers.find("\r\n");
      if (eol == std::string_view::npos) eol = headers.size();
      const std::string_view line = headers.substr(0, eol);
      headers.remove_prefix(std::min(headers.size(), eol + 2));
      const auto colon = line.find(':');
      if (colon == std::string_view::npos || !is_token(line.substr(0, colon))) {
        throw HttpError(400, "malformed multipart part header");
      }
      const std::string_view name = line.substr(0, colon);
      const std::string_view value = trim(line.substr(colon + 1));
      if (iequals(name, "Content-Disposition")) {
        const auto semi = value.find(';');
        if (!iequals(trim(value.substr(0, semi)), "form-data") || semi == std::string_view::npos) {
          throw HttpError(400, "multipart part is not form-data");
        }
        auto params = parse_parameters(value.substr(semi));
        if (!params) throw HttpError(400, "malformed Content-Disposition");
        const auto n = find_param(*params, "name");
        if (!n) throw HttpError(400, "multipart part without a name");
        part.name = std::string(*n);
        if (const auto f = find_param(*params, "filename")) part.filename = std::string(*f);
        if (part.name.size() > limits.max_name_bytes ||
            (part.filename && part.filename->size() > limits.max_name_bytes)) {
          throw HttpError(413, "multipart name too long");
        }
        has_disposition = true;
      } else if (iequals(name, "Content-Type")) {
        const auto mt = parse_media_type(value);
        if (!mt) throw HttpError(400, "malformed part Content-Type");
        part.content_type = std::string(value);
      }
    }
    if (!has_disposition) throw HttpError(400, "multipart part without Content-Disposition");
    const std::size_t data_start = hend + (empty_headers ? 2 : 4);
    const auto data_end = body.find(delim, data_start);
    if (data_end == std::string_view::npos) throw HttpError(400, "unterminated multipart body");
    if (data_end - data_start > limits.max_part_bytes) {
      throw HttpError(413, "multipart part too large");
    }
    part.data = std::string(body.substr(data_start, data_end - data_start));
    parts.push_back(std::move(part));
    pos = data_end + delim.size();
  }
}

std::string SetCookie::to_string() const {
  if (!is_token(name)) throw std::invalid_argument("invalid cookie name");
  if (!std::all_of(value.begin(), value.end(), is_cookie_octet)) {
    throw std::invalid_argument("invalid character in cookie value (encode it first)");
  }
  if (!is_attr_value(path) || !is_attr_value(domain)) {
    throw std::invalid_argument("invalid cookie path or domain");
  }
  if (starts_with_ci(name, "__Host-") && (!secure || !domain.empty() || path != "/")) {
    throw std::invalid_argument("__Host- cookies need Secure, Path=/ and no Domain");
  }
  if (starts_with_ci(name, "__Secure-") && !secure) {
    throw std::invalid_argument("__Secure- cookies need Secure");
  }
  if (same_site == SameSite::None && !secure) {
    throw std::invalid_argument("SameSite=None needs Secure");
  }
  std::string out = name + "=" + value;
  if (!path.empty()) out += "; Path=" + path;
  if (!domain.empty()) out += "; Domain=" + domain;
  if (max_age) out += "; Max-Age=" + std::to_string(std::max<std::int64_t>(0, max_age->count()));
  if (secure) out += "; Secure";
  if (http_only) out += "; HttpOnly";
  switch (same_site) {
    case SameSite::Strict:
      out += "; SameSite=Strict";
      break;
    case SameSite::Lax:
      out += "; SameSite=Lax";
      break;
    case SameSite::None:
      out += "; SameSite=None";
      break;
  }
  return out;
}

std::string SetCookie::to_delete_string() const {
  SetCookie c = *this;
  c.value.clear();
  c.max_age = std::chrono::seconds(0);
  return c.to_string();
}

std::string pick_language(std::string_view accept_language,
                          std::span<const std::string_view> supported, std::string_view fallback) {
  std::string best(fallback);
  int best_q = 0;  // in thousandths
  std::size_t pos = 0;
  int entries = 0;
  while (pos < accept_language.size() && entries < 32) {
    auto comma = accept_language.find(',', pos);
    if (comma == std::string_view::npos) comma = accept_language.size();
    const std::string_view entry = trim(accept_language.substr(pos, comma - pos));
    pos = comma + 1;
    ++entries;
    const auto semi = entry.find(';');
    const std::string_view tag = trim(entry.substr(0, semi));
    int q = 1000;
    if (semi != std::string_view::npos) {
      std::string_view qs = trim(entry.substr(semi + 1));
      if (qs.size() < 3 || lower(qs[0]) != 'q' || qs[1] != '=') continue;
      qs.remove_prefix(2);
      // qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
      if (qs.empty() || (qs[0] != '0' && qs[0] != '1') || qs.size() > 5) continue;
      int v = (qs[0] - '0') * 1000;
      bool ok = true;
      if (qs.size() > 1) {
        if (qs[1] != '.') ok = false;
        int scale = 100;
        for (std::size_t i = 2; ok && i < qs.size(); ++i, scale /= 10) {
          if (qs[i] < '0' || qs[i] > '9')
            ok = false;
          else
            v += (qs[i] - '0') * scale;
        }
      }
      if (!ok || v > 1000) continue;
      q = v;
    }
    if (q <= best_q) continue;
    const std::string_view primary = tag.substr(0, tag.find('-'));
    std::string_view match;
    if (primary == "*") {
      match = fallback;
    } else {
      for (const auto s : supported) {
        if (iequals(primary, s)) match = s;
      }
    }
    if (match.empty()) continue;
    best = std::string(match);
    best_q = q;
  }
  return best;
}

std::string pick_language(std::string_view accept_language) {
  static constexpr std::string_view kSupported[] = {"de", "en"};
  return pick_language(accept_language, kSupported, "de");
}

}  // namespace kn::http
