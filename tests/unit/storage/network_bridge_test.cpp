// Network bridge on every backend: the Musterstadt demo network imported into a project and
// loaded back gives the same actors, attributes, memberships, relations, waves and ties;
// importing again changes nothing; pseudonymised loads show no names; wave and relation filters.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <gtest/gtest.h>

#include "app/demo/musterstadt.hpp"
#include "storage/network_bridge.hpp"
#include "unit/storage/storage_fixture.hpp"

namespace kn::storage::test {
namespace {

class Bridge : public StorageTest {
 protected:
  Id project() {
    Project p;
    p.slug = "musterstadt";
    p.name = "Musterstadt";
    return repo().create_project(p).id;
  }
};

std::map<std::string, kn::Value> actor_attrs(const kn::Network& net, kn::ActorIndex a) {
  std::map<std::string, kn::Value> out;
  for (const auto& column : net.actor_attrs().columns())
    if (!kn::is_missing(column.values[a])) out[column.name] = column.values[a];
  return out;
}

/// (wave, relation, source, target) -> attributes.
std::map<std::tuple<std::string, std::string, std::string, std::string>,
         std::map<std::string, kn::Value>>
ties_of(const kn::Network& net) {
  std::map<std::tuple<std::string, std::string, std::string, std::string>,
           std::map<std::string, kn::Value>>
      out;
  for (kn::TieIndex t = 0; t < net.tie_count(); ++t) {
    std::map<std::string, kn::Value> attrs;
    for (const auto& column : net.tie_attrs().columns())
      if (!kn::is_missing(column.values[t])) attrs[column.name] = column.values[t];
    out[{net.waves()[net.tie_wave(t)].name, net.relations()[net.tie_relation(t)].name,
         net.actor_id(net.tie_source(t)), net.actor_id(net.tie_target(t))}] = attrs;
  }
  return out;
}

std::set<std::tuple<std::string, std::string, std::string>> memberships(const kn::Network& net) {
  std::set<std::tuple<std::string, std::string, std::string>> out;
  const kn::Affiliation* f = net.find_affiliation("field");
  if (f == nullptr) return out;
  const kn::AttrColumn* role = f->attrs.find("role");
  for (std::size_t r = 0; r < f->actor.size(); ++r)
    out.insert({net.actor_id(f->actor[r]), f->items[f->item[r]],
                role != nullptr ? std::get<std::string>(role->values[r]) : ""});
  return out;
}

TEST_P(Bridge, DemoNetworkRoundTrip) {
  kn::app::MusterstadtOptions small;
  small.actors = 60;
  const kn::Network demo = kn::app::generate_musterstadt(small);
  const Id pid = project();
  const ImportResult first = import_network(repo(), pid, demo);
  EXPECT_EQ(first.actors_created, demo.actor_count());
  EXPECT_EQ(first.ties_written, demo.tie_count());
  LoadOptions names;
  names.names = true;
  const kn::Network loaded = load_network(repo(), pid, names);
  ASSERT_EQ(loaded.actor_count(), demo.actor_count());
  for (kn::ActorIndex a = 0; a < demo.actor_count(); ++a) {
    const auto b = loaded.find_actor(demo.actor_id(a));
    ASSERT_TRUE(b) << demo.actor_id(a);
    EXPECT_EQ(actor_attrs(loaded, *b), actor_attrs(demo, a)) << demo.actor_id(a);
  }
  EXPECT_EQ(ties_of(loaded), ties_of(demo));
  EXPECT_EQ(memberships(loaded), memberships(demo));
  ASSERT_EQ(loaded.waves().size(), 1U);
  EXPECT_EQ(loaded.waves()[0].name, "2026");
  EXPECT_EQ(loaded.relations().size(), demo.relations().size());

  // Importing the same network again changes nothing.
  const ImportResult second = import_network(repo(), pid, demo);
  EXPECT_EQ(second.actors_created, 0U);
  EXPECT_EQ(second.waves_created, 0U);
  const kn::Network again = load_network(repo(), pid, names);
  EXPECT_EQ(again.actor_count(), demo.actor_count());
  EXPECT_EQ(ties_of(again), ties_of(demo));
}

TEST_P(Bridge, PseudonymisedByDefaultAndFilters) {
  kn::Network net;
  const auto a = net.add_actor("stadtwerke");
  const auto b = net.add_actor("buergerverein");
  net.set_actor_attr(a, "name", std::string("Stadtwerke Müßighausen"));
  net.set_actor_attr(b, "name", std::string("Bürgerverein 🏡"));
  const auto collab = net.relation("zusammenarbeit");
  const auto info = net.relation("information");
  const auto w1 = net.wave("2025");
  const auto w2 = net.wave("2026");
  net.add_tie(a, b, collab, w1);
  net.add_tie(b, a, info, w2);
  const Id pid = project();
  import_network(repo(), pid, net);
  const kn::Network pseudo = load_network(repo(), pid);
  ASSERT_EQ(pseudo.actor_count(), 2U);
  for (kn::ActorIndex i = 0; i < 2; ++i) {
    EXPECT_EQ(pseudo.actor_id(i).rfind("A-", 0), 0U);
    EXPECT_EQ(std::get<std::string>(pseudo.actor_attr(i, "name")), pseudo.actor_id(i));
  }
  const auto waves = repo().list_waves(pid);
  ASSERT_EQ(waves.size(), 2U);
  LoadOptions only;
  only.waves = {waves[1].id};
  EXPECT_EQ(load_network(repo(), pid, only).tie_count(), 1U);
  LoadOptions rel;
  rel.relations = {"zusammenarbeit"};
  const kn::Network filtered = load_network(repo(), pid, rel);
  ASSERT_EQ(filtered.tie_count(), 1U);
  EXPECT_EQ(filtered.relations()[filtered.tie_relation(0)].name, "zusammenarbeit");
}

INSTANTIATE_TEST_SUITE_P(Backends, Bridge, KN_STORAGE_BACKENDS, backend_name);

}  // namespace
}  // namespace kn::storage::test
