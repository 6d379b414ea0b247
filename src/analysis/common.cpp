#include "analysis/common.hpp"

#include <thread>

namespace kn {

unsigned resolve_threads(unsigned requested) {
  if (requested > 0) return requested;
  const unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1U : hw;
}

}  // namespace kn
