#include <gtest/gtest.h>

#include "core/graph/graph_view.hpp"

namespace kn {
namespace {

TEST(GraphView, MergesMultiTiesAndDropsLoops) {
  // 0 -> 1 twice (weights 1, 2), 1 -> 1 loop, 1 -> 2
  const std::vector<std::pair<std::uint32_t, std::uint32_t>> arcs{{0, 1}, {0, 1}, {1, 1}, {1, 2}};
  const std::vector<double> w{1.0, 2.0, 5.0, 4.0};
  const Graph g = Graph::from_arcs(3, true, arcs, w);
  EXPECT_EQ(g.arc_count(), 2U);
  EXPECT_EQ(g.loops_dropped(), 1U);
  EXPECT_EQ(g.multi_merged(), 1U);
  EXPECT_DOUBLE_EQ(*g.arc_weight(0, 1), 3.0);
  EXPECT_FALSE(g.arc_weight(1, 0).has_value());
  EXPECT_EQ(g.in_degree(1), 1U);
  EXPECT_EQ(g.in(2).size(), 1U);
  EXPECT_EQ(g.in(2)[0], 1U);
}

}  // namespace
}  // namespace kn
