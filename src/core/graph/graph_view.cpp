#include "core/graph/graph_view.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace kn {

namespace {

// Builds one CSR side from (row, col, weight) triples by counting sort on the row, then sorts
// each row by column and merges duplicates (summing weights).
struct CsrSide {
  std::vector<std::uint32_t> off, adj;
  std::vector<double> w;
  std::size_t merged = 0;
};

CsrSide build_side(std::size_t n, const std::vector<std::uint32_t>& rows,
                   const std::vector<std::uint32_t>& cols, const std::vector<double>& weights) {
  CsrSide side;
  const bool weighted = !weights.empty();
  side.off.assign(n + 1, 0);
  for (auto r : rows)
    ++side.off[r + 1];
  std::partial_sum(side.off.begin(), side.off.end(), side.off.begin());
  std::vector<std::uint32_t> pos(side.off.begin(), side.off.end() - 1);
  side.adj.resize(rows.size());
  if (weighted) side.w.resize(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto p = pos[rows[i]]++;
    side.adj[p] = cols[i];
    if (weighted) side.w[p] = weights[i];
  }
  // Sort each row and merge duplicates in place.
  std::vector<std::uint32_t> new_off(n + 1, 0);
  std::size_t write = 0;
  std::vector<std::pair<std::uint32_t, double>> buf;
  for (std::size_t v = 0; v < n; ++v) {
    const std::size_t b = side.off[v], e = side.off[v + 1];
    new_off[v] = static_cast<std::uint32_t>(write);
    if (weighted) {
      buf.clear();
      for (std::size_t i = b; i < e; ++i)
        buf.emplace_back(side.adj[i], side.w[i]);
      std::sort(buf.begin(), buf.end(),
                [](const auto& x, const auto& y) { return x.first < y.first; });
      for (std::size_t i = 0; i < buf.size(); ++i) {
        if (write > new_off[v] && side.adj[write - 1] == buf[i].first) {
          side.w[write - 1] += buf[i].second;
          ++side.merged;
        } else {
          side.adj[write] = buf[i].first;
          side.w[write] = buf[i].second;
          ++write;
        }
      }
    } else {
      std::sort(side.adj.begin() + static_cast<std::ptrdiff_t>(b),
                side.adj.begin() + static_cast<std::ptrdiff_t>(e));
      for (std::size_t i = b; i < e; ++i) {
        if (write > new_off[v] && side.adj[write - 1] == side.adj[i]) {
          ++side.merged;
        } else {
          side.adj[write++] = side.adj[i];
        }
      }
    }
  }
  new_off[n] = static_cast<std::uint32_t>(write);
  side.adj.resize(write);
  side.adj.shrink_to_fit();
  if (weighted) {
    side.w.resize(write);
    side.w.shrink_to_fit();
  }
  side.off = std::move(new_off);
  return side;
}

}  // namespace

Graph Graph::from_arcs(std::size_t n, bool directed,
                       std::span<const std::pair<std::uint32_t, std::uint32_t>> arcs,
                       std::span<const double> weights) {
  if (!weights.empty() && weights.size() != arcs.size()) {
    throw std::invalid_argument("Graph::from_arcs: weights and arcs differ in length");
  }
  if (n > 0xFFFFFFFEu) throw std::length_error("Graph: too many actors");
  Graph g;
  g.n_ = static_cast<std::uint32_t>(n);
  g.directed_ = directed;
  const bool weighted = !weights.empty();
  std::vector<std::uint32_t> rows, cols;
  std::vector<double> w;
  const std::size_t factor = directed ? 1 : 2;
  rows.reserve(arcs.size() * factor);
  cols.reserve(arcs.size() * factor);
  if (weighted) w.reserve(arcs.size() * factor);
  for (std::size_t i = 0; i < arcs.size(); ++i) {
    const auto [s, t] = arcs[i];
    if (s >= n || t >= n) throw std::out_of_range("Graph::from_arcs: arc endpoint out of range");
    if (s == t) {
      ++g.loops_dropped_;
      continue;
    }
    rows.push_back(s);
    cols.push_back(t);
    if (weighted) w.push_back(weights[i]);
    if (!directed) {
      rows.push_back(t);
      cols.push_back(s);
      if (weighted) w.push_back(weights[i]);
    }
  }
  CsrSide out = build_side(n, rows, cols, w);
  g.multi_merged_ = directed ? out.merged : out.merged / 2;
  // The in-side is the transpose of the merged out-side.
  rows.clear();
  cols.clear();
  w.clear();
  for (std::uint32_t v = 0; v < n; ++v) {
    for (std::uint32_t i = out.off[v]; i < out.off[v + 1]; ++i) {
      rows.push_back(out.adj[i]);
      cols.push_back(v);
      if (weighted) w.push_back(out.w[i]);
    }
  }
  CsrSide in = build_side(n, rows, cols, w);
  g.out_off_ = std::move(out.off);
  g.out_adj_ = std::move(out.adj);
  g.out_w_ = std::move(out.w);
  g.in_off_ = std::move(in.off);
  g.in_adj_ = std::move(in.adj);
  g.in_w_ = std::move(in.w);
  return g;
}

