#pragma once
// Small text helpers shared by the KlimaNetze readers and writers (internal to kn_io).

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/graph/network.hpp"
#include "core/util/error.hpp"

namespace kn::io::detail {

/// Runs a reader's read(); a std::logic_error from the model (e.g. a duplicate actor id, an
/// attribute type clash) becomes a ParseError naming the file, so every reader reports only
/// ParseError.
template <class Reader>
Network read_guarded(Reader& reader, const std::string& filename) {
  try {
    return reader.read();
  } catch (const ParseError&) {
    throw;
  } catch (const std::logic_error& e) {
    throw ParseError(filename, "", "", e.what());
  }
}

/// Removes a leading UTF-8 byte order mark.
std::string_view strip_bom(std::string_view text);
/// Removes ASCII spaces, tabs, CR and LF at both ends.
std::string_view trim(std::string_view s);
/// ASCII lower-case copy.
std::string to_lower(std::string_view s);
/// ASCII case-insensitive equality.
bool iequals(std::string_view a, std::string_view b);
/// ASCII case-insensitive prefix test.
bool istarts_with(std::string_view s, std::string_view prefix);
/// Parses the whole of `s` as a number (decimal or exponent form, optional leading '+',
/// NaN/Inf/-Inf in any case). Leading/trailing blanks are NOT accepted.
std::optional<double> parse_number(std::string_view s);
/// Number in its shortest round-trip text (same as kn::value_to_string).
std::string format_number(double d);
/// 1-based line number of byte `offset` in `text`.
std::size_t line_of_offset(std::string_view text, std::size_t offset);
/// Splits a '|'-joined list (the empty string is the empty list).
std::vector<std::string> split_list(std::string_view s);
/// Joins a list with '|'.
std::string join_list(const std::vector<std::string>& items);
/// Upper bound for the number of actors any reader creates (guards allocation on hostile
/// input such as "*Vertices 1000000000000"): at most 1e8, and at most 64 per input byte + 1e6.
std::size_t max_actors_for_input(std::size_t input_bytes);

}  // namespace kn::io::detail
