#pragma once
// Immutable compressed-sparse-row (CSR) view of one selection of a Network: the only graph type
// the analysis layer sees.
//
// Conventions (documented in docs/model.md):
//   - The view is a *simple* graph: multi-ties between the same ordered pair (e.g. the same tie
//     in two selected relations) are merged into one arc whose weight is the sum of the merged
//     weights; loops are dropped and counted in `loops_dropped`.
//   - Directed view: arc i->j per tie. Undirected view (network undirected, or the option
//     `undirected`): every tie i-j is stored as the two arcs i->j and j->i, merged as above, so
//     out- and in-adjacency are identical and `edge_count()` = arcs / 2.
//   - Weights: present only when a weight attribute is selected (ViewOptions::weight); a selected
//     tie without a numeric value for it is an error naming the tie.
//   - Neighbour lists are sorted ascending by actor index.

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/graph/network.hpp"

namespace kn {

class Graph {
 public:
  Graph() = default;
  /// Builds a graph from arcs (source, target, weight). Loops are dropped, parallel arcs merged
  /// (weights summed). If `directed` is false every arc is mirrored first. `weights` may be
  /// empty (unweighted) or have arcs.size() entries.
  static Graph from_arcs(std::size_t n, bool directed,
                         std::span<const std::pair<std::uint32_t, std::uint32_t>> arcs,
                         std::span<const double> weights = {});

  [[nodiscard]] std::uint32_t n() const { return n_; }
  [[nodiscard]] bool directed() const { return directed_; }
  [[nodiscard]] bool weighted() const { return !out_w_.empty(); }
  /// Number of stored arcs (for an undirected view: 2 x edges).
  [[nodiscard]] std::size_t arc_count() const { return out_adj_.size(); }
  /// Ties as the reference software counts them: arcs if directed, edges (arcs/2) if undirected.
  [[nodiscard]] std::size_t edge_count() const {
    return directed_ ? out_adj_.size() : out_adj_.size() / 2;
  }
  [[nodiscard]] std::size_t loops_dropped() const { return loops_dropped_; }
  [[nodiscard]] std::size_t multi_merged() const { return multi_merged_; }

  [[nodiscard]] std::span<const std::uint32_t> out(std::uint32_t v) const {
    return {out_adj_.data() + out_off_[v], out_adj_.data() + out_off_[v + 1]};
  }
  [[nodiscard]] std::span<const std::uint32_t> in(std::uint32_t v) const {
    return {in_adj_.data() + in_off_[v], in_adj_.data() + in_off_[v + 1]};
  }
  /// Weights parallel to out(v) / in(v); empty spans when unweighted.
  [[nodiscard]] std::span<const double> out_weights(std::uint32_t v) const;
  [[nodiscard]] std::span<const double> in_weights(std::uint32_t v) const;
  [[nodiscard]] std::uint32_t out_degree(std::uint32_t v) const {
    return out_off_[v + 1] - out_off_[v];
  }
  [[nodiscard]] std::uint32_t in_degree(std::uint32_t v) const {
    return in_off_[v + 1] - in_off_[v];
  }
  /// True if the arc u->v exists (binary search).
  [[nodiscard]] bool has_arc(std::uint32_t u, std::uint32_t v) const;
  /// Weight of arc u->v (1 if unweighted), nullopt if absent.
  [[nodiscard]] std::optional<double> arc_weight(std::uint32_t u, std::uint32_t v) const;
  /// Sorted union of in- and out-neighbours of v (no duplicates, no v).
  [[nodiscard]] std::vector<std::uint32_t> neighbours(std::uint32_t v) const;
  /// Undirected simple view: one edge per connected pair; a mutual pair's weights are summed.
  [[nodiscard]] Graph symmetrised() const;

  /// Raw CSR arrays, for algorithms and the igraph bridge.
  [[nodiscard]] const std::vector<std::uint32_t>& out_offsets() const { return out_off_; }
  [[nodiscard]] const std::vector<std::uint32_t>& out_targets() const { return out_adj_; }
  [[nodiscard]] const std::vector<double>& out_weight_array() const { return out_w_; }

 private:
  std::uint32_t n_ = 0;
  bool directed_ = true;
  std::size_t loops_dropped_ = 0;
  std::size_t multi_merged_ = 0;
  std::vector<std::uint32_t> out_off_{0}, out_adj_, in_off_{0}, in_adj_;
  std::vector<double> out_w_, in_w_;
};

struct ViewOptions {
  /// Relations to include by name; empty = all relations.
  std::vector<std::string> relations;
  /// Waves to include by name; empty = all waves.
  std::vector<std::string> waves;
  /// Tie attribute used as weight; empty = unweighted.
  std::string weight;
  /// Treat every tie as undirected even if the network is directed.
  bool undirected = false;
  /// Optional extra tie filter.
  std::function<bool(TieIndex)> tie_filter;
};

/// Builds the CSR view. All actors of the network are vertices (index = ActorIndex).
/// Throws std::invalid_argument naming the relation/wave if an unknown one is requested, and
/// naming the tie (source -> target) if a selected weight is missing or not numeric.
Graph make_view(const Network& network, const ViewOptions& options = {});

}  // namespace kn
