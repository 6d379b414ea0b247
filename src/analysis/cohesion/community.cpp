#include "analysis/cohesion/community.hpp"

#include <limits>
#include <stdexcept>
#include <string>

#include "analysis/detail/igraph_bridge.hpp"

namespace kn {

namespace {

// Renumbers labels by first appearance in actor order (0, 1, ...).
std::uint32_t renumber(std::vector<std::uint32_t>& labels) {
  std::vector<std::uint32_t> map;
  constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
  std::uint32_t next = 0;
  for (auto& l : labels) {
    if (l >= map.size()) map.resize(l + std::size_t{1}, kNone);
    if (map[l] == kNone) map[l] = next++;
    l = map[l];
  }
  return next;
}

double modularity_locked(const detail::IgraphGraph& ig,
                         const std::vector<std::uint32_t>& membership, double resolution,
                         bool weighted) {
  detail::IgraphIntVector m(membership.size());
  for (std::size_t i = 0; i < membership.size(); ++i) {
    m.set(i, static_cast<igraph_integer_t>(membership[i]));
  }
  igraph_real_t q = 0.0;
  detail::igraph_check(igraph_modularity(ig.get(), m.get(), weighted ? ig.weights() : nullptr,
                                         resolution, false, &q),
                       "igraph_modularity");
  return q;
}

void require_weights(const Graph& g, bool weighted, const char* what) {
  if (weighted && !g.weighted()) {
    throw std::invalid_argument(std::string(what) +
                                ": weighted computation requested on an unweighted graph");
  }
}

}  // namespace

CommunityResult leiden(const Graph& g, const CommunityOptions& options) {
  require_weights(g, options.weighted, "leiden");
  const std::uint32_t n = g.n();
  CommunityResult r;
  r.modularity = kUndefined;
  if (n == 0) return r;
  auto lock = detail::igraph_lock();
  detail::IgraphGraph ig(g, detail::IgraphShape::Symmetrised);
  const igraph_vector_t* w = options.weighted ? ig.weights() : nullptr;
  // Node weights = (weighted) degree k_i, total 2m; resolution gamma / (2m) turns igraph's CPM
  // quality into modularity.
  detail::IgraphVector node_w(n);
  detail::igraph_check(
      igraph_strength(ig.get(), node_w.get(), igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS, w),
      "igraph_strength");
  double two_m = 0.0;
  for (std::size_t i = 0; i < n; ++i)
    two_m += node_w[i];
  r.membership.resize(n);
  if (!(two_m > 0.0)) {
    // No ties: every actor is its own community; modularity is undefined (igraph gives NaN).
    for (std::uint32_t v = 0; v < n; ++v)
      r.membership[v] = v;
    r.count = n;
    return r;
  }
  detail::seed_igraph_rng(options.seed);
  detail::IgraphIntVector membership;
  igraph_integer_t clusters = 0;
  igraph_real_t quality = 0.0;
  detail::igraph_check(
      igraph_community_leiden(ig.get(), w, node_w.get(), options.resolution / two_m, 0.01, false,
                              options.iterations, membership.get(), &clusters, &quality),
      "igraph_community_leiden");
  for (std::uint32_t v = 0; v < n; ++v)
    r.membership[v] = static_cast<std::uint32_t>(membership[v]);
  r.count = renumber(r.membership);
  r.modularity = modularity_locked(ig, r.membership, 1.0, options.weighted);
  return r;
}

double modularity(const Graph& g, const std::vector<std::uint32_t>& membership, double resolution,
                  bool weighted) {
  require_weights(g, weighted, "modularity");
  if (membership.size() != g.n()) {
    throw std::invalid_argument("modularity: membership has " + std::to_string(membership.size()) +
                                " entries for " + std::to_string(g.n()) + " actors");
  }
  auto lock = detail::igraph_lock();
  detail::IgraphGraph ig(g, detail::IgraphShape::Symmetrised);
  return modularity_locked(ig, membership, resolution, weighted);
}

}  // namespace kn
