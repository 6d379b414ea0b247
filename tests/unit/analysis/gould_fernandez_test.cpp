// Tests of kn::brokerage (Gould-Fernandez roles, sna::brokerage counting and null model).
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "analysis/brokerage/gould_fernandez.hpp"

namespace kn {
namespace {

using Arcs = std::vector<std::pair<std::uint32_t, std::uint32_t>>;
using Groups = std::vector<std::uint32_t>;
using Row = std::array<double, kBrokerageRoles>;

Graph digraph(std::size_t n, const Arcs& arcs) {
  return Graph::from_arcs(n, true, arcs);
}

/// Obviously correct O(n^3) count straight from the definition in sna src/gli.c.
std::vector<Row> naive_brokerage(const Graph& g, const Groups& cl) {
  const std::uint32_t n = g.n();
  std::vector<std::vector<bool>> a(n, std::vector<bool>(n, false));
  for (std::uint32_t u = 0; u < n; ++u) {
    for (const std::uint32_t v : g.out(u))
      a[u][v] = true;
  }
  std::vector<Row> raw(n, Row{});
  for (std::uint32_t j = 0; j < n; ++j) {
    for (std::uint32_t i = 0; i < n; ++i) {
      for (std::uint32_t k = 0; k < n; ++k) {
        if (i == j || k == j || i == k || !a[i][j] || !a[j][k] || a[i][k]) continue;
        int role = kLiaison;
        if (cl[i] == cl[j] && cl[j] == cl[k]) {
          role = kCoordinator;
        } else if (cl[i] == cl[k]) {
          role = kItinerant;
        } else if (cl[i] == cl[j]) {
          role = kRepresentative;
        } else if (cl[j] == cl[k]) {
          role = kGatekeeper;
        }
        raw[j][static_cast<std::size_t>(role)] += 1.0;
        raw[j][kTotal] += 1.0;
      }
    }
  }
  return raw;
}

Arcs random_arcs(std::uint32_t n, double p, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::bernoulli_distribution coin(p);
  Arcs arcs;
  for (std::uint32_t u = 0; u < n; ++u) {
    for (std::uint32_t v = 0; v < n; ++v) {
      if (u != v && coin(rng)) arcs.emplace_back(u, v);
    }
  }
  return arcs;
}

Groups random_groups(std::uint32_t n, std::uint32_t k, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<std::uint32_t> pick(0, k - 1);
  Groups g(n);
  for (auto& x : g)
    x = pick(rng);
  return g;
}

// ---- hand-computed: one tiny graph per role ------------------------------------------------

struct RoleCase {
  const char* name;
  Groups groups;  // groups of i, j (broker), k on the path i -> j -> k
  BrokerageRole role;
};

class OneRole : public ::testing::TestWithParam<RoleCase> {};

//   i ---> j ---> k     (no arc i -> k): broker j scores once in the role of (g_i, g_j, g_k)
TEST_P(OneRole, TwoPathScoresBrokerInExactlyThatRole) {
  const RoleCase& c = GetParam();
  const BrokerageResult r = brokerage(digraph(3, {{0, 1}, {1, 2}}), c.groups);
  for (int role = 0; role < kTotal; ++role) {
    EXPECT_EQ(r.raw[1][static_cast<std::size_t>(role)], role == c.role ? 1.0 : 0.0)
        << c.name << " role " << role;
  }
  EXPECT_EQ(r.raw[1][kTotal], 1.0);
  for (std::size_t role = 0; role < kBrokerageRoles; ++role) {
    EXPECT_EQ(r.raw[0][role], 0.0);
    EXPECT_EQ(r.raw[2][role], 0.0);
  }
  EXPECT_EQ(r.raw_total[static_cast<std::size_t>(c.role)], 1.0);
  EXPECT_EQ(r.raw_total[kTotal], 1.0);
}

INSTANTIATE_TEST_SUITE_P(
    GouldFernandez, OneRole,
    ::testing::Values(RoleCase{"coordinator A->A->A", {0, 0, 0}, kCoordinator},
                      RoleCase{"itinerant A->B->A", {0, 1, 0}, kItinerant},
                      RoleCase{"representative A->A->B", {0, 0, 1}, kRepresentative},
                      RoleCase{"gatekeeper A->B->B", {0, 1, 1}, kGatekeeper},
                      RoleCase{"liaison A->B->C", {0, 1, 2}, kLiaison}),
    [](const ::testing::TestParamInfo<RoleCase>& tp) {
      std::string s = tp.param.name;
      return s.substr(0, s.find(' '));
    });

//   0 ---> 1 ---> 2   and the closing arc 0 ---> 2: no brokerage.
TEST(GouldFernandez, ClosedTwoPathDoesNotCount) {
  const BrokerageResult r = brokerage(digraph(3, {{0, 1}, {1, 2}, {0, 2}}), {0, 0, 0});
  EXPECT_EQ(r.raw_total[kTotal], 0.0);
}

//   0 ---> 1 ---> 2   and 2 ---> 0: sna checks only i -> k, so the reverse arc does not close it.
//   Every node brokers one 2-path of the directed 3-cycle.
TEST(GouldFernandez, OnlyTheArcSourceToTargetCloses) {
  const BrokerageResult r = brokerage(digraph(3, {{0, 1}, {1, 2}, {2, 0}}), {0, 0, 0});
  for (std::uint32_t v = 0; v < 3; ++v)
    EXPECT_EQ(r.raw[v][kCoordinator], 1.0);
  EXPECT_EQ(r.raw_total[kTotal], 3.0);
}

//   0(A) --- 1(A) --- 2(B)   undirected: both directions are 2-paths through 1:
//   0->1->2 is A->A->B (representative), 2->1->0 is B->A->A (gatekeeper).
TEST(GouldFernandez, UndirectedOpenTriadCountsBothWays) {
  const Arcs arcs{{0, 1}, {1, 2}};
  const Graph g = Graph::from_arcs(3, false, arcs);
  const BrokerageResult r = brokerage(g, {0, 0, 1});
  EXPECT_EQ(r.raw[1][kRepresentative], 1.0);
  EXPECT_EQ(r.raw[1][kGatekeeper], 1.0);
  EXPECT_EQ(r.raw[1][kTotal], 2.0);
  const BrokerageResult same = brokerage(g, {0, 0, 0});
  EXPECT_EQ(same.raw[1][kCoordinator], 2.0);
}

//   0(A) ---> 2(B) ---> 3(B)
//              ^  |
//   1(A) ------+  +---> 4(C)
//     |                  ^
//     +------------------+          arcs 0->2, 1->2, 2->3, 2->4 and 1->4
// Broker 2 serves (0,3) A->B->B gatekeeper, (1,3) gatekeeper, (0,4) A->B->C liaison;
// (1,4) is closed by 1 -> 4. Nobody else brokers.
TEST(GouldFernandez, HandComputedFiveActors) {
  const Arcs arcs{{0, 2}, {1, 2}, {2, 3}, {2, 4}, {1, 4}};
  const BrokerageResult r = brokerage(digraph(5, arcs), {0, 0, 1, 1, 2});
  EXPECT_EQ(r.raw[2][kGatekeeper], 2.0);
  EXPECT_EQ(r.raw[2][kLiaison], 1.0);
  EXPECT_EQ(r.raw[2][kTotal], 3.0);
  for (std::uint32_t v : {0U, 1U, 3U, 4U})
    EXPECT_EQ(r.raw[v][kTotal], 0.0);
  // Null model by hand: N = 5, m = 5, d = 5/20 = 1/4, d^2 (1-d) = 3/64. Total for any broker:
  // E[t] = 3/64 * 4 * 3 = 9/16; Var = E (1 - 3/64) + 2*4*3*2 * d^3 (1-d)^3 = 9/16 * 61/64
  // + 48 * 27/4096.
  const double e_t = 9.0 / 16.0;
  const double var_t = e_t * 61.0 / 64.0 + 48.0 * 27.0 / 4096.0;
  EXPECT_DOUBLE_EQ(r.expected[2][kTotal], e_t);
  EXPECT_DOUBLE_EQ(r.sd[2][kTotal], std::sqrt(var_t));
  EXPECT_DOUBLE_EQ(r.z[2][kTotal], (3.0 - e_t) / std::sqrt(var_t));
  // Broker 2 is in group B (n = 2): E[w_I] = 0 and its variance is 0 -> z undefined.
  EXPECT_EQ(r.expected[2][kCoordinator], 0.0);
  EXPECT_TRUE(is_undefined(r.z[2][kCoordinator]));
  // Liaison for a B broker: other groups A (2) and C (1): (2+1)^2 - (4+1) = 4 -> E = 3/64 * 4.
  EXPECT_DOUBLE_EQ(r.expected[2][kLiaison], 3.0 / 16.0);
}

// ---- brute force on seeded random graphs -------------------------------------------------

TEST(GouldFernandez, MatchesNaiveTripleLoopOnRandomGraphs) {
  int checked = 0;
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    const std::uint32_t n = 20 + static_cast<std::uint32_t>(seed) * 3;
    const double p = 0.05 + 0.02 * static_cast<double>(seed % 5);
    const std::uint32_t k = 3 + static_cast<std::uint32_t>(seed % 2);
    const Arcs arcs = random_arcs(n, p, seed);
    const Groups cl = random_groups(n, k, seed * 101);
    for (const bool directed : {true, false}) {
      const Graph g = Graph::from_arcs(n, directed, arcs);
      const BrokerageResult r = brokerage(g, cl, {.threads = 2, .control = nullptr});
      const std::vector<Row> expect = naive_brokerage(g, cl);
      for (std::uint32_t v = 0; v < n; ++v) {
        for (std::size_t role = 0; role < kBrokerageRoles; ++role) {
          ASSERT_EQ(r.raw[v][role], expect[v][role])
              << "seed " << seed << " directed " << directed << " actor " << v << " role " << role;
        }
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, 24);
}

// ---- reference: R sna::brokerage ------------------------------------------------------------

std::vector<std::vector<std::string>> read_csv(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  std::vector<std::vector<std::string>> rows;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string> fields;
    std::stringstream ss(line);
    std::string f;
    while (std::getline(ss, f, ','))
      fields.push_back(f);
    rows.push_back(fields);
  }
  return rows;
}

double parse(const std::string& s) {
  return s == "NA" ? kUndefined : std::stod(s);
}

void expect_close(double actual, double expected, const std::string& what) {
  if (std::isnan(expected)) {
    EXPECT_TRUE(std::isnan(actual)) << what << " = " << actual << ", sna gives NaN";
  } else {
    EXPECT_NEAR(actual, expected, 1e-10 * std::max(1.0, std::fabs(expected))) << what;
  }
}

// Data: tests/data/brokerage/random30_*.csv, a seeded random digraph (30 actors, 102 arcs,
// 4 groups of 12/9/7/2) with the values of sna::brokerage(g, cl) from r-cran-sna 2.7-1
// (Debian 12), generated by tests/data/brokerage/sna_reference.R.
TEST(GouldFernandez, EqualsSnaBrokerageOnSeededRandomDigraph) {
  const std::string dir = std::string(KN_TEST_DATA_DIR) + "/brokerage/";
  Arcs arcs;
  for (const auto& row : read_csv(dir + "random30_arcs.csv")) {
    arcs.emplace_back(static_cast<std::uint32_t>(std::stoul(row[0])),
                      static_cast<std::uint32_t>(std::stoul(row[1])));
  }
  ASSERT_EQ(arcs.size(), 102U);
  Groups cl(30);
  for (const auto& row : read_csv(dir + "random30_groups.csv")) {
    cl[std::stoul(row[0])] = static_cast<std::uint32_t>(std::stoul(row[1]));
  }
  const BrokerageResult r = brokerage(digraph(30, arcs), cl, {.threads = 2, .control = nullptr});

  const auto nli = read_csv(dir + "random30_nli.csv");
  ASSERT_EQ(nli.size(), 30U);
  int undefined_z = 0;
  for (const auto& row : nli) {
    ASSERT_EQ(row.size(), 1U + 4U * kBrokerageRoles);
    const auto v = std::stoul(row[0]);
    for (std::size_t role = 0; role < kBrokerageRoles; ++role) {
      const std::string tag = "actor " + std::to_string(v) + " role " + std::to_string(role);
      EXPECT_EQ(r.raw[v][role], parse(row[1 + role])) << tag;
      expect_close(r.expected[v][role], parse(row[1 + kBrokerageRoles + role]), "exp " + tag);
      expect_close(r.sd[v][role], parse(row[1 + 2 * kBrokerageRoles + role]), "sd " + tag);
      expect_close(r.z[v][role], parse(row[1 + 3 * kBrokerageRoles + role]), "z " + tag);
      if (std::isnan(r.z[v][role])) ++undefined_z;
    }
  }
  EXPECT_EQ(undefined_z, 2);  // w_I of the two actors of the 2-actor group

  const auto gli = read_csv(dir + "random30_gli.csv");
  ASSERT_EQ(gli.size(), 4U);
  const std::array<const std::array<double, kBrokerageRoles>*, 4> ours{
      &r.raw_total, &r.expected_total, &r.sd_total, &r.z_total};
  for (std::size_t s = 0; s < 4; ++s) {
    for (std::size_t role = 0; role < kBrokerageRoles; ++role) {
      expect_close((*ours[s])[role], parse(gli[s][1 + role]),
                   gli[s][0] + " role " + std::to_string(role));
    }
  }
}

// ---- invariants ---------------------------------------------------------------------------

TEST(GouldFernandez, TotalIsSumOfRolesAndNetworkTotalsAreColumnSums) {
  const std::uint32_t n = 80;
  const Graph g = digraph(n, random_arcs(n, 0.08, 7));
  const BrokerageResult r = brokerage(g, random_groups(n, 4, 8));
  Row sums{};
  for (std::uint32_t v = 0; v < n; ++v) {
    double t = 0.0;
    for (int role = 0; role < kTotal; ++role)
      t += r.raw[v][static_cast<std::size_t>(role)];
    EXPECT_EQ(r.raw[v][kTotal], t);
    for (std::size_t role = 0; role < kBrokerageRoles; ++role)
      sums[role] += r.raw[v][role];
  }
  EXPECT_EQ(sums, r.raw_total);
  EXPECT_GT(r.raw_total[kTotal], 0.0);
}

TEST(GouldFernandez, ThreadCountDoesNotChangeTheResult) {
  const std::uint32_t n = 700;  // several chunks per worker
  const Graph g = digraph(n, random_arcs(n, 0.02, 99));
  const Groups cl = random_groups(n, 3, 5);
  const BrokerageResult one = brokerage(g, cl, {.threads = 1, .control = nullptr});
  const BrokerageResult two = brokerage(g, cl, {.threads = 2, .control = nullptr});
  const BrokerageResult five = brokerage(g, cl, {.threads = 5, .control = nullptr});
  EXPECT_EQ(one.raw, two.raw);
  EXPECT_EQ(one.raw, five.raw);
  EXPECT_EQ(one.raw_total, two.raw_total);
  EXPECT_GT(one.raw_total[kTotal], 0.0);
}

TEST(GouldFernandez, RelabellingActorsPermutesTheResult) {
  const std::uint32_t n = 40;
  const Arcs arcs = random_arcs(n, 0.1, 3);
  const Groups cl = random_groups(n, 3, 4);
  std::vector<std::uint32_t> perm(n);
  for (std::uint32_t v = 0; v < n; ++v)
    perm[v] = (v * 17 + 5) % n;  // 17 coprime to 40
  Arcs moved;
  for (const auto& [u, v] : arcs)
    moved.emplace_back(perm[u], perm[v]);
  Groups moved_cl(n);
  for (std::uint32_t v = 0; v < n; ++v)
    moved_cl[perm[v]] = cl[v];
  const BrokerageResult a = brokerage(digraph(n, arcs), cl);
  const BrokerageResult b = brokerage(digraph(n, moved), moved_cl);
  for (std::uint32_t v = 0; v < n; ++v) {
    EXPECT_EQ(a.raw[v], b.raw[perm[v]]);
    EXPECT_EQ(a.z[v][kTotal], b.z[perm[v]][kTotal]);
  }
}

TEST(GouldFernandez, GroupLabelsAreArbitrary) {
  const std::uint32_t n = 30;
  const Graph g = digraph(n, random_arcs(n, 0.1, 11));
  Groups small = random_groups(n, 3, 12);
  Groups big(n);
  for (std::uint32_t v = 0; v < n; ++v)
    big[v] = small[v] == 0 ? 70U : small[v] == 1 ? 4U : 1000U;
  const BrokerageResult a = brokerage(g, small);
  const BrokerageResult b = brokerage(g, big);
  EXPECT_EQ(a.raw, b.raw);
  for (std::uint32_t v = 0; v < n; ++v) {
    for (std::size_t role = 0; role < kBrokerageRoles; ++role) {
      if (std::isnan(a.z[v][role])) {
        EXPECT_TRUE(std::isnan(b.z[v][role]));
      } else {
        EXPECT_DOUBLE_EQ(a.z[v][role], b.z[v][role]);
      }
    }
  }
}

// ---- degenerate inputs -------------------------------------------------------------------

TEST(GouldFernandez, EmptyGraph) {
  const BrokerageResult r = brokerage(Graph{}, {});
  EXPECT_TRUE(r.raw.empty());
  EXPECT_TRUE(r.z.empty());
  EXPECT_EQ(r.raw_total[kTotal], 0.0);
  EXPECT_TRUE(is_undefined(r.z_total[kTotal]));
}

TEST(GouldFernandez, OneActorHasUndefinedNullModel) {
  // sna: d = m / (N (N - 1)) = 0/0 -> NaN everywhere in the null model.
  const BrokerageResult r = brokerage(digraph(1, {}), {0});
  EXPECT_EQ(r.raw[0][kTotal], 0.0);
  EXPECT_TRUE(is_undefined(r.expected[0][kTotal]));
  EXPECT_TRUE(is_undefined(r.z[0][kTotal]));
  EXPECT_TRUE(is_undefined(r.z_total[kTotal]));
}

TEST(GouldFernandez, IsolatesOnlyGiveZeroExpectationAndUndefinedZ) {
  // No arcs: d = 0, E = 0, sd = 0 -> z = 0/0 (NaN in sna).
  const BrokerageResult r = brokerage(digraph(4, {}), {0, 0, 1, 1});
  for (std::uint32_t v = 0; v < 4; ++v) {
    EXPECT_EQ(r.raw[v][kTotal], 0.0);
    EXPECT_EQ(r.expected[v][kTotal], 0.0);
    EXPECT_EQ(r.sd[v][kTotal], 0.0);
    EXPECT_TRUE(is_undefined(r.z[v][kTotal]));
  }
}

TEST(GouldFernandez, OneGroupIsAllCoordinator) {
  const std::uint32_t n = 25;
  const Graph g = digraph(n, random_arcs(n, 0.15, 21));
  const BrokerageResult r = brokerage(g, Groups(n, 3));
  EXPECT_GT(r.raw_total[kCoordinator], 0.0);
  EXPECT_EQ(r.raw_total[kCoordinator], r.raw_total[kTotal]);
  // Between-group roles have E = 0 and sd = 0 with a single group: undefined z.
  EXPECT_EQ(r.expected[0][kLiaison], 0.0);
  EXPECT_TRUE(is_undefined(r.z[0][kLiaison]));
  EXPECT_TRUE(is_undefined(r.z_total[kLiaison]));
}

TEST(GouldFernandez, LoopsAndMultiTiesAreIgnored) {
  // 0 -> 1 three times, a loop at 1, 1 -> 2: the view merges them, so one 2-path.
  const Arcs arcs{{0, 1}, {0, 1}, {0, 1}, {1, 1}, {1, 2}};
  const BrokerageResult r = brokerage(digraph(3, arcs), {0, 1, 0});
  EXPECT_EQ(r.raw[1][kItinerant], 1.0);
  EXPECT_EQ(r.raw_total[kTotal], 1.0);
}

TEST(GouldFernandez, SinksAndDisconnectedPartsAreFine) {
  // 0 -> 1 -> 2 (2 a sink), separate component 3 -> 4 -> 5, isolate 6.
  const BrokerageResult r =
      brokerage(digraph(7, {{0, 1}, {1, 2}, {3, 4}, {4, 5}}), {0, 0, 0, 1, 2, 1, 0});
  EXPECT_EQ(r.raw[1][kCoordinator], 1.0);
  EXPECT_EQ(r.raw[4][kItinerant], 1.0);
  EXPECT_EQ(r.raw[2][kTotal], 0.0);
  EXPECT_EQ(r.raw[6][kTotal], 0.0);
}

TEST(GouldFernandez, WrongGroupVectorSizeThrows) {
  EXPECT_THROW(brokerage(digraph(3, {{0, 1}}), {0, 1}), std::invalid_argument);
}

TEST(GouldFernandez, CancelledRunThrows) {
  std::atomic<bool> cancel{true};
  const RunControl control(nullptr, &cancel);
  const Graph g = digraph(200, random_arcs(200, 0.05, 1));
  EXPECT_THROW(brokerage(g, random_groups(200, 3, 2), {.threads = 2, .control = &control}),
               Cancelled);
}

TEST(GouldFernandez, ReportsProgressUpToOne) {
  std::atomic<int> calls{0};
  std::atomic<bool> reached_end{false};
  const RunControl control(
      [&](const std::string&, double f) {
        ++calls;
        if (f == 1.0) reached_end = true;
      },
      nullptr);
  const Graph g = digraph(300, random_arcs(300, 0.03, 4));
  brokerage(g, random_groups(300, 3, 2), {.threads = 2, .control = &control});
  EXPECT_GT(calls.load(), 0);
  EXPECT_TRUE(reached_end.load());
}

}  // namespace
}  // namespace kn
