#pragma once
// Insights for the city report (issue 5) that need no statistics, from the map model of one
// relation and wave (app/map_model.hpp) and the network:
//
// Where collaboration works and where not — collaboration_quality():
//   - perception gaps: pairs that rated each other, with |q(a->b) - q(b->a)| >= options.gap
//     (default 2 points on the 1-5 scale), each unordered pair once (a < b in actor order);
//   - confirmed ties (reported by both sides) and one-sided ties, counted per unordered pair;
//     one-sided ties towards non-respondents are counted apart (they could not be confirmed);
//   - difficulty hotspots: actors with at least options.min_rated rated ties (given or received)
//     of which a share >= options.hotspot_share is difficult (quality <= options.difficult),
//     sorted by the number of difficult ties, then share, then actor order;
//   - sector pairs (ordered: reporting sector -> named sector) with their rated and difficult
//     ties and the difficult share, sorted by share then count (pairs with >= min_rated ratings),
//     and how surprising the share is: the one-sided exact binomial tail P(X >= difficult) for
//     X ~ Bin(rated, p0), p0 = the difficult share of all rated ties of the network; `notable`
//     when below options.alpha / m (Bonferroni over the m pairs shown; alpha default 0.01).
//     In the demo without its planted pair, 4 difficult of 7 ratings at p0 = 0.12 give
//     p = 0.006, not notable among 41 pairs; the planted 20 of 30 give p = 1.5e-11.
//
// Who does what — field_coverage(): per field of action (actors' `fields` list), the actors
// active in it and their sectors; fields carried by at most options.thin actors (default 2);
// coordination gaps: pairs of actors active in the same field with no tie between them in any
// relation and wave (either direction), counted per field, listed up to options.max_gaps per
// field (in actor order).

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "app/map_model.hpp"
#include "core/graph/network.hpp"

namespace kn::app {

struct QualityOptions {
  double gap = 2.0;            ///< minimum rating difference of a perception gap
  double difficult = 2.0;      ///< quality <= this is a difficult tie
  std::size_t min_rated = 3;   ///< ratings needed for a hotspot or a sector pair
  double hotspot_share = 0.5;  ///< difficult share that makes an actor a hotspot
  double alpha = 0.01;         ///< family-wise level for notable sector pairs (Bonferroni)
};

struct PerceptionGap {
  ActorIndex a = 0, b = 0;  ///< a < b
  double a_rates_b = 0.0, b_rates_a = 0.0;
};

struct Hotspot {
  ActorIndex actor = 0;
  std::size_t rated = 0, difficult = 0;
  double share = 0.0;
};

struct SectorPairQuality {
  std::string from, to;
  std::size_t rated = 0, difficult = 0;
  double share = 0.0;
  double p_value = 1.0;  ///< P(X >= difficult), X ~ Bin(rated, network share)
  bool notable = false;  ///< p_value < options.alpha / number of pairs
};

struct CollaborationQuality {
  std::vector<PerceptionGap> gaps;
  std::size_t pairs = 0;      ///< unordered pairs with a tie
  std::size_t confirmed = 0;  ///< of them named by both sides
  std::size_t one_sided = 0;  ///< named by one side that could have confirmed (it answered)
  std::size_t one_sided_unanswered = 0;  ///< named about a non-respondent
  std::vector<Hotspot> hotspots;
  std::vector<SectorPairQuality> sector_pairs;
  double difficult_share = 0.0;  ///< of all rated ties (p0)
};

/// Exact upper binomial tail P(X >= k), X ~ Bin(n, p) (log-space sum of the terms).
double binomial_upper_tail(std::size_t k, std::size_t n, double p);

CollaborationQuality collaboration_quality(const MapModel& map, const QualityOptions& options = {});

struct FieldOptions {
  std::size_t thin = 2;        ///< fields with at most this many actors are "thin"
  std::size_t max_gaps = 200;  ///< coordination gap pairs listed per field (counted in full)
};

struct FieldCoverage {
  std::string field;
  std::vector<ActorIndex> actors;                       ///< ascending
  std::map<std::string, std::size_t> sectors;           ///< sector -> actors
  std::size_t gap_count = 0;                            ///< pairs in the field without any tie
  std::vector<std::pair<ActorIndex, ActorIndex>> gaps;  ///< first max_gaps of them
};

struct FieldInsights {
  std::vector<FieldCoverage> fields;  ///< by number of actors, descending, then key
  std::vector<std::string> thin;      ///< fields with 1 .. options.thin actors
};

/// Fields from the actors' `fields` list attribute.
FieldInsights field_coverage(const Network& network, const FieldOptions& options = {});

}  // namespace kn::app
