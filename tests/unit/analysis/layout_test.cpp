// force_layout (ForceAtlas2 + Barnes–Hut + pivot-MDS start + stress polish) and layout_quality
// (normalised stress, edge crossings): determinism, hand-checkable pictures, degenerate inputs,
// refine mode, cancellation, hand-computed quality figures, sampled vs exact estimators, and
// the stress against igraph's Fruchterman–Reingold on the same graphs.
#include <gtest/gtest.h>

#include <array>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "analysis/detail/igraph_bridge.hpp"
#include "analysis/layout/force_layout.hpp"
#include "analysis/layout/layout_quality.hpp"
#include "core/io/format.hpp"

namespace {

using Arcs = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

kn::Graph undirected(std::uint32_t n, const Arcs& arcs) {
  return kn::Graph::from_arcs(n, false, arcs);
}

kn::Graph read_data(const std::string& file) {
  const kn::Network net = kn::io::read_network(std::string(KN_TEST_DATA_DIR) + "/" + file);
  kn::ViewOptions v;
  v.undirected = true;
  return kn::make_view(net, v);
}

double uniform(std::mt19937_64& rng) {
  return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

/// Stochastic block model: n actors in k blocks (actor % k), p_in inside, p_out between.
kn::Graph sbm(std::uint32_t n, std::uint32_t k, double p_in, double p_out, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  Arcs arcs;
  for (std::uint32_t i = 0; i < n; ++i)
    for (std::uint32_t j = i + 1; j < n; ++j)
      if (uniform(rng) < (i % k == j % k ? p_in : p_out)) arcs.emplace_back(i, j);
  return undirected(n, arcs);
}

/// Sparse random graph with m distinct edges (G(n, m)).
kn::Graph gnm(std::uint32_t n, std::uint32_t m, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::set<std::pair<std::uint32_t, std::uint32_t>> seen;
  Arcs arcs;
  while (arcs.size() < m) {
    auto a = static_cast<std::uint32_t>(rng() % n), b = static_cast<std::uint32_t>(rng() % n);
    if (a == b) continue;
    if (a > b) std::swap(a, b);
    if (seen.insert({a, b}).second) arcs.emplace_back(a, b);
  }
  return undirected(n, arcs);
}

Arcs star_arcs(std::uint32_t leaves) {
  Arcs arcs;
  for (std::uint32_t v = 1; v <= leaves; ++v)
    arcs.emplace_back(0, v);
  return arcs;
}

double dist(const kn::ForceLayoutResult& r, std::uint32_t i, std::uint32_t j) {
  return std::hypot(r.x[i] - r.x[j], r.y[i] - r.y[j]);
}

double diameter(const std::vector<double>& x, const std::vector<double>& y) {
  const auto [minx, maxx] = std::minmax_element(x.begin(), x.end());
  const auto [miny, maxy] = std::minmax_element(y.begin(), y.end());
  return std::hypot(*maxx - *minx, *maxy - *miny);
}

/// Every coordinate finite, no two actors on the same point, centred on the origin.
void expect_sane(const kn::ForceLayoutResult& r, std::uint32_t n) {
  ASSERT_EQ(r.x.size(), n);
  ASSERT_EQ(r.y.size(), n);
  std::set<std::pair<double, double>> points;
  double sx = 0, sy = 0;
  for (std::uint32_t v = 0; v < n; ++v) {
    ASSERT_TRUE(std::isfinite(r.x[v]) && std::isfinite(r.y[v])) << "actor " << v;
    points.insert({r.x[v], r.y[v]});
    sx += r.x[v];
    sy += r.y[v];
  }
  EXPECT_EQ(points.size(), n) << "two actors share a point";
  if (n > 0) {
    const double scale = std::max(1e-12, diameter(r.x, r.y));
    EXPECT_LT(std::abs(sx / n) / scale, 1e-9);
    EXPECT_LT(std::abs(sy / n) / scale, 1e-9);
  }
}

/// igraph_layout_fruchterman_reingold with its defaults (500 iterations, start temperature
/// sqrt(n)/10, grid automatic, random start from the seeded igraph RNG).
std::pair<std::vector<double>, std::vector<double>> igraph_fr(const kn::Graph& g,
                                                              std::uint64_t seed) {
  auto lock = kn::detail::igraph_lock();
  kn::detail::seed_igraph_rng(seed);
  const kn::detail::IgraphGraph ig(g, kn::detail::IgraphShape::Symmetrised);
  igraph_matrix_t res;
  kn::detail::igraph_check(igraph_matrix_init(&res, 0, 0), "matrix_init");
  const igraph_error_t code = igraph_layout_fruchterman_reingold(
      ig.get(), &res, false, 500, std::sqrt(static_cast<double>(g.n())) / 10.0,
      IGRAPH_LAYOUT_AUTOGRID, nullptr, nullptr, nullptr, nullptr, nullptr);
  std::vector<double> x, y;
  for (igraph_integer_t i = 0; i < igraph_matrix_nrow(&res); ++i) {
    x.push_back(MATRIX(res, i, 0));
    y.push_back(MATRIX(res, i, 1));
  }
  igraph_matrix_destroy(&res);
  kn::detail::igraph_check(code, "igraph_layout_fruchterman_reingold");
  return {x, y};
}

// ---------------------------------------------------------------------------------------------
// Determinism

TEST(ForceLayout, BitIdenticalForASeedAndIndependentOfThreads) {
  for (const kn::Graph& g : {read_data("karate.csv"), gnm(1000, 1500, 3), gnm(3000, 9000, 5)}) {
    kn::ForceLayoutOptions o;
    o.iterations = g.n() > 2000 ? 30 : 0;
    o.threads = 2;
    const auto a = kn::force_layout(g, o);
    const auto b = kn::force_layout(g, o);
    o.threads = 1;
    const auto c = kn::force_layout(g, o);
    EXPECT_EQ(a.x, b.x);
    EXPECT_EQ(a.y, b.y);
    EXPECT_EQ(a.x, c.x) << "threads=1 vs 2, n=" << g.n();
    EXPECT_EQ(a.y, c.y);
    expect_sane(a, g.n());
  }
}

TEST(ForceLayout, DifferentSeedsDiffer) {
  const kn::Graph g = read_data("karate.csv");
  kn::ForceLayoutOptions o;
  const auto a = kn::force_layout(g, o);
  o.seed = 7;
  const auto b = kn::force_layout(g, o);
  EXPECT_NE(a.x, b.x);
}

// ---------------------------------------------------------------------------------------------
// Hand-checkable pictures

TEST(ForceLayout, ConnectedActorsEndCloserThanUnconnected) {
  // 4-cycle 0-1-2-3-0: each side shorter than each diagonal.
  const auto r = kn::force_layout(undirected(4, {{0, 1}, {1, 2}, {2, 3}, {3, 0}}));
  expect_sane(r, 4);
  const double longest_side =
      std::max({dist(r, 0, 1), dist(r, 1, 2), dist(r, 2, 3), dist(r, 3, 0)});
  EXPECT_LT(longest_side, std::min(dist(r, 0, 2), dist(r, 1, 3)));
  // Karate: the mean tie is shorter than the mean distance between unconnected actors.
  const kn::Graph g = read_data("karate.csv");
  const auto k = kn::force_layout(g);
  double tie = 0, other = 0;
  int ties = 0, others = 0;
  for (std::uint32_t i = 0; i < g.n(); ++i)
    for (std::uint32_t j = i + 1; j < g.n(); ++j) {
      if (g.has_arc(i, j)) {
        tie += dist(k, i, j);
        ++ties;
      } else {
        other += dist(k, i, j);
        ++others;
      }
    }
  EXPECT_LT(tie / ties, 0.6 * other / others);
}

TEST(ForceLayout, PathIsDrawnInOrder) {
  Arcs arcs;
  for (std::uint32_t v = 0; v + 1 < 8; ++v)
    arcs.emplace_back(v, v + 1);
  const auto r = kn::force_layout(undirected(8, arcs));
  expect_sane(r, 8);
  for (std::uint32_t k = 1; k + 1 < 8; ++k)
    EXPECT_LT(dist(r, 0, k), dist(r, 0, k + 1)) << "actor " << k + 1;
}

TEST(ForceLayout, StarHubNearTheCentre) {
  const auto r = kn::force_layout(undirected(21, star_arcs(20)));
  expect_sane(r, 21);
  double leaves = 0;
  for (std::uint32_t v = 1; v <= 20; ++v)
    leaves += std::hypot(r.x[v], r.y[v]);
  EXPECT_LT(std::hypot(r.x[0], r.y[0]), 0.1 * leaves / 20);
}

TEST(ForceLayout, ComponentsSeparatedButFinite) {
  // Two triangles.
  const auto r = kn::force_layout(undirected(6, {{0, 1}, {1, 2}, {2, 0}, {3, 4}, {4, 5}, {5, 3}}));
  expect_sane(r, 6);
  double intra = 0, inter = 1e300;
  for (std::uint32_t i = 0; i < 6; ++i)
    for (std::uint32_t j = i + 1; j < 6; ++j) {
      if ((i < 3) == (j < 3)) {
        intra = std::max(intra, dist(r, i, j));
      } else {
        inter = std::min(inter, dist(r, i, j));
      }
    }
  EXPECT_LT(intra, inter);
  EXPECT_LT(diameter(r.x, r.y), 100 * intra);  // gravity keeps them near
}

// ---------------------------------------------------------------------------------------------
// Degenerate inputs

// A dense component of 60 actors, a pair, a triangle and five isolates: every small component
// ends right next to the big one (within two of its radii), no two component discs overlap, and
// switching the packing off shows what it prevents (isolates far out).
TEST(ForceLayout, SmallComponentsAndIsolatesArePackedAroundTheLargest) {
  Arcs arcs;
  const kn::Graph core = sbm(60, 3, 0.3, 0.05, 11);
  for (std::uint32_t v = 0; v < core.n(); ++v)
    for (const auto u : core.out(v))
      if (v < u) arcs.emplace_back(v, u);
  arcs.emplace_back(60, 61);  // a pair
  for (const auto& e : Arcs{{62, 63}, {63, 64}, {62, 64}})
    arcs.push_back(e);                       // a triangle
  const kn::Graph g = undirected(70, arcs);  // 65..69 isolated
  const std::vector<std::vector<std::uint32_t>> comps = {{60, 61}, {62, 63, 64}, {65}, {66},
                                                         {67},     {68},         {69}};
  auto disc = [](const kn::ForceLayoutResult& r, const std::vector<std::uint32_t>& m) {
    double cx = 0, cy = 0, rad = 0;
    for (const auto v : m) {
      cx += r.x[v] / static_cast<double>(m.size());
      cy += r.y[v] / static_cast<double>(m.size());
    }
    for (const auto v : m)
      rad = std::max(rad, std::hypot(r.x[v] - cx, r.y[v] - cy));
    return std::array<double, 3>{cx, cy, rad};
  };
  std::vector<std::uint32_t> big(60);
  for (std::uint32_t v = 0; v < 60; ++v)
    big[v] = v;
  const auto packed = kn::force_layout(g);
  expect_sane(packed, 70);
  const auto main = disc(packed, big);
  std::vector<std::array<double, 3>> discs{main};
  for (const auto& c : comps) {
    const auto d = disc(packed, c);
    EXPECT_LT(std::hypot(d[0] - main[0], d[1] - main[1]), 2.0 * main[2]) << "component " << c[0];
    discs.push_back(d);
  }
  for (std::size_t i = 0; i < discs.size(); ++i)
    for (std::size_t j = i + 1; j < discs.size(); ++j)
      EXPECT_GT(std::hypot(discs[i][0] - discs[j][0], discs[i][1] - discs[j][1]),
                discs[i][2] + discs[j][2])
          << "discs " << i << " and " << j << " overlap";
  // The pair and the triangle keep their shape: their ties stay shorter than the main radius.
  EXPECT_LT(std::hypot(packed.x[60] - packed.x[61], packed.y[60] - packed.y[61]), main[2]);

  kn::ForceLayoutOptions off;
  off.pack_components = false;
  const auto loose = kn::force_layout(g, off);
  const auto loose_main = disc(loose, big);
  double farthest = 0;
  for (std::uint32_t v = 65; v < 70; ++v)
    farthest =
        std::max(farthest, std::hypot(loose.x[v] - loose_main[0], loose.y[v] - loose_main[1]));
  EXPECT_GT(farthest, 2.0 * loose_main[2]) << "without packing the isolates drift far out";
}

TEST(ForceLayout, DegenerateInputs) {
  EXPECT_TRUE(kn::force_layout(kn::Graph::from_arcs(0, false, {})).x.empty());
  const auto one = kn::force_layout(kn::Graph::from_arcs(1, false, {}));
  ASSERT_EQ(one.x.size(), 1U);
  EXPECT_EQ(one.x[0], 0.0);
  EXPECT_EQ(one.y[0], 0.0);
  expect_sane(kn::force_layout(kn::Graph::from_arcs(2, false, {})), 2);
  expect_sane(kn::force_layout(kn::Graph::from_arcs(50, false, {})), 50);  // no ties
  // Isolates beside a component.
  expect_sane(kn::force_layout(undirected(30, {{0, 1}, {1, 2}, {2, 0}})), 30);
  expect_sane(kn::force_layout(undirected(2, {{0, 1}})), 2);
  expect_sane(kn::force_layout(undirected(101, star_arcs(100))), 101);
  // A huge hub: 5000 leaves (Barnes–Hut path, no polish), plus a few isolates.
  kn::ForceLayoutOptions o;
  o.iterations = 40;
  expect_sane(kn::force_layout(undirected(5010, star_arcs(5000)), o), 5010);
  // Directed input is symmetrised; weighted attraction stays finite with odd weights.
  const std::vector<std::pair<std::uint32_t, std::uint32_t>> arcs{{0, 1}, {1, 0}, {1, 2}, {2, 3}};
  const std::vector<double> w{1e6, 1e-6, 0.0, 3.0};
  o = {};
  o.weighted = true;
  expect_sane(kn::force_layout(kn::Graph::from_arcs(4, true, arcs, w), o), 4);
  o.lin_log_mode = true;
  o.outbound_attraction_distribution = true;
  o.strong_gravity_mode = true;
  o.barnes_hut_optimize = false;
  o.edge_weight_influence = 0.5;
  expect_sane(kn::force_layout(kn::Graph::from_arcs(4, true, arcs, w), o), 4);
}

TEST(ForceLayout, RejectsBadOptions) {
  const kn::Graph g = undirected(3, {{0, 1}});
  kn::ForceLayoutOptions o;
  o.initial_x = {0, 1};
  o.initial_y = {0, 1};
  EXPECT_THROW(kn::force_layout(g, o), std::invalid_argument);
  o = {};
  o.scaling_ratio = 0;
  EXPECT_THROW(kn::force_layout(g, o), std::invalid_argument);
  o = {};
  o.gravity = -1;
  EXPECT_THROW(kn::force_layout(g, o), std::invalid_argument);
}

// ---------------------------------------------------------------------------------------------
// Refine mode

TEST(ForceLayout, RefineKeepsAnUnchangedPictureAndPlacesANewActorNearItsNeighbours) {
  const kn::Graph g = read_data("karate.csv");
  const auto first = kn::force_layout(g);
  kn::ForceLayoutOptions o;
  o.initial_x = first.x;
  o.initial_y = first.y;
  o.refine = true;
  const auto again = kn::force_layout(g, o);
  EXPECT_LT(again.iterations, first.iterations);
  double moved = 0;
  for (std::uint32_t v = 0; v < g.n(); ++v)
    moved += std::hypot(again.x[v] - first.x[v], again.y[v] - first.y[v]);
  const double relative = moved / g.n() / diameter(first.x, first.y);
  EXPECT_LT(relative, 0.02) << "mean displacement / diameter";

  // A new actor 34 answering with ties to 0 and 33 (the two leaders): placed near them.
  Arcs arcs;
  for (std::uint32_t v = 0; v < g.n(); ++v)
    for (const std::uint32_t u : g.out(v))
      if (u > v) arcs.emplace_back(v, u);
  arcs.emplace_back(34, 0);
  arcs.emplace_back(34, 33);
  const kn::Graph grown = undirected(35, arcs);
  o.initial_x.push_back(std::nan(""));
  o.initial_y.push_back(std::nan(""));
  const auto inc = kn::force_layout(grown, o);
  expect_sane(inc, 35);
  double old_moved = 0;
  for (std::uint32_t v = 0; v < g.n(); ++v)
    old_moved += std::hypot(inc.x[v] - first.x[v], inc.y[v] - first.y[v]);
  EXPECT_LT(old_moved / g.n() / diameter(first.x, first.y), 0.05);
  const double d = diameter(inc.x, inc.y);
  EXPECT_LT(dist(inc, 34, 0), 0.4 * d);
  EXPECT_LT(dist(inc, 34, 33), 0.4 * d);
  // Nearer to its neighbours than the average actor is to them.
  double mean0 = 0;
  for (std::uint32_t v = 1; v < 34; ++v)
    mean0 += dist(inc, v, 0) + dist(inc, v, 33);
  EXPECT_LT(dist(inc, 34, 0) + dist(inc, 34, 33), mean0 / 33);
}

// ---------------------------------------------------------------------------------------------
// Cancellation and progress

TEST(ForceLayout, CancelThrowsAndProgressIsReported) {
  const kn::Graph g = read_data("karate.csv");
  std::atomic<bool> cancel{true};
  kn::RunControl stop({}, &cancel);
  kn::ForceLayoutOptions o;
  o.control = &stop;
  EXPECT_THROW(kn::force_layout(g, o), kn::Cancelled);
  std::atomic<bool> never{false};
  double last = -1;
  bool monotone = true;
  kn::RunControl report(
      [&](const std::string& task, double f) {
        if (task == "layout") {
          monotone = monotone && f >= last;
          last = f;
        }
      },
      &never);
  o.control = &report;
  kn::force_layout(g, o);
  EXPECT_TRUE(monotone);
  EXPECT_EQ(last, 1.0);
  kn::LayoutQualityOptions q;
  q.control = &stop;
  const auto r = kn::force_layout(g);
  EXPECT_THROW(kn::layout_quality(g, r.x, r.y, q), kn::Cancelled);
}

// ---------------------------------------------------------------------------------------------
// Quality figures

TEST(LayoutQuality, SquareWithBothDiagonalsHasOneCrossing) {
  const kn::Graph g = undirected(4, {{0, 1}, {1, 2}, {2, 3}, {3, 0}, {0, 2}, {1, 3}});
  const auto q = kn::layout_quality(g, {0, 1, 1, 0}, {0, 0, 1, 1});
  EXPECT_TRUE(q.crossings_exact);
  EXPECT_EQ(q.crossings, 1.0);
  EXPECT_EQ(q.edges, 6U);
  // K4 drawn as a square: sides r = 1, diagonals D = sqrt 2, d = 1 -> r = sqrt 2.
  const double sr = 4 + 2 * std::sqrt(2.0), sr2 = 4 + 2 * 2.0;
  EXPECT_NEAR(q.stress, 1 - sr * sr / (6 * sr2), 1e-12);
  // Touching at an endpoint or collinear does not count.
  EXPECT_FALSE(kn::segments_cross(0, 0, 1, 0, 1, 0, 2, 1));
  EXPECT_FALSE(kn::segments_cross(0, 0, 2, 0, 1, 0, 3, 0));
  EXPECT_TRUE(kn::segments_cross(0, 0, 2, 2, 0, 2, 2, 0));
}

TEST(LayoutQuality, ScaledEmbeddingOfAPathHasStressZero) {
  const kn::Graph g = undirected(5, {{0, 1}, {1, 2}, {2, 3}, {3, 4}});
  const auto q = kn::layout_quality(g, {0, 3, 6, 9, 12}, {1, 1, 1, 1, 1});
  EXPECT_NEAR(q.stress, 0.0, 1e-15);
  EXPECT_NEAR(q.stress_scale, 1.0 / 3.0, 1e-15);
  EXPECT_EQ(q.stress_pairs, 20U);  // ordered pairs
  EXPECT_EQ(q.crossings, 0.0);
  // Bent path 0-1-2 at (0,0), (1,0), (1,1): r = 1, 1, sqrt(2)/2.
  const auto bent = kn::layout_quality(undirected(3, {{0, 1}, {1, 2}}), {0, 1, 1}, {0, 0, 1});
  const double sr = 2 + std::sqrt(0.5), sr2 = 2.5;
  EXPECT_NEAR(bent.stress, 1 - sr * sr / (3 * sr2), 1e-12);
  // Unconnected pairs do not count; all on one point = 1; no pairs = NaN.
  EXPECT_EQ(kn::layout_quality(undirected(3, {{0, 1}}), {0, 0, 0}, {0, 0, 0}).stress, 1.0);
  EXPECT_TRUE(std::isnan(kn::layout_quality(undirected(2, {}), {0, 1}, {0, 0}).stress));
  EXPECT_THROW(kn::layout_quality(g, {0, 1}, {0, 1}), std::invalid_argument);
  EXPECT_THROW(kn::layout_quality(g, {0, 1, 2, 3, std::nan("")}, {0, 0, 0, 0, 0}),
               std::invalid_argument);
}

TEST(LayoutQuality, SampledEstimatesAgreeWithExact) {
  const kn::Graph g = gnm(1500, 3000, 11);
  const auto r = kn::force_layout(g);
  kn::LayoutQualityOptions exact;
  exact.exact_crossings_max_m = 10000;
  const auto e = kn::layout_quality(g, r.x, r.y, exact);
  ASSERT_TRUE(e.stress_exact);
  ASSERT_TRUE(e.crossings_exact);
  kn::LayoutQualityOptions sampled;
  sampled.exact_stress_max_n = 100;
  sampled.stress_sources = 100;
  sampled.exact_crossings_max_m = 100;
  sampled.crossing_sample_edges = 500;
  const auto s = kn::layout_quality(g, r.x, r.y, sampled);
  EXPECT_FALSE(s.stress_exact);
  EXPECT_FALSE(s.crossings_exact);
  EXPECT_EQ(s.stress_sources, 100U);
  EXPECT_NEAR(s.stress, e.stress, 0.02);
  EXPECT_NEAR(s.crossings / e.crossings, 1.0, 0.15);
  // Same seed, same numbers; thread count does not matter.
  sampled.threads = 1;
  const auto s1 = kn::layout_quality(g, r.x, r.y, sampled);
  EXPECT_EQ(s.stress, s1.stress);
  EXPECT_EQ(s.crossings, s1.crossings);
}

// ---------------------------------------------------------------------------------------------
// Quality against igraph's Fruchterman–Reingold (defaults, seeded igraph RNG)

TEST(ForceLayout, StressNoWorseThanIgraphFruchtermanReingold) {
  struct Case {
    std::string name;
    kn::Graph g;
  };
  std::vector<Case> cases;
  cases.push_back({"karate", read_data("karate.csv")});
  cases.push_back({"florentine", read_data("florentine.csv")});
  cases.push_back({"sbm400", sbm(400, 4, 0.1, 0.005, 7)});
  cases.push_back({"sparse1000", gnm(1000, 1500, 3)});
  for (const auto& c : cases) {
    const auto ours = kn::force_layout(c.g);
    const auto [fx, fy] = igraph_fr(c.g, 42);
    const auto q_ours = kn::layout_quality(c.g, ours.x, ours.y);
    const auto q_fr = kn::layout_quality(c.g, fx, fy);
    EXPECT_LE(q_ours.stress, q_fr.stress) << c.name;
    RecordProperty(c.name + "_stress_ours", std::to_string(q_ours.stress));
    RecordProperty(c.name + "_stress_igraph_fr", std::to_string(q_fr.stress));
  }
}

}  // namespace
