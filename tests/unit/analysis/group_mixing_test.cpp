// Tests of kn::groups_from_attribute and kn::group_mixing (mixing matrix, E-I, assortativity).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "analysis/mixing/group_mixing.hpp"

namespace kn {
namespace {

using Arcs = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

Groups make_groups(std::vector<std::string> names, std::vector<std::uint32_t> member) {
  Groups g;
  g.names = std::move(names);
  g.member = std::move(member);
  return g;
}

//   A = {0, 1}, B = {2, 3}, C = {4}
//
//     0(A) <===> 1(A) ---> 2(B) ---> 3(B) ---> 4(C) ---> 0(A)
//
// arcs 0->1, 1->0, 1->2, 2->3, 3->4, 4->0.
const Arcs kArcs{{0, 1}, {1, 0}, {1, 2}, {2, 3}, {3, 4}, {4, 0}};
const Groups kGroups = make_groups({"A", "B", "C"}, {0, 0, 1, 1, 2});

TEST(GroupMixing, DirectedByHand) {
  const MixingResult r = group_mixing(Graph::from_arcs(5, true, kArcs), kGroups);
  const std::vector<std::vector<double>> matrix{{2, 1, 0}, {0, 1, 1}, {1, 0, 0}};
  EXPECT_EQ(r.matrix, matrix);
  EXPECT_EQ(r.group_size, (std::vector<std::uint32_t>{2, 2, 1}));
  // I = 0->1, 1->0, 2->3 (3); E = 1->2, 3->4, 4->0 (3).
  EXPECT_DOUBLE_EQ(r.ei_index, 0.0);
  // A: I 2, E 2 -> 0; B: I 1, E 2 -> 1/3; C: E 2 -> 1.
  EXPECT_DOUBLE_EQ(r.group_ei[0], 0.0);
  EXPECT_DOUBLE_EQ(r.group_ei[1], 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.group_ei[2], 1.0);
  // Actor 0: I 2 (0->1, 1->0), E 1 (4->0) -> -1/3; actor 2: I 1, E 1 -> 0; actor 4: E 2 -> 1.
  EXPECT_DOUBLE_EQ(r.actor_ei[0], -1.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.actor_ei[1], -1.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.actor_ei[2], 0.0);
  EXPECT_DOUBLE_EQ(r.actor_ei[3], 0.0);
  EXPECT_DOUBLE_EQ(r.actor_ei[4], 1.0);
  // e_AA + e_BB = 3/6; a = b = (3, 2, 1)/6 -> sum ab = 14/36; r = (1/2 - 7/18)/(11/18) = 2/11.
  // R igraph 1.3.5 assortativity_nominal(g, c(1,1,2,2,3), directed=TRUE) prints 0.1818182.
  EXPECT_DOUBLE_EQ(r.assortativity, 2.0 / 11.0);
}

TEST(GroupMixing, UndirectedByHand) {
  // Undirected view: edges 0-1 (the mutual pair merges), 1-2, 2-3, 3-4, 4-0.
  const MixingResult r = group_mixing(Graph::from_arcs(5, false, kArcs), kGroups);
  // Each edge in both cells (networkx attribute_mixing_matrix convention).
  const std::vector<std::vector<double>> matrix{{2, 1, 1}, {1, 2, 1}, {1, 1, 0}};
  EXPECT_EQ(r.matrix, matrix);
  // I = 0-1, 2-3 (2); E = 1-2, 3-4, 4-0 (3): EI = 1/5.
  EXPECT_DOUBLE_EQ(r.ei_index, 0.2);
  // A: I 1, E 2 -> 1/3; B: I 1, E 2 -> 1/3; C: E 2 -> 1.
  EXPECT_DOUBLE_EQ(r.group_ei[0], 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.group_ei[1], 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.group_ei[2], 1.0);
  // Actor 0: I 1 (0-1), E 1 (4-0) -> 0.
  EXPECT_DOUBLE_EQ(r.actor_ei[0], 0.0);
  // R igraph 1.3.5: assortativity_nominal(as.undirected(g, "collapse"), ...) prints 0.0625.
  EXPECT_NEAR(r.assortativity, 1.0 / 16.0, 1e-15);
}

// ---- reference: R igraph and networkx on a seeded random digraph ---------------------------

std::vector<std::vector<std::uint32_t>> read_int_csv(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  std::vector<std::vector<std::uint32_t>> rows;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::uint32_t> row;
    std::stringstream ss(line);
    std::string f;
    while (std::getline(ss, f, ','))
      row.push_back(static_cast<std::uint32_t>(std::stoul(f)));
    rows.push_back(row);
  }
  return rows;
}

// tests/data/brokerage/random30_*.csv: seeded random digraph of 30 actors, 102 arcs, groups 0..3
// (generated with R sna::rgraph, see tests/data/brokerage/sna_reference.R).
TEST(GroupMixing, SeededRandomDigraphEqualsIgraphAndNetworkx) {
  const std::string dir = std::string(KN_TEST_DATA_DIR) + "/brokerage/";
  Arcs arcs;
  for (const auto& row : read_int_csv(dir + "random30_arcs.csv"))
    arcs.emplace_back(row[0], row[1]);
  Groups groups = make_groups({"0", "1", "2", "3"}, std::vector<std::uint32_t>(30));
  for (const auto& row : read_int_csv(dir + "random30_groups.csv"))
    groups.member[row[0]] = row[1];

  const MixingResult d = group_mixing(Graph::from_arcs(30, true, arcs), groups);
  // networkx 2.8.8 attribute_mixing_matrix(D, 'g', normalized=False, mapping={0:0,...,3:3}).
  const std::vector<std::vector<double>> directed{
      {17, 8, 14, 4}, {16, 11, 3, 3}, {6, 7, 5, 2}, {3, 1, 2, 0}};
  EXPECT_EQ(d.matrix, directed);
  // R igraph 1.3.5 assortativity_nominal(g, cl + 1, directed=TRUE) = 0.018820577164366342.
  EXPECT_NEAR(d.assortativity, 0.018820577164366342, 1e-14);
  // E-I from the matrix: I = trace = 33, E = 102 - 33 = 69.
  EXPECT_DOUBLE_EQ(d.ei_index, (69.0 - 33.0) / 102.0);

  const MixingResult u = group_mixing(Graph::from_arcs(30, false, arcs), groups);
  // networkx 2.8.8 attribute_mixing_matrix(D.to_undirected(), ...).
  const std::vector<std::vector<double>> undirected{
      {30, 23, 19, 7}, {23, 20, 10, 4}, {19, 10, 10, 3}, {7, 4, 3, 0}};
  EXPECT_EQ(u.matrix, undirected);
  // R igraph 1.3.5 assortativity_nominal(as.undirected(g, mode="collapse"), cl + 1,
  // directed=TRUE) = 0.0027543873455575844 (96 edges).
  EXPECT_NEAR(u.assortativity, 0.0027543873455575844, 1e-14);
  // I = 60/2 = 30 edges within, E = 96 - 30 = 66.
  EXPECT_DOUBLE_EQ(u.ei_index, (66.0 - 30.0) / 96.0);
}

// ---- invariants on random graphs ------------------------------------------------------------

TEST(GroupMixing, InvariantsOnRandomGraphs) {
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    std::mt19937_64 rng(seed);
    const std::uint32_t n = 50;
    std::bernoulli_distribution coin(0.06);
    std::uniform_int_distribution<std::uint32_t> pick(0, 3);
    Arcs arcs;
    for (std::uint32_t a = 0; a < n; ++a) {
      for (std::uint32_t b = 0; b < n; ++b) {
        if (a != b && coin(rng)) arcs.emplace_back(a, b);
      }
    }
    Groups groups = make_groups({"a", "b", "c", "d"}, std::vector<std::uint32_t>(n));
    for (auto& m : groups.member)
      m = pick(rng);
    for (const bool directed : {true, false}) {
      const Graph g = Graph::from_arcs(n, directed, arcs);
      const MixingResult r = group_mixing(g, groups);
      double total = 0.0, trace = 0.0;
      for (std::size_t x = 0; x < 4; ++x) {
        trace += r.matrix[x][x];
        for (std::size_t y = 0; y < 4; ++y) {
          total += r.matrix[x][y];
          if (!directed) {
            EXPECT_EQ(r.matrix[x][y], r.matrix[y][x]);
          }
        }
      }
      EXPECT_EQ(total, static_cast<double>(g.arc_count()));  // every arc in exactly one cell
      // Network E-I from the matrix equals the tie-by-tie count.
      EXPECT_NEAR(r.ei_index, (total - 2.0 * trace) / total, 1e-14);
      for (const double ei : r.actor_ei) {
        if (!is_undefined(ei)) {
          EXPECT_GE(ei, -1.0);
          EXPECT_LE(ei, 1.0);
        }
      }
      EXPECT_LE(r.assortativity, 1.0);
      EXPECT_GE(r.assortativity, -1.0);
      std::uint32_t members = 0;
      for (const auto s : r.group_size)
        members += s;
      EXPECT_EQ(members, n);
    }
  }
}

