// make_graph: writes a seeded benchmark graph (bench/graph_gen.hpp) as the CSV pair the
// klimanetze CLI and the peer scripts read:
//   TIES.csv    header "source,target", one arc per line, actor ids "a<index>"
//   ACTORS.csv  header "id,sector", every actor (isolates included), sector "s<group>"
// Usage: make_graph N ARCS SEED TIES.csv ACTORS.csv
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "bench/graph_gen.hpp"

int main(int argc, char** argv) {
  if (argc != 6) {
    std::fprintf(stderr, "usage: %s N ARCS SEED TIES.csv ACTORS.csv\n", argv[0]);
    return 1;
  }
  try {
    const auto n = static_cast<std::uint32_t>(std::stoul(argv[1]));
    const auto m = static_cast<std::uint64_t>(std::stoull(argv[2]));
    const auto seed = static_cast<std::uint64_t>(std::stoull(argv[3]));
    const kn::bench::GeneratedGraph g = kn::bench::generate_graph(n, m, seed);
    std::FILE* ties = std::fopen(argv[4], "wb");
    std::FILE* actors = std::fopen(argv[5], "wb");
    if (ties == nullptr || actors == nullptr) {
      std::fprintf(stderr, "cannot open output files\n");
      return 2;
    }
    std::fputs("source,target\n", ties);
    for (const auto& [s, t] : g.arcs)
      std::fprintf(ties, "a%u,a%u\n", s, t);
    std::fputs("id,sector\n", actors);
    for (std::uint32_t v = 0; v < g.n; ++v)
      std::fprintf(actors, "a%u,s%u\n", v, g.group[v]);
    const bool ok = std::fclose(ties) == 0 && std::fclose(actors) == 0;
    return ok ? 0 : 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "make_graph: %s\n", e.what());
    return 1;
  }
}
