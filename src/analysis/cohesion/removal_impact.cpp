// Effect of removing one actor (see removal_impact.hpp). Own implementation (a BFS sweep per
// removal on the CSR view); igraph would need a copied graph per removal.

#include "analysis/cohesion/removal_impact.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

#include "analysis/detail/parallel_chunks.hpp"

namespace kn {

namespace {

constexpr std::uint32_t kUnseen = std::numeric_limits<std::uint32_t>::max();

struct Scratch {
  std::vector<std::uint32_t> dist, queue;
};

/// Components (and optionally distances) of `s` without `skip` (kUnseen = skip nobody).
RemovalImpact sweep(const Graph& s, std::uint32_t skip, bool distances, Scratch& w) {
  const std::uint32_t n = s.n();
  RemovalImpact r;
  r.actor = skip;
  w.dist.assign(n, kUnseen);
  const std::uint32_t left = skip == kUnseen ? n : n - 1;
  double pairs = 0.0;
  for (std::uint32_t root = 0; root < n; ++root) {
    if (root == skip || w.dist[root] != kUnseen) continue;
    ++r.components;
    w.queue.assign(1, root);
    w.dist[root] = 0;
    for (std::size_t q = 0; q < w.queue.size(); ++q)
      for (const auto u : s.out(w.queue[q]))
        if (u != skip && w.dist[u] == kUnseen) {
          w.dist[u] = 0;
          w.queue.push_back(u);
        }
    const auto size = static_cast<std::uint64_t>(w.queue.size());
    r.largest = std::max<std::uint32_t>(r.largest, static_cast<std::uint32_t>(size));
    r.reachable_pairs += size * (size - 1);
    pairs += static_cast<double>(size) * static_cast<double>(size - 1);
  }
  r.fragmentation =
      left < 2 ? 1.0 : 1.0 - pairs / (static_cast<double>(left) * static_cast<double>(left - 1));
  if (distances) {
    double sum = 0.0;
    for (std::uint32_t src = 0; src < n; ++src) {
      if (src == skip) continue;
      w.dist.assign(n, kUnseen);
      w.dist[src] = 0;
      w.queue.assign(1, src);
      for (std::size_t q = 0; q < w.queue.size(); ++q) {
        const std::uint32_t v = w.queue[q];
        for (const auto u : s.out(v))
          if (u != skip && w.dist[u] == kUnseen) {
            w.dist[u] = w.dist[v] + 1;
            sum += w.dist[u];
            w.queue.push_back(u);
          }
      }
    }
    if (r.reachable_pairs > 0) r.mean_distance = sum / static_cast<double>(r.reachable_pairs);
  }
  return r;
}

}  // namespace

RemovalImpactResult removal_impact(const Graph& g, const RemovalImpactOptions& o) {
  const Graph s = g.directed() ? g.symmetrised() : g;
  const std::uint32_t n = s.n();
  std::vector<ActorIndex> actors = o.actors;
  if (actors.empty()) {
    actors.resize(n);
    for (std::uint32_t v = 0; v < n; ++v)
      actors[v] = v;
  }
  for (const auto v : actors)
    if (v >= n)
      throw std::invalid_argument(
          "removal_impact: actor index out of range (n = " + std::to_string(n) + ")");
  RemovalImpactResult out;
  Scratch whole;
  const RemovalImpact all = sweep(s, kUnseen, o.distances, whole);
  out.components = all.components;
  out.reachable_pairs = all.reachable_pairs;
  out.mean_distance = all.mean_distance;
  // Component size of every actor in the whole graph, for the pairs that involve the removed one.
  std::vector<std::uint64_t> component_size(n, 0);
  {
    std::vector<std::uint32_t> label(n, kUnseen), queue;
    for (std::uint32_t root = 0; root < n; ++root) {
      if (label[root] != kUnseen) continue;
      queue.assign(1, root);
      label[root] = root;
      for (std::size_t q = 0; q < queue.size(); ++q)
        for (const auto u : s.out(queue[q]))
          if (label[u] == kUnseen) {
            label[u] = root;
            queue.push_back(u);
          }
      for (const auto v : queue)
        component_size[v] = queue.size();
    }
  }
  out.removals.resize(actors.size());
  const unsigned workers = detail::parallel_workers(actors.size(), o.threads, 4);
  std::vector<Scratch> scratch(workers);
  detail::parallel_chunks(actors.size(), o.threads, 4, o.control, "removal",
                          [&](unsigned w, std::size_t begin, std::size_t end) {
                            for (std::size_t i = begin; i < end; ++i) {
                              RemovalImpact r = sweep(s, actors[i], o.distances, scratch[w]);
                              // Pairs of the whole graph that do not involve the removed actor.
                              const std::uint64_t with_v = 2 * (component_size[actors[i]] - 1);
                              r.lost_pairs = all.reachable_pairs - with_v - r.reachable_pairs;
                              out.removals[i] = r;
                            }
                          });
  return out;
}

}  // namespace kn