// ---- degenerate inputs ----------------------------------------------------------------------

TEST(GroupMixingDegenerate, EmptyGraphAndNoTies) {
  const MixingResult empty = group_mixing(Graph{}, Groups{});
  EXPECT_TRUE(empty.matrix.empty());
  EXPECT_TRUE(is_undefined(empty.ei_index));
  EXPECT_TRUE(is_undefined(empty.assortativity));

  const MixingResult isolates =
      group_mixing(Graph::from_arcs(3, true, Arcs{}), make_groups({"x", "y"}, {0, 1, 1}));
  EXPECT_TRUE(is_undefined(isolates.ei_index));
  EXPECT_TRUE(is_undefined(isolates.group_ei[0]));
  EXPECT_TRUE(is_undefined(isolates.actor_ei[2]));
  EXPECT_TRUE(is_undefined(isolates.assortativity));
  EXPECT_EQ(isolates.group_size, (std::vector<std::uint32_t>{1, 2}));
}

TEST(GroupMixingDegenerate, OneGroupGivesEIMinusOneAndUndefinedAssortativity) {
  // All ties internal: EI = -1; igraph assortativity_nominal is NaN (0/0).
  const MixingResult r =
      group_mixing(Graph::from_arcs(3, true, Arcs{{0, 1}, {1, 2}}), make_groups({"x"}, {0, 0, 0}));
  EXPECT_DOUBLE_EQ(r.ei_index, -1.0);
  EXPECT_DOUBLE_EQ(r.group_ei[0], -1.0);
  EXPECT_TRUE(is_undefined(r.assortativity));
}

