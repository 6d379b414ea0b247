#pragma once
// Barrier and enabler frequencies for the city report (issue 5): what hinders and what helps
// collaboration, overall, by sector pair and by field of action, with counts and shares. From
// the map model of one relation and wave (app/map_model.hpp): its ties of the selected relation
// as reported (a tie reported from both sides counts twice, once per report, as in the
// dashboard); the desired relation's ties are not counted.
//
// Conventions (docs/measures.md, "Barriers and enablers"):
//   - A tie's barriers (enablers) are the distinct keys of its `barriers` (`enablers`) list; a
//     key named twice on one tie counts once.
//   - Sector pair of a tie: the unordered pair {sector(source), sector(target)}, written with
//     `first` before `second` in sector_order(map) (first == second inside one sector).
//   - Fields of action of a tie: the tie's own `fields` if it has any, else the fields both
//     actors list (the intersection of the two actors' `fields`); a tie counts once in each of
//     its fields; ties with no field at all are counted in `ties_without_field` only.
//   - Per group (overall, sector pair, field): ties; with_barriers (with_enablers) = ties naming
//     at least one barrier (enabler); per key count = ties naming it, share = count / ties of the
//     group, share_named = count / with_barriers (with_enablers), 0 when that is 0. Keys sorted
//     by count (descending), then key.
//   - Order: sector pairs by (first, second) in sector_order(map); fields in domain order
//     (kFieldKeys), then other keys ascending. Only groups with at least options.min_ties ties
//     (default 1) are listed; `overall` always.

#include <string>
#include <vector>

#include "app/map_model.hpp"

namespace kn::app {

struct BarrierOptions {
  std::size_t min_ties = 1;  ///< groups with fewer ties are left out (>= 1)
};

struct KeyFrequency {
  std::string key;
  std::size_t count = 0;     ///< ties naming it
  double share = 0.0;        ///< count / ties of the group
  double share_named = 0.0;  ///< count / ties of the group naming any (barrier | enabler)
};

struct FrequencyGroup {
  std::size_t ties = 0;
  std::size_t with_barriers = 0, with_enablers = 0;
  std::vector<KeyFrequency> barriers, enablers;
};

struct SectorPairFrequencies {
  std::string first, second;  ///< sector_order(map): first at or before second
  FrequencyGroup counts;
};

struct FieldFrequencies {
  std::string field;
  FrequencyGroup counts;
};

struct BarrierInsights {
  FrequencyGroup overall;
  std::vector<SectorPairFrequencies> sector_pairs;
  std::vector<FieldFrequencies> fields;
  std::size_t ties_without_field = 0;
};

/// Throws std::invalid_argument if options.min_ties is 0.
BarrierInsights barrier_frequencies(const MapModel& map, const BarrierOptions& options = {});

/// The share of `key` among the group's barriers (KeyFrequency::share), 0 if it is not named.
double barrier_share(const FrequencyGroup& group, const std::string& key);

}  // namespace kn::app
