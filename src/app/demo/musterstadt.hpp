#pragma once
// The "Musterstadt" demo network: a fictional city's climate-protection network, generated
// reproducibly from a seed (docs/demo.md describes the model and every planted structure).
//
// Contents (default options: 150 organisations):
//   - actors with attributes `name` (German, fictional), `sector` (the seven sector keys of the
//     domain model), `headline_sector` (zivilgesellschaft | wirtschaft | politik_verwaltung),
//     `kind` (organisation | person) and `fields` (List of field-of-action keys);
//   - two-mode affiliation "field" (actor x field of action) with membership attribute `role`
//     (planning | implementing | funding | advising | communicating);
//   - relations `zusammenarbeit`, `information` and `wunsch` (desired collaboration), all in wave
//     "2026", directed (who reported whom);
//   - tie attributes: zusammenarbeit: frequency, weight (4 weekly .. 1 yearly), kind, quality
//     (1-5), barriers (List; mostly when quality <= 3), enablers (List); information: frequency,
//     weight; wunsch: fields (List), barriers (List, what has prevented it so far).
// Model: sector stochastic block model with degree heterogeneity and field homophily, triadic
// closure, reported reciprocity; with `plant` also: cross-sector brokers, a fragmented sector,
// mutual unmet wishes, a difficult sector pair and a coordination gap (MusterstadtPlant).
//
// Determinism: only std::mt19937_64 (fully specified by the C++ standard) and our own integer /
// IEEE-arithmetic helpers are used (no std::*_distribution, no libm), so a seed gives the
// identical network on every platform and standard library.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/graph/network.hpp"

namespace kn::app {

/// The seven sector keys of the domain model, in id order.
inline constexpr std::array<std::string_view, 7> kSectorKeys = {
    "verwaltung",           "politik", "kommunale_unternehmen", "wirtschaft", "zivilgesellschaft",
    "wissenschaft_bildung", "medien"};
/// Fields of action (two-mode items), in item order.
inline constexpr std::array<std::string_view, 11> kFieldKeys = {"energie",
                                                                "gebaeude_waerme",
                                                                "mobilitaet",
                                                                "wirtschaft_gewerbe",
                                                                "private_haushalte",
                                                                "klimaanpassung",
                                                                "bildung_oeffentlichkeit",
                                                                "stadtentwicklung",
                                                                "beschaffung",
                                                                "abfall_wasser",
                                                                "ernaehrung"};
/// Membership roles in a field of action.
inline constexpr std::array<std::string_view, 5> kRoleKeys = {"planning", "implementing", "funding",
                                                              "advising", "communicating"};
/// Tie frequency keys (most to least frequent); tie `weight` is 4, 3, 2, 1 respectively.
inline constexpr std::array<std::string_view, 4> kFrequencyKeys = {"weekly", "monthly", "quarterly",
                                                                   "yearly"};
/// Kind of a collaboration tie.
inline constexpr std::array<std::string_view, 4> kTieKindKeys = {"information", "joint_project",
                                                                 "funding", "formal_coordination"};
/// Barrier keys (domain model list, same order).
inline constexpr std::array<std::string_view, 11> kBarrierKeys = {"lack_of_time",
                                                                  "lack_of_funding",
                                                                  "unclear_responsibilities",
                                                                  "bureaucracy",
                                                                  "different_goals",
                                                                  "communication_problems",
                                                                  "lack_of_trust",
                                                                  "lack_of_political_support",
                                                                  "power_imbalance",
                                                                  "no_contact_person",
                                                                  "competition"};
/// Enabler keys (domain model list, same order).
inline constexpr std::array<std::string_view, 8> kEnablerKeys = {
    "shared_goals",           "trust",
    "clear_responsibilities", "funding_programmes",
    "climate_management",     "regular_meetings",
    "political_backing",      "complementary_expertise"};

/// Headline sector of a sector key: politik_verwaltung for verwaltung/politik, wirtschaft for
/// kommunale_unternehmen/wirtschaft, zivilgesellschaft for the rest. Empty for unknown keys.
std::string_view headline_sector(std::string_view sector);

struct MusterstadtOptions {
  std::uint64_t seed = 2026;
  std::uint32_t actors = 150;  ///< at least 40 (std::invalid_argument otherwise)
  bool plant = true;           ///< plant the documented structures (MusterstadtPlant)
};

/// What was planted (all empty / false when MusterstadtOptions::plant is false).
struct MusterstadtPlant {
  /// Cross-sector brokers, each with collaboration ties into every other sector (and into
  /// every fragment of the fragmented sector). Default ids: V01, KU06, Z01, WB01.
  std::vector<ActorIndex> brokers;
  /// Sector split into groups with no zusammenarbeit or information tie between the groups.
  std::string fragmented_sector;
  std::vector<std::vector<ActorIndex>> fragments;
  /// Pairs (a < b) who name each other in `wunsch` but have no zusammenarbeit tie either way.
  /// These are the only mutual wunsch pairs of the network.
  std::vector<std::pair<ActorIndex, ActorIndex>> mutual_wishes;
  /// Sector pair whose zusammenarbeit ties have low quality and always the barrier
  /// "bureaucracy".
  std::pair<std::string, std::string> difficult_pair;
  /// Field of action whose members (exactly `gap_actors`) have no tie among them in any
  /// relation, although each has ties to others.
  std::string gap_field;
  std::vector<ActorIndex> gap_actors;
};

struct MusterstadtData {
  Network network;
  MusterstadtPlant plant;
};

/// Generates the demo network and the planted facts. Throws std::invalid_argument if
/// options.actors < 40.
MusterstadtData generate_musterstadt_data(const MusterstadtOptions& options = {});

/// Generates the demo network only.
Network generate_musterstadt(const MusterstadtOptions& options = {});

}  // namespace kn::app
