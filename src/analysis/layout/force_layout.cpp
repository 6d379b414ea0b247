#include "analysis/layout/force_layout.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>

#include "analysis/detail/parallel_chunks.hpp"

namespace kn {
namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
constexpr std::uint32_t kLeafSize = 8;       // quadtree cells with <= this many actors are leaves
constexpr int kMaxDepth = 40;                // coincident points end in one leaf
constexpr std::uint32_t kPolishMaxN = 2000;  // stress polish: all pairs, n x n distances
constexpr std::uint32_t kMaxPivots = 50;     // pivot MDS
constexpr std::size_t kChunk = 256;          // actors per parallel work item

/// Uniform double in [0, 1) from 53 random bits (same on every platform).
double uniform(std::mt19937_64& rng) {
  return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}
/// Uniform integer in [0, n) without bias.
std::uint64_t below(std::mt19937_64& rng, std::uint64_t n) {
  const std::uint64_t threshold = (0 - n) % n;
  std::uint64_t r = rng();
  while (r < threshold)
    r = rng();
  return r % n;
}

/// Symmetrised adjacency with attraction weights.
struct Adjacency {
  std::vector<std::uint32_t> off, adj;
  std::vector<double> w;  // empty = all 1
  [[nodiscard]] std::uint32_t degree(std::uint32_t v) const { return off[v + 1] - off[v]; }
};

Adjacency make_adjacency(const Graph& g, const ForceLayoutOptions& o) {
  const Graph s = g.directed() ? g.symmetrised() : g;
  Adjacency a;
  a.off = s.out_offsets();
  a.adj = s.out_targets();
  if (a.off.size() != std::size_t{g.n()} + 1) a.off.assign(std::size_t{g.n()} + 1, 0);
  if (o.weighted && s.weighted()) {
    const auto& raw = s.out_weight_array();
    a.w.resize(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
      const double x = raw[i];
      if (!(x > 0) || !std::isfinite(x)) {
        a.w[i] = 0;
      } else if (o.edge_weight_influence == 0) {
        a.w[i] = 1;
      } else if (o.edge_weight_influence == 1) {
        a.w[i] = x;
      } else {
        a.w[i] = std::pow(x, o.edge_weight_influence);
      }
    }
  }
  return a;
}

/// BFS hop distances from `source` (kNone = unreachable).
void bfs(const Adjacency& a, std::uint32_t source, std::vector<std::uint32_t>& dist,
         std::vector<std::uint32_t>& queue) {
  std::fill(dist.begin(), dist.end(), kNone);
  queue.clear();
  dist[source] = 0;
  queue.push_back(source);
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const std::uint32_t v = queue[head];
    for (std::uint32_t e = a.off[v]; e < a.off[v + 1]; ++e) {
      const std::uint32_t u = a.adj[e];
      if (dist[u] == kNone) {
        dist[u] = dist[v] + 1;
        queue.push_back(u);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Start positions

/// Pivot MDS of the actors in `members` (one connected component); writes x, y of those actors.
void pivot_mds(const Adjacency& a, const std::vector<std::uint32_t>& members, std::mt19937_64& rng,
               std::vector<double>& x, std::vector<double>& y, const RunControl* control) {
  const std::size_t n = members.size();
  const std::uint32_t total = static_cast<std::uint32_t>(a.off.size() - 1);
  const std::size_t k = std::min<std::size_t>(kMaxPivots, n);
  // First pivot: seeded choice among the members of maximal degree.
  std::uint32_t max_deg = 0;
  for (const std::uint32_t v : members)
    max_deg = std::max(max_deg, a.degree(v));
  std::vector<std::uint32_t> top;
  for (const std::uint32_t v : members)
    if (a.degree(v) == max_deg) top.push_back(v);
  std::uint32_t pivot = top[below(rng, top.size())];

  std::vector<std::uint32_t> index(total, kNone);  // actor -> row
  for (std::size_t r = 0; r < n; ++r)
    index[members[r]] = static_cast<std::uint32_t>(r);
  std::vector<double> c(n * k);  // squared distances, row-major n x k
  std::vector<std::uint32_t> mindist(n, kNone), dist(total), queue;
  for (std::size_t p = 0; p < k; ++p) {
    if (control != nullptr) control->check();
    bfs(a, pivot, dist, queue);
    for (std::size_t r = 0; r < n; ++r) {
      const double d = dist[members[r]];
      c[r * k + p] = d * d;
      mindist[r] = std::min(mindist[r], dist[members[r]]);
    }
    // Next pivot: farthest from all chosen (max-min), lowest row on ties.
    std::size_t best = 0;
    for (std::size_t r = 1; r < n; ++r)
      if (mindist[r] > mindist[best]) best = r;
    pivot = members[best];
  }
  // Double centering.
  std::vector<double> col(k, 0.0);
  double grand = 0;
  for (std::size_t r = 0; r < n; ++r) {
    double row = 0;
    for (std::size_t p = 0; p < k; ++p) {
      row += c[r * k + p];
      col[p] += c[r * k + p];
    }
    grand += row;
    row /= static_cast<double>(k);
    for (std::size_t p = 0; p < k; ++p)
      c[r * k + p] -= row;
  }
  for (std::size_t p = 0; p < k; ++p)
    col[p] /= static_cast<double>(n);
  grand /= static_cast<double>(n * k);
  for (std::size_t r = 0; r < n; ++r)
    for (std::size_t p = 0; p < k; ++p)
      c[r * k + p] = -0.5 * (c[r * k + p] - col[p] + grand);
  // M = C^T C (k x k), top two eigenvectors by power iteration.
  std::vector<double> m(k * k, 0.0);
  for (std::size_t r = 0; r < n; ++r) {
    const double* row = &c[r * k];
    for (std::size_t p = 0; p < k; ++p) {
      const double cp = row[p];
      if (cp == 0) continue;
      for (std::size_t q = p; q < k; ++q)
        m[p * k + q] += cp * row[q];
    }
  }
  for (std::size_t p = 0; p < k; ++p)
    for (std::size_t q = 0; q < p; ++q)
      m[p * k + q] = m[q * k + p];
  std::vector<std::vector<double>> vecs;
  std::vector<double> lambdas;
  for (int e = 0; e < 2; ++e) {
    std::vector<double> v(k), next(k);
    for (std::size_t p = 0; p < k; ++p)
      v[p] = 1.0 + static_cast<double>((p * 7 + static_cast<std::size_t>(e) * 3) % 11) / 11.0;
    double lambda = 0;
    for (int it = 0; it < 300; ++it) {
      for (const auto& u : vecs) {  // deflate
        double dot = 0;
        for (std::size_t p = 0; p < k; ++p)
          dot += u[p] * v[p];
        for (std::size_t p = 0; p < k; ++p)
          v[p] -= dot * u[p];
      }
      double norm = 0;
      for (std::size_t p = 0; p < k; ++p) {
        double s = 0;
        for (std::size_t q = 0; q < k; ++q)
          s += m[p * k + q] * v[q];
        next[p] = s;
      }
      for (const auto& u : vecs) {
        double dot = 0;
        for (std::size_t p = 0; p < k; ++p)
          dot += u[p] * next[p];
        for (std::size_t p = 0; p < k; ++p)
          next[p] -= dot * u[p];
      }
      for (std::size_t p = 0; p < k; ++p)
        norm += next[p] * next[p];
      norm = std::sqrt(norm);
      if (!(norm > 0)) break;
      double change = 0;
      for (std::size_t p = 0; p < k; ++p) {
        next[p] /= norm;
        change += std::abs(next[p] - v[p]);
      }
      v.swap(next);
      lambda = norm;
      if (change < 1e-10) break;
    }
    vecs.push_back(v);
    lambdas.push_back(lambda);
  }
  // Classical-MDS scaling: coordinates = C v / lambda^(1/4) (singular value^(1/2)).
  for (int e = 0; e < 2; ++e) {
    const double scale = lambdas[static_cast<std::size_t>(e)] > 0
                             ? 1.0 / std::sqrt(std::sqrt(lambdas[static_cast<std::size_t>(e)]))
                             : 0.0;
    auto& out = e == 0 ? x : y;
    const auto& v = vecs[static_cast<std::size_t>(e)];
    for (std::size_t r = 0; r < n; ++r) {
      double s = 0;
      for (std::size_t p = 0; p < k; ++p)
        s += c[r * k + p] * v[p];
      out[members[r]] = s * scale;
    }
  }
}

/// Places the actors of one small component (or a component whose MDS is degenerate) around
/// (cx, cy): BFS from its first member, each actor at unit distance from its BFS parent.
void place_tree(const Adjacency& a, std::uint32_t root, double cx, double cy, double len,
                std::mt19937_64& rng, std::vector<double>& x, std::vector<double>& y,
                std::vector<char>& placed) {
  std::vector<std::uint32_t> queue;
  x[root] = cx;
  y[root] = cy;
  placed[root] = 1;
  queue.push_back(root);
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const std::uint32_t v = queue[head];
    for (std::uint32_t e = a.off[v]; e < a.off[v + 1]; ++e) {
      const std::uint32_t u = a.adj[e];
      if (placed[u]) continue;
      const double angle = 2 * 3.14159265358979323846 * uniform(rng);
      x[u] = x[v] + len * std::cos(angle);
      y[u] = y[v] + len * std::sin(angle);
      placed[u] = 1;
      queue.push_back(u);
    }
  }
}

/// Connected components: label per actor, members per component (largest first, then by
/// smallest member).
std::vector<std::vector<std::uint32_t>> components(const Adjacency& a) {
  const auto n = static_cast<std::uint32_t>(a.off.size() - 1);
  std::vector<std::uint32_t> label(n, kNone);
  std::vector<std::vector<std::uint32_t>> comps;
  for (std::uint32_t s = 0; s < n; ++s) {
    if (label[s] != kNone) continue;
    const auto id = static_cast<std::uint32_t>(comps.size());
    comps.emplace_back();
    auto& members = comps.back();
    label[s] = id;
    members.push_back(s);
    for (std::size_t head = 0; head < members.size(); ++head) {
      const std::uint32_t v = members[head];
      for (std::uint32_t e = a.off[v]; e < a.off[v + 1]; ++e) {
        const std::uint32_t u = a.adj[e];
        if (label[u] == kNone) {
          label[u] = id;
          members.push_back(u);
        }
      }
    }
  }
  std::stable_sort(comps.begin(), comps.end(),
                   [](const auto& l, const auto& r) { return l.size() > r.size(); });
  return comps;
}

double mean_edge_length(const Adjacency& a, const std::vector<double>& x,
                        const std::vector<double>& y) {
  double sum = 0;
  std::size_t count = 0;
  const auto n = static_cast<std::uint32_t>(a.off.size() - 1);
  for (std::uint32_t v = 0; v < n; ++v)
    for (std::uint32_t e = a.off[v]; e < a.off[v + 1]; ++e)
      if (a.adj[e] > v) {
        sum += std::hypot(x[v] - x[a.adj[e]], y[v] - y[a.adj[e]]);
        ++count;
      }
  return count == 0 ? 0.0 : sum / static_cast<double>(count);
}

void centre(std::vector<double>& x, std::vector<double>& y) {
  if (x.empty()) return;
  double sx = 0, sy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sx += x[i];
    sy += y[i];
  }
  sx /= static_cast<double>(x.size());
  sy /= static_cast<double>(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    x[i] -= sx;
    y[i] -= sy;
  }
}

/// Global scale s at which the FA2 energy of the (centred) picture is stationary:
/// d/ds [attraction s^2 A/2 + gravity s G - k_r M log s] = 0 (strong gravity: s^2 G2 / 2).
double equilibrium_scale(const Adjacency& a, const std::vector<double>& x,
                         const std::vector<double>& y, const std::vector<double>& mass,
                         const ForceLayoutOptions& o) {
  const auto n = static_cast<std::uint32_t>(mass.size());
  double attraction = 0;
  for (std::uint32_t v = 0; v < n; ++v)
    for (std::uint32_t e = a.off[v]; e < a.off[v + 1]; ++e) {
      const std::uint32_t u = a.adj[e];
      if (u <= v) continue;
      const double w = a.w.empty() ? 1.0 : a.w[e];
      attraction += w * ((x[v] - x[u]) * (x[v] - x[u]) + (y[v] - y[u]) * (y[v] - y[u]));
    }
  double sum_m = 0, sum_m2 = 0, grav = 0, grav2 = 0;
  for (std::uint32_t v = 0; v < n; ++v) {
    sum_m += mass[v];
    sum_m2 += mass[v] * mass[v];
    const double r2 = x[v] * x[v] + y[v] * y[v];
    grav += mass[v] * std::sqrt(r2);
    grav2 += mass[v] * r2;
  }
  const double repulsion = o.scaling_ratio * (sum_m * sum_m - sum_m2) / 2;
  if (!(repulsion > 0)) return 1.0;
  double s = 1.0;
  if (o.strong_gravity_mode) {
    const double denom = attraction + o.gravity * grav2;
    if (denom > 0) s = std::sqrt(repulsion / denom);
  } else {
    const double b = o.gravity * grav;
    if (attraction > 0) {
      s = (-b + std::sqrt(b * b + 4 * attraction * repulsion)) / (2 * attraction);
    } else if (b > 0) {
      s = repulsion / b;
    }
  }
  return std::isfinite(s) && s > 0 ? s : 1.0;
}

/// Fresh start: pivot MDS of the largest component, the others around it.
void fresh_start(const Adjacency& a, std::mt19937_64& rng, std::vector<double>& x,
                 std::vector<double>& y, const RunControl* control) {
  const auto n = static_cast<std::uint32_t>(x.size());
  std::vector<char> placed(n, 0);
  const auto comps = components(a);
  const auto& giant = comps.front();
  double giant_radius = 1;
  if (giant.size() >= 3) {
    pivot_mds(a, giant, rng, x, y, control);
    // Unit mean edge length inside the giant component.
    double sum = 0, cx = 0, cy = 0;
    std::size_t count = 0;
    for (const std::uint32_t v : giant)
      for (std::uint32_t e = a.off[v]; e < a.off[v + 1]; ++e)
        if (a.adj[e] > v) {
          sum += std::hypot(x[v] - x[a.adj[e]], y[v] - y[a.adj[e]]);
          ++count;
        }
    const double len = count == 0 ? 0.0 : sum / static_cast<double>(count);
    if (len > 0 && std::isfinite(len)) {
      for (const std::uint32_t v : giant) {
        x[v] /= len;
        y[v] /= len;
        cx += x[v];
        cy += y[v];
        placed[v] = 1;
      }
      cx /= static_cast<double>(giant.size());
      cy /= static_cast<double>(giant.size());
      double r2 = 0;
      for (const std::uint32_t v : giant) {
        x[v] -= cx;
        y[v] -= cy;
        r2 = std::max(r2, x[v] * x[v] + y[v] * y[v]);
      }
      giant_radius = std::max(1.0, std::sqrt(r2));
    }
  }
  if (!placed[giant.front()]) {
    place_tree(a, giant.front(), 0, 0, 1.0, rng, x, y, placed);
    giant_radius = std::max(1.0, std::sqrt(static_cast<double>(giant.size())));
  }
  // Other components: centres uniform in an annulus around the giant component.
  const double outer =
      giant_radius * std::sqrt(static_cast<double>(n) / static_cast<double>(giant.size())) * 1.1 +
      1.0;
  for (std::size_t c = 1; c < comps.size(); ++c) {
    const double r = std::sqrt(giant_radius * giant_radius +
                               uniform(rng) * (outer * outer - giant_radius * giant_radius));
    const double angle = 2 * 3.14159265358979323846 * uniform(rng);
    place_tree(a, comps[c].front(), r * std::cos(angle), r * std::sin(angle), 1.0, rng, x, y,
               placed);
  }
}

/// Start from given positions: NaN actors at the mean of their placed neighbours (breadth
/// first), the rest randomly near the placed ones. Returns false if nothing is placed.
bool given_start(const Adjacency& a, const ForceLayoutOptions& o, std::mt19937_64& rng,
                 std::vector<double>& x, std::vector<double>& y) {
  const auto n = static_cast<std::uint32_t>(x.size());
  std::vector<char> placed(n, 0);
  std::vector<std::uint32_t> queue;
  double cx = 0, cy = 0;
  for (std::uint32_t v = 0; v < n; ++v) {
    if (std::isfinite(o.initial_x[v]) && std::isfinite(o.initial_y[v])) {
      x[v] = o.initial_x[v];
      y[v] = o.initial_y[v];
      placed[v] = 1;
      queue.push_back(v);
      cx += x[v];
      cy += y[v];
    }
  }
  if (queue.empty()) return false;
  const std::size_t given = queue.size();
  cx /= static_cast<double>(given);
  cy /= static_cast<double>(given);
  double r2 = 0;
  for (std::size_t i = 0; i < given; ++i)
    r2 += (x[queue[i]] - cx) * (x[queue[i]] - cx) + (y[queue[i]] - cy) * (y[queue[i]] - cy);
  const double radius = std::sqrt(r2 / static_cast<double>(given));
  double len = mean_edge_length(a, x, y);  // only meaningful among placed ones; fallback below
  {
    double sum = 0;
    std::size_t count = 0;
    for (std::uint32_t v = 0; v < n; ++v)
      for (std::uint32_t e = a.off[v]; e < a.off[v + 1]; ++e)
        if (a.adj[e] > v && placed[v] && placed[a.adj[e]]) {
          sum += std::hypot(x[v] - x[a.adj[e]], y[v] - y[a.adj[e]]);
          ++count;
        }
    len = count > 0 ? sum / static_cast<double>(count)
                    : (radius > 0 ? radius / std::sqrt(static_cast<double>(given)) : 1.0);
    if (!(len > 0)) len = 1.0;
  }
  // Breadth first from the placed actors: a new actor at the mean of its placed neighbours.
  std::vector<char> queued(placed);
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const std::uint32_t v = queue[head];
    for (std::uint32_t e = a.off[v]; e < a.off[v + 1]; ++e) {
      const std::uint32_t u = a.adj[e];
      if (queued[u]) continue;
      queued[u] = 1;
      double sx = 0, sy = 0;
      std::size_t count = 0;
      for (std::uint32_t f = a.off[u]; f < a.off[u + 1]; ++f)
        if (placed[a.adj[f]]) {
          sx += x[a.adj[f]];
          sy += y[a.adj[f]];
          ++count;
        }
      const double angle = 2 * 3.14159265358979323846 * uniform(rng);
      const double off = count == 1 ? len : 0.25 * len;  // a leaf hangs at edge length
      x[u] = sx / static_cast<double>(count) + off * std::cos(angle);
      y[u] = sy / static_cast<double>(count) + off * std::sin(angle);
      placed[u] = 1;
      queue.push_back(u);
    }
  }
  // Unreached: components without any placed actor.
  for (std::uint32_t v = 0; v < n; ++v) {
    if (placed[v]) continue;
    const double r = (radius > 0 ? radius : len) * std::sqrt(uniform(rng));
    const double angle = 2 * 3.14159265358979323846 * uniform(rng);
    place_tree(a, v, cx + r * std::cos(angle), cy + r * std::sin(angle), len, rng, x, y, placed);
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Barnes–Hut quadtree over flat arrays: cells in depth-first preorder, each cell owns the
// contiguous range [begin, end) of `order`; `skip` is the index of the next cell after the
// subtree, so a traversal is a loop over cell indices.

struct Cell {
  double cx = 0, cy = 0, mass = 0, size = 0;
  std::uint32_t begin = 0, end = 0, skip = 0;
  bool leaf = true;
};

class QuadTree {
 public:
  void build(const std::vector<double>& x, const std::vector<double>& y,
             const std::vector<double>& mass, std::vector<std::uint32_t>& order) {
    cells_.clear();
    const std::size_t n = order.size();
    if (n == 0) return;
    double minx = x[order[0]], maxx = minx, miny = y[order[0]], maxy = miny;
    for (const std::uint32_t v : order) {
      minx = std::min(minx, x[v]);
      maxx = std::max(maxx, x[v]);
      miny = std::min(miny, y[v]);
      maxy = std::max(maxy, y[v]);
    }
    const double size = std::max({maxx - minx, maxy - miny, 1e-300});
    x_ = &x;
    y_ = &y;
    mass_ = &mass;
    order_ = &order;
    build_cell(0, static_cast<std::uint32_t>(n), minx, miny, size, 0);
  }
  [[nodiscard]] const std::vector<Cell>& cells() const { return cells_; }

 private:
  std::uint32_t build_cell(std::uint32_t begin, std::uint32_t end, double x0, double y0,
                           double size, int depth) {
    const auto id = static_cast<std::uint32_t>(cells_.size());
    cells_.emplace_back();
    cells_[id].begin = begin;
    cells_[id].end = end;
    cells_[id].size = size;
    auto& order = *order_;
    if (end - begin > kLeafSize && depth < kMaxDepth) {
      const double mx = x0 + size / 2, my = y0 + size / 2;
      const auto& xs = *x_;
      const auto& ys = *y_;
      auto* first = order.data() + begin;
      auto* last = order.data() + end;
      auto* mid_y = std::partition(first, last, [&](std::uint32_t v) { return ys[v] < my; });
      auto* q1 = std::partition(first, mid_y, [&](std::uint32_t v) { return xs[v] < mx; });
      auto* q3 = std::partition(mid_y, last, [&](std::uint32_t v) { return xs[v] < mx; });
      const auto b0 = begin;
      const auto b1 = static_cast<std::uint32_t>(q1 - order.data());
      const auto b2 = static_cast<std::uint32_t>(mid_y - order.data());
      const auto b3 = static_cast<std::uint32_t>(q3 - order.data());
      const double half = size / 2;
      const std::uint32_t bounds[5] = {b0, b1, b2, b3, end};
      const double ox[4] = {x0, mx, x0, mx};
      const double oy[4] = {y0, y0, my, my};
      double m = 0, sx = 0, sy = 0;
      cells_[id].leaf = false;
      for (int q = 0; q < 4; ++q) {
        if (bounds[q] == bounds[q + 1]) continue;
        const std::uint32_t child =
            build_cell(bounds[q], bounds[q + 1], ox[q], oy[q], half, depth + 1);
        const Cell& c = cells_[child];
        m += c.mass;
        sx += c.mass * c.cx;
        sy += c.mass * c.cy;
      }
      cells_[id].mass = m;
      cells_[id].cx = sx / m;
      cells_[id].cy = sy / m;
    } else {
      double m = 0, sx = 0, sy = 0;
      for (std::uint32_t i = begin; i < end; ++i) {
        const std::uint32_t v = order[i];
        m += (*mass_)[v];
        sx += (*mass_)[v] * (*x_)[v];
        sy += (*mass_)[v] * (*y_)[v];
      }
      cells_[id].mass = m;
      cells_[id].cx = sx / m;
      cells_[id].cy = sy / m;
    }
    cells_[id].skip = static_cast<std::uint32_t>(cells_.size());
    return id;
  }

  std::vector<Cell> cells_;
  const std::vector<double>* x_ = nullptr;
  const std::vector<double>* y_ = nullptr;
  const std::vector<double>* mass_ = nullptr;
  std::vector<std::uint32_t>* order_ = nullptr;
};

/// Stress polish: `iterations` Jacobi sweeps of the localized SMACOF update (Gansner, Koren &
/// North 2004) over all connected pairs, target distances = hop distance x the picture's
/// current unit (1 / optimal scale), weights d^-2. Per-actor updates from the previous sweep's
/// positions: deterministic and independent of the threads.
void stress_polish(const Adjacency& a, std::vector<double>& x, std::vector<double>& y,
                   std::uint32_t iterations, unsigned threads, const RunControl* control) {
  const auto n = static_cast<std::uint32_t>(x.size());
  std::vector<std::uint16_t> dist(std::size_t{n} * n, 0);  // 0 = unreachable (or self)
  const unsigned workers = detail::parallel_workers(n, threads, 16);
  std::vector<std::vector<std::uint32_t>> dscratch(workers), qscratch(workers);
  std::vector<double> part_r(n, 0.0), part_r2(n, 0.0);
  if (control != nullptr) control->check();
  detail::parallel_chunks(n, threads, 16, nullptr, "layout",
                          [&](unsigned w, std::size_t b, std::size_t e) {
                            auto& d = dscratch[w];
                            auto& q = qscratch[w];
                            d.resize(n);
                            for (std::size_t s = b; s < e; ++s) {
                              bfs(a, static_cast<std::uint32_t>(s), d, q);
                              double r = 0, r2 = 0;
                              for (std::uint32_t j = 0; j < n; ++j) {
                                if (j == s || d[j] == kNone) continue;
                                const std::uint32_t hop = std::min<std::uint32_t>(d[j], 65535);
                                dist[s * n + j] = static_cast<std::uint16_t>(hop);
                                const double ratio = std::hypot(x[s] - x[j], y[s] - y[j]) / hop;
                                r += ratio;
                                r2 += ratio * ratio;
                              }
                              part_r[s] = r;
                              part_r2[s] = r2;
                            }
                          });
  double sr = 0, sr2 = 0;
  for (std::uint32_t v = 0; v < n; ++v) {
    sr += part_r[v];
    sr2 += part_r2[v];
  }
  if (!(sr > 0) || !(sr2 > 0)) return;
  const double unit = sr2 / sr;  // layout length of one hop
  std::vector<double> nx(n), ny(n);
  for (std::uint32_t it = 0; it < iterations; ++it) {
    if (control != nullptr) control->step("layout", 0.9 + 0.1 * it / iterations);
    detail::parallel_chunks(n, threads, 64, nullptr, "layout",
                            [&](unsigned, std::size_t b, std::size_t e) {
                              for (std::size_t i = b; i < e; ++i) {
                                double sx = 0, sy = 0, sw = 0;
                                const std::uint16_t* row = &dist[i * n];
                                for (std::uint32_t j = 0; j < n; ++j) {
                                  if (row[j] == 0) continue;
                                  const double d = row[j];
                                  const double w = 1.0 / (d * d);
                                  const double dx = x[i] - x[j], dy = y[i] - y[j];
                                  const double len = std::sqrt(dx * dx + dy * dy);
                                  double tx = x[j], ty = y[j];
                                  if (len > 0) {
                                    tx += d * unit * dx / len;
                                    ty += d * unit * dy / len;
                                  }
                                  sx += w * tx;
                                  sy += w * ty;
                                  sw += w;
                                }
                                nx[i] = sw > 0 ? sx / sw : x[i];
                                ny[i] = sw > 0 ? sy / sw : y[i];
                              }
                            });
    x.swap(nx);
    y.swap(ny);
  }
}

void validate(const Graph& g, const ForceLayoutOptions& o) {
  const std::size_t n = g.n();
  if (o.initial_x.size() != o.initial_y.size() ||
      (!o.initial_x.empty() && o.initial_x.size() != n)) {
    throw std::invalid_argument("force_layout: initial_x/initial_y must be empty or have " +
                                std::to_string(n) + " entries");
  }
  if (!(o.scaling_ratio > 0) || !std::isfinite(o.scaling_ratio))
    throw std::invalid_argument("force_layout: scaling_ratio must be > 0");
  if (!(o.gravity >= 0) || !std::isfinite(o.gravity))
    throw std::invalid_argument("force_layout: gravity must be >= 0");
  if (!(o.slow_down > 0) || !std::isfinite(o.slow_down))
    throw std::invalid_argument("force_layout: slow_down must be > 0");
  if (!(o.barnes_hut_theta >= 0) || !std::isfinite(o.barnes_hut_theta))
    throw std::invalid_argument("force_layout: barnes_hut_theta must be >= 0");
  if (!(o.jitter_tolerance > 0) || !std::isfinite(o.jitter_tolerance))
    throw std::invalid_argument("force_layout: jitter_tolerance must be > 0");
  if (!std::isfinite(o.edge_weight_influence))
    throw std::invalid_argument("force_layout: edge_weight_influence must be finite");
}

/// Moves every component but the largest (isolates included) next to the largest one: each
/// keeps its own shape and is placed, as a disc of its radius plus a margin, on rings around the
/// largest component's disc, biggest components first, in actor order on equal sizes. Without
/// this, FA2's degree-weighted repulsion pushes small components and isolates far out (their
/// equilibrium distance grows with the mass of the main component) and a map fitted to the
/// picture shows the main component tiny in the middle. Deterministic; O(n log n + m).
void pack_components(const Adjacency& a, std::vector<double>& x, std::vector<double>& y) {
  const auto n = static_cast<std::uint32_t>(x.size());
  std::vector<std::uint32_t> comp(n, kNone), queue;
  std::vector<std::vector<std::uint32_t>> members;
  for (std::uint32_t s = 0; s < n; ++s) {
    if (comp[s] != kNone) continue;
    const auto c = static_cast<std::uint32_t>(members.size());
    members.emplace_back();
    comp[s] = c;
    queue.assign(1, s);
    for (std::size_t q = 0; q < queue.size(); ++q) {
      const std::uint32_t v = queue[q];
      members[c].push_back(v);
      for (std::uint32_t k = a.off[v]; k < a.off[v + 1]; ++k) {
        const std::uint32_t u = a.adj[k];
        if (comp[u] == kNone) {
          comp[u] = c;
          queue.push_back(u);
        }
      }
    }
  }
  if (members.size() < 2) return;
  std::vector<std::uint32_t> order(members.size());
  for (std::uint32_t c = 0; c < order.size(); ++c)
    order[c] = c;
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t l, std::uint32_t r) {
    return members[l].size() > members[r].size();
  });
  // Centre and radius of each component.
  std::vector<double> cx(members.size()), cy(members.size()), radius(members.size(), 0.0);
  for (std::size_t c = 0; c < members.size(); ++c) {
    double sx = 0, sy = 0;
    for (const auto v : members[c]) {
      sx += x[v];
      sy += y[v];
    }
    cx[c] = sx / static_cast<double>(members[c].size());
    cy[c] = sy / static_cast<double>(members[c].size());
    for (const auto v : members[c])
      radius[c] = std::max(radius[c], std::hypot(x[v] - cx[c], y[v] - cy[c]));
  }
  double len = mean_edge_length(a, x, y);
  const std::uint32_t main = order[0];
  if (!(len > 0) || !std::isfinite(len)) len = std::max(radius[main], 1.0) / 10.0;
  const double margin = len;
  // Rings around the main disc: ring radius r, each component takes an arc of its diameter plus
  // the margin; a full ring opens the next one outside the widest component on it.
  double ring = radius[main] + margin;
  double used = 0.0, widest = 0.0;
  bool first_on_ring = true;
  constexpr double kTwoPi = 6.283185307179586;
  for (std::size_t k = 1; k < order.size(); ++k) {
    const std::uint32_t c = order[k];
    const double r = radius[c] + 0.5 * margin;
    double place = ring + r;
    double arc = 2.0 * r / place;
    if (!first_on_ring && used + arc > kTwoPi) {
      ring += 2.0 * widest + margin;
      used = 0.0;
      widest = 0.0;
      first_on_ring = true;
      place = ring + r;
      arc = 2.0 * r / place;
    }
    const double angle = used + 0.5 * arc;
    used += arc;
    widest = std::max(widest, r);
    first_on_ring = false;
    const double tx = cx[main] + place * std::cos(angle), ty = cy[main] + place * std::sin(angle);
    for (const auto v : members[c]) {
      x[v] += tx - cx[c];
      y[v] += ty - cy[c];
    }
  }
}

}  // namespace

