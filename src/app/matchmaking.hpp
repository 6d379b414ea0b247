#pragma once
// Who would like to work together — matchmaking for the city report (issue 5, part 2), from the
// map model of one relation and wave (app/map_model.hpp; the desired relation's ties are the
// wishes):
//   - unmet wishes: a wish u -> v where u and v have no tie in the relation (either direction);
//     mutual when v also wishes u;
//   - suggested introductions: unordered pairs without a tie in the relation that have a wish,
//     a shared field of action or a common partner, ranked by
//       score = 6 W + 2 F + 2 P + 0.5 S
//     with W = 1 for a mutual wish, 0.5 for a one-sided one, 0 otherwise;
//          F = Jaccard overlap of the two actors' fields of action (|F_u ∩ F_v| / |F_u ∪ F_v|);
//          P = resource allocation of their common partners in the relation (sum of 1/deg(w),
//              analysis/similarity/neighbourhood_similarity.hpp), divided by the largest value
//              among the candidates (so 0..1);
//          S = 1 when they are in different sectors (cross-sector complementarity), else 0;
//     ties in score broken by actor order. Every suggestion carries its reasons as data (the
//     report puts them into words): the wish and its direction, the shared fields, the number
//     of common partners and the most central of them (highest betweenness: who could
//     introduce them — the 2-path through a broker), and the two sectors.
// The weights make a mutual wish (6) outweigh everything else together (at most 4.5) and a
// one-sided wish (3) outweigh a perfect field overlap across sectors without partners (2.5);
// they are conventions of this report, documented in docs/measures.md, not estimates.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/map_model.hpp"

namespace kn::app {

struct MatchmakingOptions {
  std::size_t top = 20;  ///< suggestions returned (all unmet wishes are always returned)
};

struct UnmetWish {
  ActorIndex from = 0, to = 0;
  bool mutual = false;
};

struct Suggestion {
  ActorIndex a = 0, b = 0;  ///< a < b
  double score = 0.0;
  double wish = 0.0, fields = 0.0, partners = 0.0, cross_sector = 0.0;  ///< W, F, P, S
  bool a_wishes_b = false, b_wishes_a = false;
  std::vector<std::string> shared_fields;
  std::uint32_t common_partners = 0;
  std::optional<ActorIndex> introducer;  ///< the most central common partner
};

struct MatchmakingResult {
  std::vector<UnmetWish> unmet;         ///< in tie order
  std::size_t mutual_unmet = 0;         ///< unordered pairs wishing each other without a tie
  std::vector<Suggestion> suggestions;  ///< best first, at most options.top
  std::size_t candidates = 0;           ///< pairs scored
};

MatchmakingResult matchmaking(const MapModel& map, const MatchmakingOptions& options = {});

}  // namespace kn::app
