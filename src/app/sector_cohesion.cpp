// Cohesion inside each sector (see sector_cohesion.hpp).

#include "app/sector_cohesion.hpp"

#include <algorithm>
#include <limits>
#include <set>
#include <stdexcept>
#include <utility>

#include "app/demo/musterstadt.hpp"

namespace kn::app {

namespace {

constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
constexpr ActorIndex kNobody = std::numeric_limits<ActorIndex>::max();

/// kSectorKeys order, then other keys ascending, "" last.
std::vector<std::string> sector_keys(const std::set<std::string>& present) {
  std::vector<std::string> out;
  for (const auto key : kSectorKeys)
    if (present.count(std::string(key)) != 0) out.emplace_back(key);
  for (const auto& key : present)
    if (!key.empty() && std::find(kSectorKeys.begin(), kSectorKeys.end(), key) == kSectorKeys.end())
      out.push_back(key);
  if (present.count("") != 0) out.emplace_back();
  return out;
}

/// Components of the subgraph induced by `members` (ascending) without `removed`; each
/// ascending, largest first, then by first actor.
std::vector<std::vector<ActorIndex>> components(
    const std::vector<ActorIndex>& members, const std::vector<std::vector<ActorIndex>>& adjacency,
    ActorIndex removed, std::vector<int>& mark) {
  std::vector<std::vector<ActorIndex>> out;
  for (const ActorIndex m : members)
    mark[m] = m == removed ? 1 : 0;
  for (const ActorIndex start : members) {
    if (mark[start] != 0) continue;
    std::vector<ActorIndex> component{start};
    mark[start] = 1;
    for (std::size_t i = 0; i < component.size(); ++i)
      for (const ActorIndex w : adjacency[component[i]])
        if (mark[w] == 0) {
          mark[w] = 1;
          component.push_back(w);
        }
    std::sort(component.begin(), component.end());
    out.push_back(std::move(component));
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.size() > b.size();  // stable: members are visited in order, so first actor breaks ties
  });
  return out;
}

std::vector<std::vector<ActorIndex>> big(const std::vector<std::vector<ActorIndex>>& parts,
                                         std::size_t min_size) {
  std::vector<std::vector<ActorIndex>> out;
  for (const auto& p : parts)
    if (p.size() >= min_size) out.push_back(p);
  return out;
}

std::size_t actors_in(const std::vector<std::vector<ActorIndex>>& parts) {
  std::size_t n = 0;
  for (const auto& p : parts)
    n += p.size();
  return n;
}

}  // namespace

SectorCohesionResult sector_cohesion(const Network& network, const SectorCohesionOptions& o) {
  if (o.min_fragment == 0)
    throw std::invalid_argument("sector_cohesion: min_fragment must be at least 1");
  std::optional<WaveIndex> wave;
  if (!o.wave.empty()) {
    wave = network.find_wave(o.wave);
    if (!wave) throw std::invalid_argument("unknown wave '" + o.wave + "'");
  }
  std::vector<bool> relation(network.relations().size(), false);
  for (const auto& name : o.relations)
    if (const auto r = network.find_relation(name)) relation[*r] = true;

  const std::size_t n = network.actor_count();
  std::vector<std::string> sector(n);
  std::set<std::string> present;
  for (ActorIndex a = 0; a < n; ++a) {
    sector[a] = value_to_string(network.actor_attr(a, "sector"));
    present.insert(sector[a]);
  }
  // Undirected simple adjacency restricted to pairs inside one sector.
  std::set<std::pair<ActorIndex, ActorIndex>> pairs;
  for (TieIndex t = 0; t < network.tie_count(); ++t) {
    if (!relation[network.tie_relation(t)]) continue;
    if (wave && network.tie_wave(t) != *wave) continue;
    const ActorIndex s = network.tie_source(t), g = network.tie_target(t);
    if (s == g || sector[s] != sector[g]) continue;
    pairs.insert(std::minmax(s, g));
  }
  std::vector<std::vector<ActorIndex>> adjacency(n);
  for (const auto& [a, b] : pairs) {
    adjacency[a].push_back(b);
    adjacency[b].push_back(a);
  }

  SectorCohesionResult out;
  std::vector<int> mark(n, 0);
  for (const auto& key : sector_keys(present)) {
    SectorCohesion c;
    c.sector = key;
    for (ActorIndex a = 0; a < n; ++a)
      if (sector[a] == key) c.actors.push_back(a);
    for (const ActorIndex a : c.actors)
      c.ties += adjacency[a].size();
    c.ties /= 2;
    const double k = static_cast<double>(c.actors.size());
    c.density = c.actors.size() < 2 ? kNone : static_cast<double>(c.ties) / (k * (k - 1) / 2);
    c.components = components(c.actors, adjacency, kNobody, mark);
    for (const auto& p : c.components) {
      c.component_sizes.push_back(p.size());
      if (p.size() == 1) c.isolates.push_back(p[0]);
    }
    std::sort(c.isolates.begin(), c.isolates.end());
    c.groups = big(c.components, o.min_fragment);
    if (c.groups.size() < 2) {
      c.groups.clear();
      if (o.bridge) {
        std::vector<std::vector<ActorIndex>> best;
        ActorIndex best_actor = kNobody;
        for (const ActorIndex a : c.actors) {
          if (adjacency[a].size() < 2) continue;  // removing it cannot split anything
          auto groups = big(components(c.actors, adjacency, a, mark), o.min_fragment);
          if (groups.size() < 2) continue;
          if (best_actor == kNobody || groups.size() > best.size() ||
              (groups.size() == best.size() && actors_in(groups) > actors_in(best))) {
            best = std::move(groups);
            best_actor = a;
          }
        }
        if (best_actor != kNobody) {
          c.bridge = best_actor;
          c.groups = std::move(best);
        }
      }
    }
    c.fragmented = !c.groups.empty();
    out.sectors.push_back(std::move(c));
  }
  return out;
}

}  // namespace kn::app
