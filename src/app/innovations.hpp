#pragma once
// Innovation analysis for the city report (issue 5): the ideas and projects the respondents
// reported (storage::Innovation, converted by the caller into InnovationRecord with network actor
// indices), set against the map model of one relation and wave (app/map_model.hpp). Keys and
// numbers only; the report renders the words.
//
// Conventions (docs/measures.md, "Innovations"):
//   - Stages: the five domain stages idea, planning, pilot, realised, stopped are always listed
//     (count 0 included), then every other stage key that occurs (ascending, "" last). Fields:
//     the keys that occur, in domain order (kFieldKeys), then others ascending, "" last. Share =
//     count / number of ideas (NaN without ideas). stage_field.counts[s][f] counts the ideas of
//     stage s and field f in those orders.
//   - Actors of an idea: each actor index once (the first role given wins if it is listed
//     twice); initiators = role "initiator", partners = every other actor (roles partner,
//     supporter or any other), in the order given. Sectors involved: the distinct non-empty
//     `sector`s of all the idea's actors (initiators and partners), in sector_order(map) order;
//     cross_sector = at least two of them. An actor without a sector adds none.
//   - Realised = stage "realised"; not realised = every other stage (idea, planning, pilot,
//     stopped, others): "not (yet) realised". Conditions: the distinct condition keys of an idea
//     (a key listed twice counts once); per key the number of ideas naming it and the share of
//     all ideas, of the not realised and of the realised ideas (NaN when that base is 0); sorted
//     by count (descending), then key.
//   - Network position: initiators = actors who initiate at least one idea; others = every other
//     actor of the map (also those in no idea). For each measure key in options.measures (keys of
//     MapModel::measure_keys; default degree, betweenness, brokerage, constraint): mean and
//     median (mean of the two middle values for an even count) per group over the actors with a
//     defined value (NaN excluded), difference = mean(initiators) - mean(others) and its
//     two-sided permutation p-value: the labels "initiator" are reassigned to k of the n actors
//     with a value (k = initiators with a value), statistic |difference|; p = share of
//     assignments with |difference| >= the observed one (up to rounding: 1e-9 of the range of
//     the values). Exact enumeration of all C(n, k) assignments when C(n, k) <=
//     options.permutations (exact = true, p = extreme / C(n, k), the observed assignment
//     included); otherwise options.permutations random assignments, seeded (std::mt19937_64 from
//     options.seed, restarted for every measure, our own uniform draws; partial Fisher-Yates),
//     p = (1 + extreme) / (1 + permutations) (Phipson & Smyth 2010: the observed assignment
//     counts, p never 0). NaN when a group has no actor with a value.
//   - Throws std::invalid_argument naming the idea's title and the index when an actor index is
//     not an actor of the map, naming an unknown measure key, and if options.permutations is 0.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "app/map_model.hpp"

namespace kn::app {

struct InnovationRecord {
  std::string title, field, stage;
  std::vector<std::string> conditions;
  /// Network actor index and role: initiator | partner | supporter.
  std::vector<std::pair<ActorIndex, std::string>> actors;
};

struct InnovationOptions {
  /// Measures compared between initiators and the other actors (MapModel::measure_keys).
  std::vector<std::string> measures = {"degree", "betweenness", "brokerage", "constraint"};
  std::uint64_t permutations = 10000;  ///< random assignments; exact at or below this many
  std::uint64_t seed = 42;
};

struct KeyCount {
  std::string key;
  std::size_t count = 0;
  double share = 0.0;  ///< count / ideas; NaN without ideas
};

struct StageFieldTable {
  std::vector<std::string> stages, fields;       ///< the orders of by_stage and by_field
  std::vector<std::vector<std::size_t>> counts;  ///< [stage][field] ideas
};

struct IdeaActors {
  std::vector<ActorIndex> initiators, partners;  ///< partners = every non-initiator
  std::vector<std::string> sectors;              ///< distinct non-empty, sector_order(map)
  bool cross_sector = false;                     ///< sectors.size() >= 2
};

struct ConditionFrequency {
  std::string key;
  std::size_t count = 0, not_realised = 0, realised = 0;  ///< ideas naming the condition
  double share = 0.0;                                     ///< count / ideas
  double share_not_realised = 0.0;  ///< not_realised / ideas not realised; NaN if none
  double share_realised = 0.0;      ///< realised / realised ideas; NaN if none
};

struct PositionComparison {
  std::string measure;
  std::size_t initiators = 0, others = 0;  ///< actors with a defined value
  double initiator_mean = 0.0, initiator_median = 0.0;
  double other_mean = 0.0, other_median = 0.0;
  double difference = 0.0;        ///< initiator_mean - other_mean
  double p_value = 0.0;           ///< two-sided permutation p; NaN if a group is empty
  bool exact = false;             ///< all assignments enumerated
  std::uint64_t assignments = 0;  ///< assignments evaluated (C(n, k) when exact)
};

struct InnovationInsights {
  std::size_t ideas = 0, realised = 0, not_realised = 0;
  std::vector<KeyCount> by_stage, by_field;
  StageFieldTable stage_field;
  std::vector<IdeaActors> per_idea;  ///< parallel to the input ideas
  std::size_t cross_sector = 0;      ///< ideas with actors of at least two sectors
  std::vector<ConditionFrequency> conditions;
  std::vector<ActorIndex> initiators;         ///< distinct, ascending
  std::vector<PositionComparison> positions;  ///< parallel to options.measures
};

InnovationInsights innovation_insights(const MapModel& map,
                                       const std::vector<InnovationRecord>& ideas,
                                       const InnovationOptions& options = {});

/// Two-sided permutation test of the difference in means between the values flagged in
/// `group` and the others (NaN values excluded), as used by innovation_insights(); exposed for
/// the tests. `group` has one entry per value.
PositionComparison compare_groups(const std::vector<double>& values, const std::vector<bool>& group,
                                  const InnovationOptions& options = {});

}  // namespace kn::app
