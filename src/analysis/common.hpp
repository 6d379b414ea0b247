#pragma once
// Shared conventions of the analysis layer.
//   - Every measure is a free function (graph, options) -> result struct.
//   - Per-actor values are vectors indexed by ActorIndex (= vertex index of the Graph).
//   - An undefined value is NaN (std::numeric_limits<double>::quiet_NaN()); the JSON/CSV edge
//     prints it as null / empty. Never use NaN for anything else.
//   - Long computations take a RunControl (progress + cancel); randomness takes an explicit seed.

#include <cmath>
#include <limits>

#include "core/graph/graph_view.hpp"
#include "core/util/run_control.hpp"

namespace kn {

inline constexpr double kUndefined = std::numeric_limits<double>::quiet_NaN();
inline bool is_undefined(double x) {
  return std::isnan(x);
}

/// Worker threads to use: `requested` if > 0, else std::thread::hardware_concurrency() (>= 1).
unsigned resolve_threads(unsigned requested);

}  // namespace kn
