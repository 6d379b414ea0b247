// Google Benchmark cases of issue 2: every measure family through the library's
// (graph, options) -> result API, on the seeded generated graphs of bench/graph_gen.hpp
// (n=300/2k arcs, n=5k/50k, n=100k/1M), plus the whole analyze use case.
// The O(nm) measures (betweenness, closeness/harmonic, analyze with all measures, which includes
// diameter and mean distance) run on the two smaller sizes only.
//
//   build/bench/bench/kn_bench --benchmark_filter=n5k
//
// Threads: the multi-threaded measures take the `threads` argument below (default 2, the CI
// machine's cores); set KN_BENCH_THREADS to change it.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <string>

#include "analysis/brokerage/gould_fernandez.hpp"
#include "analysis/brokerage/structural_holes.hpp"
#include "analysis/centrality/betweenness.hpp"
#include "analysis/centrality/closeness.hpp"
#include "analysis/centrality/pagerank.hpp"
#include "analysis/cohesion/community.hpp"
#include "analysis/cohesion/components.hpp"
#include "analysis/cohesion/coreness.hpp"
#include "app/analyze.hpp"
#include "bench/graph_gen.hpp"

namespace {

using kn::bench::GraphSize;

unsigned bench_threads() {
  const char* env = std::getenv("KN_BENCH_THREADS");
  if (env == nullptr || *env == '\0') return 2;
  return static_cast<unsigned>(std::strtoul(env, nullptr, 10));
}

/// One generated graph per size, built once and shared by every case.
struct Fixture {
  kn::bench::GeneratedGraph generated;
  kn::Graph graph;
  std::unique_ptr<kn::Network> network;  // built lazily: only the analyze cases need it
};

Fixture& fixture(const GraphSize& size) {
  static std::map<std::string, std::unique_ptr<Fixture>> cache;
  auto& slot = cache[size.name];
  if (!slot) {
    slot = std::make_unique<Fixture>();
    slot->generated = kn::bench::generate_graph(size.n, size.arcs);
    slot->graph = kn::Graph::from_arcs(slot->generated.n, true, slot->generated.arcs);
  }
  return *slot;
}

/// prefix + number; appends instead of `"a" + std::to_string(v)`, which GCC 12 -O3 flags with
/// a false -Wrestrict.
std::string label(char prefix, std::uint32_t v) {
  std::string s(1, prefix);
  s.append(std::to_string(v));
  return s;
}

const kn::Network& network(const GraphSize& size) {
  Fixture& f = fixture(size);
  if (!f.network) {
    auto net = std::make_unique<kn::Network>();
    net->reserve(f.generated.n, f.generated.arcs.size());
    for (std::uint32_t v = 0; v < f.generated.n; ++v) {
      const kn::ActorIndex a = net->add_actor(label('a', v));
      net->set_actor_attr(a, "sector", label('s', f.generated.group[v]));
    }
    for (const auto& [s, t] : f.generated.arcs)
      net->add_tie(s, t);
    f.network = std::move(net);
  }
  return *f.network;
}

void set_counters(benchmark::State& state, const GraphSize& size) {
  state.counters["n"] = static_cast<double>(size.n);
  state.counters["arcs"] = static_cast<double>(size.arcs);
}

void BM_Betweenness(benchmark::State& state, GraphSize size) {
  const kn::Graph& g = fixture(size).graph;
  kn::BetweennessOptions o;
  o.threads = bench_threads();
  for (auto _ : state)
    benchmark::DoNotOptimize(kn::betweenness(g, o));
  set_counters(state, size);
}

// closeness() computes closeness and harmonic centrality in the same BFS sweep (one call).
void BM_ClosenessHarmonic(benchmark::State& state, GraphSize size) {
  const kn::Graph& g = fixture(size).graph;
  kn::ClosenessOptions o;
  o.threads = bench_threads();
  for (auto _ : state)
    benchmark::DoNotOptimize(kn::closeness(g, o));
  set_counters(state, size);
}

void BM_PageRank(benchmark::State& state, GraphSize size) {
  const kn::Graph& g = fixture(size).graph;
  for (auto _ : state)
    benchmark::DoNotOptimize(kn::pagerank(g, {}));
  set_counters(state, size);
}

void BM_Coreness(benchmark::State& state, GraphSize size) {
  const kn::Graph& g = fixture(size).graph;
  for (auto _ : state)
    benchmark::DoNotOptimize(kn::coreness(g, {}));
  set_counters(state, size);
}

void BM_Components(benchmark::State& state, GraphSize size) {
  const kn::Graph& g = fixture(size).graph;
  for (auto _ : state) {
    benchmark::DoNotOptimize(kn::components(g, {kn::ComponentMode::Weak}));
    benchmark::DoNotOptimize(kn::components(g, {kn::ComponentMode::Strong}));
  }
  set_counters(state, size);
}

void BM_Leiden(benchmark::State& state, GraphSize size) {
  const kn::Graph& g = fixture(size).graph;
  kn::CommunityOptions o;
  o.seed = 42;
  for (auto _ : state)
    benchmark::DoNotOptimize(kn::leiden(g, o));
  set_counters(state, size);
}

void BM_StructuralHoles(benchmark::State& state, GraphSize size) {
  const kn::Graph& g = fixture(size).graph;
  kn::StructuralHolesOptions o;
  o.threads = bench_threads();
  for (auto _ : state)
    benchmark::DoNotOptimize(kn::structural_holes(g, o));
  set_counters(state, size);
}

void BM_Brokerage(benchmark::State& state, GraphSize size) {
  Fixture& f = fixture(size);
  kn::BrokerageOptions o;
  o.threads = bench_threads();
  for (auto _ : state)
    benchmark::DoNotOptimize(kn::brokerage(f.graph, f.generated.group, o));
  set_counters(state, size);
}

/// The analyze use case on a Network (view selection, groups, every requested measure).
/// Empty `measures` = all measures, as `klimanetze analyze` without --measures.
void BM_Analyze(benchmark::State& state, GraphSize size, std::set<std::string> measures) {
  const kn::Network& net = network(size);
  kn::app::AnalyzeRequest request;
  request.measures = std::move(measures);
  request.threads = bench_threads();
  for (auto _ : state)
    benchmark::DoNotOptimize(kn::app::analyze(net, request));
  set_counters(state, size);
}

constexpr GraphSize kAll[] = {kn::bench::kSmall, kn::bench::kMedium, kn::bench::kLarge};
constexpr GraphSize kQuadratic[] = {kn::bench::kSmall, kn::bench::kMedium};

void register_all() {
  const auto reg = [](const std::string& name, const GraphSize& size, auto fn) {
    return benchmark::RegisterBenchmark((name + "/" + size.name).c_str(), fn, size)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  };
  for (const auto& size : kQuadratic) {
    reg("betweenness", size, BM_Betweenness);
    reg("closeness_harmonic", size, BM_ClosenessHarmonic);
  }
  for (const auto& size : kAll) {
    reg("pagerank", size, BM_PageRank);
    reg("coreness", size, BM_Coreness);
    reg("components_weak_strong", size, BM_Components);
    reg("leiden", size, BM_Leiden);
    reg("constraint_effective_size", size, BM_StructuralHoles);
    reg("brokerage", size, BM_Brokerage);
  }
  for (const auto& size : kQuadratic) {
    benchmark::RegisterBenchmark(
        (std::string("analyze_all/") + size.name).c_str(),
        [](benchmark::State& s, const GraphSize& z) { BM_Analyze(s, z, {}); }, size)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  }
  for (const auto& size : kAll) {
    benchmark::RegisterBenchmark(
        (std::string("analyze_pagerank_coreness_community/") + size.name).c_str(),
        [](benchmark::State& s, const GraphSize& z) {
          BM_Analyze(s, z, {"pagerank", "coreness", "community"});
        },
        size)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  }
}

const int kRegistered = (register_all(), 0);

}  // namespace