TEST(GroupMixingDegenerate, LoopsAndMultiTiesMerged) {
  // 0 -> 1 twice and a loop 1 -> 1: one tie, A -> B.
  const MixingResult r = group_mixing(Graph::from_arcs(2, true, Arcs{{0, 1}, {0, 1}, {1, 1}}),
                                      make_groups({"A", "B"}, {0, 1}));
  EXPECT_EQ(r.matrix, (std::vector<std::vector<double>>{{0, 1}, {0, 0}}));
  EXPECT_DOUBLE_EQ(r.ei_index, 1.0);
  // e = [[0, 1], [0, 0]], a = (1, 0), b = (0, 1): sum ab = 0, trace 0 -> r = 0 / 1 = 0.
  EXPECT_DOUBLE_EQ(r.assortativity, 0.0);
}

TEST(GroupMixingDegenerate, SizeMismatchThrows) {
  EXPECT_THROW(group_mixing(Graph::from_arcs(3, true, Arcs{}), make_groups({"x"}, {0, 0})),
               std::invalid_argument);
}

// ---- groups_from_attribute --------------------------------------------------------------------

TEST(GroupsFromAttribute, StringNumberListAndMissing) {
  Network net;
  for (const char* id : {"a", "b", "c", "d", "e"})
    net.add_actor(id);
  net.set_actor_attr(0, "sector", std::string("verwaltung"));
  net.set_actor_attr(1, "sector", std::string("buergerschaft"));
  net.set_actor_attr(2, "sector", std::string("verwaltung"));
  net.set_actor_attr(4, "sector", std::string("wirtschaft"));  // d has no sector
  const Groups g = groups_from_attribute(net, "sector");
  EXPECT_EQ(g.names, (std::vector<std::string>{"buergerschaft", "verwaltung", "wirtschaft", "NA"}));
  EXPECT_EQ(g.member, (std::vector<std::uint32_t>{1, 0, 1, 3, 2}));

  net.set_actor_attr(0, "size", 10.0);
  net.set_actor_attr(1, "size", 2.0);
  net.set_actor_attr(2, "size", 10.0);
  net.set_actor_attr(3, "size", 2.5);
  net.set_actor_attr(4, "size", 2.0);
  const Groups sizes = groups_from_attribute(net, "size");
  EXPECT_EQ(sizes.names, (std::vector<std::string>{"2", "2.5", "10"}));  // numeric order
  EXPECT_EQ(sizes.member, (std::vector<std::uint32_t>{2, 0, 2, 1, 0}));

  net.set_actor_attr(0, "fields", std::vector<std::string>{"mobility", "heat"});
  net.set_actor_attr(1, "fields", std::vector<std::string>{"heat"});
  net.set_actor_attr(2, "fields", std::vector<std::string>{});
  const Groups fields = groups_from_attribute(net, "fields");
  EXPECT_EQ(fields.names, (std::vector<std::string>{"heat", "mobility", "NA"}));
  EXPECT_EQ(fields.member, (std::vector<std::uint32_t>{1, 0, 2, 2, 2}));

  EXPECT_THROW(groups_from_attribute(net, "no such attribute"), std::invalid_argument);
}

TEST(GroupsFromAttribute, FeedsGroupMixing) {
  Network net;
  for (const char* id : {"a", "b", "c"})
    net.add_actor(id);
  net.set_actor_attr(0, "sector", std::string("x"));
  net.set_actor_attr(1, "sector", std::string("y"));
  net.set_actor_attr(2, "sector", std::string("y"));
  net.add_tie(0, 1);
  net.add_tie(1, 2);
  const MixingResult r = group_mixing(make_view(net), groups_from_attribute(net, "sector"));
  EXPECT_EQ(r.matrix, (std::vector<std::vector<double>>{{0, 1}, {0, 1}}));
  EXPECT_DOUBLE_EQ(r.ei_index, 0.0);
  EXPECT_DOUBLE_EQ(r.group_ei[0], 1.0);
  EXPECT_DOUBLE_EQ(r.group_ei[1], 0.0);
}

}  // namespace
}  // namespace kn
