#include "analysis/centrality/betweenness.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <utility>

#include "analysis/centrality/closeness.hpp"
#include "analysis/detail/parallel_sources.hpp"
#include "analysis/detail/shortest_paths.hpp"

namespace kn {

namespace {

using detail::CsrRef;

// Number of accumulation lanes: fixed for a given n (never derived from the thread count), so
// results are identical for any number of threads. Memory: lanes x n doubles.
unsigned lane_count(std::uint32_t n) {
  const std::uint64_t budget = std::uint64_t{1} << 24;  // doubles (128 MiB)
  const std::uint64_t by_memory = n == 0 ? 1 : budget / n;
  return static_cast<unsigned>(std::clamp<std::uint64_t>(by_memory, 1, 16));
}

// Scratch space of one thread, reused across sources. The successor formulation of Brandes'
// algorithm needs no predecessor lists: in the backward sweep w gathers from every out-neighbour
// x that lies one step further on a shortest path.
struct Scratch {
  std::vector<std::int32_t> hops;  // BFS distance, -1 = not reached
  std::vector<double> dist;        // Dijkstra distance, +inf = not reached
  std::vector<char> settled;
  std::vector<double> sigma;  // number of shortest paths from the source
  std::vector<double> coef;   // (1 + delta(x)) / sigma(x)
  std::vector<std::uint32_t> order;
  std::vector<std::pair<double, std::uint32_t>> heap;
  // BFS only: the arcs of the shortest-path DAG in forward order. The successors of order[k]
  // are dag[dag_end[k - 1] .. dag_end[k]) (dag_end[-1] = 0), so the backward sweep reads exactly
  // the DAG arcs instead of re-testing every out-arc's distance.
  std::vector<std::uint32_t> dag, dag_end;

  Scratch(std::uint32_t n, std::size_t arcs, bool weighted) : sigma(n), coef(n), order(n) {
    if (weighted) {
      dist.assign(n, std::numeric_limits<double>::infinity());
      settled.assign(n, 0);
    } else {
      hops.assign(n, -1);
      dag.resize(arcs);
      dag_end.resize(n);
    }
  }
};

// Out-closeness sums of source s from its BFS order, in discovery order exactly as
// closeness.cpp's sweep_bfs adds them (so the doubles are bit-identical).
struct SourceSums {
  std::uint64_t total = 0;  // sum of hop distances to reachable actors
  double harmonic = 0.0;    // sum of 1/distance
  std::uint32_t reached = 0;
};

void brandes_bfs(const CsrRef& g, std::uint32_t s, Scratch& sc, double* acc, SourceSums* sums) {
  auto& hops = sc.hops;
  auto& sigma = sc.sigma;
  auto& coef = sc.coef;
  auto& order = sc.order;
  std::uint32_t* const dag = sc.dag.data();
  std::uint32_t* const dag_end = sc.dag_end.data();
  std::uint32_t head = 0, tail = 0, arcs = 0;
  order[tail++] = s;
  hops[s] = 0;
  sigma[s] = 1.0;
  while (head < tail) {
    const std::uint32_t v = order[head];
    const std::int32_t next = hops[v] + 1;
    const double sv = sigma[v];
    for (std::uint32_t i = g.off[v], e = g.off[v + 1]; i < e; ++i) {
      const std::uint32_t x = g.adj[i];
      const std::int32_t hx = hops[x];
      if (hx < 0) {
        hops[x] = next;
        sigma[x] = sv;
        order[tail++] = x;
        dag[arcs++] = x;
      } else if (hx == next) {
        sigma[x] += sv;
        dag[arcs++] = x;
      }
    }
    dag_end[head++] = arcs;
  }
  if (sums != nullptr) {
    for (std::uint32_t k = 1; k < tail; ++k) {
      const std::int32_t h = hops[order[k]];
      sums->total += static_cast<std::uint64_t>(h);
      sums->harmonic += 1.0 / static_cast<double>(h);
    }
    sums->reached = tail - 1;
  }
  for (std::uint32_t k = tail; k-- > 1;) {
    const std::uint32_t w = order[k];
    double sum = 0.0;
    for (std::uint32_t i = dag_end[k - 1], e = dag_end[k]; i < e; ++i)
      sum += coef[dag[i]];
    const double delta = sigma[w] * sum;
    acc[w] += delta;
    coef[w] = (1.0 + delta) / sigma[w];
  }
  for (std::uint32_t k = 0; k < tail; ++k)
    hops[order[k]] = -1;
}

// Weighted: Dijkstra (binary heap, lazy deletion) fixes distances and the settling order; path
// counts and dependencies then use one tolerant predicate "v->x is on a shortest path"
// (igraph's relative epsilon 1e-10) in both sweeps, so the two sweeps always agree.
void brandes_dijkstra(const CsrRef& g, std::uint32_t s, Scratch& sc, double* acc) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  auto& dist = sc.dist;
  auto& settled = sc.settled;
  auto& sigma = sc.sigma;
  auto& coef = sc.coef;
  auto& order = sc.order;
  auto& heap = sc.heap;
  const auto cmp = std::greater<>();
  std::uint32_t count = 0;
  heap.clear();
  dist[s] = 0.0;
  heap.emplace_back(0.0, s);
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), cmp);
    const auto [d, v] = heap.back();
    heap.pop_back();
    if (settled[v] || d > dist[v]) continue;
    settled[v] = 1;
    order[count++] = v;
    for (std::uint32_t i = g.off[v], e = g.off[v + 1]; i < e; ++i) {
      const std::uint32_t x = g.adj[i];
      if (settled[x]) continue;
      const double alt = d + g.w[i];
      if (dist[x] == kInf || detail::cmp_epsilon(alt, dist[x]) < 0) {
        dist[x] = alt;
        heap.emplace_back(alt, x);
        std::push_heap(heap.begin(), heap.end(), cmp);
      }
    }
  }
  for (std::uint32_t k = 0; k < count; ++k) {
    sigma[order[k]] = 0.0;
    coef[order[k]] = 0.0;
  }
  sigma[s] = 1.0;
  for (std::uint32_t k = 0; k < count; ++k) {
    const std::uint32_t v = order[k];
    for (std::uint32_t i = g.off[v], e = g.off[v + 1]; i < e; ++i) {
      const std::uint32_t x = g.adj[i];
      if (x != s && detail::cmp_epsilon(dist[v] + g.w[i], dist[x]) == 0) sigma[x] += sigma[v];
    }
  }
  for (std::uint32_t k = count; k-- > 1;) {
    const std::uint32_t w = order[k];
    double sum = 0.0;
    for (std::uint32_t i = g.off[w], e = g.off[w + 1]; i < e; ++i) {
      const std::uint32_t x = g.adj[i];
      if (x != s && detail::cmp_epsilon(dist[w] + g.w[i], dist[x]) == 0) sum += coef[x];
    }
    const double delta = sigma[w] * sum;
    acc[w] += delta;
    coef[w] = (1.0 + delta) / sigma[w];
  }
  for (std::uint32_t k = 0; k < count; ++k) {
    dist[order[k]] = kInf;
    settled[order[k]] = 0;
  }
}

}  // namespace

