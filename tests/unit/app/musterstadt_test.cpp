// Tests of the Musterstadt demo generator (src/app/demo/musterstadt.hpp, docs/demo.md):
// reproducibility, size and sector composition, attribute vocabularies, and that every planted
// structure is present with plant=true and absent with plant=false.
#include "app/demo/musterstadt.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "analysis/centrality/betweenness.hpp"
#include "core/graph/graph_view.hpp"

namespace kn::app {
namespace {

const std::string& str(const Value& v) {
  return std::get<std::string>(v);
}

std::string sector_of(const Network& net, ActorIndex a) {
  return str(net.actor_attr(a, "sector"));
}

/// FNV-1a over a canonical text form of the whole network (ids, attributes, ties, affiliations).
std::uint64_t fingerprint(const Network& net) {
  std::uint64_t h = 1469598103934665603ULL;
  auto feed = [&h](const std::string& s) {
    for (const char c : s) {
      h ^= static_cast<unsigned char>(c);
      h *= 1099511628211ULL;
    }
    h ^= 0xff;
    h *= 1099511628211ULL;
  };
  feed(net.title);
  for (std::size_t a = 0; a < net.actor_count(); ++a)
    feed(net.actor_id(static_cast<ActorIndex>(a)));
  for (const auto& col : net.actor_attrs().columns()) {
    feed(col.name);
    for (const auto& v : col.values)
      feed(value_to_string(v));
  }
  for (const auto& r : net.relations())
    feed(r.name);
  for (const auto& w : net.waves())
    feed(w.name);
  for (std::size_t t = 0; t < net.tie_count(); ++t) {
    const auto ti = static_cast<TieIndex>(t);
    feed(std::to_string(net.tie_source(ti)) + ">" + std::to_string(net.tie_target(ti)) + "/" +
         std::to_string(net.tie_relation(ti)) + "/" + std::to_string(net.tie_wave(ti)));
  }
  for (const auto& col : net.tie_attrs().columns()) {
    feed(col.name);
    for (const auto& v : col.values)
      feed(value_to_string(v));
  }
  for (const auto& aff : net.affiliations()) {
    feed(aff.name);
    for (const auto& item : aff.items)
      feed(item);
    for (std::size_t i = 0; i < aff.actor.size(); ++i) {
      feed(std::to_string(aff.actor[i]) + ":" + std::to_string(aff.item[i]));
    }
    for (const auto& col : aff.attrs.columns()) {
      feed(col.name);
      for (const auto& v : col.values)
        feed(value_to_string(v));
    }
  }
  return h;
}

/// Undirected "any tie" lookup per relation name (set of (min, max) actor pairs).
std::set<std::pair<ActorIndex, ActorIndex>> pairs(const Network& net, const std::string& rel) {
  std::set<std::pair<ActorIndex, ActorIndex>> out;
  const RelationIndex r = *net.find_relation(rel);
  for (std::size_t t = 0; t < net.tie_count(); ++t) {
    const auto ti = static_cast<TieIndex>(t);
    if (net.tie_relation(ti) != r) continue;
    const ActorIndex a = net.tie_source(ti), b = net.tie_target(ti);
    out.emplace(std::min(a, b), std::max(a, b));
  }
  return out;
}

std::set<std::pair<ActorIndex, ActorIndex>> arcs(const Network& net, const std::string& rel) {
  std::set<std::pair<ActorIndex, ActorIndex>> out;
  const RelationIndex r = *net.find_relation(rel);
  for (std::size_t t = 0; t < net.tie_count(); ++t) {
    const auto ti = static_cast<TieIndex>(t);
    if (net.tie_relation(ti) == r) out.emplace(net.tie_source(ti), net.tie_target(ti));
  }
  return out;
}

/// Pairs (a < b) with wunsch both ways and no zusammenarbeit tie in either direction.
std::vector<std::pair<ActorIndex, ActorIndex>> mutual_unmet_wishes(const Network& net) {
  const auto wish = arcs(net, "wunsch");
  const auto collab = pairs(net, "zusammenarbeit");
  std::vector<std::pair<ActorIndex, ActorIndex>> out;
  for (const auto& [a, b] : wish) {
    if (a < b && wish.count({b, a}) > 0 && collab.count({a, b}) == 0) out.emplace_back(a, b);
  }
  return out;
}

std::vector<ActorIndex> field_members(const Network& net, const std::string& field) {
  const Affiliation* aff = net.find_affiliation("field");
  std::vector<ActorIndex> out;
  for (std::size_t i = 0; i < aff->actor.size(); ++i) {
    if (aff->items[aff->item[i]] == field) out.push_back(aff->actor[i]);
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool contains(std::span<const std::string_view> keys, const std::string& s) {
  return std::find(keys.begin(), keys.end(), s) != keys.end();
}

class MusterstadtTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    planted_ = new MusterstadtData(generate_musterstadt_data({}));
    MusterstadtOptions plain;
    plain.plant = false;
    plain_ = new MusterstadtData(generate_musterstadt_data(plain));
  }
  static void TearDownTestSuite() {
    delete planted_;
    delete plain_;
  }
  static const MusterstadtData* planted_;
  static const MusterstadtData* plain_;
};
const MusterstadtData* MusterstadtTest::planted_ = nullptr;
const MusterstadtData* MusterstadtTest::plain_ = nullptr;

// ---- reproducibility ----------------------------------------------------------------------

TEST_F(MusterstadtTest, SameSeedGivesIdenticalNetwork) {
  const MusterstadtData again = generate_musterstadt_data({});
  const Network& a = planted_->network;
  const Network& b = again.network;
  ASSERT_EQ(a.actor_ids(), b.actor_ids());
  ASSERT_EQ(a.tie_count(), b.tie_count());
  for (std::size_t t = 0; t < a.tie_count(); ++t) {
    const auto ti = static_cast<TieIndex>(t);
    ASSERT_EQ(a.tie_source(ti), b.tie_source(ti));
    ASSERT_EQ(a.tie_target(ti), b.tie_target(ti));
    ASSERT_EQ(a.tie_relation(ti), b.tie_relation(ti));
  }
  ASSERT_EQ(a.tie_attrs().columns().size(), b.tie_attrs().columns().size());
  for (std::size_t c = 0; c < a.tie_attrs().columns().size(); ++c) {
    EXPECT_EQ(a.tie_attrs().columns()[c].values, b.tie_attrs().columns()[c].values);
  }
  EXPECT_EQ(fingerprint(a), fingerprint(b));
  EXPECT_EQ(planted_->plant.brokers, again.plant.brokers);
  EXPECT_EQ(planted_->plant.mutual_wishes, again.plant.mutual_wishes);
  EXPECT_EQ(planted_->plant.gap_actors, again.plant.gap_actors);
}

TEST_F(MusterstadtTest, OtherSeedGivesOtherTies) {
  MusterstadtOptions other;
  other.seed = 7;
  const Network net = generate_musterstadt(other);
  EXPECT_EQ(net.actor_ids(), planted_->network.actor_ids());  // same roster
  EXPECT_NE(fingerprint(net), fingerprint(planted_->network));
}

// The generator promises identical output on every platform (only mt19937_64 and integer/IEEE
// arithmetic). This pins the default network; if the generator is changed on purpose, update
// the value and say so in docs/demo.md.
TEST_F(MusterstadtTest, DefaultNetworkFingerprintIsPinned) {
  EXPECT_EQ(planted_->network.tie_count(), 2257u);
  EXPECT_EQ(fingerprint(planted_->network), 15279500043679563776ULL);
}

// ---- size and composition -------------------------------------------------------------------

TEST_F(MusterstadtTest, DefaultSizeAndSectorCounts) {
  const Network& net = planted_->network;
  ASSERT_EQ(net.actor_count(), 150u);
  std::map<std::string, int> count;
  for (ActorIndex a = 0; a < net.actor_count(); ++a)
    ++count[sector_of(net, a)];
  const std::map<std::string, int> expected = {
      {"verwaltung", 22}, {"politik", 14},           {"kommunale_unternehmen", 12},
      {"wirtschaft", 36}, {"zivilgesellschaft", 40}, {"wissenschaft_bildung", 16},
      {"medien", 10}};
  EXPECT_EQ(count, expected);
  EXPECT_TRUE(net.directed);
  ASSERT_EQ(net.relations().size(), 3u);
  EXPECT_EQ(net.relations()[0].name, "zusammenarbeit");
  EXPECT_EQ(net.relations()[1].name, "information");
  EXPECT_EQ(net.relations()[2].name, "wunsch");
  ASSERT_EQ(net.waves().size(), 1u);
  EXPECT_EQ(net.waves()[0].name, "2026");
}

TEST_F(MusterstadtTest, ActorAttributes) {
  const Network& net = planted_->network;
  std::set<std::string> names;
  int persons = 0;
  for (ActorIndex a = 0; a < net.actor_count(); ++a) {
    const std::string sector = sector_of(net, a);
    EXPECT_TRUE(contains(kSectorKeys, sector));
    EXPECT_EQ(str(net.actor_attr(a, "headline_sector")), headline_sector(sector));
    const std::string kind = str(net.actor_attr(a, "kind"));
    EXPECT_TRUE(kind == "organisation" || kind == "person") << kind;
    persons += kind == "person" ? 1 : 0;
    names.insert(str(net.actor_attr(a, "name")));
  }
  EXPECT_EQ(names.size(), net.actor_count()) << "names are unique";
  EXPECT_GT(persons, 0);
  EXPECT_EQ(names.count("Stadtwerke Musterstadt"), 1u);
  EXPECT_EQ(names.count("Klimabündnis Musterstadt e.V."), 1u);  // UTF-8 umlaut kept
  EXPECT_EQ(names.count("Amt für Umwelt und Klimaschutz"), 1u);
  EXPECT_EQ(net.actor_id(0), "V01");
  EXPECT_EQ(net.actor_id(149), "M10");
}

TEST(MusterstadtHeadline, MapsEverySector) {
  EXPECT_EQ(headline_sector("verwaltung"), "politik_verwaltung");
  EXPECT_EQ(headline_sector("politik"), "politik_verwaltung");
  EXPECT_EQ(headline_sector("kommunale_unternehmen"), "wirtschaft");
  EXPECT_EQ(headline_sector("wirtschaft"), "wirtschaft");
  EXPECT_EQ(headline_sector("zivilgesellschaft"), "zivilgesellschaft");
  EXPECT_EQ(headline_sector("wissenschaft_bildung"), "zivilgesellschaft");
  EXPECT_EQ(headline_sector("medien"), "zivilgesellschaft");
  EXPECT_EQ(headline_sector("unbekannt"), "");
}

TEST(MusterstadtSize, OtherSizesAndMinimum) {
  for (std::uint32_t n : {40u, 151u, 400u}) {
    MusterstadtOptions o;
    o.actors = n;
    const MusterstadtData d = generate_musterstadt_data(o);
    ASSERT_EQ(d.network.actor_count(), n);
    std::map<std::string, int> count;
    std::set<std::string> names;
    for (ActorIndex a = 0; a < n; ++a) {
      ++count[sector_of(d.network, a)];
      names.insert(str(d.network.actor_attr(a, "name")));
    }
    EXPECT_EQ(count.size(), 7u) << n;
    for (const auto& [sector, c] : count)
      EXPECT_GE(c, 3) << sector << " n=" << n;
    EXPECT_EQ(names.size(), n) << "unique names for n=" << n;
    EXPECT_EQ(d.plant.brokers.size(), 4u);
    EXPECT_EQ(d.plant.gap_actors.size(), 6u);
    EXPECT_EQ(mutual_unmet_wishes(d.network), d.plant.mutual_wishes);
  }
  MusterstadtOptions tiny;
  tiny.actors = 39;
  EXPECT_THROW(generate_musterstadt_data(tiny), std::invalid_argument);
}

// ---- tie attributes and fields --------------------------------------------------------------

TEST_F(MusterstadtTest, TieAttributeVocabulary) {
  const Network& net = planted_->network;
  int low = 0, low_with_barrier = 0, high = 0, high_with_barrier = 0;
  for (std::size_t t = 0; t < net.tie_count(); ++t) {
    const auto ti = static_cast<TieIndex>(t);
    const std::string& rel = net.relations()[net.tie_relation(ti)].name;
    if (rel == "wunsch") {
      for (const auto& f : std::get<std::vector<std::string>>(net.tie_attr(ti, "fields"))) {
        EXPECT_TRUE(contains(kFieldKeys, f));
      }
      EXPECT_FALSE(std::get<std::vector<std::string>>(net.tie_attr(ti, "fields")).empty());
      continue;
    }
    const std::string freq = str(net.tie_attr(ti, "frequency"));
    ASSERT_TRUE(contains(kFrequencyKeys, freq)) << freq;
    const double weight = std::get<double>(net.tie_attr(ti, "weight"));
    const auto fi =
        std::find(kFrequencyKeys.begin(), kFrequencyKeys.end(), freq) - kFrequencyKeys.begin();
    EXPECT_EQ(weight, static_cast<double>(4 - fi));
    if (rel != "zusammenarbeit") continue;
    EXPECT_TRUE(contains(kTieKindKeys, str(net.tie_attr(ti, "kind"))));
    const double q = std::get<double>(net.tie_attr(ti, "quality"));
    ASSERT_TRUE(q >= 1 && q <= 5 && q == static_cast<int>(q)) << q;
    const auto& barriers = std::get<std::vector<std::string>>(net.tie_attr(ti, "barriers"));
    for (const auto& b : barriers)
      EXPECT_TRUE(contains(kBarrierKeys, b)) << b;
    for (const auto& e : std::get<std::vector<std::string>>(net.tie_attr(ti, "enablers"))) {
      EXPECT_TRUE(contains(kEnablerKeys, e)) << e;
    }
    if (q <= 3) {
      ++low;
      low_with_barrier += barriers.empty() ? 0 : 1;
    } else {
      ++high;
      high_with_barrier += barriers.empty() ? 0 : 1;
    }
  }
  EXPECT_EQ(low_with_barrier, low) << "every tie of quality <= 3 names a barrier";
  EXPECT_LT(high_with_barrier * 5, high) << "barriers are rare on good ties";
}

TEST_F(MusterstadtTest, FieldsAsAffiliationAndAttribute) {
  const Network& net = planted_->network;
  const Affiliation* aff = net.find_affiliation("field");
  ASSERT_NE(aff, nullptr);
  ASSERT_EQ(aff->items.size(), kFieldKeys.size());
  for (std::size_t i = 0; i < kFieldKeys.size(); ++i)
    EXPECT_EQ(aff->items[i], kFieldKeys[i]);
  std::vector<std::vector<std::string>> from_membership(net.actor_count());
  const AttrColumn* role = aff->attrs.find("role");
  ASSERT_NE(role, nullptr);
  ASSERT_EQ(role->values.size(), aff->actor.size());
  for (std::size_t i = 0; i < aff->actor.size(); ++i) {
    from_membership[aff->actor[i]].push_back(aff->items[aff->item[i]]);
    EXPECT_TRUE(contains(kRoleKeys, str(role->values[i])));
  }
  for (ActorIndex a = 0; a < net.actor_count(); ++a) {
    const auto& fields = std::get<std::vector<std::string>>(net.actor_attr(a, "fields"));
    EXPECT_EQ(fields, from_membership[a]) << net.actor_id(a);
    EXPECT_GE(fields.size(), 1u);
  }
}

TEST_F(MusterstadtTest, ReciprocityIsPartial) {
  // Collaboration is reported by both sides for most pairs but not all (kCollabMutual = 0.65
  // of pairs -> share of reciprocated arcs 2*0.65/(1+0.65) ~ 0.79).
  const auto collab = arcs(planted_->network, "zusammenarbeit");
  std::size_t mutual = 0;
  for (const auto& [a, b] : collab)
    mutual += collab.count({b, a});
  const double reciprocity = static_cast<double>(mutual) / static_cast<double>(collab.size());
  EXPECT_GT(reciprocity, 0.7);
  EXPECT_LT(reciprocity, 0.9);
}

// ---- planted structures -----------------------------------------------------------------------

TEST_F(MusterstadtTest, BrokersHaveTopBetweennessAndReachManySectors) {
  const Network& net = planted_->network;
  const auto& brokers = planted_->plant.brokers;
  ASSERT_EQ(brokers.size(), 4u);
  std::vector<std::string> ids;
  for (ActorIndex b : brokers)
    ids.push_back(net.actor_id(b));
  EXPECT_EQ(ids, (std::vector<std::string>{"V01", "KU06", "Z01", "WB01"}));

  ViewOptions view;
  view.relations = {"zusammenarbeit"};
  const Graph g = make_view(net, view);
  const std::vector<double> b = betweenness(g).betweenness;
  std::vector<ActorIndex> order(net.actor_count());
  for (ActorIndex a = 0; a < order.size(); ++a)
    order[a] = a;
  std::sort(order.begin(), order.end(), [&](ActorIndex x, ActorIndex y) { return b[x] > b[y]; });
  std::vector<ActorIndex> top(order.begin(), order.begin() + 4);
  std::sort(top.begin(), top.end());
  EXPECT_EQ(top, brokers) << "the four brokers are the four actors of highest betweenness";

  for (ActorIndex broker : brokers) {
    std::set<std::string> sectors;
    for (ActorIndex v : g.neighbours(broker))
      sectors.insert(sector_of(net, v));
    EXPECT_EQ(sectors.size(), 7u) << net.actor_id(broker) << " reaches every sector";
    for (const auto& fragment : planted_->plant.fragments) {
      const bool reaches = std::any_of(fragment.begin(), fragment.end(), [&](ActorIndex v) {
        return g.has_arc(broker, v) || g.has_arc(v, broker);
      });
      EXPECT_TRUE(reaches) << net.actor_id(broker) << " reaches every fragment";
    }
  }
}

TEST_F(MusterstadtTest, FragmentedSectorHasNoTiesBetweenFragments) {
  const Network& net = planted_->network;
  const auto& plant = planted_->plant;
  EXPECT_EQ(plant.fragmented_sector, "zivilgesellschaft");
  ASSERT_EQ(plant.fragments.size(), 3u);
  std::map<ActorIndex, std::size_t> fragment_of;
  std::size_t members = 0;
  for (std::size_t f = 0; f < plant.fragments.size(); ++f) {
    for (ActorIndex v : plant.fragments[f]) {
      EXPECT_EQ(sector_of(net, v), "zivilgesellschaft");
      fragment_of[v] = f;
      ++members;
    }
  }
  EXPECT_EQ(members, 39u) << "all of zivilgesellschaft except broker Z01";
  for (const std::string rel : {"zusammenarbeit", "information"}) {
    std::vector<int> inside(plant.fragments.size(), 0);
    int across = 0;
    for (const auto& [a, b] : pairs(net, rel)) {
      if (fragment_of.count(a) == 0 || fragment_of.count(b) == 0) continue;
      if (fragment_of[a] == fragment_of[b]) {
        ++inside[fragment_of[a]];
      } else {
        ++across;
      }
    }
    EXPECT_EQ(across, 0) << rel;
    for (int c : inside)
      EXPECT_GT(c, 5) << rel << ": each fragment is internally tied";
  }
  // Without the plant, the same three groups of zivilgesellschaft are tied to each other.
  int across_plain = 0;
  for (const auto& [a, b] : pairs(plain_->network, "zusammenarbeit")) {
    if (fragment_of.count(a) > 0 && fragment_of.count(b) > 0 && fragment_of[a] != fragment_of[b]) {
      ++across_plain;
    }
  }
  EXPECT_GT(across_plain, 20);
}

TEST_F(MusterstadtTest, MutualUnmetWishesAreExactlyThePlantedOnes) {
  const Network& net = planted_->network;
  const auto& wishes = planted_->plant.mutual_wishes;
  ASSERT_EQ(wishes.size(), 6u);
  EXPECT_EQ(mutual_unmet_wishes(net), wishes);
  const auto collab = pairs(net, "zusammenarbeit");
  for (const auto& [a, b] : wishes) {
    EXPECT_LT(a, b);
    EXPECT_NE(sector_of(net, a), sector_of(net, b)) << "planted wishes cross sectors";
    EXPECT_EQ(collab.count({a, b}), 0u);
  }
  // Wishes in general exist and mostly point to non-partners.
  const auto wish = arcs(net, "wunsch");
  EXPECT_GT(wish.size(), 100u);
}

TEST_F(MusterstadtTest, DifficultSectorPairHasLowQualityAndBureaucracy) {
  const Network& net = planted_->network;
  EXPECT_EQ(planted_->plant.difficult_pair,
            (std::pair<std::string, std::string>{"verwaltung", "wirtschaft"}));
  auto stats = [](const Network& n) {
    std::map<std::pair<std::string, std::string>, std::pair<double, int>> quality;  // sum, count
    std::map<bool, std::pair<int, int>> bureaucracy;  // difficult? -> (with, total)
    const RelationIndex r = *n.find_relation("zusammenarbeit");
    for (std::size_t t = 0; t < n.tie_count(); ++t) {
      const auto ti = static_cast<TieIndex>(t);
      if (n.tie_relation(ti) != r) continue;
      auto key = std::minmax(sector_of(n, n.tie_source(ti)), sector_of(n, n.tie_target(ti)));
      const std::pair<std::string, std::string> pair{key.first, key.second};
      auto& q = quality[pair];
      q.first += std::get<double>(n.tie_attr(ti, "quality"));
      ++q.second;
      const auto& barriers = std::get<std::vector<std::string>>(n.tie_attr(ti, "barriers"));
      const bool hard = pair == std::pair<std::string, std::string>{"verwaltung", "wirtschaft"};
      auto& b = bureaucracy[hard];
      b.first += std::count(barriers.begin(), barriers.end(), "bureaucracy") > 0 ? 1 : 0;
      ++b.second;
    }
    return std::make_pair(quality, bureaucracy);
  };
  const auto [quality, bureaucracy] = stats(net);
  const std::pair<std::string, std::string> hard{"verwaltung", "wirtschaft"};
  ASSERT_GT(quality.at(hard).second, 10);
  const double hard_mean = quality.at(hard).first / quality.at(hard).second;
  EXPECT_LE(hard_mean, 2.5);
  for (const auto& [pair, q] : quality) {
    if (pair == hard || q.second < 5) continue;
    EXPECT_GT(q.first / q.second, hard_mean + 0.8) << pair.first << "-" << pair.second;
  }
  EXPECT_EQ(bureaucracy.at(true).first, bureaucracy.at(true).second) << "always bureaucracy";
  EXPECT_LT(bureaucracy.at(false).first * 5, bureaucracy.at(false).second) << "rare elsewhere";

  const auto [plain_quality, plain_bureaucracy] = stats(plain_->network);
  EXPECT_GT(plain_quality.at(hard).first / plain_quality.at(hard).second, 3.3);
  EXPECT_LT(plain_bureaucracy.at(true).first * 2, plain_bureaucracy.at(true).second);
}

TEST_F(MusterstadtTest, CoordinationGapInClimateAdaptation) {
  const Network& net = planted_->network;
  const auto& gap = planted_->plant.gap_actors;
  EXPECT_EQ(planted_->plant.gap_field, "klimaanpassung");
  ASSERT_EQ(gap.size(), 6u);
  EXPECT_EQ(field_members(net, "klimaanpassung"), gap) << "the gap actors are the whole field";
  std::set<std::string> sectors;
  for (ActorIndex a : gap)
    sectors.insert(sector_of(net, a));
  EXPECT_EQ(sectors.size(), 6u);
  for (std::size_t t = 0; t < net.tie_count(); ++t) {
    const auto ti = static_cast<TieIndex>(t);
    const bool a_in = std::binary_search(gap.begin(), gap.end(), net.tie_source(ti));
    const bool b_in = std::binary_search(gap.begin(), gap.end(), net.tie_target(ti));
    EXPECT_FALSE(a_in && b_in) << "tie " << net.actor_id(net.tie_source(ti)) << " -> "
                               << net.actor_id(net.tie_target(ti)) << " inside the gap";
  }
  const auto collab = pairs(net, "zusammenarbeit");
  for (ActorIndex a : gap) {
    const bool tied = std::any_of(collab.begin(), collab.end(),
                                  [a](const auto& p) { return p.first == a || p.second == a; });
    EXPECT_TRUE(tied) << net.actor_id(a) << " collaborates with someone";
  }
}

TEST_F(MusterstadtTest, WithoutPlantNothingIsPlanted) {
  const MusterstadtPlant& plant = plain_->plant;
  EXPECT_TRUE(plant.brokers.empty());
  EXPECT_TRUE(plant.fragmented_sector.empty());
  EXPECT_TRUE(plant.fragments.empty());
  EXPECT_TRUE(plant.mutual_wishes.empty());
  EXPECT_TRUE(plant.difficult_pair.first.empty());
  EXPECT_TRUE(plant.gap_field.empty());
  EXPECT_TRUE(plant.gap_actors.empty());
  const Network& net = plain_->network;
  EXPECT_TRUE(mutual_unmet_wishes(net).empty()) << "no mutual wishes at all without the plant";
  // klimaanpassung is an ordinary field: more members, and some of them are tied.
  const auto members = field_members(net, "klimaanpassung");
  EXPECT_GT(members.size(), 10u);
  const auto collab = pairs(net, "zusammenarbeit");
  int inside = 0;
  for (ActorIndex a : members) {
    for (ActorIndex b : members)
      inside += a < b && collab.count({a, b}) > 0 ? 1 : 0;
  }
  EXPECT_GT(inside, 0);
}

}  // namespace
}  // namespace kn::app
