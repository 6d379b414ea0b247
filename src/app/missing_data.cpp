// Reconstruction of non-respondents' ties (see missing_data.hpp).

#include "app/missing_data.hpp"

#include <set>
#include <stdexcept>
#include <tuple>

namespace kn::app {

ReconstructionResult reconstruct_ties(const Network& network, const ReconstructionOptions& o) {
  const std::size_t n = network.actor_count();
  if (o.responded.size() != n)
    throw std::invalid_argument("reconstruct_ties: `responded` needs one entry per actor (" +
                                std::to_string(n) + "), got " + std::to_string(o.responded.size()));
  ReconstructionResult out;
  out.network = network;
  for (std::size_t a = 0; a < n; ++a)
    (o.responded[a] ? out.respondents : out.non_respondents) += 1;
  std::set<RelationIndex> chosen;
  for (const auto& name : o.relations)
    if (const auto r = network.find_relation(name)) chosen.insert(*r);
  if (chosen.empty()) return out;
  using Key = std::tuple<RelationIndex, WaveIndex, ActorIndex, ActorIndex>;
  std::set<Key> present;
  for (TieIndex t = 0; t < network.tie_count(); ++t)
    present.emplace(network.tie_relation(t), network.tie_wave(t), network.tie_source(t),
                    network.tie_target(t));
  const TieIndex original = static_cast<TieIndex>(network.tie_count());
  for (TieIndex t = 0; t < original; ++t) {
    const RelationIndex r = network.tie_relation(t);
    if (chosen.count(r) == 0) continue;
    const ActorIndex s = network.tie_source(t), g = network.tie_target(t);
    if (s == g || !o.responded[s] || o.responded[g]) continue;
    const WaveIndex w = network.tie_wave(t);
    if (!present.emplace(r, w, g, s).second) continue;  // already there (or added just now)
    const TieIndex added = out.network.add_tie(g, s, r, w);
    out.network.set_tie_attr(added, "reconstructed", std::string("yes"));
    ++out.added;
    ++out.added_by_relation[network.relations()[r].name];
  }
  return out;
}

}  // namespace kn::app
