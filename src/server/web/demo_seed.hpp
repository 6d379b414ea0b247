#pragma once
// Fills a database with the fictional Musterstadt demo (docs/demo.md) as if a survey wave were
// under way: project, default questionnaire, an open wave, the roster, an invitation per actor,
// and a realistic share of answers (consented and submitted, some only started), innovations
// and one real lab. Answers are the ties the demo generator lets each respondent report; ties
// reported by non-respondents are not stored (they did not answer), so the usual missing-data
// situation of a whole-network survey is there to be seen.
//
// Fictional data only: names from the demo generator, e-mail addresses under musterstadt.example.

#include <cstdint>
#include <string>

#include "storage/repository.hpp"

namespace kn::web {

struct DemoSeedOptions {
  std::uint64_t seed = 2026;
  std::uint32_t actors = 150;
  double submitted_share = 0.62;  ///< share of invitations answered and submitted
  double started_share = 0.08;    ///< share started but not yet submitted
  std::string admin_email = "admin@musterstadt.example";
  std::string admin_password;  ///< empty: a random one (returned in the result)
};

struct DemoSeedResult {
  storage::Id project_id = 0;
  storage::Id wave_id = 0;
  std::string project_slug;
  std::string admin_email;
  std::string admin_password;
  /// A fresh invitation link token of an actor who has not answered yet (only its hash is stored).
  std::string respondent_token;
  std::string respondent_name;
  std::size_t invitations = 0, submitted = 0, started = 0, ties = 0, innovations = 0;
};

/// Seeds an empty database (throws storage::StorageError Conflict if the demo project exists).
DemoSeedResult seed_demo(storage::Repository& repo, const DemoSeedOptions& options = {});

/// seed_demo() if the demo project does not exist yet; otherwise new credentials for the
/// existing demo: a new admin password and a new link for the first respondent (roster order)
/// who has not started, since only hashes are stored and the old ones cannot be shown again.
DemoSeedResult ensure_demo(storage::Repository& repo, const DemoSeedOptions& options = {});

}  // namespace kn::web
