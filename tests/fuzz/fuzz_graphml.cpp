// libFuzzer target: kn::io::read_graphml. On success, the network written by write_graphml
// must read back with the same actors (ids, order), tie count and direction (graphml.hpp:
// lossless for actors and ties).
#include "core/io/graphml.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = kn::fuzz::as_text(data, size);
  auto net = kn::fuzz::try_read([&] { return kn::io::read_graphml(text, "fuzz.graphml"); });
  if (!net) return 0;
  const std::string out = kn::io::write_graphml(*net);
  const kn::Network again =
      kn::fuzz::must_read([&] { return kn::io::read_graphml(out, "roundtrip.graphml"); },
                          "write_graphml output reads back", out);
  kn::fuzz::check(kn::fuzz::same_actors(*net, again), "GraphML round trip keeps the actors", out);
  kn::fuzz::check(net->tie_count() == again.tie_count(), "GraphML round trip keeps the ties", out);
  kn::fuzz::check(net->directed == again.directed, "GraphML round trip keeps direction", out);
  return 0;
}
