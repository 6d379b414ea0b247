#pragma once
// Missing data of a whole-network survey: non-respondents' ties reconstructed from the others'
// reports (reconstruction by reciprocation; Stork & Richards 1992, Sociol. Methods Res.
// 20:480-509; Huisman 2009, J. Soc. Struct. 10(1), "Imputation of missing network data: some
// simple procedures"). For every tie i -> j reported by a respondent i about a non-respondent j,
// the tie j -> i is added in the same relation and wave, unless it is already there. Nothing is
// added between two non-respondents (nobody reported on them), and a respondent's not naming
// somebody is data, not missing. Only relations that are symmetric in meaning are reconstructed
// (default: zusammenarbeit and information — collaboration and information exchange; a desired
// collaboration is one side's wish and stays as reported).
//
// Added ties carry the attribute `reconstructed` = "yes" (String) and no other attribute: the
// non-respondent's own rating (quality, barriers, ...) is unknown, so analyses of tie attributes
// keep using the respondents' reports only. Every result built on a reconstructed network says
// so (MissingDataReport).

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/graph/network.hpp"

namespace kn::app {

struct ReconstructionOptions {
  /// Per actor (network index): answered the survey. Must have one entry per actor.
  std::vector<bool> responded;
  /// Relations to reconstruct; relations the network lacks are ignored.
  std::vector<std::string> relations = {"zusammenarbeit", "information"};
};

struct ReconstructionResult {
  Network network;  ///< the input with the added ties
  std::size_t added = 0;
  std::map<std::string, std::size_t> added_by_relation;
  std::uint32_t respondents = 0, non_respondents = 0;
};

/// Throws std::invalid_argument if `responded` has the wrong size.
ReconstructionResult reconstruct_ties(const Network& network, const ReconstructionOptions& options);

}  // namespace kn::app
