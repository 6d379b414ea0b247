// libFuzzer target: kn::io::read_ucinet_dl. On success, and when no label or relation name
// holds a character the writer replaces ('"', CR, LF; ucinet_dl.hpp), the network written by
// write_ucinet_dl must read back with the same actors (ids, order), in both layouts. Tie counts
// may differ by design (a fullmatrix cell sums the ties of a pair), so they are not compared.
#include <algorithm>

#include "core/io/ucinet_dl.hpp"
#include "fuzz_common.hpp"

namespace {

/// Largest value of an `n = N` in the text (tokens split like the reader's: blanks, commas and
/// '=' separate; "..." is one token).
std::uint64_t declared_n(std::string_view text) {
  std::vector<std::string_view> toks;
  std::size_t i = 0;
  while (i < text.size() && toks.size() < 4096) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',') {
      ++i;
    } else if (c == '=') {
      toks.push_back(text.substr(i, 1));
      ++i;
    } else if (c == '"') {
      const std::size_t end = text.find('"', i + 1);
      if (end == std::string_view::npos) break;
      toks.push_back(text.substr(i + 1, end - i - 1));
      i = end + 1;
    } else {
      const std::size_t end = std::min(text.find_first_of(" \t\r\n,=\"", i), text.size());
      toks.push_back(text.substr(i, end - i));
      i = end;
    }
  }
  std::uint64_t most = 0;
  for (std::size_t k = 0; k + 2 < toks.size(); ++k) {
    if (kn::fuzz::iequals_ascii(toks[k], "n") && toks[k + 1] == "=") {
      most = std::max(most, kn::fuzz::leading_number(toks[k + 2]));
    }
  }
  return most;
}

bool writer_keeps(const std::string& s) {
  return s.find_first_of("\"\r\n") == std::string::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = kn::fuzz::as_text(data, size);
  if (kn::fuzz::too_slow_to_read(declared_n(text), text)) return 0;
  auto net = kn::fuzz::try_read([&] { return kn::io::read_ucinet_dl(text, "fuzz.dl"); });
  if (!net || net->actor_count() > kn::fuzz::kMaxRoundTripActors) return 0;
  if (!std::all_of(net->actor_ids().begin(), net->actor_ids().end(), writer_keeps)) return 0;
  for (const auto& r : net->relations()) {
    if (!writer_keeps(r.name)) return 0;
  }
  // Both layouts: fullmatrix with embedded labels (small n) and edgelist1 with labels:. The
  // fullmatrix output has nm * n * n cells (nm up to 65535 from a few bytes), so it is only
  // written when that stays small.
  const std::size_t n = net->actor_count();
  const std::size_t cells = n * n * std::max<std::size_t>(1, net->relations().size());
  for (const std::size_t fullmatrix_max_n : {std::size_t{200}, std::size_t{0}}) {
    if (fullmatrix_max_n > 0 && cells > 1'000'000) continue;
    const std::string out = kn::io::write_ucinet_dl(*net, fullmatrix_max_n);
    const kn::Network again =
        kn::fuzz::must_read([&] { return kn::io::read_ucinet_dl(out, "roundtrip.dl"); },
                            "write_ucinet_dl output reads back", out);
    kn::fuzz::check(kn::fuzz::same_actors(*net, again), "DL round trip keeps the actors", out);
  }
  return 0;
}
