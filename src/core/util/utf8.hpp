#pragma once
// UTF-8 primitives shared by the readers, the roster import, the HTTP parsers and the survey
// decoder: strict decoding (no overlong forms, no surrogates, nothing above U+10FFFF),
// validation and encoding.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace kn {

/// Decodes the sequence at s[i]: its length in bytes (1-4) and the code point in `cp`, or 0 if
/// it is not valid UTF-8 (i must be < s.size()).
std::size_t utf8_decode(std::string_view s, std::size_t i, std::uint32_t& cp);
/// True if the whole text is valid UTF-8.
bool is_valid_utf8(std::string_view s);
/// Appends the UTF-8 encoding of `cp` (<= U+10FFFF).
void append_utf8(std::string& out, std::uint32_t cp);

}  // namespace kn
