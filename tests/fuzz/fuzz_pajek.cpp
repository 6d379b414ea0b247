// libFuzzer target: kn::io::read_pajek. On success, and when no label or relation name holds a
// character the writer replaces ('"', CR, LF; pajek.hpp), the network written by write_pajek
// must read back with the same actors (ids, order) and tie count; direction too when there are
// ties (an undirected network without ties has no *Edges line to say so).
#include <algorithm>

#include "core/io/pajek.hpp"
#include "fuzz_common.hpp"

namespace {

/// Total of the *Vertices counts that start a network block, as the reader counts them (not
/// the one after *Partition/*Vector/*Permutation/*Cluster, which gives a vector's length).
std::uint64_t declared_vertices(std::string_view text) {
  std::uint64_t total = 0;
  bool after_vector = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
      line.remove_prefix(1);
    if (line.size() >= 3 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
    if (line.empty() || line.front() != '*') continue;
    const std::string_view kw = line.substr(0, line.find_first_of(" \t"));
    if (kn::fuzz::iequals_ascii(kw, "*vertices")) {
      std::string_view rest = line.substr(kw.size());
      while (!rest.empty() &&
             (rest.front() == ' ' || rest.front() == '\t' || rest.front() == '"')) {
        rest.remove_prefix(1);
      }
      if (!after_vector) total += kn::fuzz::leading_number(rest);
      after_vector = false;
    } else {
      after_vector =
          kn::fuzz::iequals_ascii(kw, "*partition") || kn::fuzz::iequals_ascii(kw, "*vector") ||
          kn::fuzz::iequals_ascii(kw, "*permutation") || kn::fuzz::iequals_ascii(kw, "*cluster");
    }
  }
  return total;
}

bool writer_keeps(const std::string& s) {
  return s.find_first_of("\"\r\n") == std::string::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = kn::fuzz::as_text(data, size);
  if (kn::fuzz::too_slow_to_read(declared_vertices(text), text)) return 0;
  auto net = kn::fuzz::try_read([&] { return kn::io::read_pajek(text, "fuzz.net"); });
  if (!net || net->actor_count() > kn::fuzz::kMaxRoundTripActors) return 0;
  if (!std::all_of(net->actor_ids().begin(), net->actor_ids().end(), writer_keeps)) return 0;
  for (const auto& r : net->relations()) {
    if (!writer_keeps(r.name)) return 0;
  }
  // With *Partition/*Vector blocks: their names are not quoted and are trimmed on reading, so
  // only check that writing them works.
  (void)kn::io::write_pajek(*net, true);
  const std::string out = kn::io::write_pajek(*net, false);
  const kn::Network again =
      kn::fuzz::must_read([&] { return kn::io::read_pajek(out, "roundtrip.net"); },
                          "write_pajek output reads back", out);
  kn::fuzz::check(kn::fuzz::same_actors(*net, again), "Pajek round trip keeps the actors", out);
  kn::fuzz::check(net->tie_count() == again.tie_count(), "Pajek round trip keeps the ties", out);
  kn::fuzz::check(net->tie_count() == 0 || net->directed == again.directed,
                  "Pajek round trip keeps direction", out);
  return 0;
}
