#include "app/two_mode_report.hpp"

#include <stdexcept>
#include <unordered_map>
#include <utility>

namespace kn::app {

namespace {

struct Incidence {
  TwoModeGraph graph;
  std::vector<std::string> items;
  std::string source;
};

Incidence from_attribute(const Network& network, const std::string& name) {
  Incidence in;
  in.source = "attribute";
  std::unordered_map<std::string, std::uint32_t> item_index;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> memberships;
  for (ActorIndex a = 0; a < network.actor_count(); ++a) {
    const Value& v = network.actor_attr(a, name);
    const auto* list = std::get_if<std::vector<std::string>>(&v);
    if (list == nullptr) continue;
    for (const std::string& item : *list) {
      auto [it, inserted] =
          item_index.try_emplace(item, static_cast<std::uint32_t>(in.items.size()));
      if (inserted) in.items.push_back(item);
      memberships.emplace_back(a, it->second);
    }
  }
  in.graph = make_two_mode(static_cast<std::uint32_t>(network.actor_count()),
                           static_cast<std::uint32_t>(in.items.size()), memberships);
  return in;
}

Incidence incidence(const Network& network, const std::string& name) {
  if (const Affiliation* aff = network.find_affiliation(name)) {
    Incidence in;
    in.source = "affiliation";
    in.items = aff->items;
    in.graph = make_two_mode(network, name);
    return in;
  }
  const AttrColumn* column = network.actor_attrs().find(name);
  if (column != nullptr && column->type == AttrType::List) return from_attribute(network, name);
  std::string have;
  for (const Affiliation& aff : network.affiliations())
    have += (have.empty() ? "" : ", ") + aff.name;
  for (const AttrColumn& c : network.actor_attrs().columns()) {
    if (c.type == AttrType::List) have += (have.empty() ? "" : ", ") + c.name;
  }
  throw std::invalid_argument(
      "no affiliation or list attribute '" + name + "' in the network" +
      (have.empty() ? std::string(" (it has none)") : " (it has: " + have + ")"));
}

}  // namespace

ProjectionWeight parse_projection_weight(const std::string& text) {
  if (text == "count") return ProjectionWeight::Count;
  if (text == "jaccard") return ProjectionWeight::Jaccard;
  if (text == "newman") return ProjectionWeight::Newman;
  throw std::invalid_argument("unknown projection weighting '" + text +
                              "' (expected count, jaccard or newman)");
}

const char* projection_weight_name(ProjectionWeight weight) {
  switch (weight) {
    case ProjectionWeight::Count:
      return "count";
    case ProjectionWeight::Jaccard:
      return "jaccard";
    case ProjectionWeight::Newman:
      return "newman";
  }
  return "count";
}

TwoModeReport analyze_two_mode(const Network& network, const TwoModeRequest& request) {
  const Incidence in = incidence(network, request.affiliation);
  const TwoModeGraph& g = in.graph;
  const TwoModeResult summary = two_mode_summary(g);

  TwoModeReport r;
  r.affiliation = request.affiliation;
  r.source = in.source;
  r.actors = g.n_actors;
  r.items = g.n_items;
  r.density = summary.density;
  r.actor_rows.reserve(g.n_actors);
  for (std::uint32_t a = 0; a < g.n_actors; ++a) {
    TwoModeActorRow row;
    row.id = network.actor_id(a);
    const auto* name = std::get_if<std::string>(&network.actor_attr(a, "name"));
    row.name = name != nullptr && !name->empty() ? *name : row.id;
    row.degree = static_cast<std::uint32_t>(g.actor_items[a].size());
    row.centrality = summary.actor_degree_centrality[a];
    r.memberships += row.degree;
    r.actor_rows.push_back(std::move(row));
  }
  r.item_rows.reserve(g.n_items);
  for (std::uint32_t k = 0; k < g.n_items; ++k) {
    r.item_rows.push_back({in.items[k], static_cast<std::uint32_t>(g.item_actors[k].size()),
                           summary.item_degree_centrality[k]});
  }
  r.projection = request.projection;
  for (const ProjectionEdge& e : project_actors(g, request.projection)) {
    r.projection_ties.push_back({network.actor_id(e.u), network.actor_id(e.v), e.weight});
  }
  return r;
}

}  // namespace kn::app