ForceLayoutResult force_layout(const Graph& g, const ForceLayoutOptions& o) {
  validate(g, o);
  const std::uint32_t n = g.n();
  ForceLayoutResult result;
  if (n == 0) return result;
  if (n == 1) {
    result.x.assign(1, 0.0);
    result.y.assign(1, 0.0);
    return result;
  }
  const Adjacency a = make_adjacency(g, o);
  std::vector<double> mass(n);
  for (std::uint32_t v = 0; v < n; ++v)
    mass[v] = 1.0 + a.degree(v);

  std::mt19937_64 rng(o.seed);
  std::vector<double> x(n, 0.0), y(n, 0.0);
  const bool have_start = !o.initial_x.empty() && given_start(a, o, rng, x, y);
  const bool refine = have_start && o.refine;
  if (!have_start) {
    fresh_start(a, rng, x, y, o.control);
    centre(x, y);
    const double s = equilibrium_scale(a, x, y, mass, o);
    for (std::uint32_t v = 0; v < n; ++v) {
      x[v] *= s;
      y[v] *= s;
    }
  } else {
    centre(x, y);
  }
  // Jitter: 1 % of the mean edge length (or of the mean spacing without edges).
  {
    double len = mean_edge_length(a, x, y);
    if (!(len > 0)) {
      double r2 = 0;
      for (std::uint32_t v = 0; v < n; ++v)
        r2 += x[v] * x[v] + y[v] * y[v];
      len = std::sqrt(r2 / n) / std::sqrt(static_cast<double>(n));
    }
    if (!(len > 0) || !std::isfinite(len)) len = 1.0;
    const double amp = (have_start ? 0.001 : 0.01) * len;
    for (std::uint32_t v = 0; v < n; ++v) {
      x[v] += amp * (2 * uniform(rng) - 1);
      y[v] += amp * (2 * uniform(rng) - 1);
    }
  }

  std::uint32_t iterations = o.iterations;
  if (iterations == 0) {
    const double automatic =
        n <= kPolishMaxN
            ? std::min(300.0, 100.0 + 4000.0 / std::sqrt(static_cast<double>(n) + 16.0))
            : 80.0;
    iterations = static_cast<std::uint32_t>(refine ? 0.4 * automatic : automatic);
    // Refining a polished picture (n <= kPolishMaxN): FA2 sweeps would pull it towards the FA2
    // equilibrium, a different shape, and redraw it; the stress polish alone only moves it to the
    // nearest stress minimum of the changed graph, so the picture stays (docs/map.md).
    if (refine && n <= kPolishMaxN && o.stress_polish_iterations != 0) iterations = 0;
  }

  const bool exact = !o.barnes_hut_optimize || n <= 2 * kLeafSize;
  const double kr = o.scaling_ratio;
  const double theta2 = o.barnes_hut_theta * o.barnes_hut_theta;
  double outbound_compensation = 1.0;
  if (o.outbound_attraction_distribution) {
    double s = 0;
    for (std::uint32_t v = 0; v < n; ++v)
      s += mass[v];
    outbound_compensation = s / n;
  }
  std::vector<double> fx(n, 0.0), fy(n, 0.0), old_fx(n, 0.0), old_fy(n, 0.0);
  std::vector<double> swing(n, 0.0), traction(n, 0.0);
  std::vector<std::uint32_t> order(n);
  for (std::uint32_t v = 0; v < n; ++v)
    order[v] = v;
  QuadTree tree;
  const std::uint32_t polish = n > kPolishMaxN ? 0U
                               : o.stress_polish_iterations == kAutomaticPolish
                                   ? (n <= kPolishMaxN ? 30U : 0U)
                                   : o.stress_polish_iterations;
  double speed = refine ? 0.1 : 1.0, speed_efficiency = 1.0;
  const unsigned threads = o.threads;

  auto forces = [&](std::size_t begin, std::size_t end) {
    const auto& cells = tree.cells();
    for (std::size_t t = begin; t < end; ++t) {
      const std::uint32_t i = exact ? static_cast<std::uint32_t>(t) : order[t];
      const double xi = x[i], yi = y[i];
      double rx = 0, ry = 0;
      // Repulsion: sum over bodies of m_j * (p_i - p_j) / d^2, times k_r m_i below.
      if (exact) {
        for (std::uint32_t j = 0; j < n; ++j) {
          if (j == i) continue;
          const double dx = xi - x[j], dy = yi - y[j];
          const double d2 = dx * dx + dy * dy;
          if (d2 > 0) {
            rx += mass[j] * dx / d2;
            ry += mass[j] * dy / d2;
          }
        }
      } else {
        const auto pos = static_cast<std::uint32_t>(t);
        std::uint32_t c = 0;
        const auto ncells = static_cast<std::uint32_t>(cells.size());
        while (c < ncells) {
          const Cell& cell = cells[c];
          const bool inside = pos >= cell.begin && pos < cell.end;
          if (!inside && !cell.leaf) {
            const double dx = xi - cell.cx, dy = yi - cell.cy;
            const double d2 = dx * dx + dy * dy;
            if (cell.size * cell.size < theta2 * d2) {
              rx += cell.mass * dx / d2;
              ry += cell.mass * dy / d2;
              c = cell.skip;
              continue;
            }
          }
          if (cell.leaf) {
            for (std::uint32_t b = cell.begin; b < cell.end; ++b) {
              const std::uint32_t j = order[b];
              if (j == i) continue;
              const double dx = xi - x[j], dy = yi - y[j];
              const double d2 = dx * dx + dy * dy;
              if (d2 > 0) {
                rx += mass[j] * dx / d2;
                ry += mass[j] * dy / d2;
              }
            }
            c = cell.skip;
          } else {
            ++c;
          }
        }
      }
      double gx = kr * mass[i] * rx, gy = kr * mass[i] * ry;
      // Attraction.
      double ax = 0, ay = 0;
      for (std::uint32_t e = a.off[i]; e < a.off[i + 1]; ++e) {
        const std::uint32_t j = a.adj[e];
        const double w = a.w.empty() ? 1.0 : a.w[e];
        const double dx = x[j] - xi, dy = y[j] - yi;
        if (o.lin_log_mode) {
          const double d = std::sqrt(dx * dx + dy * dy);
          if (d > 0) {
            const double f = w * std::log1p(d) / d;
            ax += f * dx;
            ay += f * dy;
          }
        } else {
          ax += w * dx;
          ay += w * dy;
        }
      }
      if (o.outbound_attraction_distribution) {
        ax *= outbound_compensation / mass[i];
        ay *= outbound_compensation / mass[i];
      }
      gx += ax;
      gy += ay;
      // Gravity.
      const double r = std::sqrt(xi * xi + yi * yi);
      if (r > 0) {
        const double f = o.strong_gravity_mode ? o.gravity * mass[i] : o.gravity * mass[i] / r;
        gx -= f * xi;
        gy -= f * yi;
      }
      fx[i] = gx;
      fy[i] = gy;
      const double sdx = old_fx[i] - gx, sdy = old_fy[i] - gy;
      const double tdx = old_fx[i] + gx, tdy = old_fy[i] + gy;
      swing[i] = mass[i] * std::sqrt(sdx * sdx + sdy * sdy);
      traction[i] = mass[i] * 0.5 * std::sqrt(tdx * tdx + tdy * tdy);
    }
  };

  for (std::uint32_t it = 0; it < iterations; ++it) {
    if (o.control != nullptr) {
      o.control->step("layout", (polish > 0 ? 0.9 : 1.0) * it / iterations);
    }
    if (!exact) tree.build(x, y, mass, order);
    detail::parallel_chunks(
        n, threads, kChunk, nullptr, "layout",
        [&](unsigned, std::size_t begin, std::size_t end) { forces(begin, end); });
    // Gephi's adaptive speed (global sums in actor order: independent of the threads).
    double total_swing = 0, total_traction = 0;
    for (std::uint32_t v = 0; v < n; ++v) {
      total_swing += swing[v];
      total_traction += traction[v];
    }
    const double estimated_jt = 0.05 * std::sqrt(static_cast<double>(n));
    const double min_jt = std::sqrt(estimated_jt), max_jt = 10.0;
    double jt =
        o.jitter_tolerance * std::max(min_jt, std::min(max_jt, estimated_jt * total_traction /
                                                                   (static_cast<double>(n) * n)));
    constexpr double kMinSpeedEfficiency = 0.05;
    if (total_traction > 0 && total_swing / total_traction > 2.0) {
      if (speed_efficiency > kMinSpeedEfficiency) speed_efficiency *= 0.5;
      jt = std::max(jt, o.jitter_tolerance);
    }
    const double target =
        total_swing > 0 ? jt * speed_efficiency * total_traction / total_swing : speed * 1.5;
    if (total_swing > jt * total_traction) {
      if (speed_efficiency > kMinSpeedEfficiency) speed_efficiency *= 0.7;
    } else if (speed < 1000) {
      speed_efficiency *= 1.3;
    }
    speed = speed + std::min(target - speed, 0.5 * speed);
    if (!(speed > 0) || !std::isfinite(speed)) speed = 1e-6;
    detail::parallel_chunks(n, threads, kChunk * 16, nullptr, "layout",
                            [&](unsigned, std::size_t begin, std::size_t end) {
                              for (std::size_t v = begin; v < end; ++v) {
                                const double f =
                                    speed / (1.0 + std::sqrt(speed * swing[v])) / o.slow_down;
                                const double nx = x[v] + fx[v] * f, ny = y[v] + fy[v] * f;
                                if (std::isfinite(nx) && std::isfinite(ny)) {
                                  x[v] = nx;
                                  y[v] = ny;
                                }
                                old_fx[v] = fx[v];
                                old_fy[v] = fy[v];
                              }
                            });
  }
  if (polish > 0 && n <= kPolishMaxN) stress_polish(a, x, y, polish, threads, o.control);
  if (o.pack_components) pack_components(a, x, y);
  if (o.control != nullptr) o.control->step("layout", 1.0);
  centre(x, y);
  result.x = std::move(x);
  result.y = std::move(y);
  result.iterations = iterations;
  return result;
}

}  // namespace kn
