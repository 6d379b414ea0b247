// Tests of kn two-mode analysis: make_two_mode, two_mode_summary, project_actors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "analysis/twomode/two_mode.hpp"

namespace kn {
namespace {

using Memberships = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

std::map<std::pair<std::uint32_t, std::uint32_t>, double> as_map(
    const std::vector<ProjectionEdge>& edges) {
  std::map<std::pair<std::uint32_t, std::uint32_t>, double> m;
  for (const auto& e : edges)
    m[{e.u, e.v}] = e.weight;
  return m;
}

// ---- hand-computed --------------------------------------------------------------------------

//   actors   0     1     2     3
//            |\   /|\   /|
//            | \ / | \ / |
//            |  x  |  y  |         items x = {0, 1}, y = {1, 2}, z = {0, 1, 2}; actor 3 none
//            \____ z ____/
const Memberships kSmall{{0, 0}, {1, 0}, {1, 1}, {2, 1}, {0, 2}, {1, 2}, {2, 2}};

TEST(TwoMode, SummaryByHand) {
  const TwoModeGraph g = make_two_mode(4, 3, kSmall);
  const TwoModeResult r = two_mode_summary(g);
  EXPECT_DOUBLE_EQ(r.density, 7.0 / 12.0);
  EXPECT_EQ(r.actor_degree_centrality, (std::vector<double>{2.0 / 3.0, 1.0, 2.0 / 3.0, 0.0}));
  EXPECT_EQ(r.item_degree_centrality, (std::vector<double>{0.5, 0.5, 0.75}));
}

TEST(TwoMode, ProjectionsByHand) {
  const TwoModeGraph g = make_two_mode(4, 3, kSmall);
  // 0-1 share x, z; 0-2 share z; 1-2 share y, z. Actor 3 has no edge.
  const auto count = as_map(project_actors(g, ProjectionWeight::Count));
  const auto jaccard = as_map(project_actors(g, ProjectionWeight::Jaccard));
  const auto newman = as_map(project_actors(g, ProjectionWeight::Newman));
  ASSERT_EQ(count.size(), 3U);
  EXPECT_EQ(count.at({0, 1}), 2.0);
  EXPECT_EQ(count.at({0, 2}), 1.0);
  EXPECT_EQ(count.at({1, 2}), 2.0);
  // N(0) = {x, z}, N(1) = {x, y, z}, N(2) = {y, z}.
  EXPECT_DOUBLE_EQ(jaccard.at({0, 1}), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(jaccard.at({0, 2}), 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(jaccard.at({1, 2}), 2.0 / 3.0);
  // deg x = deg y = 2 -> 1/(2-1) = 1; deg z = 3 -> 1/2.
  EXPECT_DOUBLE_EQ(newman.at({0, 1}), 1.5);
  EXPECT_DOUBLE_EQ(newman.at({0, 2}), 0.5);
  EXPECT_DOUBLE_EQ(newman.at({1, 2}), 1.5);
}

TEST(TwoMode, ProjectionEdgesAreSortedWithULessThanV) {
  const auto edges = project_actors(make_two_mode(4, 3, kSmall), ProjectionWeight::Count);
  for (std::size_t e = 0; e < edges.size(); ++e) {
    EXPECT_LT(edges[e].u, edges[e].v);
    if (e > 0) {
      EXPECT_LT(std::make_pair(edges[e - 1].u, edges[e - 1].v),
                std::make_pair(edges[e].u, edges[e].v));
    }
  }
}

// ---- reference: Davis Southern Women ------------------------------------------------------

// Davis, Gardner & Gardner 1941 (Deep South), 18 women x 14 events, 89 attendances, exported
// from networkx 2.8.8 davis_southern_women_graph() into tests/data/twomode/.
TwoModeGraph davis() {
  std::ifstream in(std::string(KN_TEST_DATA_DIR) + "/twomode/davis_southern_women.csv");
  EXPECT_TRUE(in.good());
  Memberships m;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::stringstream ss(line);
    std::string a, b;
    std::getline(ss, a, ',');
    std::getline(ss, b, ',');
    m.emplace_back(static_cast<std::uint32_t>(std::stoul(a)),
                   static_cast<std::uint32_t>(std::stoul(b)));
  }
  return make_two_mode(18, 14, m);
}

TEST(TwoModeDavis, DensityAndDegreeCentralityEqualNetworkx) {
  const TwoModeResult r = two_mode_summary(davis());
  EXPECT_DOUBLE_EQ(r.density, 89.0 / (18.0 * 14.0));  // sna::gden(mode="twomode")
  // networkx 2.8.8 bipartite.degree_centrality(B, women), women and events in graph order.
  const std::vector<double> women{0.5714285714285714,
                                  0.5,
                                  0.5714285714285714,
                                  0.5,
                                  0.2857142857142857,
                                  0.2857142857142857,
                                  0.2857142857142857,
                                  0.21428571428571427,
                                  0.2857142857142857,
                                  0.2857142857142857,
                                  0.2857142857142857,
                                  0.42857142857142855,
                                  0.5,
                                  0.5714285714285714,
                                  0.3571428571428571,
                                  0.14285714285714285,
                                  0.14285714285714285,
                                  0.14285714285714285};
  const std::vector<double> events{0.16666666666666666, 0.16666666666666666, 0.3333333333333333,
                                   0.2222222222222222,  0.4444444444444444,  0.4444444444444444,
                                   0.5555555555555556,  0.7777777777777777,  0.6666666666666666,
                                   0.2777777777777778,  0.2222222222222222,  0.3333333333333333,
                                   0.16666666666666666, 0.16666666666666666};
  ASSERT_EQ(r.actor_degree_centrality.size(), women.size());
  ASSERT_EQ(r.item_degree_centrality.size(), events.size());
  for (std::size_t i = 0; i < women.size(); ++i) {
    EXPECT_DOUBLE_EQ(r.actor_degree_centrality[i], women[i]) << i;
  }
  for (std::size_t i = 0; i < events.size(); ++i) {
    EXPECT_DOUBLE_EQ(r.item_degree_centrality[i], events[i]) << i;
  }
}

TEST(TwoModeDavis, ProjectionsEqualNetworkx) {
  const TwoModeGraph g = davis();
  const auto count = as_map(project_actors(g, ProjectionWeight::Count));
  const auto jaccard = as_map(project_actors(g, ProjectionWeight::Jaccard));
  const auto newman = as_map(project_actors(g, ProjectionWeight::Newman));
  // networkx 2.8.8 bipartite.weighted_projected_graph / overlap_weighted_projected_graph(
  // jaccard=True) / collaboration_weighted_projected_graph on the women: 139 edges each.
  EXPECT_EQ(count.size(), 139U);
  EXPECT_EQ(jaccard.size(), 139U);
  EXPECT_EQ(newman.size(), 139U);
  struct Pair {
    std::uint32_t u, v;
    double count, jaccard, newman;
  };
  const std::vector<Pair> pairs{{0, 1, 6, 0.6666666666666666, 1.5626373626373624},
                                {0, 2, 7, 0.7777777777777778, 1.4868797868797865},
                                {0, 17, 1, 0.1111111111111111, 0.09090909090909091},
                                {13, 14, 4, 0.4444444444444444, 0.8944444444444444},
                                {12, 16, 1, 0.125, 0.09090909090909091},
                                {7, 8, 2, 0.4, 0.16783216783216784},
                                {10, 11, 4, 0.6666666666666666, 0.6178321678321679}};
  for (const auto& p : pairs) {
    EXPECT_EQ(count.at({p.u, p.v}), p.count) << p.u << "-" << p.v;
    EXPECT_NEAR(jaccard.at({p.u, p.v}), p.jaccard, 1e-15) << p.u << "-" << p.v;
    EXPECT_NEAR(newman.at({p.u, p.v}), p.newman, 1e-14) << p.u << "-" << p.v;
  }
  // networkx sums of all edge weights: 322, 44.3301504051504 (Jaccard), 44.49999999999998
  // (Newman; exactly 44.5 = sum over events of deg_k / 2).
  double sc = 0.0, sj = 0.0, sn = 0.0;
  for (const auto& [e, w] : count)
    sc += w;
  for (const auto& [e, w] : jaccard)
    sj += w;
  for (const auto& [e, w] : newman)
    sn += w;
  EXPECT_EQ(sc, 322.0);
  EXPECT_NEAR(sj, 44.3301504051504, 1e-12);
  EXPECT_NEAR(sn, 44.5, 1e-12);
}

// ---- brute force ----------------------------------------------------------------------------

TEST(TwoMode, ProjectionsMatchPairwiseSetOperationsOnRandomData) {
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    std::mt19937_64 rng(seed);
    const std::uint32_t na = 15 + static_cast<std::uint32_t>(seed);
    const std::uint32_t ni = 5 + static_cast<std::uint32_t>(seed % 4);
    std::bernoulli_distribution coin(0.25);
    Memberships m;
    for (std::uint32_t a = 0; a < na; ++a) {
      for (std::uint32_t k = 0; k < ni; ++k) {
        if (coin(rng)) m.emplace_back(a, k);
      }
    }
    const TwoModeGraph g = make_two_mode(na, ni, m);
    const auto count = as_map(project_actors(g, ProjectionWeight::Count));
    const auto jaccard = as_map(project_actors(g, ProjectionWeight::Jaccard));
    const auto newman = as_map(project_actors(g, ProjectionWeight::Newman));
    std::size_t expected_edges = 0;
    for (std::uint32_t u = 0; u < na; ++u) {
      for (std::uint32_t v = u + 1; v < na; ++v) {
        std::vector<std::uint32_t> common, all;
        const auto& a = g.actor_items[u];
        const auto& b = g.actor_items[v];
        std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
        std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(all));
        if (common.empty()) {
          EXPECT_EQ(count.count({u, v}), 0U);
          continue;
        }
        ++expected_edges;
        double nw = 0.0;
        for (const auto k : common)
          nw += 1.0 / static_cast<double>(g.item_actors[k].size() - 1);
        EXPECT_EQ(count.at({u, v}), static_cast<double>(common.size()));
        EXPECT_DOUBLE_EQ(jaccard.at({u, v}),
                         static_cast<double>(common.size()) / static_cast<double>(all.size()));
        EXPECT_NEAR(newman.at({u, v}), nw, 1e-12);
      }
    }
    EXPECT_EQ(count.size(), expected_edges);
  }
}

// ---- from a Network affiliation ---------------------------------------------------------------

TEST(TwoMode, FromNetworkAffiliation) {
  Network net;
  for (const char* id : {"stadtwerke", "umweltamt", "verein"})
    net.add_actor(id);
  net.add_membership("field", 0, "heat");
  net.add_membership("field", 0, "mobility");
  net.add_membership("field", 1, "heat");
  net.add_membership("field", 1, "heat");  // duplicate row: counted once
  net.add_membership("forum", 2, "klimabeirat");
  const TwoModeGraph g = make_two_mode(net, "field");
  EXPECT_EQ(g.n_actors, 3U);
  EXPECT_EQ(g.n_items, 2U);
  EXPECT_EQ(g.actor_items[0], (std::vector<std::uint32_t>{0, 1}));
  EXPECT_EQ(g.actor_items[1], (std::vector<std::uint32_t>{0}));
  EXPECT_TRUE(g.actor_items[2].empty());
  EXPECT_EQ(g.item_actors[0], (std::vector<std::uint32_t>{0, 1}));
  EXPECT_DOUBLE_EQ(two_mode_summary(g).density, 3.0 / 6.0);
  EXPECT_THROW(make_two_mode(net, "no such affiliation"), std::invalid_argument);
}

// ---- degenerate inputs ------------------------------------------------------------------------

TEST(TwoModeDegenerate, EmptyModes) {
  const TwoModeResult none = two_mode_summary(make_two_mode(0, 0, {}));
  EXPECT_TRUE(is_undefined(none.density));
  EXPECT_TRUE(none.actor_degree_centrality.empty());

  const TwoModeResult no_items = two_mode_summary(make_two_mode(3, 0, {}));
  EXPECT_TRUE(is_undefined(no_items.density));
  EXPECT_TRUE(is_undefined(no_items.actor_degree_centrality[0]));

  const TwoModeGraph no_members = make_two_mode(3, 2, {});
  EXPECT_DOUBLE_EQ(two_mode_summary(no_members).density, 0.0);
  EXPECT_TRUE(project_actors(no_members, ProjectionWeight::Jaccard).empty());
}

TEST(TwoModeDegenerate, SingleMemberItemsAndOneActor) {
  // Every item has one member: no projection edges.
  const TwoModeGraph g = make_two_mode(3, 3, {{0, 0}, {1, 1}, {2, 2}});
  EXPECT_TRUE(project_actors(g, ProjectionWeight::Newman).empty());
  const TwoModeGraph one = make_two_mode(1, 2, {{0, 0}, {0, 1}});
  EXPECT_DOUBLE_EQ(two_mode_summary(one).density, 1.0);
  EXPECT_TRUE(project_actors(one, ProjectionWeight::Count).empty());
}

TEST(TwoModeDegenerate, DuplicatesMergedAndOutOfRangeThrows) {
  const TwoModeGraph g = make_two_mode(2, 1, {{0, 0}, {0, 0}, {1, 0}});
  EXPECT_EQ(g.actor_items[0].size(), 1U);
  EXPECT_EQ(project_actors(g, ProjectionWeight::Count).at(0).weight, 1.0);
  EXPECT_THROW(make_two_mode(2, 1, {{2, 0}}), std::out_of_range);
  EXPECT_THROW(make_two_mode(2, 1, {{0, 1}}), std::out_of_range);
}

}  // namespace
}  // namespace kn
