#pragma once
// Shared helpers for the libFuzzer targets (one per file-format reader).
//
// Contract checked by every target: a reader either returns a network or throws kn::ParseError
// (or another std::runtime_error). Any other exception, a crash, a leak, undefined behaviour or
// a hang is a finding. Properties the format headers promise (e.g. "write, then read back")
// are checked with check(), which traps so libFuzzer records the input as a crash.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <typeinfo>
#include <utility>
#include <vector>

#include "core/graph/network.hpp"
#include "core/io/text_util.hpp"
#include "core/util/error.hpp"

namespace kn::fuzz {

/// Pajek and DL declare the vertex count, so a few bytes can make up to 1e6 isolates (the
/// readers' documented bound). Reading them is part of the test; the round trip through the
/// writer is skipped above this size to keep executions fast under the sanitizers.
inline constexpr std::size_t kMaxRoundTripActors = 5000;
/// Pajek (*Vertices n) and DL (n=) declare the vertex count, so a few bytes may create up to
/// max_actors_for_input() (~1e6) isolates, by design. That is linear but takes longer than the
/// 10 s timeout under ASan + UBSan + coverage, so inputs declaring more than kMaxDeclaredActors
/// vertices, but no more than the reader accepts, are not read. Declaring more than the reader
/// accepts must still fail fast, and superlinear behaviour still shows below this size.
inline constexpr std::uint64_t kMaxDeclaredActors = 10000;

inline bool too_slow_to_read(std::uint64_t declared, std::string_view text) {
  return declared > kMaxDeclaredActors &&
         declared <= io::detail::max_actors_for_input(io::detail::strip_bom(text).size());
}

inline bool iequals_ascii(std::string_view a, std::string_view b) {
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

/// Value of the decimal digits at the start of `s` (saturating), or 0 if there are none.
inline std::uint64_t leading_number(std::string_view s) {
  std::uint64_t v = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') break;
    v = v > 100'000'000'000ULL ? v : v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

[[noreturn]] inline void violated(const char* what, std::string_view detail = {}) {
  std::fprintf(stderr, "\n*** fuzz property violated: %s\n", what);
  if (!detail.empty()) {
    const std::size_t shown = detail.size() < 4000 ? detail.size() : 4000;
    std::fprintf(stderr, "--- detail (%zu bytes) ---\n%.*s\n---\n", detail.size(),
                 static_cast<int>(shown), detail.data());
  }
  __builtin_trap();
}

inline void check(bool ok, const char* what, std::string_view detail = {}) {
  if (!ok) violated(what, detail);
}

/// Calls `read`. Returns the network, or nullopt on a clean error (kn::ParseError or any
/// std::runtime_error). Any other exception is a finding: reported with its type, then trap.
template <class Read>
std::optional<Network> try_read(Read&& read) {
  try {
    return std::forward<Read>(read)();
  } catch (const ParseError&) {
    return std::nullopt;
  } catch (const std::runtime_error&) {
    return std::nullopt;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "\n*** unexpected exception %s: %s\n", typeid(e).name(), e.what());
    __builtin_trap();
  } catch (...) {
    std::fprintf(stderr, "\n*** unexpected non-std exception\n");
    __builtin_trap();
  }
}

/// Calls `read` on text our own writer produced: it must succeed.
template <class Read>
Network must_read(Read&& read, const char* what, std::string_view written) {
  try {
    return std::forward<Read>(read)();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "\n*** %s: %s\n", typeid(e).name(), e.what());
    violated(what, written);
  } catch (...) {
    violated(what, written);
  }
}

/// Same actor ids in the same order.
inline bool same_actors(const Network& a, const Network& b) {
  return a.actor_ids() == b.actor_ids();
}

/// Same attribute columns (name and type; the order is not compared: the JSON writer emits
/// object keys sorted by name).
inline bool same_columns(const AttrTable& a, const AttrTable& b) {
  auto key = [](const AttrTable& t) {
    std::vector<std::pair<std::string, AttrType>> out;
    for (const auto& c : t.columns())
      out.emplace_back(c.name, c.type);
    std::sort(out.begin(), out.end());
    return out;
  };
  return key(a) == key(b);
}

}  // namespace kn::fuzz
