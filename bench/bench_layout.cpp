// Google Benchmark cases of issue 4: force_layout (automatic iterations, KN_BENCH_THREADS
// threads, default 2) and layout_quality on the seeded generated graphs of bench/graph_gen.hpp
// (n=300/2k arcs, n=5k/50k, n=20k/200k; direction ignored).
//
//   build/bench/bench/kn_bench --benchmark_filter=Layout
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <string>

#include "analysis/layout/force_layout.hpp"
#include "analysis/layout/layout_quality.hpp"
#include "bench/graph_gen.hpp"

namespace {

using kn::bench::GraphSize;
constexpr GraphSize kLayoutLarge{"n20k_m200k", 20000, 200000};

unsigned layout_threads() {
  const char* env = std::getenv("KN_BENCH_THREADS");
  if (env == nullptr || *env == '\0') return 2;
  return static_cast<unsigned>(std::strtoul(env, nullptr, 10));
}

const kn::Graph& layout_graph(const GraphSize& size) {
  static std::map<std::string, std::unique_ptr<kn::Graph>> cache;
  auto& slot = cache[size.name];
  if (!slot) {
    const auto gen = kn::bench::generate_graph(size.n, size.arcs);
    slot = std::make_unique<kn::Graph>(kn::Graph::from_arcs(gen.n, false, gen.arcs));
  }
  return *slot;
}

void force_layout_case(benchmark::State& state, const GraphSize& size) {
  const kn::Graph& g = layout_graph(size);
  kn::ForceLayoutOptions o;
  o.threads = layout_threads();
  std::uint32_t iterations = 0;
  for (auto _ : state) {
    const auto r = kn::force_layout(g, o);
    iterations = r.iterations;
    benchmark::DoNotOptimize(r.x.data());
  }
  state.counters["iterations"] = iterations;
}

void layout_quality_case(benchmark::State& state, const GraphSize& size) {
  const kn::Graph& g = layout_graph(size);
  kn::ForceLayoutOptions o;
  o.threads = layout_threads();
  const auto r = kn::force_layout(g, o);
  kn::LayoutQualityOptions q;
  q.threads = o.threads;
  for (auto _ : state) {
    const auto quality = kn::layout_quality(g, r.x, r.y, q);
    benchmark::DoNotOptimize(quality.stress);
  }
}

}  // namespace

BENCHMARK_CAPTURE(force_layout_case, n300_m2k, kn::bench::kSmall)
    ->Name("Layout/force_layout/n300_m2k")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(force_layout_case, n5k_m50k, kn::bench::kMedium)
    ->Name("Layout/force_layout/n5k_m50k")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(force_layout_case, n20k_m200k, kLayoutLarge)
    ->Name("Layout/force_layout/n20k_m200k")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(layout_quality_case, n5k_m50k, kn::bench::kMedium)
    ->Name("Layout/layout_quality/n5k_m50k")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
