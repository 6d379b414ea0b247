// Key players (see key_players.hpp). Own implementation: igraph and sna have none.

#include "analysis/cohesion/key_players.hpp"

#include <algorithm>
#include <atomic>
#include <limits>
#include <random>
#include <stdexcept>

#include "analysis/detail/parallel_chunks.hpp"

namespace kn {

namespace {

constexpr std::uint32_t kUnseen = std::numeric_limits<std::uint32_t>::max();

struct Simple {
  std::uint32_t n = 0;
  std::vector<std::uint32_t> off, adj;
};

Simple simple_of(const Graph& g) {
  const Graph s = g.directed() ? g.symmetrised() : g;
  Simple out;
  out.n = s.n();
  out.off = s.out_offsets();
  out.adj = s.out_targets();
  if (out.off.size() != std::size_t{out.n} + 1) out.off.assign(std::size_t{out.n} + 1, 0);
  return out;
}

struct Scratch {
  std::vector<std::uint32_t> dist, queue;
};

std::uint32_t remaining(const std::vector<char>& removed) {
  return static_cast<std::uint32_t>(std::count(removed.begin(), removed.end(), 0));
}

/// 1 - sum / (left (left - 1)): the fragmentation form shared by F and DF.
double fragmentation_form(double sum, std::uint32_t left) {
  return 1.0 - sum / (static_cast<double>(left) * (static_cast<double>(left) - 1.0));
}

/// F on the graph without the actors marked in `removed`.
double score_f(const Simple& a, const std::vector<char>& removed, Scratch& s) {
  const std::uint32_t left = remaining(removed);
  if (left < 2) return 1.0;
  s.dist.assign(a.n, kUnseen);
  double pairs = 0.0;
  for (std::uint32_t r = 0; r < a.n; ++r) {
    if (removed[r] || s.dist[r] != kUnseen) continue;
    s.queue.assign(1, r);
    s.dist[r] = 0;
    for (std::size_t q = 0; q < s.queue.size(); ++q) {
      const std::uint32_t v = s.queue[q];
      for (std::uint32_t k = a.off[v]; k < a.off[v + 1]; ++k) {
        const std::uint32_t u = a.adj[k];
        if (removed[u] || s.dist[u] != kUnseen) continue;
        s.dist[u] = 0;
        s.queue.push_back(u);
      }
    }
    const double size = static_cast<double>(s.queue.size());
    pairs += size * (size - 1.0);
  }
  return fragmentation_form(pairs, left);
}

/// DF on the graph without the actors marked in `removed`.
double score_df(const Simple& a, const std::vector<char>& removed, Scratch& s) {
  const std::uint32_t left = remaining(removed);
  if (left < 2) return 1.0;
  double sum = 0.0;
  for (std::uint32_t r = 0; r < a.n; ++r) {
    if (removed[r]) continue;
    s.dist.assign(a.n, kUnseen);
    s.queue.assign(1, r);
    s.dist[r] = 0;
    for (std::size_t q = 0; q < s.queue.size(); ++q) {
      const std::uint32_t v = s.queue[q];
      for (std::uint32_t k = a.off[v]; k < a.off[v + 1]; ++k) {
        const std::uint32_t u = a.adj[k];
        if (removed[u] || s.dist[u] != kUnseen) continue;
        s.dist[u] = s.dist[v] + 1;
        sum += 1.0 / static_cast<double>(s.dist[u]);
        s.queue.push_back(u);
      }
    }
  }
  return fragmentation_form(sum, left);
}

/// DR of the actors marked in `in_set` (multi-source BFS).
double score_dr(const Simple& a, const std::vector<char>& in_set, Scratch& s) {
  if (a.n == 0) return 0.0;
  s.dist.assign(a.n, kUnseen);
  s.queue.clear();
  for (std::uint32_t v = 0; v < a.n; ++v)
    if (in_set[v]) {
      s.dist[v] = 0;
      s.queue.push_back(v);
    }
  double sum = static_cast<double>(s.queue.size());  // members count as reached
  for (std::size_t q = 0; q < s.queue.size(); ++q) {
    const std::uint32_t v = s.queue[q];
    for (std::uint32_t k = a.off[v]; k < a.off[v + 1]; ++k) {
      const std::uint32_t u = a.adj[k];
      if (s.dist[u] != kUnseen) continue;
      s.dist[u] = s.dist[v] + 1;
      sum += 1.0 / static_cast<double>(s.dist[u]);
      s.queue.push_back(u);
    }
  }
  return sum / static_cast<double>(a.n);
}

double score(const Simple& a, KeyPlayerGoal goal, const std::vector<char>& mask, Scratch& s) {
  switch (goal) {
    case KeyPlayerGoal::Fragmentation:
      return score_f(a, mask, s);
    case KeyPlayerGoal::DistanceFragmentation:
      return score_df(a, mask, s);
    case KeyPlayerGoal::Reach:
      return score_dr(a, mask, s);
  }
  return 0.0;
}

std::vector<char> mask_of(std::uint32_t n, std::span<const ActorIndex> set) {
  std::vector<char> mask(n, 0);
  for (const auto v : set) {
    if (v >= n) throw std::invalid_argument("key players: actor index out of range");
    mask[v] = 1;
  }
  return mask;
}

/// Uniform integer in [0, bound) from 53 random bits (own helper: std::uniform_int_distribution
/// is implementation-defined, and results must not depend on the standard library).
std::uint64_t below(std::mt19937_64& rng, std::uint64_t bound) {
  const double u = static_cast<double>(rng() >> 11U) * 0x1.0p-53;
  return std::min(bound - 1, static_cast<std::uint64_t>(u * static_cast<double>(bound)));
}

}  // namespace

double fragmentation(const Graph& g, std::span<const ActorIndex> removed) {
  const Simple a = simple_of(g);
  Scratch s;
  return score_f(a, mask_of(a.n, removed), s);
}

double distance_fragmentation(const Graph& g, std::span<const ActorIndex> removed) {
  const Simple a = simple_of(g);
  Scratch s;
  return score_df(a, mask_of(a.n, removed), s);
}

double distance_reach(const Graph& g, std::span<const ActorIndex> set) {
  const Simple a = simple_of(g);
  Scratch s;
  return score_dr(a, mask_of(a.n, set), s);
}

KeyPlayerResult key_players(const Graph& g, const KeyPlayerOptions& o) {
  const Simple a = simple_of(g);
  const std::uint32_t n = a.n;
  if (o.k == 0 || o.k > n)
    throw std::invalid_argument("key players: k must be between 1 and the number of actors (" +
                                std::to_string(n) + ")");
  if (o.restarts == 0) throw std::invalid_argument("key players: restarts must be at least 1");
  KeyPlayerResult best;
  best.score = -1.0;
  {
    Scratch s;
    const std::vector<char> none(n, 0);
    best.baseline = o.goal == KeyPlayerGoal::Reach ? 0.0 : score(a, o.goal, none, s);
  }
  // The actors the search may put into the set: options.candidates (sorted, unique) or all.
  std::vector<ActorIndex> pool = o.candidates;
  std::sort(pool.begin(), pool.end());
  pool.erase(std::unique(pool.begin(), pool.end()), pool.end());
  if (!pool.empty() && pool.back() >= n)
    throw std::invalid_argument("key players: candidate " + std::to_string(pool.back()) +
                                " is not an actor");
  if (pool.empty()) {
    pool.resize(n);
    for (std::uint32_t v = 0; v < n; ++v)
      pool[v] = v;
  }
  if (pool.size() < o.k)
    throw std::invalid_argument("key players: fewer candidates (" + std::to_string(pool.size()) +
                                ") than k");
  std::mt19937_64 rng(o.seed);
  std::atomic<std::uint64_t> evaluations{0};
  const unsigned workers =
      detail::parallel_workers(std::size_t{o.k} * (pool.size() - o.k), o.threads, 8);
  std::vector<Scratch> scratch(workers);
  std::vector<std::vector<char>> masks(workers);

  for (std::uint32_t restart = 0; restart < o.restarts; ++restart) {
    if (o.control != nullptr) o.control->check();
    // A random k-subset of the pool (partial Fisher-Yates).
    std::vector<ActorIndex> order = pool;
    const auto size = static_cast<std::uint32_t>(order.size());
    for (std::uint32_t i = 0; i < o.k; ++i)
      std::swap(order[i], order[i + below(rng, size - i)]);
    std::vector<ActorIndex> members(order.begin(), order.begin() + o.k);
    std::vector<char> mask = mask_of(n, members);
    double current = score(a, o.goal, mask, scratch[0]);
    evaluations.fetch_add(1);
    while (true) {
      std::vector<ActorIndex> outside;
      outside.reserve(pool.size() - o.k);
      for (const ActorIndex v : pool)
        if (!mask[v]) outside.push_back(v);
      const std::size_t candidates = std::size_t{o.k} * outside.size();
      if (candidates == 0) break;
      std::vector<double> value(candidates, 0.0);
      for (auto& m : masks)
        m = mask;
      detail::parallel_chunks(candidates, o.threads, 8, nullptr, "key players",
                              [&](unsigned w, std::size_t begin, std::size_t end) {
                                auto& m = masks[w];
                                for (std::size_t c = begin; c < end; ++c) {
                                  if (o.control != nullptr) o.control->check();
                                  const ActorIndex out = members[c / outside.size()];
                                  const ActorIndex in = outside[c % outside.size()];
                                  m[out] = 0;
                                  m[in] = 1;
                                  value[c] = score(a, o.goal, m, scratch[w]);
                                  m[in] = 0;
                                  m[out] = 1;
                                }
                              });
      evaluations.fetch_add(candidates);
      std::size_t pick = 0;
      for (std::size_t c = 1; c < candidates; ++c)
        if (value[c] > value[pick]) pick = c;
      if (!(value[pick] > current + 1e-12)) break;
      const std::size_t slot = pick / outside.size();
      const ActorIndex in = outside[pick % outside.size()];
      mask[members[slot]] = 0;
      mask[in] = 1;
      members[slot] = in;
      current = value[pick];
    }
    std::sort(members.begin(), members.end());
    if (current > best.score + 1e-12 ||
        (current >= best.score - 1e-12 && (best.set.empty() || members < best.set))) {
      best.score = current;
      best.set = members;
    }
    if (o.control != nullptr)
      o.control->step("key players", static_cast<double>(restart + 1) / o.restarts);
  }
  best.evaluations = evaluations.load();
  return best;
}

}  // namespace kn
