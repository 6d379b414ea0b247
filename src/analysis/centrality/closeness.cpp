#include "analysis/centrality/closeness.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <utility>

#include "analysis/detail/parallel_sources.hpp"
#include "analysis/detail/shortest_paths.hpp"

namespace kn {

namespace {

using detail::CsrRef;

struct Scratch {
  std::vector<std::int32_t> hops;
  std::vector<double> dist;
  std::vector<std::uint32_t> order;
  std::vector<std::pair<double, std::uint32_t>> heap;
  explicit Scratch(std::uint32_t n) : order(n) {}
};

struct SourceSums {
  double sum = 0.0;       // sum of distances to reachable actors
  double harmonic = 0.0;  // sum of 1/distance
  std::uint32_t reached = 0;
};

SourceSums sweep_bfs(const CsrRef& g, std::uint32_t s, Scratch& sc) {
  auto& hops = sc.hops;
  auto& order = sc.order;
  if (hops.empty()) hops.assign(g.n, -1);
  SourceSums r;
  std::uint64_t total = 0;
  std::uint32_t head = 0, tail = 0;
  order[tail++] = s;
  hops[s] = 0;
  while (head < tail) {
    const std::uint32_t v = order[head++];
    const std::int32_t next = hops[v] + 1;
    for (std::uint32_t i = g.off[v], e = g.off[v + 1]; i < e; ++i) {
      const std::uint32_t x = g.adj[i];
      if (hops[x] < 0) {
        hops[x] = next;
        order[tail++] = x;
        total += static_cast<std::uint64_t>(next);
        r.harmonic += 1.0 / static_cast<double>(next);
      }
    }
  }
  for (std::uint32_t k = 0; k < tail; ++k)
    hops[order[k]] = -1;
  r.sum = static_cast<double>(total);
  r.reached = tail - 1;
  return r;
}

SourceSums sweep_dijkstra(const CsrRef& g, std::uint32_t s, Scratch& sc) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  auto& dist = sc.dist;
  auto& order = sc.order;
  auto& heap = sc.heap;
  if (dist.empty()) dist.assign(g.n, kInf);
  const auto cmp = std::greater<>();
  SourceSums r;
  std::uint32_t count = 0;
  heap.clear();
  dist[s] = 0.0;
  heap.emplace_back(0.0, s);
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), cmp);
    const auto [d, v] = heap.back();
    heap.pop_back();
    if (d > dist[v]) continue;
    // With positive weights and strict-improvement pushes, the entry with d == dist[v] is
    // popped exactly once.
    order[count++] = v;
    if (v != s) {
      r.sum += d;
      r.harmonic += 1.0 / d;
    }
    for (std::uint32_t i = g.off[v], e = g.off[v + 1]; i < e; ++i) {
      const std::uint32_t x = g.adj[i];
      const double alt = d + g.w[i];
      if (alt < dist[x]) {
        dist[x] = alt;
        heap.emplace_back(alt, x);
        std::push_heap(heap.begin(), heap.end(), cmp);
      }
    }
  }
  for (std::uint32_t k = 0; k < count; ++k)
    dist[order[k]] = kInf;
  r.reached = count - 1;
  return r;
}

}  // namespace

ClosenessResult closeness(const Graph& g, const ClosenessOptions& options) {
  const std::uint32_t n = g.n();
  ClosenessResult result;
  result.closeness.assign(n, kUndefined);
  result.harmonic.assign(n, 0.0);
  result.reachable.assign(n, 0);
  if (options.weighted) detail::require_positive_weights(g, "closeness");
  if (n == 0) return result;
  detail::OwnedCsr owned;
  CsrRef csr;
  switch (options.mode) {
    case PathMode::Out:
      csr = detail::out_csr(g, options.weighted);
      break;
    case PathMode::In:
      owned = detail::in_csr(g, options.weighted);
      csr = owned.ref(n);
      break;
    case PathMode::All:
      owned = detail::all_csr(g, options.weighted);
      csr = owned.ref(n);
      break;
  }
  const unsigned threads = std::min(resolve_threads(options.threads), n);
  std::vector<Scratch> scratch;
  scratch.reserve(threads);
  for (unsigned t = 0; t < threads; ++t)
    scratch.emplace_back(n);
  // Each source writes only its own entries, so any lane split gives identical results.
  detail::for_each_source(n, threads, threads * 8U, options.control, "closeness",
                          [&](unsigned t, unsigned /*lane*/, std::uint32_t s) {
                            const SourceSums r = options.weighted
                                                     ? sweep_dijkstra(csr, s, scratch[t])
                                                     : sweep_bfs(csr, s, scratch[t]);
                            result.reachable[s] = r.reached;
                            result.harmonic[s] = r.harmonic;
                            if (r.reached > 0) result.closeness[s] = 1.0 / r.sum;
                          });
  return result;
}

}  // namespace kn
