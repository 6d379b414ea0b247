#include "analysis/network/descriptive.hpp"

#include <algorithm>
#include <vector>

#include "analysis/detail/igraph_bridge.hpp"
#include "analysis/detail/parallel_sources.hpp"
#include "analysis/detail/shortest_paths.hpp"

namespace kn {

namespace {

struct LaneDistances {
  std::uint32_t max = 0;
  std::uint64_t sum = 0, pairs = 0;
};

// All-pairs unweighted BFS following arc direction: longest finite distance, sum and count of
// connected ordered pairs.
LaneDistances all_pairs(const Graph& g, const DescriptiveOptions& options) {
  const std::uint32_t n = g.n();
  const detail::CsrRef csr = detail::out_csr(g, false);
  const unsigned threads = std::min(resolve_threads(options.threads), std::max(n, 1U));
  const unsigned lanes = threads * 8U;
  std::vector<LaneDistances> per_lane(lanes);
  std::vector<std::vector<std::int32_t>> hops(threads);
  std::vector<std::vector<std::uint32_t>> order(threads);
  detail::for_each_source(n, threads, lanes, options.control, "distances",
                          [&](unsigned t, unsigned lane, std::uint32_t s) {
                            auto& h = hops[t];
                            auto& q = order[t];
                            if (h.empty()) {
                              h.assign(n, -1);
                              q.resize(n);
                            }
                            std::uint32_t head = 0, tail = 0;
                            q[tail++] = s;
                            h[s] = 0;
                            std::uint64_t sum = 0;
                            while (head < tail) {
                              const std::uint32_t v = q[head++];
                              const std::int32_t next = h[v] + 1;
                              for (std::uint32_t i = csr.off[v], e = csr.off[v + 1]; i < e; ++i) {
                                const std::uint32_t x = csr.adj[i];
                                if (h[x] < 0) {
                                  h[x] = next;
                                  q[tail++] = x;
                                  sum += static_cast<std::uint64_t>(next);
                                }
                              }
                            }
                            auto& acc = per_lane[lane];
                            acc.max = std::max(acc.max, static_cast<std::uint32_t>(h[q[tail - 1]]));
                            acc.sum += sum;
                            acc.pairs += tail - 1U;
                            for (std::uint32_t k = 0; k < tail; ++k)
                              h[q[k]] = -1;
                          });
  LaneDistances total;
  for (const auto& l : per_lane) {
    total.max = std::max(total.max, l.max);
    total.sum += l.sum;
    total.pairs += l.pairs;
  }
  return total;
}

}  // namespace

DescriptiveResult describe(const Graph& g, const DescriptiveOptions& options) {
  DescriptiveResult r;
  const std::uint32_t n = g.n();
  r.actors = n;
  r.ties = g.edge_count();
  r.directed = g.directed();
  const double nn = static_cast<double>(n);
  if (n >= 2) {
    const double pairs = nn * (nn - 1.0);
    r.density = static_cast<double>(g.arc_count()) / pairs;  // undirected: 2m arcs
  }
  // Dyad census and reciprocity from the arcs.
  std::uint64_t reciprocated_arcs = 0;
  for (std::uint32_t v = 0; v < n; ++v) {
    for (std::uint32_t u : g.out(v)) {
      if (g.has_arc(u, v)) ++reciprocated_arcs;
    }
  }
  const std::uint64_t arcs = g.arc_count();
  r.mutual = reciprocated_arcs / 2;
  r.asymmetric = arcs - reciprocated_arcs;
  const std::uint64_t all_dyads = static_cast<std::uint64_t>(n) * (n == 0 ? 0U : n - 1U) / 2U;
  r.null_dyads = all_dyads - r.mutual - r.asymmetric;
  if (!g.directed()) {
    r.reciprocity = 1.0;
  } else if (arcs > 0) {
    r.reciprocity = static_cast<double>(reciprocated_arcs) / static_cast<double>(arcs);
  }
  if (n > 0) {
    auto lock = detail::igraph_lock();
    detail::IgraphGraph ig(g, detail::IgraphShape::Symmetrised);
    igraph_real_t t = 0.0;
    detail::igraph_check(igraph_transitivity_undirected(ig.get(), &t, IGRAPH_TRANSITIVITY_NAN),
                         "igraph_transitivity_undirected");
    r.transitivity = t;
  }
  if (n > 0) {
    const LaneDistances d = all_pairs(g, options);
    r.diameter = static_cast<double>(d.max);
    if (d.pairs > 0) {
      r.mean_distance = static_cast<double>(d.sum) / static_cast<double>(d.pairs);
    }
  }
  return r;
}

}  // namespace kn
