// libFuzzer target: kn::io::read_json. The JSON format is lossless for the whole model
// (json_format.hpp): on success write_json output must read back with the same actors, ties,
// direction, attribute columns (name, type), relations, waves and affiliations.
#include "core/io/json_format.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = kn::fuzz::as_text(data, size);
  auto net = kn::fuzz::try_read([&] { return kn::io::read_json(text, "fuzz.json"); });
  if (!net) return 0;
  const std::string out = kn::io::write_json(*net);
  const kn::Network again =
      kn::fuzz::must_read([&] { return kn::io::read_json(out, "roundtrip.json"); },
                          "write_json output reads back", out);
  using kn::fuzz::check;
  check(kn::fuzz::same_actors(*net, again), "JSON round trip keeps the actors", out);
  check(net->tie_count() == again.tie_count(), "JSON round trip keeps the ties", out);
  check(net->directed == again.directed, "JSON round trip keeps direction", out);
  check(net->title == again.title, "JSON round trip keeps the title", out);
  check(kn::fuzz::same_columns(net->actor_attrs(), again.actor_attrs()),
        "JSON round trip keeps the actor attribute columns", out);
  check(kn::fuzz::same_columns(net->tie_attrs(), again.tie_attrs()),
        "JSON round trip keeps the tie attribute columns", out);
  check(net->relations().size() == again.relations().size(), "JSON round trip keeps relations",
        out);
  check(net->waves().size() == again.waves().size(), "JSON round trip keeps waves", out);
  check(net->affiliations().size() == again.affiliations().size(),
        "JSON round trip keeps affiliations", out);
  return 0;
}
