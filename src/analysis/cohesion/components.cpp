#include "analysis/cohesion/components.hpp"

#include <algorithm>
#include <limits>

namespace kn {

namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

// Weak components by BFS over in- and out-arcs; labels follow the first actor of each.
void weak(const Graph& g, ComponentsResult& r) {
  std::vector<std::uint32_t> queue;
  queue.reserve(g.n());
  for (std::uint32_t s = 0; s < g.n(); ++s) {
    if (r.membership[s] != kNone) continue;
    const std::uint32_t label = r.count++;
    queue.clear();
    queue.push_back(s);
    r.membership[s] = label;
    for (std::size_t head = 0; head < queue.size(); ++head) {
      const std::uint32_t v = queue[head];
      for (auto side : {g.out(v), g.in(v)}) {
        for (std::uint32_t x : side) {
          if (r.membership[x] == kNone) {
            r.membership[x] = label;
            queue.push_back(x);
          }
        }
      }
    }
    r.sizes.push_back(static_cast<std::uint32_t>(queue.size()));
  }
}

// Strong components: iterative Tarjan; component ids are then renumbered by first appearance.
void strong(const Graph& g, ComponentsResult& r) {
  const std::uint32_t n = g.n();
  std::vector<std::uint32_t> index(n, kNone), low(n, 0), comp(n, kNone);
  std::vector<std::uint32_t> stack;
  std::vector<char> on_stack(n, 0);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> call;  // (vertex, next arc position)
  std::uint32_t next_index = 0, next_comp = 0;
  for (std::uint32_t root = 0; root < n; ++root) {
    if (index[root] != kNone) continue;
    call.emplace_back(root, 0);
    index[root] = low[root] = next_index++;
    stack.push_back(root);
    on_stack[root] = 1;
    while (!call.empty()) {
      auto& [v, pos] = call.back();
      const auto nb = g.out(v);
      if (pos < nb.size()) {
        const std::uint32_t x = nb[pos++];
        if (index[x] == kNone) {
          index[x] = low[x] = next_index++;
          stack.push_back(x);
          on_stack[x] = 1;
          call.emplace_back(x, 0);
        } else if (on_stack[x]) {
          low[v] = std::min(low[v], index[x]);
        }
        continue;
      }
      const std::uint32_t done = v;
      call.pop_back();
      if (!call.empty()) {
        const std::uint32_t parent = call.back().first;
        low[parent] = std::min(low[parent], low[done]);
      }
      if (low[done] == index[done]) {
        std::uint32_t x = kNone;
        do {
          x = stack.back();
          stack.pop_back();
          on_stack[x] = 0;
          comp[x] = next_comp;
        } while (x != done);
        ++next_comp;
      }
    }
  }
  std::vector<std::uint32_t> relabel(next_comp, kNone);
  for (std::uint32_t v = 0; v < n; ++v) {
    if (relabel[comp[v]] == kNone) {
      relabel[comp[v]] = r.count++;
      r.sizes.push_back(0);
    }
    r.membership[v] = relabel[comp[v]];
    ++r.sizes[r.membership[v]];
  }
}

}  // namespace

ComponentsResult components(const Graph& g, const ComponentsOptions& options) {
  ComponentsResult r;
  r.membership.assign(g.n(), kNone);
  if (options.mode == ComponentMode::Weak || !g.directed()) {
    weak(g, r);
  } else {
    strong(g, r);
  }
  return r;
}

}  // namespace kn
