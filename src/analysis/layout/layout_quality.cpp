#include "analysis/layout/layout_quality.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>

#include "analysis/detail/parallel_chunks.hpp"

namespace kn {
namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

std::uint64_t below(std::mt19937_64& rng, std::uint64_t n) {
  const std::uint64_t threshold = (0 - n) % n;
  std::uint64_t r = rng();
  while (r < threshold)
    r = rng();
  return r % n;
}

/// First k entries of a seeded uniform permutation of [0, n) (partial Fisher–Yates).
std::vector<std::uint32_t> sample_without_replacement(std::uint64_t n, std::uint64_t k,
                                                      std::uint64_t seed) {
  std::vector<std::uint32_t> idx(n);
  std::iota(idx.begin(), idx.end(), 0U);
  std::mt19937_64 rng(seed);
  k = std::min(k, n);
  for (std::uint64_t i = 0; i < k; ++i) {
    const std::uint64_t j = i + below(rng, n - i);
    std::swap(idx[i], idx[j]);
  }
  idx.resize(k);
  return idx;
}

double orient(double ax, double ay, double bx, double by, double cx, double cy) {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

struct Edge {
  std::uint32_t u, v;
};

}  // namespace

bool segments_cross(double ax, double ay, double bx, double by, double cx, double cy, double dx,
                    double dy) {
  if (std::max(ax, bx) < std::min(cx, dx) || std::max(cx, dx) < std::min(ax, bx) ||
      std::max(ay, by) < std::min(cy, dy) || std::max(cy, dy) < std::min(ay, by)) {
    return false;
  }
  const double o1 = orient(ax, ay, bx, by, cx, cy);
  const double o2 = orient(ax, ay, bx, by, dx, dy);
  const double o3 = orient(cx, cy, dx, dy, ax, ay);
  const double o4 = orient(cx, cy, dx, dy, bx, by);
  return ((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0));
}

LayoutQuality layout_quality(const Graph& g, const std::vector<double>& x,
                             const std::vector<double>& y, const LayoutQualityOptions& o) {
  const std::uint32_t n = g.n();
  if (x.size() != n || y.size() != n) {
    throw std::invalid_argument("layout_quality: positions must have " + std::to_string(n) +
                                " entries");
  }
  for (std::uint32_t v = 0; v < n; ++v)
    if (!std::isfinite(x[v]) || !std::isfinite(y[v]))
      throw std::invalid_argument("layout_quality: position of actor " + std::to_string(v) +
                                  " is not finite");
  const Graph s = g.directed() ? g.symmetrised() : g;
  const auto& off = s.out_offsets();
  const auto& adj = s.out_targets();
  LayoutQuality q;

  // Stress.
  std::vector<std::uint32_t> sources;
  if (n <= o.exact_stress_max_n) {
    sources.resize(n);
    std::iota(sources.begin(), sources.end(), 0U);
  } else {
    sources = sample_without_replacement(n, std::max<std::uint32_t>(1, o.stress_sources), o.seed);
    q.stress_exact = false;
  }
  q.stress_sources = static_cast<std::uint32_t>(sources.size());
  struct Partial {
    double r = 0, r2 = 0;
    std::uint64_t pairs = 0;
  };
  std::vector<Partial> partial(sources.size());
  const unsigned workers = detail::parallel_workers(sources.size(), o.threads, 4);
  std::vector<std::vector<std::uint32_t>> dist(workers), queue(workers);
  detail::parallel_chunks(sources.size(), o.threads, 4, o.control, "layout quality",
                          [&](unsigned worker, std::size_t begin, std::size_t end) {
                            auto& d = dist[worker];
                            auto& qu = queue[worker];
                            d.assign(n, kNone);
                            for (std::size_t si = begin; si < end; ++si) {
                              const std::uint32_t src = sources[si];
                              std::fill(d.begin(), d.end(), kNone);
                              qu.clear();
                              d[src] = 0;
                              qu.push_back(src);
                              Partial p;
                              for (std::size_t head = 0; head < qu.size(); ++head) {
                                const std::uint32_t v = qu[head];
                                if (v != src) {
                                  const double r = std::hypot(x[v] - x[src], y[v] - y[src]) / d[v];
                                  p.r += r;
                                  p.r2 += r * r;
                                  ++p.pairs;
                                }
                                for (std::uint32_t e = off[v]; e < off[v + 1]; ++e) {
                                  const std::uint32_t u = adj[e];
                                  if (d[u] == kNone) {
                                    d[u] = d[v] + 1;
                                    qu.push_back(u);
                                  }
                                }
                              }
                              partial[si] = p;
                            }
                          });
  double sr = 0, sr2 = 0;
  for (const auto& p : partial) {
    sr += p.r;
    sr2 += p.r2;
    q.stress_pairs += p.pairs;
  }
  if (q.stress_pairs > 0) {
    if (sr2 > 0) {
      q.stress = std::max(0.0, 1.0 - sr * sr / (static_cast<double>(q.stress_pairs) * sr2));
      q.stress_scale = sr / sr2;
    } else {
      q.stress = 1.0;  // every actor on one point
      q.stress_scale = 0.0;
    }
  }

  // Crossings.
  std::vector<Edge> edges;
  edges.reserve(adj.size() / 2);
  for (std::uint32_t v = 0; v < n; ++v)
    for (std::uint32_t e = off[v]; e < off[v + 1]; ++e)
      if (adj[e] > v) edges.push_back({v, adj[e]});
  const std::uint64_t m = edges.size();
  q.edges = m;
  std::vector<std::uint32_t> tested;
  if (m <= o.exact_crossings_max_m) {
    tested.resize(m);
    std::iota(tested.begin(), tested.end(), 0U);
  } else {
    tested = sample_without_replacement(m, std::max<std::uint32_t>(1, o.crossing_sample_edges),
                                        o.seed ^ 0x9e3779b97f4a7c15ULL);
    q.crossings_exact = false;
  }
  q.crossing_edges = static_cast<std::uint32_t>(tested.size());
  std::vector<std::uint64_t> count(tested.size(), 0);
  const bool exact = q.crossings_exact;
  detail::parallel_chunks(tested.size(), o.threads, 16, o.control, "layout quality",
                          [&](unsigned, std::size_t begin, std::size_t end) {
                            for (std::size_t ti = begin; ti < end; ++ti) {
                              const std::uint32_t ei = tested[ti];
                              const Edge a = edges[ei];
                              const double ax = x[a.u], ay = y[a.u], bx = x[a.v], by = y[a.v];
                              std::uint64_t c = 0;
                              // Exact: each unordered pair once (j > i); sampled: against every
                              // other edge.
                              for (std::size_t j = exact ? ei + 1 : 0; j < m; ++j) {
                                const Edge b = edges[j];
                                if (b.u == a.u || b.u == a.v || b.v == a.u || b.v == a.v) continue;
                                if (segments_cross(ax, ay, bx, by, x[b.u], y[b.u], x[b.v], y[b.v]))
                                  ++c;
                              }
                              count[ti] = c;
                            }
                          });
  std::uint64_t total = 0;
  for (const auto c : count)
    total += c;
  q.crossings = exact ? static_cast<double>(total)
                      : static_cast<double>(total) * static_cast<double>(m) /
                            (2.0 * static_cast<double>(tested.size()));
  return q;
}

}  // namespace kn
