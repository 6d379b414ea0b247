#pragma once
// Connected components. Weak: direction ignored; strong: mutually reachable (Tarjan, iterative).
// Equals igraph count_components(g, mode="weak"/"strong") and components()$membership up to
// relabelling; our labels are numbered by first appearance in actor order (0, 1, ...).
// sna::components defaults to *strong*.
#include <vector>

#include "analysis/common.hpp"

namespace kn {

enum class ComponentMode { Weak, Strong };

struct ComponentsOptions {
  ComponentMode mode = ComponentMode::Weak;
};

struct ComponentsResult {
  std::uint32_t count = 0;
  std::vector<std::uint32_t> membership;  ///< component label per actor
  std::vector<std::uint32_t> sizes;       ///< size per label
};

ComponentsResult components(const Graph& g, const ComponentsOptions& options = {});

}  // namespace kn
