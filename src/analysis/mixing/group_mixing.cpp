#include "analysis/mixing/group_mixing.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace kn {

namespace {

constexpr const char* kMissingGroup = "NA";

}  // namespace

Groups groups_from_attribute(const Network& network, const std::string& attribute) {
  const AttrColumn* column = network.actor_attrs().find(attribute);
  if (column == nullptr) {
    throw std::invalid_argument("unknown actor attribute '" + attribute + "'");
  }
  const std::size_t n = network.actor_count();
  // Label per actor; std::nullopt = missing.
  std::vector<std::optional<std::string>> label(n);
  bool any_missing = false;
  for (std::size_t v = 0; v < n; ++v) {
    const Value& value = network.actor_attr(static_cast<ActorIndex>(v), attribute);
    if (const auto* list = std::get_if<std::vector<std::string>>(&value)) {
      if (!list->empty()) label[v] = list->front();
    } else if (!is_missing(value)) {
      label[v] = value_to_string(value);
    }
    if (!label[v]) any_missing = true;
  }
  // Distinct labels; numbers sort numerically, everything else by bytes; "NA" last.
  std::vector<std::string> names;
  for (const auto& l : label) {
    if (l) names.push_back(*l);
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  if (column->type == AttrType::Number) {
    std::stable_sort(names.begin(), names.end(), [](const std::string& x, const std::string& y) {
      const auto nx = as_number(Value{x});
      const auto ny = as_number(Value{y});
      if (nx && ny) return *nx < *ny;
      return static_cast<bool>(nx) && !ny;
    });
  }
  Groups groups;
  groups.member.resize(n);
  std::map<std::string, std::uint32_t> index;
  for (const auto& name : names) {
    index.emplace(name, static_cast<std::uint32_t>(groups.names.size()));
    groups.names.push_back(name);
  }
  if (any_missing) {
    // "NA" may also be a real label; the missing values then join that group.
    auto [it, inserted] =
        index.emplace(kMissingGroup, static_cast<std::uint32_t>(groups.names.size()));
    if (inserted) groups.names.emplace_back(kMissingGroup);
  }
  for (std::size_t v = 0; v < n; ++v) {
    groups.member[v] = index.at(label[v] ? *label[v] : std::string(kMissingGroup));
  }
  return groups;
}

MixingResult group_mixing(const Graph& g, const Groups& groups) {
  const std::uint32_t n = g.n();
  if (groups.member.size() != n) {
    throw std::invalid_argument("group_mixing: group vector has " +
                                std::to_string(groups.member.size()) + " entries for " +
                                std::to_string(n) + " actors");
  }
  std::uint32_t n_groups = static_cast<std::uint32_t>(groups.names.size());
  for (const std::uint32_t c : groups.member)
    n_groups = std::max(n_groups, c + 1);

  MixingResult result;
  result.matrix.assign(n_groups, std::vector<double>(n_groups, 0.0));
  result.group_size.assign(n_groups, 0);
  for (const std::uint32_t c : groups.member)
    ++result.group_size[c];

  std::vector<double> group_e(n_groups, 0.0), group_i(n_groups, 0.0);
  std::vector<double> actor_e(n, 0.0), actor_i(n, 0.0);
  double e_total = 0.0, i_total = 0.0;
  for (std::uint32_t u = 0; u < n; ++u) {
    const std::uint32_t cu = groups.member[u];
    for (const std::uint32_t v : g.out(u)) {
      const std::uint32_t cv = groups.member[v];
      result.matrix[cu][cv] += 1.0;
      // A tie is an arc (directed) or an edge counted once (undirected view: u < v).
      if (!g.directed() && v < u) continue;
      if (cu == cv) {
        i_total += 1.0;
        group_i[cu] += 1.0;
        actor_i[u] += 1.0;
        actor_i[v] += 1.0;
      } else {
        e_total += 1.0;
        group_e[cu] += 1.0;
        group_e[cv] += 1.0;
        actor_e[u] += 1.0;
        actor_e[v] += 1.0;
      }
    }
  }
  auto ei = [](double e, double i) { return e + i > 0.0 ? (e - i) / (e + i) : kUndefined; };
  result.ei_index = ei(e_total, i_total);
  result.group_ei.resize(n_groups);
  for (std::uint32_t c = 0; c < n_groups; ++c)
    result.group_ei[c] = ei(group_e[c], group_i[c]);
  result.actor_ei.resize(n);
  for (std::uint32_t v = 0; v < n; ++v)
    result.actor_ei[v] = ei(actor_e[v], actor_i[v]);

  // Newman's r from the arc mixing matrix (igraph assortativity_nominal counts an undirected
  // edge in both directions, exactly like the arcs of our undirected view).
  const auto arcs = static_cast<double>(g.arc_count());
  if (arcs > 0.0) {
    double trace = 0.0, ab = 0.0;
    for (std::uint32_t r = 0; r < n_groups; ++r) {
      double row = 0.0, col = 0.0;
      for (std::uint32_t c = 0; c < n_groups; ++c) {
        row += result.matrix[r][c];
        col += result.matrix[c][r];
      }
      trace += result.matrix[r][r] / arcs;
      ab += (row / arcs) * (col / arcs);
    }
    const double denom = 1.0 - ab;
    result.assortativity = denom != 0.0 ? (trace - ab) / denom : kUndefined;
  }
  return result;
}

}  // namespace kn
