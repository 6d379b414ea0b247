// libFuzzer target: kn::io::read_gexf. On success, the network written by write_gexf must read
// back with the same actors (ids, order), tie count and direction (gexf.hpp: lossless for
// actors and ties).
#include "core/io/gexf.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = kn::fuzz::as_text(data, size);
  auto net = kn::fuzz::try_read([&] { return kn::io::read_gexf(text, "fuzz.gexf"); });
  if (!net) return 0;
  const std::string out = kn::io::write_gexf(*net);
  const kn::Network again =
      kn::fuzz::must_read([&] { return kn::io::read_gexf(out, "roundtrip.gexf"); },
                          "write_gexf output reads back", out);
  kn::fuzz::check(kn::fuzz::same_actors(*net, again), "GEXF round trip keeps the actors", out);
  kn::fuzz::check(net->tie_count() == again.tie_count(), "GEXF round trip keeps the ties", out);
  kn::fuzz::check(net->directed == again.directed, "GEXF round trip keeps direction", out);
  return 0;
}