std::span<const double> Graph::out_weights(std::uint32_t v) const {
  if (out_w_.empty()) return {};
  return {out_w_.data() + out_off_[v], out_w_.data() + out_off_[v + 1]};
}

std::span<const double> Graph::in_weights(std::uint32_t v) const {
  if (in_w_.empty()) return {};
  return {in_w_.data() + in_off_[v], in_w_.data() + in_off_[v + 1]};
}

bool Graph::has_arc(std::uint32_t u, std::uint32_t v) const {
  auto row = out(u);
  return std::binary_search(row.begin(), row.end(), v);
}

std::optional<double> Graph::arc_weight(std::uint32_t u, std::uint32_t v) const {
  auto row = out(u);
  auto it = std::lower_bound(row.begin(), row.end(), v);
  if (it == row.end() || *it != v) return std::nullopt;
  if (out_w_.empty()) return 1.0;
  return out_w_[out_off_[u] + static_cast<std::size_t>(it - row.begin())];
}

std::vector<std::uint32_t> Graph::neighbours(std::uint32_t v) const {
  auto o = out(v);
  auto i = in(v);
  std::vector<std::uint32_t> result;
  result.reserve(o.size() + i.size());
  std::set_union(o.begin(), o.end(), i.begin(), i.end(), std::back_inserter(result));
  return result;
}

Graph Graph::symmetrised() const {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> arcs;
  arcs.reserve(out_adj_.size());
  std::vector<double> w;
  for (std::uint32_t v = 0; v < n_; ++v) {
    for (std::uint32_t i = out_off_[v]; i < out_off_[v + 1]; ++i) {
      // One edge per unordered pair; a mutual pair's weights are summed (as R igraph
      // as.undirected(mode="collapse") does with its default edge.attr.comb for weights).
      const std::uint32_t u = out_adj_[i];
      const auto reverse = arc_weight(u, v);
      if (reverse && u < v) continue;
      arcs.emplace_back(v, u);
      if (!out_w_.empty()) w.push_back(out_w_[i] + (reverse ? *reverse : 0.0));
    }
  }
  return from_arcs(n_, false, arcs, w);
}

Graph make_view(const Network& network, const ViewOptions& options) {
  std::vector<char> relation_on(network.relations().size(), options.relations.empty() ? 1 : 0);
  for (const auto& name : options.relations) {
    auto r = network.find_relation(name);
    if (!r) throw std::invalid_argument("unknown relation '" + name + "'");
    relation_on[*r] = 1;
  }
  std::vector<char> wave_on(network.waves().size(), options.waves.empty() ? 1 : 0);
  for (const auto& name : options.waves) {
    auto w = network.find_wave(name);
    if (!w) throw std::invalid_argument("unknown wave '" + name + "'");
    wave_on[*w] = 1;
  }
  const AttrColumn* weight_col = nullptr;
  if (!options.weight.empty()) {
    weight_col = network.tie_attrs().find(options.weight);
    if (weight_col == nullptr) {
      throw std::invalid_argument("unknown tie attribute '" + options.weight + "' (--weight)");
    }
  }
  std::vector<std::pair<std::uint32_t, std::uint32_t>> arcs;
  std::vector<double> weights;
  arcs.reserve(network.tie_count());
  if (weight_col != nullptr) weights.reserve(network.tie_count());
  for (TieIndex t = 0; t < network.tie_count(); ++t) {
    if (!relation_on[network.tie_relation(t)] || !wave_on[network.tie_wave(t)]) continue;
    if (options.tie_filter && !options.tie_filter(t)) continue;
    arcs.emplace_back(network.tie_source(t), network.tie_target(t));
    if (weight_col != nullptr) {
      const Value& v = t < weight_col->values.size() ? weight_col->values[t] : Value{};
      auto number = as_number(v);
      if (!number) {
        throw std::invalid_argument("tie " + network.actor_id(network.tie_source(t)) + " -> " +
                                    network.actor_id(network.tie_target(t)) +
                                    ": weight attribute '" + options.weight +
                                    (is_missing(v) ? "' is missing" : "' is not a number"));
      }
      weights.push_back(*number);
    }
  }
  const bool directed = network.directed && !options.undirected;
  return Graph::from_arcs(network.actor_count(), directed, arcs, weights);
}

}  // namespace kn
