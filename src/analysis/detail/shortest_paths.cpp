#include "analysis/detail/shortest_paths.hpp"

#include <algorithm>

namespace kn::detail {

OwnedCsr in_csr(const Graph& g, bool weighted) {
  OwnedCsr c;
  c.off.reserve(g.n() + 1U);
  c.off.push_back(0);
  c.adj.reserve(g.arc_count());
  if (weighted) c.w.reserve(g.arc_count());
  for (std::uint32_t v = 0; v < g.n(); ++v) {
    const auto nb = g.in(v);
    c.adj.insert(c.adj.end(), nb.begin(), nb.end());
    if (weighted) {
      const auto w = g.in_weights(v);
      c.w.insert(c.w.end(), w.begin(), w.end());
    }
    c.off.push_back(static_cast<std::uint32_t>(c.adj.size()));
  }
  return c;
}

OwnedCsr all_csr(const Graph& g, bool weighted) {
  OwnedCsr c;
  c.off.reserve(g.n() + 1U);
  c.off.push_back(0);
  for (std::uint32_t v = 0; v < g.n(); ++v) {
    const auto o = g.out(v);
    const auto i = g.in(v);
    const auto ow = g.out_weights(v);
    const auto iw = g.in_weights(v);
    std::size_t a = 0, b = 0;
    // Merge the two sorted lists.
    while (a < o.size() || b < i.size()) {
      if (b == i.size() || (a < o.size() && o[a] < i[b])) {
        c.adj.push_back(o[a]);
        if (weighted) c.w.push_back(ow[a]);
        ++a;
      } else if (a == o.size() || i[b] < o[a]) {
        c.adj.push_back(i[b]);
        if (weighted) c.w.push_back(iw[b]);
        ++b;
      } else {
        c.adj.push_back(o[a]);
        if (weighted) c.w.push_back(std::min(ow[a], iw[b]));
        ++a;
        ++b;
      }
    }
    c.off.push_back(static_cast<std::uint32_t>(c.adj.size()));
  }
  return c;
}

void require_positive_weights(const Graph& g, const char* measure) {
  if (!g.weighted()) {
    throw std::invalid_argument(std::string(measure) +
                                ": weighted computation requested on an unweighted graph");
  }
  for (double w : g.out_weight_array()) {
    if (!(w > 0.0) || !std::isfinite(w)) {
      throw std::invalid_argument(std::string(measure) +
                                  ": weights are distances and must be finite and > 0");
    }
  }
}

}  // namespace kn::detail