BetweennessResult betweenness(const Graph& g, const BetweennessOptions& options) {
  const std::uint32_t n = g.n();
  BetweennessResult result;
  result.betweenness.assign(n, 0.0);
  if (options.weighted) detail::require_positive_weights(g, "betweenness");
  if (n == 0) return result;
  const bool fused = options.with_closeness && !options.weighted;
  if (fused) {
    result.closeness.assign(n, kUndefined);
    result.harmonic.assign(n, 0.0);
    result.reachable.assign(n, 0);
  }
  const CsrRef csr = detail::out_csr(g, options.weighted);
  const unsigned lanes = lane_count(n);
  const unsigned threads = resolve_threads(options.threads);
  std::vector<std::vector<double>> acc(lanes, std::vector<double>(n, 0.0));
  std::vector<Scratch> scratch;
  const unsigned used_threads = std::min(threads, std::min(lanes, n));
  scratch.reserve(used_threads);
  for (unsigned t = 0; t < used_threads; ++t)
    scratch.emplace_back(n, g.arc_count(), options.weighted);
  detail::for_each_source(n, used_threads, lanes, options.control, "betweenness",
                          [&](unsigned t, unsigned lane, std::uint32_t s) {
                            if (options.weighted) {
                              brandes_dijkstra(csr, s, scratch[t], acc[lane].data());
                            } else if (fused) {
                              SourceSums sums;
                              brandes_bfs(csr, s, scratch[t], acc[lane].data(), &sums);
                              // Each source writes only its own entries.
                              result.reachable[s] = sums.reached;
                              result.harmonic[s] = sums.harmonic;
                              if (sums.reached > 0) {
                                result.closeness[s] = 1.0 / static_cast<double>(sums.total);
                              }
                            } else {
                              brandes_bfs(csr, s, scratch[t], acc[lane].data(), nullptr);
                            }
                          });
  // Undirected views store each edge as two arcs, so every unordered pair was counted twice.
  const double scale = g.directed() ? 1.0 : 0.5;
  for (std::uint32_t v = 0; v < n; ++v) {
    double sum = 0.0;
    for (unsigned l = 0; l < lanes; ++l)
      sum += acc[l][v];
    result.betweenness[v] = sum * scale;
  }
  if (options.with_closeness && options.weighted) {
    ClosenessOptions c;
    c.mode = PathMode::Out;
    c.weighted = true;
    c.threads = options.threads;
    c.control = options.control;
    ClosenessResult r = closeness(g, c);
    result.closeness = std::move(r.closeness);
    result.harmonic = std::move(r.harmonic);
    result.reachable = std::move(r.reachable);
  }
  return result;
}

}  // namespace kn
