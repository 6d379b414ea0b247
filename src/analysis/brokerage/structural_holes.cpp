#include "analysis/brokerage/structural_holes.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "analysis/detail/parallel_chunks.hpp"

namespace kn {

namespace {

/// Symmetric "mutual weight" adjacency: for each actor the sorted union of in- and
/// out-neighbours with s_ij = a_ij + a_ji (a = weight, or 1 when unweighted).
struct MutualAdjacency {
  std::vector<std::uint32_t> offset{0};
  std::vector<std::uint32_t> target;
  std::vector<double> weight;
  std::vector<double> sum;  ///< S_i = sum_j s_ij
  std::vector<double> max;  ///< M_i = max_j s_ij
};

MutualAdjacency mutual_adjacency(const Graph& g, bool use_weights) {
  const std::uint32_t n = g.n();
  const bool weighted = use_weights && g.weighted();
  MutualAdjacency a;
  a.offset.reserve(static_cast<std::size_t>(n) + 1);
  a.target.reserve(g.arc_count() * 2);
  a.weight.reserve(g.arc_count() * 2);
  a.sum.assign(n, 0.0);
  a.max.assign(n, 0.0);
  for (std::uint32_t v = 0; v < n; ++v) {
    const auto out = g.out(v);
    const auto in = g.in(v);
    const auto out_w = g.out_weights(v);
    const auto in_w = g.in_weights(v);
    std::size_t x = 0, y = 0;
    while (x < out.size() || y < in.size()) {
      std::uint32_t u = 0;
      double s = 0.0;
      if (y == in.size() || (x < out.size() && out[x] < in[y])) {
        u = out[x];
        s = weighted ? out_w[x] : 1.0;
        ++x;
      } else if (x == out.size() || in[y] < out[x]) {
        u = in[y];
        s = weighted ? in_w[y] : 1.0;
        ++y;
      } else {
        u = out[x];
        s = (weighted ? out_w[x] : 1.0) + (weighted ? in_w[y] : 1.0);
        ++x;
        ++y;
      }
      if (u == v) continue;  // views have no loops; be safe
      a.target.push_back(u);
      a.weight.push_back(s);
      a.sum[v] += s;
      a.max[v] = std::max(a.max[v], s);
    }
    a.offset.push_back(static_cast<std::uint32_t>(a.target.size()));
  }
  return a;
}

}  // namespace

StructuralHolesResult structural_holes(const Graph& g, const StructuralHolesOptions& options) {
  const std::uint32_t n = g.n();
  StructuralHolesResult result;
  result.constraint.assign(n, kUndefined);
  result.effective_size.assign(n, kUndefined);
  result.efficiency.assign(n, kUndefined);
  if (n == 0) return result;

  const MutualAdjacency a = mutual_adjacency(g, options.weighted);
  constexpr std::size_t kChunk = 128;
  const unsigned workers = detail::parallel_workers(n, options.threads, kChunk);
  // Per worker: position+1 of each actor in the current ego's neighbour list (0 = not a
  // neighbour), and per-neighbour accumulators.
  std::vector<std::vector<std::uint32_t>> slot(workers);
  std::vector<std::vector<double>> indirect(workers), redundancy(workers);

  detail::parallel_chunks(n, options.threads, kChunk, options.control, "structural holes",
                          [&](unsigned worker, std::size_t begin, std::size_t end) {
                            auto& pos = slot[worker];
                            auto& ind = indirect[worker];
                            auto& red = redundancy[worker];
                            if (pos.empty()) pos.assign(n, 0);
                            for (std::size_t s = begin; s < end; ++s) {
                              const auto i = static_cast<std::uint32_t>(s);
                              const std::uint32_t lo = a.offset[i];
                              const std::uint32_t hi = a.offset[i + 1];
                              const std::uint32_t deg = hi - lo;
                              if (deg == 0) continue;  // isolate: NaN
                              ind.assign(deg, 0.0);
                              red.assign(deg, 0.0);
                              for (std::uint32_t x = lo; x < hi; ++x)
                                pos[a.target[x]] = x - lo + 1;
                              const double s_i = a.sum[i];
                              // For every alter q and every neighbour j of q that is also an alter
                              // of i:
                              //   constraint: indirect_j += p_iq p_qj;  effective size: red_j +=
                              //   p_iq m_jq.
                              for (std::uint32_t x = lo; x < hi; ++x) {
                                const std::uint32_t q = a.target[x];
                                const double p_iq = a.weight[x] / s_i;
                                const double s_q = a.sum[q];
                                for (std::uint32_t y = a.offset[q]; y < a.offset[q + 1]; ++y) {
                                  const std::uint32_t j = a.target[y];
                                  const std::uint32_t pj = pos[j];
                                  if (pj == 0) continue;  // j == i or j not an alter of i
                                  ind[pj - 1] += p_iq * (a.weight[y] / s_q);
                                  red[pj - 1] += p_iq * (a.weight[y] / a.max[j]);
                                }
                              }
                              double c = 0.0, es = 0.0;
                              for (std::uint32_t x = lo; x < hi; ++x) {
                                const double p_ij = a.weight[x] / s_i;
                                const double local = p_ij + ind[x - lo];
                                c += local * local;
                                es += 1.0 - red[x - lo];
                              }
                              for (std::uint32_t x = lo; x < hi; ++x)
                                pos[a.target[x]] = 0;
                              result.constraint[i] = c;
                              result.effective_size[i] = es;
                              result.efficiency[i] = es / static_cast<double>(deg);
                            }
                          });
  return result;
}

}  // namespace kn
