#include "analysis/brokerage/gould_fernandez.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "analysis/detail/parallel_chunks.hpp"

namespace kn {

namespace {

using Row = std::array<double, kBrokerageRoles>;

/// R's choose(x, 2) for the integral x that occur here: x (x - 1) / 2 (0 for x in {0, 1}).
double choose2(double x) {
  return x * (x - 1.0) / 2.0;
}

/// Raw counts (sna src/gli.c brokerage_R). Parallel over the *source* i of the 2-path i->j->k:
/// out(i) is marked once per source, so the i->k test is O(1) and every source costs
/// out(i) + sum_{j in out(i)} out(j). Each worker accumulates into its own count array (integer
/// counts, so the result does not depend on the thread count).
std::vector<std::uint64_t> count_roles(const Graph& g, const std::vector<std::uint32_t>& cls,
                                       const BrokerageOptions& options) {
  const std::uint32_t n = g.n();
  constexpr std::size_t kRoles = kBrokerageRoles - 1;
  constexpr std::size_t kChunk = 64;
  const unsigned workers = detail::parallel_workers(n, options.threads, kChunk);
  std::vector<std::vector<std::uint64_t>> counts(workers);
  std::vector<std::vector<std::uint32_t>> marks(workers);

  detail::parallel_chunks(
      n, options.threads, kChunk, options.control, "brokerage",
      [&](unsigned worker, std::size_t begin, std::size_t end) {
        auto& count = counts[worker];
        auto& mark = marks[worker];
        if (count.empty()) {
          count.assign(static_cast<std::size_t>(n) * kRoles, 0);
          mark.assign(n, 0);
        }
        for (std::size_t s = begin; s < end; ++s) {
          const auto i = static_cast<std::uint32_t>(s);
          const std::uint32_t stamp = i + 1;  // unique per source: no reset needed
          const auto out_i = g.out(i);
          for (const std::uint32_t k : out_i)
            mark[k] = stamp;
          const std::uint32_t ci = cls[i];
          for (const std::uint32_t j : out_i) {
            const std::uint32_t cj = cls[j];
            std::uint64_t* broker = count.data() + static_cast<std::size_t>(j) * kRoles;
            for (const std::uint32_t k : g.out(j)) {
              if (k == i || mark[k] == stamp) continue;  // k == j impossible: no loops
              const std::uint32_t ck = cls[k];
              if (cj == ci) {
                ++broker[cj == ck ? kCoordinator : kRepresentative];
              } else if (cj == ck) {
                ++broker[kGatekeeper];
              } else if (ci == ck) {
                ++broker[kItinerant];
              } else {
                ++broker[kLiaison];
              }
            }
          }
        }
      });

  std::vector<std::uint64_t> total(static_cast<std::size_t>(n) * kRoles, 0);
  for (const auto& count : counts) {
    if (count.empty()) continue;
    for (std::size_t x = 0; x < total.size(); ++x)
      total[x] += count[x];
  }
  return total;
}

}  // namespace

BrokerageResult brokerage(const Graph& g, const std::vector<std::uint32_t>& group,
                          const BrokerageOptions& options) {
  const std::uint32_t n_actors = g.n();
  if (group.size() != n_actors) {
    throw std::invalid_argument("brokerage: group vector has " + std::to_string(group.size()) +
                                " entries for " + std::to_string(n_actors) + " actors");
  }
  // Compact class ids (sna: icl <- match(cl, unique(cl))) and class sizes n_g.
  std::vector<std::uint32_t> labels(group);
  std::sort(labels.begin(), labels.end());
  labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
  std::vector<std::uint32_t> cls(n_actors);
  for (std::uint32_t v = 0; v < n_actors; ++v) {
    cls[v] = static_cast<std::uint32_t>(std::lower_bound(labels.begin(), labels.end(), group[v]) -
                                        labels.begin());
  }
  const std::size_t n_groups = labels.size();
  std::vector<double> n(n_groups, 0.0);
  for (const std::uint32_t c : cls)
    n[c] += 1.0;

  BrokerageResult result;
  result.raw.assign(n_actors, Row{});
  result.expected.assign(n_actors, Row{});
  result.sd.assign(n_actors, Row{});
  result.z.assign(n_actors, Row{});
  result.raw_total.fill(0.0);
  result.expected_total.fill(kUndefined);
  result.sd_total.fill(kUndefined);
  result.z_total.fill(kUndefined);

  const std::vector<std::uint64_t> counts = count_roles(g, cls, options);
  for (std::uint32_t v = 0; v < n_actors; ++v) {
    Row& row = result.raw[v];
    double t = 0.0;
    for (int r = 0; r < kTotal; ++r) {
      const auto idx =
          static_cast<std::size_t>(v) * (kBrokerageRoles - 1) + static_cast<std::size_t>(r);
      row[static_cast<std::size_t>(r)] = static_cast<double>(counts[idx]);
      t += row[static_cast<std::size_t>(r)];
    }
    row[kTotal] = t;
    for (std::size_t r = 0; r < kBrokerageRoles; ++r)
      result.raw_total[r] += row[r];
  }
  if (n_actors == 0) return result;

  // ---- null model, ported line by line from sna R/models.R brokerage() (sna 2.7-1) ----------
  const auto N = static_cast<double>(n_actors);  // NOLINT(readability-identifier-naming): sna's N
  const auto m = static_cast<double>(g.arc_count());
  const double d = m / (N * (N - 1.0));  // NaN for N = 1, as in R
  const double dd = d * d * (1.0 - d);   // d^2 (1 - d)
  const double d3 = std::pow(d, 3.0) * std::pow(1.0 - d, 3.0);
  const double d4 = std::pow(d, 4.0) * std::pow(1.0 - d, 2.0);
  const double d5 = std::pow(d, 5.0) * (1.0 - d);

  std::vector<Row> ebr(n_groups), vbr(n_groups);
  for (std::size_t i = 0; i < n_groups; ++i) {
    const double ni = n[i];
    double s_nn1 = 0.0, s_nn1n2 = 0.0, s_other = 0.0, s_other_sq = 0.0, s_liaison_k = 0.0;
    for (std::size_t h = 0; h < n_groups; ++h) {
      if (h == i) continue;
      const double nh = n[h];
      s_nn1 += nh * (nh - 1.0);
      s_nn1n2 += nh * (nh - 1.0) * (nh - 2.0);
      s_other += nh;
      s_other_sq += nh * nh;
      s_liaison_k += nh * choose2(N - nh - ni);
    }
    Row& e = ebr[i];
    Row& var = vbr[i];
    e[kCoordinator] = dd * (ni - 1.0) * (ni - 2.0);
    var[kCoordinator] =
        e[kCoordinator] * (1.0 - dd) + 2.0 * (ni - 1.0) * (ni - 2.0) * (ni - 3.0) * d3;
    e[kItinerant] = dd * s_nn1;
    var[kItinerant] = e[kItinerant] * (1.0 - dd) + 2.0 * s_nn1n2 * d3;
    e[kRepresentative] = dd * (N - ni) * (ni - 1.0);
    var[kRepresentative] = e[kRepresentative] * (1.0 - dd) +
                           2.0 * ((ni - 1.0) * choose2(N - ni) + (N - ni) * choose2(ni - 1.0)) * d3;
    e[kGatekeeper] = e[kRepresentative];
    var[kGatekeeper] = var[kRepresentative];
    // sum(n[-i] %o% n[-i]) = (sum n[-i])^2
    e[kLiaison] = dd * (s_other * s_other - s_other_sq);
    var[kLiaison] = e[kLiaison] * (1.0 - dd) + 4.0 * s_liaison_k * d3;
    e[kTotal] = dd * (N - 1.0) * (N - 2.0);
    var[kTotal] = e[kTotal] * (1.0 - dd) + 2.0 * (N - 1.0) * (N - 2.0) * (N - 3.0) * d3;
  }
  for (std::uint32_t v = 0; v < n_actors; ++v) {
    for (std::size_t r = 0; r < kBrokerageRoles; ++r) {
      const double e = ebr[cls[v]][r];
      const double s = std::sqrt(vbr[cls[v]][r]);
      result.expected[v][r] = e;
      result.sd[v][r] = s;
      result.z[v][r] = s > 0.0 ? (result.raw[v][r] - e) / s : kUndefined;
    }
  }

  // Network totals.
  Row eg{}, vg{};
  {
    double s_w_i = 0.0, v_w_i = 0.0, s_w_o = 0.0, s_b = 0.0, v_b = 0.0, sq_b_o = 0.0;
    double outer_w_o = 0.0, diag_w_o = 0.0, outer_b_o = 0.0;
    for (std::size_t g1 = 0; g1 < n_groups; ++g1) {
      const double x = n[g1];
      s_w_i += x * (x - 1.0) * (x - 2.0);
      v_w_i += x * (x - 1.0) * (x - 2.0) *
               (((4.0 * x - 10.0) * d3) - (4.0 * (x - 3.0) * d4) + ((x - 3.0) * d5));
      s_w_o += x * (N - x) * (x - 1.0);
      v_b += x * (N - x) * (x - 1.0) * (((N - 3.0) * d3) + ((x - 2.0) * d5));
      diag_w_o += x * x * (x - 1.0) * (((4.0 * x - 6.0) * d3) + ((N - x - 1.0) * d5));
      sq_b_o += x * x * (N - 2.0 * x);
      for (std::size_t g2 = 0; g2 < n_groups; ++g2) {
        const double y = n[g2];
        outer_w_o += x * y * (x - 1.0) * (((2.0 * x + 2.0 * y - 6.0) * d3) + ((N - x - 1.0) * d5));
        outer_b_o += x * y * (N - x - y);
      }
    }
    s_b = s_w_o;
    eg[kCoordinator] = dd * s_w_i;
    vg[kCoordinator] = eg[kCoordinator] * (1.0 - dd) + v_w_i;
    eg[kItinerant] = dd * s_w_o;
    vg[kItinerant] = eg[kItinerant] * (1.0 - dd) + (outer_w_o - diag_w_o);
    eg[kRepresentative] = dd * s_b;
    vg[kRepresentative] = eg[kRepresentative] * (1.0 - dd) + v_b;
    eg[kGatekeeper] = eg[kRepresentative];
    vg[kGatekeeper] = vg[kRepresentative];
    eg[kLiaison] = dd * (outer_b_o - sq_b_o);
    vg[kLiaison] = eg[kLiaison] * (1.0 - dd);
    for (std::size_t i = 0; i < n_groups; ++i) {
      for (std::size_t j = 0; j < n_groups; ++j) {
        for (std::size_t k = 0; k < n_groups; ++k) {
          if (i == j || j == k || i == k) continue;
          vg[kLiaison] += n[i] * n[j] * n[k] *
                          ((4.0 * (N - n[j]) - 2.0 * (n[i] + n[k] + 1.0)) * d3 -
                           (4.0 * (N - n[k]) - 2.0 * (n[i] + n[j] + 1.0)) * d4 +
                           (N - (n[i] + n[k] + 1.0)) * d5);
        }
      }
    }
    eg[kTotal] = dd * N * (N - 1.0) * (N - 2.0);
    vg[kTotal] = eg[kTotal] * (1.0 - dd) +
                 N * (N - 1.0) * (N - 2.0) *
                     (((4.0 * N - 10.0) * d3) - (4.0 * (N - 3.0) * d4) + ((N - 3.0) * d5));
  }
  for (std::size_t r = 0; r < kBrokerageRoles; ++r) {
    result.expected_total[r] = eg[r];
    result.sd_total[r] = std::sqrt(vg[r]);
    result.z_total[r] =
        result.sd_total[r] > 0.0 ? (result.raw_total[r] - eg[r]) / result.sd_total[r] : kUndefined;
  }
  return result;
}

}  // namespace kn
