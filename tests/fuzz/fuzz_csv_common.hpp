#pragma once
// CSV round trip shared by fuzz_csv_ties and fuzz_csv_actors (csv.hpp: "Lossless for actors,
// actor/tie attributes, relations and waves used by ties").

#include <string>

#include "core/io/csv.hpp"
#include "fuzz_common.hpp"

namespace kn::fuzz {

inline void check_csv_round_trip(const Network& net) {
  const std::string ties = io::write_ties_csv(net);
  const std::string actors = io::write_actors_csv(net);
  const std::string both = actors + "\n=== ties ===\n" + ties;
  const Network again =
      must_read([&] { return io::read_csv(ties, "roundtrip.csv", actors, "roundtrip.actors.csv"); },
                "write_ties_csv/write_actors_csv output reads back", both);
  check(same_actors(net, again), "CSV round trip keeps the actors", both);
  check(net.tie_count() == again.tie_count(), "CSV round trip keeps the ties", both);
  check(net.tie_count() == 0 || net.directed == again.directed, "CSV round trip keeps direction",
        both);
  check(same_columns(net.actor_attrs(), again.actor_attrs()),
        "CSV round trip keeps the actor attribute columns (name, type)", both);
  check(same_columns(net.tie_attrs(), again.tie_attrs()),
        "CSV round trip keeps the tie attribute columns (name, type)", both);
}

}  // namespace kn::fuzz
