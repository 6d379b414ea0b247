#include "cli/two_mode_output.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>
#include <unordered_map>

#include "cli/text_format.hpp"

namespace kn::cli {

using nlohmann::ordered_json;

ordered_json to_json(const app::TwoModeReport& r) {
  ordered_json root;
  root["affiliation"] = r.affiliation;
  root["source"] = r.source;
  root["actors"] = r.actors;
  root["items"] = r.items;
  root["memberships"] = r.memberships;
  root["density"] = number_or_null(r.density);
  ordered_json actors = ordered_json::array();
  for (const auto& a : r.actor_rows) {
    actors.push_back(
        {{"id", a.id}, {"degree", a.degree}, {"centrality", number_or_null(a.centrality)}});
  }
  root["actor_degree"] = std::move(actors);
  ordered_json items = ordered_json::array();
  for (const auto& k : r.item_rows) {
    items.push_back(
        {{"id", k.id}, {"degree", k.degree}, {"centrality", number_or_null(k.centrality)}});
  }
  root["item_degree"] = std::move(items);
  ordered_json ties = ordered_json::array();
  for (const auto& t : r.projection_ties) {
    ties.push_back({{"source", t.source}, {"target", t.target}, {"weight", t.weight}});
  }
  root["projection"] = {{"weighting", app::projection_weight_name(r.projection)},
                        {"ties", std::move(ties)}};
  return root;
}

std::string to_csv(const app::TwoModeReport& r) {
  std::string out = "source,target,weight\n";
  for (const auto& t : r.projection_ties) {
    out += csv_quote(t.source) + "," + csv_quote(t.target) + "," + csv_number(t.weight, 17) + "\n";
  }
  return out;
}

namespace {

std::string item_label(app::Lang lang, const std::string& affiliation, const std::string& item) {
  return app::tr_or(lang, affiliation + "." + item, item);
}

std::vector<std::size_t> order_by(std::size_t n, const auto& greater) {
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), greater);
  return order;
}

}  // namespace

std::string to_table(const app::TwoModeReport& r, app::Lang lang, std::size_t top) {
  using app::tr;
  using app::tr_format;
  // Actor list attributes are plural ("fields"), affiliations singular ("field"): labels are
  // catalogued under the singular.
  std::string label_kind = r.affiliation;
  if (r.source == "attribute" && label_kind.size() > 1 && label_kind.back() == 's')
    label_kind.pop_back();

  std::string out = tr_format(lang, "twomode.heading", {r.affiliation}) + "\n";
  out += "  " +
         tr_format(lang, "twomode.summary",
                   {std::to_string(r.actors), std::to_string(r.items),
                    std::to_string(r.memberships), fixed(r.density, 4)}) +
         "\n\n";

  out += tr(lang, "twomode.coverage") + "\n";
  const auto items = order_by(r.item_rows.size(), [&](std::size_t a, std::size_t b) {
    return r.item_rows[a].degree > r.item_rows[b].degree;
  });
  std::vector<std::vector<std::string>> rows;
  for (const std::size_t k : items) {
    const auto& item = r.item_rows[k];
    rows.push_back({truncate(item_label(lang, label_kind, item.id), 40),
                    std::to_string(item.degree), fixed(100.0 * item.centrality, 1)});
  }
  out += render_table(
      {tr(lang, "twomode.item"), tr(lang, "twomode.item_actors"), tr(lang, "twomode.share")},
      {false, true, true}, rows);

  const auto actors = order_by(r.actor_rows.size(), [&](std::size_t a, std::size_t b) {
    return r.actor_rows[a].degree > r.actor_rows[b].degree;
  });
  const std::size_t shown_actors = std::min(top, actors.size());
  out += "\n" + tr_format(lang, "twomode.top_actors", {std::to_string(shown_actors)}) + "\n";
  rows.clear();
  for (std::size_t i = 0; i < shown_actors; ++i) {
    const auto& a = r.actor_rows[actors[i]];
    rows.push_back({std::to_string(i + 1), truncate(a.name, 40), std::to_string(a.degree),
                    fixed(a.centrality, 3)});
  }
  out += render_table({"#", tr(lang, "analyze.actor"), tr(lang, "twomode.actor_items"),
                       tr(lang, "twomode.centrality")},
                      {true, false, true, true}, rows);

  const auto pairs = order_by(r.projection_ties.size(), [&](std::size_t a, std::size_t b) {
    return r.projection_ties[a].weight > r.projection_ties[b].weight;
  });
  const std::size_t shown_pairs = std::min(top, pairs.size());
  std::unordered_map<std::string, std::string> names;
  for (const auto& a : r.actor_rows)
    names.emplace(a.id, a.name);
  out +=
      "\n" +
      tr_format(
          lang, "twomode.top_pairs",
          {std::to_string(shown_pairs), std::to_string(r.projection_ties.size()),
           tr(lang, std::string("twomode.weight.") + app::projection_weight_name(r.projection))}) +
      "\n";
  rows.clear();
  for (std::size_t i = 0; i < shown_pairs; ++i) {
    const auto& t = r.projection_ties[pairs[i]];
    rows.push_back({std::to_string(i + 1), truncate(names[t.source], 36),
                    truncate(names[t.target], 36),
                    fixed(t.weight, r.projection == ProjectionWeight::Count ? 0 : 3)});
  }
  out += render_table(
      {"#", tr(lang, "analyze.actor"), tr(lang, "analyze.actor"), tr(lang, "twomode.weight")},
      {true, false, false, true}, rows);
  return out;
}

}  // namespace kn::cli
