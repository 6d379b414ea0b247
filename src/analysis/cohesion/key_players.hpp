#pragma once
// Key players (Borgatti 2006, "Identifying sets of key players in a social network", Comput.
// Math. Organ. Theory 12:21-34): the set S of k actors whose removal most fragments the network
// (KPP-Neg) or who together reach the most others (KPP-Pos). Direction is ignored (the
// symmetrised simple graph); weights are not used.
//
//   Fragmentation (KPP-Neg), on the graph without S with n' = n - |S| actors and components of
//   sizes s_k:   F  = 1 - sum_k s_k (s_k - 1) / (n' (n' - 1))
//   Distance-weighted fragmentation (KPP-Neg), on the graph without S:
//                DF = 1 - sum_{i != j} (1 / d_ij) / (n' (n' - 1)),  1/d = 0 when unreachable
//   (F = DF = 1 when fewer than two actors remain.) F = 0: everybody can reach everybody;
//   F = 1: no two actors connected. Equal to keyplayer::fragment(type = "F"/"DF") on binary data
//   (which divides DF additionally by max(1/d) = 1 there).
//   Distance-weighted reach (KPP-Pos): DR = sum_j (1 / d_Sj) / n over all actors j, with
//   d_Sj = min_{s in S} d_sj and members of S counting as reached (1 / d = 1), unreachable 0;
//   DR = 1: every actor is in S or next to it. (Implementations differ here: the R package
//   keyplayer contracts S into one node and divides by n - |S|; our convention keeps DR in
//   [|S|/n, 1] and is monotone in S.)
//
// Search (Borgatti 2006, section 4): start from a seeded random k-set, then repeatedly make the
// best swap of a member with a non-member while it improves the score (steepest ascent), from
// `restarts` random starts; the best set found is returned (ties: the lexicographically smallest
// sorted set). Exact for small cases only by chance — the tests compare with brute force.
// Cost per evaluation: O(n + m) for F, O(n' (n + m)) for DF and DR's BFS from S is O(n + m);
// a swap pass evaluates k (n - k) candidates, on `threads` workers. Seeded (std::mt19937_64 with
// our own uniform helper), deterministic and independent of the thread count. Progress
// ("key players", fraction of restarts) and cancel through RunControl.
#include <cstdint>
#include <span>
#include <vector>

#include "analysis/common.hpp"

namespace kn {

enum class KeyPlayerGoal : std::uint8_t { Fragmentation, DistanceFragmentation, Reach };

struct KeyPlayerOptions {
  std::uint32_t k = 3;  ///< size of the set (1 .. n)
  KeyPlayerGoal goal = KeyPlayerGoal::Fragmentation;
  std::uint64_t seed = 42;
  std::uint32_t restarts = 10;  ///< random starts of the swap search (>= 1)
  /// Actors the search may put into the set (duplicates ignored); empty = every actor. A pool
  /// of likely members keeps large networks affordable: a swap pass then costs k (|pool| - k)
  /// evaluations instead of k (n - k). The scores still count every actor.
  std::vector<ActorIndex> candidates;
  unsigned threads = 0;  ///< 0 = all cores
  const RunControl* control = nullptr;
};

struct KeyPlayerResult {
  std::vector<ActorIndex> set;  ///< sorted ascending
  double score = 0.0;           ///< F, DF or DR of `set`
  double baseline = 0.0;        ///< F or DF of the whole network (KPP-Neg); 0 for reach
  std::uint64_t evaluations = 0;
};

/// Throws std::invalid_argument if k is 0 or greater than n, restarts is 0, a candidate is not an
/// actor or there are fewer than k candidates.
KeyPlayerResult key_players(const Graph& g, const KeyPlayerOptions& options = {});

/// The scores of a given set (any size, duplicates ignored); `removed`/`set` are actor indices.
double fragmentation(const Graph& g, std::span<const ActorIndex> removed);
double distance_fragmentation(const Graph& g, std::span<const ActorIndex> removed);
double distance_reach(const Graph& g, std::span<const ActorIndex> set);

}  // namespace kn
