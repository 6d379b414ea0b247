// Google Benchmark cases of issue 5: the whole city report — every analysis
// (report::build_report), the HTML with its inline SVG figures and the xlsx workbook — on the
// Musterstadt demo network with 300 and 5,000 organisations and a survey with 62 % respondents
// (so the reconstruction of non-respondents' ties runs too). Targets: 300 actors < 1 s,
// 5,000 actors < 30 s (docs/PERFORMANCE.md, "City report").
//
//   build/bench/bench/kn_bench --benchmark_filter=Report
#include <benchmark/benchmark.h>

#include <cstdint>
#include <map>
#include <memory>
#include <random>

#include "app/demo/musterstadt.hpp"
#include "report/report_html.hpp"
#include "report/report_model.hpp"
#include "report/report_xlsx.hpp"

namespace {

const kn::report::ReportInput& input(std::uint32_t actors) {
  static std::map<std::uint32_t, std::unique_ptr<kn::report::ReportInput>> cache;
  auto& slot = cache[actors];
  if (!slot) {
    slot = std::make_unique<kn::report::ReportInput>();
    kn::app::MusterstadtOptions o;
    o.actors = actors;
    slot->project = "Musterstadt";
    slot->network = kn::app::generate_musterstadt(o);
    std::mt19937_64 rng(7);
    const auto n = slot->network.actor_count();
    slot->invited.assign(n, true);
    slot->responded.resize(n);
    for (std::size_t i = 0; i < n; ++i)
      slot->responded[i] = rng() % 100 < 62;
  }
  return *slot;
}

void report_case(benchmark::State& state, std::uint32_t actors) {
  const auto& in = input(actors);
  kn::report::ReportOptions options;
  options.threads = 2;
  for (auto _ : state) {
    const auto model = kn::report::build_report(in, options);
    const auto html = kn::report::render_report_html(model);
    const auto book = kn::report::report_workbook(model, kn::app::Lang::De);
    benchmark::DoNotOptimize(html.data());
    benchmark::DoNotOptimize(book.sheets.data());
    state.counters["html_bytes"] = static_cast<double>(html.size());
  }
}

void analyses_case(benchmark::State& state, std::uint32_t actors) {
  const auto& in = input(actors);
  kn::report::ReportOptions options;
  options.threads = 2;
  for (auto _ : state) {
    const auto model = kn::report::build_report(in, options);
    benchmark::DoNotOptimize(model.map.actors.data());
  }
}

BENCHMARK_CAPTURE(report_case, n300, 300)->Name("Report/whole/n300")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(report_case, n5000, 5000)
    ->Name("Report/whole/n5000")
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2);
BENCHMARK_CAPTURE(analyses_case, n300, 300)
    ->Name("Report/analyses/n300")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(analyses_case, n5000, 5000)
    ->Name("Report/analyses/n5000")
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2);

}  // namespace
