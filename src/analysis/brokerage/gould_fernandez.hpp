#pragma once
// Gould-Fernandez brokerage roles (Gould & Fernandez 1989, Sociol. Methodol. 19:89-126) exactly
// as sna::brokerage(g, cl) counts them (sna src/gli.c brokerage_R): for every arc i->j and arc
// j->k with k not in {i, j} and *no arc i->k*, broker j scores once, in the role given by the
// groups of (i, j, k):
//   coordinator w_I A->A->A; itinerant w_O A->B->A; representative b_IO A->A->B;
//   gatekeeper b_OI A->B->B; liaison b_O A->B->C; total t = sum.
// An undirected view holds each edge as two arcs, so an open triad counts both ways.
// z-scores from sna's null model (R/models.R; docs/methods: d = m/(N(N-1)) etc.), per actor and
// for the network totals. Own implementation: igraph has no brokerage.
#include <array>
#include <vector>

#include "analysis/common.hpp"

namespace kn {

enum BrokerageRole : int {
  kCoordinator = 0,
  kItinerant = 1,
  kRepresentative = 2,
  kGatekeeper = 3,
  kLiaison = 4,
  kTotal = 5
};
inline constexpr int kBrokerageRoles = 6;

struct BrokerageOptions {
  unsigned threads = 0;
  const RunControl* control = nullptr;
};

struct BrokerageResult {
  /// raw[v][role] counts (sna brokerage()$raw.nli).
  std::vector<std::array<double, kBrokerageRoles>> raw;
  /// expected, sd and z per actor (sna $exp.nli, $sd.nli, $z.nli); NaN where sd = 0.
  std::vector<std::array<double, kBrokerageRoles>> expected, sd, z;
  /// network totals (sna $raw.gli, $exp.gli, $sd.gli, $z.gli).
  std::array<double, kBrokerageRoles> raw_total{}, expected_total{}, sd_total{}, z_total{};
};

/// `group[v]` is the group index of actor v (any non-negative labels).
BrokerageResult brokerage(const Graph& g, const std::vector<std::uint32_t>& group,
                          const BrokerageOptions& options = {});

}  // namespace kn
