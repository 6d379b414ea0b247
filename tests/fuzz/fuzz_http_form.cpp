// libFuzzer target: query strings, application/x-www-form-urlencoded bodies, media types and
// multipart/form-data bodies. The first byte picks the parser; the rest is the input (for
// multipart: the first line is the Content-Type, the rest the body). Contract: only HttpError
// (400/413) is thrown; limits hold; percent_encode/percent_decode round-trip.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "server/http/parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kn::http;
  if (size == 0) return 0;
  const unsigned mode = data[0] % 4U;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  try {
    switch (mode) {
      case 0:
      case 1: {
        FormLimits lim;
        lim.max_fields = 32;
        lim.max_key_bytes = 64;
        lim.max_value_bytes = 1024;
        const Params p = mode == 0 ? parse_query(text, lim) : parse_form_urlencoded(text, lim);
        if (p.size() > lim.max_fields) std::abort();
        for (const auto& [k, v] : p) {
          if (k.size() > lim.max_key_bytes || v.size() > lim.max_value_bytes) std::abort();
          if (percent_decode(percent_encode(v)) != v) std::abort();
        }
        break;
      }
      case 2: {
        const auto mt = parse_media_type(text);
        if (mt && mt->type.find('/') == std::string::npos) std::abort();
        (void)is_valid_utf8(text);
        break;
      }
      default: {
        const auto eol = text.find('\n');
        const std::string_view ct = text.substr(0, eol);
        const std::string_view body =
            eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
        const auto boundary = multipart_boundary(ct);
        if (!boundary) break;
        MultipartLimits lim;
        lim.max_parts = 8;
        lim.max_part_bytes = 4096;
        lim.max_part_header_bytes = 1024;
        lim.max_name_bytes = 64;
        const auto parts = parse_multipart(body, *boundary, lim);
        if (parts.size() > lim.max_parts) std::abort();
        for (const auto& part : parts) {
          if (part.data.size() > lim.max_part_bytes || part.name.size() > lim.max_name_bytes) {
            std::abort();
          }
        }
      }
    }
  } catch (const HttpError& e) {
    if (e.status() != 400 && e.status() != 413) std::abort();
  }
  return 0;
}
