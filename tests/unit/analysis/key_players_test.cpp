// Key players (analysis/cohesion/key_players.hpp): F, DF and DR computed by hand on small graphs
// drawn here, the swap search against brute force over every k-set on small random graphs,
// determinism for a seed and across thread counts, degenerate inputs and cancellation.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <gtest/gtest.h>

#include <atomic>
#include <random>

#include "analysis/cohesion/key_players.hpp"

namespace kn {
namespace {

using Arcs = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

Graph undirected(std::uint32_t n, const Arcs& arcs) {
  return Graph::from_arcs(n, false, arcs);
}

//   0 - 1 - 2 - 3 - 4      (a path of five)
Graph path5() {
  return undirected(5, {{0, 1}, {1, 2}, {2, 3}, {3, 4}});
}

TEST(KeyPlayers, FragmentationByHand) {
  const Graph p = path5();
  const std::vector<ActorIndex> none, centre{2}, end{0};
  EXPECT_DOUBLE_EQ(fragmentation(p, none), 0.0);  // one component
  // Without 2: components {0,1} and {3,4}: F = 1 - (2 + 2) / (4 * 3) = 2/3.
  EXPECT_DOUBLE_EQ(fragmentation(p, centre), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(fragmentation(p, end), 0.0);
  // A star without its hub: only isolates, F = 1.
  const Graph star = undirected(5, {{0, 1}, {0, 2}, {0, 3}, {0, 4}});
  const std::vector<ActorIndex> hub{0};
  EXPECT_DOUBLE_EQ(fragmentation(star, hub), 1.0);
  // Fewer than two actors left.
  const std::vector<ActorIndex> four{0, 1, 2, 3};
  EXPECT_DOUBLE_EQ(fragmentation(p, four), 1.0);
  // Direction is ignored: a directed path fragments like the undirected one.
  const Graph directed = Graph::from_arcs(5, true, Arcs{{0, 1}, {1, 2}, {2, 3}, {3, 4}});
  EXPECT_DOUBLE_EQ(fragmentation(directed, centre), 2.0 / 3.0);
}

TEST(KeyPlayers, DistanceFragmentationByHand) {
  const Graph p = path5();
  // Whole path: ordered pairs at distance 1: 8, 2: 6, 3: 4, 4: 2 -> sum 1/d = 8 + 3 + 4/3 + 1/2.
  const double sum = 8.0 + 3.0 + 4.0 / 3.0 + 0.5;
  const std::vector<ActorIndex> none, centre{2};
  EXPECT_DOUBLE_EQ(distance_fragmentation(p, none), 1.0 - sum / 20.0);
  // Without 2: two pairs at distance 1 each way: sum 4, n' = 4: DF = 1 - 4 / 12.
  EXPECT_DOUBLE_EQ(distance_fragmentation(p, centre), 1.0 - 4.0 / 12.0);
  // A complete graph has DF = 0, an empty one DF = 1.
  const Graph k4 = undirected(4, {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}});
  EXPECT_DOUBLE_EQ(distance_fragmentation(k4, none), 0.0);
  EXPECT_DOUBLE_EQ(distance_fragmentation(undirected(4, {}), none), 1.0);
}

TEST(KeyPlayers, ReachByHand) {
  const Graph p = path5();
  // From {2}: itself 1, 1 and 3 at 1, 0 and 4 at 2: (1 + 2 + 1) / 5.
  const std::vector<ActorIndex> centre{2}, ends{0, 4}, isolated_set{5};
  EXPECT_DOUBLE_EQ(distance_reach(p, centre), 4.0 / 5.0);
  // From {0, 4}: themselves 2, 1 and 3 at 1, 2 at 2: (2 + 2 + 0.5) / 5.
  EXPECT_DOUBLE_EQ(distance_reach(p, ends), 4.5 / 5.0);
  // An isolate reaches only itself; unreachable actors count 0.
  const Graph with_isolate = undirected(6, {{0, 1}, {1, 2}, {2, 3}, {3, 4}});
  EXPECT_DOUBLE_EQ(distance_reach(with_isolate, isolated_set), 1.0 / 6.0);
  const std::vector<ActorIndex> bad{7};
  EXPECT_THROW(distance_reach(p, bad), std::invalid_argument);
}

/// Best score over every k-subset (brute force).
double brute_force(const Graph& g, std::uint32_t k, KeyPlayerGoal goal) {
  const std::uint32_t n = g.n();
  double best = -1.0;
  std::vector<ActorIndex> set;
  std::function<void(std::uint32_t)> rec = [&](std::uint32_t from) {
    if (set.size() == k) {
      const double s = goal == KeyPlayerGoal::Fragmentation ? fragmentation(g, set)
                       : goal == KeyPlayerGoal::DistanceFragmentation
                           ? distance_fragmentation(g, set)
                           : distance_reach(g, set);
      best = std::max(best, s);
      return;
    }
    for (std::uint32_t v = from; v < n; ++v) {
      set.push_back(v);
      rec(v + 1);
      set.pop_back();
    }
  };
  rec(0);
  return best;
}

Graph random_graph(std::uint32_t n, std::uint32_t m, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  Arcs arcs;
  while (arcs.size() < m) {
    const auto u = static_cast<std::uint32_t>(rng() % n), v = static_cast<std::uint32_t>(rng() % n);
    if (u != v) arcs.emplace_back(u, v);
  }
  return undirected(n, arcs);
}

TEST(KeyPlayers, SwapSearchFindsTheBruteForceOptimum) {
  int cases = 0;
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    const Graph g = random_graph(11, 14 + static_cast<std::uint32_t>(seed), seed);
    for (const auto goal : {KeyPlayerGoal::Fragmentation, KeyPlayerGoal::DistanceFragmentation,
                            KeyPlayerGoal::Reach}) {
      for (std::uint32_t k = 1; k <= 3; ++k) {
        KeyPlayerOptions o;
        o.k = k;
        o.goal = goal;
        o.seed = seed;
        o.restarts = 8;
        const auto r = key_players(g, o);
        ASSERT_EQ(r.set.size(), k);
        EXPECT_TRUE(std::is_sorted(r.set.begin(), r.set.end()));
        EXPECT_NEAR(r.score, brute_force(g, k, goal), 1e-12)
            << "seed " << seed << " k " << k << " goal " << static_cast<int>(goal);
        // The reported score is the score of the reported set.
        const double again = goal == KeyPlayerGoal::Fragmentation ? fragmentation(g, r.set)
                             : goal == KeyPlayerGoal::DistanceFragmentation
                                 ? distance_fragmentation(g, r.set)
                                 : distance_reach(g, r.set);
        EXPECT_DOUBLE_EQ(r.score, again);
        ++cases;
      }
    }
  }
  EXPECT_EQ(cases, 54);
}

// Two cliques joined through one broker (actor 8): removing the broker splits the network.
//   {0..3} complete - 8 - {4..7} complete
TEST(KeyPlayers, TheBrokerBetweenTwoGroupsIsTheKeyPlayer) {
  Arcs arcs;
  for (std::uint32_t a = 0; a < 4; ++a)
    for (std::uint32_t b = a + 1; b < 4; ++b) {
      arcs.emplace_back(a, b);
      arcs.emplace_back(a + 4, b + 4);
    }
  arcs.emplace_back(0, 8);
  arcs.emplace_back(8, 4);
  const Graph g = undirected(9, arcs);
  KeyPlayerOptions o;
  o.k = 1;
  const auto r = key_players(g, o);
  ASSERT_EQ(r.set, std::vector<ActorIndex>{8});  // not 0 or 4, which also cut, but less
  // Without 8: two groups of 4: F = 1 - 2 * 12 / 56.
  EXPECT_DOUBLE_EQ(r.score, 1.0 - 24.0 / 56.0);
  EXPECT_DOUBLE_EQ(r.baseline, 0.0);
  EXPECT_GT(r.evaluations, 8U);
  // Reach with k = 2: one actor in each group (plus the broker at distance 1 or 2).
  o.k = 2;
  o.goal = KeyPlayerGoal::Reach;
  const auto reach = key_players(g, o);
  EXPECT_EQ(reach.score, brute_force(g, 2, KeyPlayerGoal::Reach));
}

TEST(KeyPlayers, CandidatePoolRestrictsTheSet) {
  // The two-groups graph of the broker test with the broker 8 left out of the pool: the best
  // single cut among {0, 4, 5} is 0 or 4 (each separates one group of three from the rest),
  // better than 5 (cuts nothing) and worse than the broker.
  Arcs arcs;
  for (std::uint32_t a = 0; a < 4; ++a)
    for (std::uint32_t b = a + 1; b < 4; ++b) {
      arcs.emplace_back(a, b);
      arcs.emplace_back(a + 4, b + 4);
    }
  arcs.emplace_back(0, 8);
  arcs.emplace_back(8, 4);
  const Graph g = undirected(9, arcs);
  KeyPlayerOptions o;
  o.k = 1;
  o.candidates = {5, 4, 0, 4};  // duplicates ignored
  const auto r = key_players(g, o);
  ASSERT_EQ(r.set.size(), 1U);
  EXPECT_TRUE(r.set[0] == 0 || r.set[0] == 4);
  const ActorIndex cut = r.set[0];
  EXPECT_DOUBLE_EQ(r.score, fragmentation(g, std::span<const ActorIndex>(&cut, 1)));
  EXPECT_GT(r.score, fragmentation(g, std::vector<ActorIndex>{5}));
  EXPECT_LT(r.score, fragmentation(g, std::vector<ActorIndex>{8}));
  // Every actor as the pool = the default search, bit for bit.
  const Graph big = random_graph(60, 120, 99);
  KeyPlayerOptions all;
  all.k = 3;
  all.restarts = 2;
  const auto plain = key_players(big, all);
  for (ActorIndex v = 0; v < 60; ++v)
    all.candidates.push_back(59 - v);
  const auto pooled = key_players(big, all);
  EXPECT_EQ(pooled.set, plain.set);
  EXPECT_EQ(pooled.score, plain.score);
  // Errors: a candidate that is no actor, fewer candidates than k.
  o.candidates = {9};
  EXPECT_THROW(key_players(g, o), std::invalid_argument);
  o.candidates = {1, 2};
  o.k = 3;
  EXPECT_THROW(key_players(g, o), std::invalid_argument);
}

TEST(KeyPlayers, DeterministicForASeedAndIndependentOfThreads) {
  const Graph g = random_graph(60, 120, 99);
  KeyPlayerOptions o;
  o.k = 4;
  o.restarts = 3;
  o.threads = 1;
  const auto one = key_players(g, o);
  o.threads = 2;
  const auto two = key_players(g, o);
  EXPECT_EQ(one.set, two.set);
  EXPECT_EQ(one.score, two.score);
  EXPECT_EQ(one.evaluations, two.evaluations);
  EXPECT_EQ(key_players(g, o).set, two.set);
}

TEST(KeyPlayers, DegenerateInputsAndErrors) {
  KeyPlayerOptions o;
  o.k = 1;
  EXPECT_THROW(key_players(Graph::from_arcs(0, false, {}), o), std::invalid_argument);
  const auto single = key_players(Graph::from_arcs(1, false, {}), o);
  EXPECT_EQ(single.set, std::vector<ActorIndex>{0});
  EXPECT_DOUBLE_EQ(single.score, 1.0);  // nobody left: fragmented by definition
  o.k = 6;
  EXPECT_THROW(key_players(path5(), o), std::invalid_argument);
  o.k = 0;
  EXPECT_THROW(key_players(path5(), o), std::invalid_argument);
  o.k = 2;
  o.restarts = 0;
  EXPECT_THROW(key_players(path5(), o), std::invalid_argument);
  // k = n: everybody removed.
  o.restarts = 1;
  o.k = 5;
  EXPECT_EQ(key_players(path5(), o).set.size(), 5U);
  // No ties: already fully fragmented, any set keeps F = 1.
  o.k = 2;
  const auto empty = key_players(undirected(6, {}), o);
  EXPECT_DOUBLE_EQ(empty.baseline, 1.0);
  EXPECT_DOUBLE_EQ(empty.score, 1.0);
  // Loops and multi-ties do not change anything (the view is simple).
  const Graph loops =
      Graph::from_arcs(5, false, Arcs{{0, 1}, {1, 1}, {1, 2}, {2, 3}, {3, 4}, {0, 1}});
  const std::vector<ActorIndex> centre{2};
  EXPECT_DOUBLE_EQ(fragmentation(loops, centre), 2.0 / 3.0);
}

TEST(KeyPlayers, CancelThrowsAndProgressEndsAtOne) {
  const Graph g = random_graph(80, 200, 3);
  std::atomic<bool> cancel{true};
  RunControl stop(nullptr, &cancel);
  KeyPlayerOptions o;
  o.control = &stop;
  EXPECT_THROW(key_players(g, o), Cancelled);
  std::atomic<bool> go{false};
  double last = 0.0;
  RunControl watch(
      [&](const std::string& task, double f) {
        EXPECT_EQ(task, "key players");
        EXPECT_GE(f, last);
        last = f;
      },
      &go);
  o.control = &watch;
  o.restarts = 2;
  key_players(g, o);
  EXPECT_DOUBLE_EQ(last, 1.0);
}

}  // namespace
}  // namespace kn
