// Tests of kn::structural_holes (Burt constraint, effective size, efficiency).
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

#include "analysis/brokerage/structural_holes.hpp"

namespace kn {
namespace {

using Arcs = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

constexpr double kTol = 1e-12;

/// Straight transcription of the formulas (dense matrices) as an independent cross-check.
StructuralHolesResult naive(const Graph& g, bool weighted) {
  const std::uint32_t n = g.n();
  std::vector<std::vector<double>> a(n, std::vector<double>(n, 0.0));
  for (std::uint32_t u = 0; u < n; ++u) {
    const auto out = g.out(u);
    const auto w = g.out_weights(u);
    for (std::size_t x = 0; x < out.size(); ++x)
      a[u][out[x]] = weighted ? w[x] : 1.0;
  }
  auto s = [&](std::uint32_t i, std::uint32_t j) { return a[i][j] + a[j][i]; };
  auto p = [&](std::uint32_t i, std::uint32_t j) {
    double total = 0.0;
    for (std::uint32_t k = 0; k < n; ++k) {
      if (k != i) total += s(i, k);
    }
    return s(i, j) / total;
  };
  auto m = [&](std::uint32_t j, std::uint32_t q) {
    double mx = 0.0;
    for (std::uint32_t k = 0; k < n; ++k) {
      if (k != j) mx = std::max(mx, s(j, k));
    }
    return s(j, q) / mx;
  };
  StructuralHolesResult r;
  r.constraint.assign(n, kUndefined);
  r.effective_size.assign(n, kUndefined);
  r.efficiency.assign(n, kUndefined);
  for (std::uint32_t i = 0; i < n; ++i) {
    std::vector<std::uint32_t> nb;
    for (std::uint32_t j = 0; j < n; ++j) {
      if (j != i && s(i, j) > 0.0) nb.push_back(j);
    }
    if (nb.empty()) continue;
    double c = 0.0, es = 0.0;
    for (const std::uint32_t j : nb) {
      double ind = 0.0, red = 0.0;
      for (const std::uint32_t q : nb) {
        if (q == j) continue;
        ind += p(i, q) * p(q, j);
        red += p(i, q) * m(j, q);
      }
      c += (p(i, j) + ind) * (p(i, j) + ind);
      es += 1.0 - red;
    }
    r.constraint[i] = c;
    r.effective_size[i] = es;
    r.efficiency[i] = es / static_cast<double>(nb.size());
  }
  return r;
}

void expect_same(double actual, double expected, double tol, const std::string& what) {
  if (std::isnan(expected)) {
    EXPECT_TRUE(std::isnan(actual)) << what << " = " << actual << ", expected NaN";
  } else {
    EXPECT_NEAR(actual, expected, tol) << what;
  }
}

// ---- hand-computed ----------------------------------------------------------------------

//   0 --- 1 --- 2   undirected path: ego 1 has two unconnected alters, each p = 1/2.
//   C_1 = 2 (1/2)^2 = 1/2, ES_1 = 2, efficiency 1; the ends have one alter: C = 1, ES = 1.
TEST(StructuralHoles, UndirectedPathByHand) {
  const Arcs arcs{{0, 1}, {1, 2}};
  const StructuralHolesResult r = structural_holes(Graph::from_arcs(3, false, arcs));
  EXPECT_DOUBLE_EQ(r.constraint[1], 0.5);
  EXPECT_DOUBLE_EQ(r.effective_size[1], 2.0);
  EXPECT_DOUBLE_EQ(r.efficiency[1], 1.0);
  EXPECT_DOUBLE_EQ(r.constraint[0], 1.0);
  EXPECT_DOUBLE_EQ(r.effective_size[0], 1.0);
  EXPECT_DOUBLE_EQ(r.efficiency[2], 1.0);
}

//   triangle 0 - 1 - 2 - 0: each ego has 2 tied alters, p = 1/2:
//   C = 2 (1/2 + 1/2 * 1/2)^2 = 9/8; ES = 2 - 2*1/2 = n - 2t/n = 2 - 2/2 = 1; efficiency 1/2.
TEST(StructuralHoles, TriangleByHand) {
  const Arcs arcs{{0, 1}, {1, 2}, {2, 0}};
  const StructuralHolesResult r = structural_holes(Graph::from_arcs(3, false, arcs));
  for (std::uint32_t v = 0; v < 3; ++v) {
    EXPECT_DOUBLE_EQ(r.constraint[v], 9.0 / 8.0);
    EXPECT_DOUBLE_EQ(r.effective_size[v], 1.0);
    EXPECT_DOUBLE_EQ(r.efficiency[v], 0.5);
  }
}

//   0 <--> 1,  0 ---> 2   directed: the mutual tie weighs twice: s_01 = 2, s_02 = 1,
//   p_01 = 2/3, p_02 = 1/3; alters 1 and 2 unconnected: C_0 = 4/9 + 1/9 = 5/9, ES_0 = 2.
//   Sink 2 has the single alter 0: C_2 = 1, ES_2 = 1 (networkx gives NaN for the sink).
TEST(StructuralHoles, MutualTieWeighsTwiceAndSinksHaveValues) {
  const StructuralHolesResult r =
      structural_holes(Graph::from_arcs(3, true, Arcs{{0, 1}, {1, 0}, {0, 2}}));
  EXPECT_DOUBLE_EQ(r.constraint[0], 5.0 / 9.0);
  EXPECT_DOUBLE_EQ(r.effective_size[0], 2.0);
  EXPECT_DOUBLE_EQ(r.constraint[2], 1.0);
  EXPECT_DOUBLE_EQ(r.effective_size[2], 1.0);
  EXPECT_DOUBLE_EQ(r.efficiency[2], 1.0);
}

// ---- reference: Florentine families ---------------------------------------------------------

// Padgett & Ansell 1993 (Am. J. Sociol. 98:1259-1319), marriage ties of 15 Florentine families
// as in networkx 2.8.8 florentine_families_graph() (Pucci, isolated in Padgett's data, is not in
// it). Families in alphabetical order: 0 Acciaiuoli, 1 Albizzi, 2 Barbadori, 3 Bischeri,
// 4 Castellani, 5 Ginori, 6 Guadagni, 7 Lamberteschi, 8 Medici, 9 Pazzi, 10 Peruzzi, 11 Ridolfi,
// 12 Salviati, 13 Strozzi, 14 Tornabuoni.
const Arcs kFlorentine{{0, 8},  {1, 5},  {1, 6},  {1, 8},   {2, 4},   {2, 8},  {3, 6},
                       {3, 10}, {3, 13}, {4, 10}, {4, 13},  {6, 7},   {6, 14}, {8, 11},
                       {8, 12}, {8, 14}, {9, 12}, {10, 13}, {11, 13}, {11, 14}};

TEST(StructuralHoles, FlorentineFamiliesEqualNetworkxAndIgraph) {
  // Constraint: networkx 2.8.8 constraint(G) == python-igraph 0.10.2 Graph.constraint() (both
  // printed to 17 digits, identical). Effective size: networkx 2.8.8 effective_size(G).
  const std::vector<double> constraint{1.0,
                                       0.3333333333333333,
                                       0.5,
                                       0.48225308641975306,
                                       0.48225308641975306,
                                       1.0,
                                       0.25,
                                       1.0,
                                       0.20987654320987653,
                                       1.0,
                                       0.6558641975308641,
                                       0.4598765432098765,
                                       0.5,
                                       0.45833333333333326,
                                       0.4598765432098765};
  const std::vector<double> effective_size{1.0,
                                           3.0,
                                           2.0,
                                           2.3333333333333335,
                                           2.3333333333333335,
                                           1.0,
                                           4.0,
                                           1.0,
                                           5.666666666666667,
                                           1.0,
                                           1.6666666666666667,
                                           2.3333333333333335,
                                           2.0,
                                           3.0,
                                           2.3333333333333335};
  const Graph g = Graph::from_arcs(15, false, kFlorentine);
  const StructuralHolesResult r = structural_holes(g);
  for (std::uint32_t v = 0; v < 15; ++v) {
    EXPECT_NEAR(r.constraint[v], constraint[v], kTol) << v;
    EXPECT_NEAR(r.effective_size[v], effective_size[v], kTol) << v;
    EXPECT_NEAR(r.efficiency[v], effective_size[v] / static_cast<double>(g.out_degree(v)), kTol);
  }
  // Medici: 6 alters, ties among them: none except Ridolfi-Tornabuoni -> ES = 6 - 2*1/6.
  EXPECT_NEAR(r.effective_size[8], 6.0 - 2.0 / 6.0, kTol);
}

// ---- reference: small directed weighted graph ---------------------------------------------

//   0 --2--> 1, 1 --1--> 0, 0 --1--> 2, 2 --3--> 1, 1 --1--> 3, 3 --2--> 4, 0 --1.5--> 4,
//   2 --1--> 4, 5 --1--> 4; actor 6 isolated; 4 is a sink.
const Arcs kSmallArcs{{0, 1}, {1, 0}, {0, 2}, {2, 1}, {1, 3}, {3, 4}, {0, 4}, {2, 4}, {5, 4}};
const std::vector<double> kSmallWeights{2.0, 1.0, 1.0, 3.0, 1.0, 2.0, 1.5, 1.0, 1.0};

TEST(StructuralHoles, SmallDirectedGraphEqualsIgraphAndNetworkx) {
  // Constraint: python-igraph 0.10.2 Graph.constraint() (weights=None / "weight"), equal to
  // networkx 2.8.8 constraint() except for the sink 4, where networkx gives NaN.
  // Effective size: networkx 2.8.8 effective_size(); for the sink 4 (networkx: NaN) the value of
  // networkx's own formula, sum over u of 1 - sum_w nmw(v,w) nmw(u,w,norm=max), evaluated with
  // networkx.algorithms.structuralholes.normalized_mutual_weight.
  struct Expect {
    std::vector<double> constraint, effective_size;
  };
  const Expect unweighted{{0.6427951388888891, 0.5434027777777779, 0.7638888888888887, 0.5,
                           0.3337673611111111, 1.0, kUndefined},
                          {1.875, 2.375, 1.8333333333333335, 2.0, 3.625, 1.0, kUndefined}};
  const Expect weighted{{0.7403511804284585, 0.5414336313037611, 0.8294282341035588,
                         0.5555555555555556, 0.31437470118161326, 1.0, kUndefined},
                        {2.090909090909091, 2.7142857142857144, 1.9500000000000002, 2.0,
                         3.8484848484848486, 1.0, kUndefined}};
  const Graph g = Graph::from_arcs(7, true, kSmallArcs, kSmallWeights);
  const std::vector<double> n_alters{3, 3, 3, 2, 4, 1, 0};  // distinct in- and out-neighbours
  for (const bool w : {false, true}) {
    const Expect& e = w ? weighted : unweighted;
    const StructuralHolesResult r =
        structural_holes(g, {.weighted = w, .threads = 1, .control = nullptr});
    for (std::uint32_t v = 0; v < 7; ++v) {
      const std::string tag =
          std::string(w ? "weighted" : "unweighted") + " actor " + std::to_string(v);
      expect_same(r.constraint[v], e.constraint[v], kTol, "constraint " + tag);
      expect_same(r.effective_size[v], e.effective_size[v], kTol, "effective size " + tag);
      expect_same(r.efficiency[v], e.effective_size[v] / n_alters[v], kTol, "efficiency " + tag);
    }
  }
}

// ---- brute force ----------------------------------------------------------------------------

TEST(StructuralHoles, MatchesDenseFormulaOnRandomGraphs) {
  int checked = 0;
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    std::mt19937_64 rng(seed);
    std::bernoulli_distribution coin(0.12);
    std::uniform_real_distribution<double> weight(0.5, 4.0);
    const std::uint32_t n = 25 + static_cast<std::uint32_t>(seed) * 4;
    Arcs arcs;
    std::vector<double> weights;
    for (std::uint32_t u = 0; u < n; ++u) {
      for (std::uint32_t v = 0; v < n; ++v) {
        if (u != v && coin(rng)) {
          arcs.emplace_back(u, v);
          weights.push_back(weight(rng));
        }
      }
    }
    for (const bool directed : {true, false}) {
      const Graph g = Graph::from_arcs(n, directed, arcs, weights);
      for (const bool w : {false, true}) {
        const StructuralHolesResult r =
            structural_holes(g, {.weighted = w, .threads = 2, .control = nullptr});
        const StructuralHolesResult e = naive(g, w);
        for (std::uint32_t v = 0; v < n; ++v) {
          expect_same(r.constraint[v], e.constraint[v], 1e-12, "constraint");
          expect_same(r.effective_size[v], e.effective_size[v], 1e-11, "effective size");
          expect_same(r.efficiency[v], e.efficiency[v], 1e-12, "efficiency");
        }
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 32);
}

// ---- invariants -------------------------------------------------------------------------------

TEST(StructuralHolesInvariants, BoundsAndBorgattiFormula) {
  // Undirected unweighted: ES = n - 2t/n (Borgatti 1997, Connections 20(1)); 0 <= efficiency
  // <= 1; constraint >= 1/n (its direct part alone, sum_j p_ij^2 with p_ij = 1/n, is 1/n).
  const std::uint32_t n = 60;
  std::mt19937_64 rng(42);
  std::bernoulli_distribution coin(0.1);
  Arcs arcs;
  for (std::uint32_t u = 0; u < n; ++u) {
    for (std::uint32_t v = u + 1; v < n; ++v) {
      if (coin(rng)) arcs.emplace_back(u, v);
    }
  }
  const Graph g = Graph::from_arcs(n, false, arcs);
  const StructuralHolesResult r = structural_holes(g);
  int checked = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    const auto nb = g.out(i);
    if (nb.empty()) {
      EXPECT_TRUE(is_undefined(r.constraint[i]));
      continue;
    }
    ++checked;
    double t = 0.0;
    for (const std::uint32_t j : nb) {
      for (const std::uint32_t q : nb) {
        if (j < q && g.has_arc(j, q)) t += 1.0;
      }
    }
    const auto k = static_cast<double>(nb.size());
    EXPECT_NEAR(r.effective_size[i], k - 2.0 * t / k, 1e-12);
    EXPECT_GE(r.efficiency[i], 0.0);
    EXPECT_LE(r.efficiency[i], 1.0 + 1e-12);
    EXPECT_GE(r.constraint[i], 1.0 / k - 1e-12);
  }
  EXPECT_GT(checked, 50);
}

TEST(StructuralHolesInvariants, ThreadCountDoesNotChangeTheResult) {
  const std::uint32_t n = 1000;
  std::mt19937_64 rng(5);
  std::uniform_int_distribution<std::uint32_t> pick(0, n - 1);
  Arcs arcs;
  for (int e = 0; e < 6000; ++e)
    arcs.emplace_back(pick(rng), pick(rng));
  const Graph g = Graph::from_arcs(n, true, arcs);
  const auto one = structural_holes(g, {.weighted = false, .threads = 1, .control = nullptr});
  const auto two = structural_holes(g, {.weighted = false, .threads = 2, .control = nullptr});
  for (std::uint32_t v = 0; v < n; ++v) {
    expect_same(two.constraint[v], one.constraint[v], 0.0, "constraint");
    expect_same(two.effective_size[v], one.effective_size[v], 0.0, "effective size");
  }
}

TEST(StructuralHolesInvariants, UniformWeightsEqualUnweighted) {
  const Arcs arcs{{0, 1}, {1, 2}, {2, 0}, {2, 3}, {3, 4}, {4, 2}, {5, 1}};
  const std::vector<double> w(arcs.size(), 2.5);
  const Graph g = Graph::from_arcs(6, true, arcs, w);
  const auto a = structural_holes(g, {.weighted = true, .threads = 1, .control = nullptr});
  const auto b = structural_holes(g, {.weighted = false, .threads = 1, .control = nullptr});
  for (std::uint32_t v = 0; v < 6; ++v) {
    EXPECT_NEAR(a.constraint[v], b.constraint[v], 1e-14);
    EXPECT_NEAR(a.effective_size[v], b.effective_size[v], 1e-14);
  }
}

// ---- degenerate inputs ----------------------------------------------------------------------

TEST(StructuralHolesDegenerate, EmptyAndSingleActor) {
  EXPECT_TRUE(structural_holes(Graph{}).constraint.empty());
  const auto r = structural_holes(Graph::from_arcs(1, true, Arcs{}));
  ASSERT_EQ(r.constraint.size(), 1U);
  EXPECT_TRUE(is_undefined(r.constraint[0]));
  EXPECT_TRUE(is_undefined(r.effective_size[0]));
  EXPECT_TRUE(is_undefined(r.efficiency[0]));
}

TEST(StructuralHolesDegenerate, LoopsAndMultiTiesAreIgnored) {
  // 0 -> 1 twice and a loop at 0: one tie 0 -> 1 after merging; dyad: C = 1, ES = 1.
  const auto r = structural_holes(Graph::from_arcs(2, true, Arcs{{0, 1}, {0, 1}, {0, 0}}));
  EXPECT_DOUBLE_EQ(r.constraint[0], 1.0);
  EXPECT_DOUBLE_EQ(r.effective_size[0], 1.0);
  EXPECT_DOUBLE_EQ(r.constraint[1], 1.0);
}

TEST(StructuralHolesDegenerate, CancelledRunThrows) {
  std::atomic<bool> cancel{true};
  const RunControl control(nullptr, &cancel);
  const auto g = Graph::from_arcs(300, false, kFlorentine);
  EXPECT_THROW(structural_holes(g, {.weighted = false, .threads = 2, .control = &control}),
               Cancelled);
}

}  // namespace
}  // namespace kn
