// Discrete core-periphery model (see core_periphery.hpp).

#include "analysis/cohesion/core_periphery.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>

#include "analysis/cohesion/coreness.hpp"

namespace kn {

namespace {

struct Counts {
  double c = 0, p = 0;    // actors in core / periphery
  double t1 = 0, t0 = 0;  // ties within core / within periphery
};

double fit(const Counts& k) {
  const double n1 = k.c * (k.c - 1) / 2, n0 = k.p * (k.p - 1) / 2, n = n1 + n0;
  if (n <= 0) return kUndefined;
  const double md = n1 / n, ma = (k.t1 + k.t0) / n;
  const double var = md * (1 - md) * ma * (1 - ma);
  if (!(var > 0)) return kUndefined;
  return (k.t1 / n - md * ma) / std::sqrt(var);
}

/// Fit as a number to maximise: undefined partitions rank below every defined one.
double objective(const Counts& k) {
  const double r = fit(k);
  return std::isnan(r) ? -2.0 : r;
}

struct State {
  const Graph* g = nullptr;
  std::vector<std::uint8_t> core;
  std::vector<std::uint32_t> core_neighbours;  // per actor: neighbours in the core
  Counts counts;

  void init(const Graph& graph, std::vector<std::uint8_t> partition) {
    g = &graph;
    core = std::move(partition);
    const std::uint32_t n = g->n();
    core_neighbours.assign(n, 0);
    counts = {};
    for (std::uint32_t v = 0; v < n; ++v) {
      (core[v] ? counts.c : counts.p) += 1;
      for (const auto u : g->out(v)) {
        if (core[u]) ++core_neighbours[v];
        if (u > v && core[u] == core[v]) (core[v] ? counts.t1 : counts.t0) += 1;
      }
    }
  }
  /// Counts after moving v to the other side.
  [[nodiscard]] Counts moved(std::uint32_t v) const {
    Counts k = counts;
    const double in_core = core_neighbours[v];
    const double in_periphery = static_cast<double>(g->out_degree(v)) - in_core;
    if (core[v]) {
      k.c -= 1;
      k.p += 1;
      k.t1 -= in_core;
      k.t0 += in_periphery;
    } else {
      k.c += 1;
      k.p -= 1;
      k.t1 += in_core;
      k.t0 -= in_periphery;
    }
    return k;
  }
  void apply(std::uint32_t v) {
    counts = moved(v);
    core[v] = core[v] ? 0 : 1;
    for (const auto u : g->out(v))
      core_neighbours[u] = core[v] ? core_neighbours[u] + 1 : core_neighbours[u] - 1;
  }
};

CorePeripheryResult describe(const Graph& s, const std::vector<std::uint8_t>& core) {
  State st;
  st.init(s, core);
  CorePeripheryResult r;
  r.core = st.core;
  r.core_size = static_cast<std::uint32_t>(st.counts.c);
  r.correlation = fit(st.counts);
  const double n1 = st.counts.c * (st.counts.c - 1) / 2, n0 = st.counts.p * (st.counts.p - 1) / 2;
  const double between = static_cast<double>(s.edge_count()) - st.counts.t1 - st.counts.t0;
  if (n1 > 0) r.core_density = st.counts.t1 / n1;
  if (n0 > 0) r.periphery_density = st.counts.t0 / n0;
  if (st.counts.c > 0 && st.counts.p > 0) r.between_density = between / (st.counts.c * st.counts.p);
  return r;
}

Graph simple_of(const Graph& g) {
  return g.directed() ? g.symmetrised() : g;
}

}  // namespace

CorePeripheryResult core_periphery_fit(const Graph& g, const std::vector<std::uint8_t>& core) {
  if (core.size() != g.n())
    throw std::invalid_argument("core_periphery_fit: one entry per actor expected");
  return describe(simple_of(g), core);
}

CorePeripheryResult core_periphery(const Graph& g, const CorePeripheryOptions& o) {
  if (o.restarts == 0) throw std::invalid_argument("core_periphery: restarts must be at least 1");
  const Graph s = simple_of(g);
  const std::uint32_t n = s.n();
  std::mt19937_64 rng(o.seed);
  std::vector<std::uint8_t> best;
  double best_value = -3.0;
  const auto k = coreness(s).coreness;
  const double top = k.empty() ? 0.0 : *std::max_element(k.begin(), k.end());
  for (std::uint32_t restart = 0; restart < o.restarts; ++restart) {
    if (o.control != nullptr) o.control->check();
    std::vector<std::uint8_t> start(n, 0);
    for (std::uint32_t v = 0; v < n; ++v)
      start[v] = restart == 0 ? (k[v] == top && top > 0 ? 1 : 0) : ((rng() >> 63U) != 0 ? 1 : 0);
    State st;
    st.init(s, std::move(start));
    while (true) {
      double value = objective(st.counts);
      std::uint32_t pick = n;
      for (std::uint32_t v = 0; v < n; ++v) {
        const double candidate = objective(st.moved(v));
        if (candidate > value + 1e-12) {
          value = candidate;
          pick = v;
        }
      }
      if (pick == n) break;
      st.apply(pick);
    }
    const double value = objective(st.counts);
    if (value > best_value + 1e-12 || (value >= best_value - 1e-12 && st.core < best)) {
      best_value = value;
      best = st.core;
    }
    if (o.control != nullptr)
      o.control->step("core-periphery", static_cast<double>(restart + 1) / o.restarts);
  }
  CorePeripheryResult r = describe(s, best);
  r.seed = o.seed;
  return r;
}

}  // namespace kn
