#include "cli/output.hpp"

#include "cli/text_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <numeric>

namespace kn::cli {

using nlohmann::ordered_json;

namespace {

const char* const kRoleKeys[kBrokerageRoles] = {"coordinator", "itinerant", "representative",
                                                "gatekeeper",  "liaison",   "total"};

}  // namespace

namespace {

/// A JSON string (UTF-8 passed through, invalid bytes replaced by U+FFFD as nlohmann does with
/// error_handler_t::replace).
void append_json_string(std::string& out, const std::string& s) {
  out += ordered_json(s).dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

/// A JSON number as nlohmann writes a double (shortest round-trip form, integral values with
/// ".0"), or null for NaN/inf.
void append_json_number(std::string& out, double x) {
  if (std::isnan(x) || std::isinf(x)) {
    out += "null";
    return;
  }
  const std::size_t start = out.size();
  fmt::format_to(std::back_inserter(out), "{}", x);
  if (out.find_first_of(".eE", start) == std::string::npos) out += ".0";
}

void append_roles(std::string& out, const std::array<double, kBrokerageRoles>& values) {
  out += '{';
  for (std::size_t role = 0; role < values.size(); ++role) {
    if (role) out += ',';
    out += '"';
    out += kRoleKeys[role];
    out += "\":";
    append_json_number(out, values[role]);
  }
  out += '}';
}

}  // namespace

// The actors array is the only part that grows with the network: it is written straight into
// the output text (one actor per line), the constant-size parts through nlohmann. Building the
// whole document as an nlohmann tree first cost 40 % of a 5,000-actor brokerage run
// (docs/PERFORMANCE.md, target (d)).
std::string write_json(const app::AnalysisResult& r) {
  std::string out;
  out.reserve(128 + r.actor_ids.size() * (32 + 24 * r.computed.size()));
  out += "{\n\"network\": ";
  if (r.network) {
    const auto& d = r.network->descriptive;
    ordered_json net;
    net["actors"] = d.actors;
    net["ties"] = d.ties;
    net["directed"] = d.directed;
    net["density"] = number_or_null(d.density);
    net["reciprocity"] = number_or_null(d.reciprocity);
    net["transitivity"] = number_or_null(d.transitivity);
    net["weak_components"] = r.network->weak_components;
    net["strong_components"] = r.network->strong_components;
    net["diameter"] = number_or_null(d.diameter);
    net["mean_distance"] = number_or_null(d.mean_distance);
    net["ei_index"] = number_or_null(r.network->ei_index);
    net["assortativity"] = number_or_null(r.network->assortativity);
    net["weighted"] = r.weighted;
    net["group_attribute"] =
        r.group_attribute.empty() ? ordered_json(nullptr) : ordered_json(r.group_attribute);
    if (!std::isnan(r.network->modularity)) {
      net["modularity"] = r.network->modularity;
      net["communities"] = r.network->communities;
    }
    net["loops_dropped"] = r.loops_dropped;
    net["multi_ties_merged"] = r.multi_ties_merged;
    out += net.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
  } else {
    out += "null";
  }

  out += ",\n\"actors\": [";
  const auto& keys = app::actor_measure_keys();
  std::vector<std::size_t> computed_keys;
  for (std::size_t k = 0; k < keys.size(); ++k) {
    if (r.computed.count(keys[k]) != 0) computed_keys.push_back(k);
  }
  const bool brokerage_null = r.brokerage_requested && r.computed.count("brokerage") == 0;
  for (std::size_t v = 0; v < r.actor_ids.size(); ++v) {
    out += v ? ",\n  {\"id\":" : "\n  {\"id\":";
    append_json_string(out, r.actor_ids[v]);
    for (const std::size_t k : computed_keys) {
      const std::string& key = keys[k];
      out += ",\"";
      out += key;
      out += "\":";
      if (key == "community" || key == "component") {
        fmt::format_to(std::back_inserter(out), "{}",
                       key == "community" ? r.community[v] : r.component[v]);
      } else if (key == "brokerage") {
        append_roles(out, r.brokerage[v]);
        if (!r.brokerage_z.empty()) {
          out += ",\"brokerage_z\":";
          append_roles(out, r.brokerage_z[v]);
        }
      } else {
        append_json_number(out, r.values[k][v]);
      }
    }
    // Requested but impossible without a group attribute: null, as the contract says.
    if (brokerage_null) out += ",\"brokerage\":null";
    out += '}';
  }
  out += r.actor_ids.empty() ? "]" : "\n]";

  ordered_json groups = ordered_json::array();
  for (const auto& g : r.groups) {
    groups.push_back(
        {{"name", g.name}, {"size", g.size}, {"ei_index", number_or_null(g.ei_index)}});
  }
  const auto dump_member = [&out](const char* key, const ordered_json& value) {
    out += ",\n\"";
    out += key;
    out += "\": ";
    out += value.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
  };
  dump_member("groups", groups);
  if (r.computed.count("brokerage") != 0) {
    out += ",\n\"brokerage\": {\"raw\":";
    append_roles(out, r.brokerage_total);
    out += ",\"expected\":";
    append_roles(out, r.brokerage_total_expected);
    out += ",\"sd\":";
    append_roles(out, r.brokerage_total_sd);
    out += ",\"z\":";
    append_roles(out, r.brokerage_total_z);
    out += '}';
  }
  if (r.mixing_groups.empty()) {
    dump_member("mixing", nullptr);
  } else {
    ordered_json ties = ordered_json::array();
    for (const auto& row : r.mixing) {
      ordered_json jr = ordered_json::array();
      for (double c : row)
        jr.push_back(c);
      ties.push_back(std::move(jr));
    }
    dump_member("mixing", {{"groups", r.mixing_groups}, {"ties", std::move(ties)}});
  }
  out += "\n}\n";
  return out;
}

ordered_json to_json(const app::AnalysisResult& r) {
  return ordered_json::parse(write_json(r));
}

std::string to_csv(const app::AnalysisResult& r) {
  const auto& keys = app::actor_measure_keys();
  std::string out = "id";
  if (!r.group_attribute.empty()) out += "," + csv_quote(r.group_attribute);
  for (const auto& key : keys) {
    if (r.computed.count(key) == 0) continue;
    if (key == "brokerage") {
      for (const char* role : kRoleKeys)
        out += std::string(",brokerage_") + role;
      if (!r.brokerage_z.empty()) {
        for (const char* role : kRoleKeys)
          out += std::string(",brokerage_z_") + role;
      }
    } else {
      out += "," + key;
    }
  }
  out += "\n";
  for (std::size_t v = 0; v < r.actor_ids.size(); ++v) {
    out += csv_quote(r.actor_ids[v]);
    if (!r.group_attribute.empty()) out += "," + csv_quote(r.actor_groups[v]);
    for (std::size_t k = 0; k < keys.size(); ++k) {
      const std::string& key = keys[k];
      if (r.computed.count(key) == 0) continue;
      if (key == "community" || key == "component") {
        out += "," + std::to_string(key == "community" ? r.community[v] : r.component[v]);
      } else if (key == "brokerage") {
        for (double x : r.brokerage[v])
          out += "," + csv_number(x, 17);
        if (!r.brokerage_z.empty()) {
          for (double x : r.brokerage_z[v])
            out += "," + csv_number(x, 17);
        }
      } else {
        out += "," + csv_number(r.values[k][v], 17);
      }
    }
    out += "\n";
  }
  return out;
}

namespace {

std::string group_label(app::Lang lang, const std::string& attribute, const std::string& group) {
  return attribute == "sector" ? app::tr_or(lang, "sector." + group, group) : group;
}

}  // namespace

std::string to_table(const app::AnalysisResult& r, const TableOptions& options) {
  using app::tr;
  const app::Lang lang = options.lang;
  std::string out;
  if (!options.heading.empty()) out += options.heading + "\n\n";
  if (r.network) {
    const auto& d = r.network->descriptive;
    out += tr(lang, "analyze.network") + "\n";
    std::vector<std::vector<std::string>> rows{
        {tr(lang, "analyze.actors"), std::to_string(d.actors)},
        {tr(lang, "analyze.ties"),
         fmt::format("{} ({})", d.ties,
                     tr(lang, d.directed ? "analyze.directed" : "analyze.undirected"))},
        {tr(lang, "analyze.density"), fixed(d.density, 4)},
        {tr(lang, "analyze.reciprocity"), fixed(d.reciprocity, 3)},
        {tr(lang, "analyze.transitivity"), fixed(d.transitivity, 3)},
        {tr(lang, "analyze.weak_components"), std::to_string(r.network->weak_components)},
        {tr(lang, "analyze.strong_components"), std::to_string(r.network->strong_components)},
        {tr(lang, "analyze.diameter"), fixed(d.diameter, 0)},
        {tr(lang, "analyze.mean_distance"), fixed(d.mean_distance, 2)},
    };
    if (!r.group_attribute.empty()) {
      rows.push_back({tr(lang, "analyze.ei_index"), fixed(r.network->ei_index, 3)});
      rows.push_back({tr(lang, "analyze.assortativity"), fixed(r.network->assortativity, 3)});
    }
    if (!std::isnan(r.network->modularity)) {
      rows.push_back({tr(lang, "analyze.modularity"),
                      fmt::format("{} ({} {})", fixed(r.network->modularity, 3),
                                  r.network->communities, tr(lang, "analyze.communities"))});
    }
    std::string block;
    std::size_t kw = 0;
    for (const auto& row : rows)
      kw = std::max(kw, display_width(row[0]));
    for (const auto& row : rows)
      block += "  " + pad(row[0], kw, false) + "  " + row[1] + "\n";
    out += block;
    if (r.loops_dropped > 0) {
      out += "  (" +
             app::tr_format(lang, "analyze.loops_dropped", {std::to_string(r.loops_dropped)}) +
             ")\n";
    }
    if (r.multi_ties_merged > 0) {
      out += "  (" +
             app::tr_format(lang, "analyze.multi_merged", {std::to_string(r.multi_ties_merged)}) +
             ")\n";
    }
    out += "\n";
  }
  if (!r.groups.empty()) {
    out += app::tr_format(lang, "analyze.groups", {r.group_attribute}) + "\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& g : r.groups) {
      rows.push_back({group_label(lang, r.group_attribute, g.name), std::to_string(g.size),
                      fixed(g.ei_index, 3)});
    }
    out += render_table(
        {tr(lang, "analyze.group"), tr(lang, "analyze.size"), tr(lang, "analyze.ei_index")},
        {false, true, true}, rows);
    out += "\n" + tr(lang, "analyze.mixing") + "\n";
    std::vector<std::string> header{""};
    std::vector<bool> numeric{false};
    for (const auto& name : r.mixing_groups) {
      header.push_back(truncate(group_label(lang, r.group_attribute, name), 12));
      numeric.push_back(true);
    }
    rows.clear();
    for (std::size_t i = 0; i < r.mixing.size(); ++i) {
      std::vector<std::string> row{group_label(lang, r.group_attribute, r.mixing_groups[i])};
      for (double c : r.mixing[i])
        row.push_back(fixed(c, 0));
      rows.push_back(std::move(row));
    }
    out += render_table(header, numeric, rows) + "\n";
  }

  // Top actors.
  std::string sort_key = options.sort_by;
  if (sort_key.empty()) {
    for (const auto& key : {"betweenness", "pagerank", "indegree", "eigenvector"}) {
      if (r.measure(key) != nullptr) {
        sort_key = key;
        break;
      }
    }
  }
  const std::vector<double>* sort_values = sort_key.empty() ? nullptr : r.measure(sort_key);
  if (sort_values == nullptr || r.actor_ids.empty()) return out;
  std::vector<std::size_t> order(r.actor_ids.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const double x = (*sort_values)[a], y = (*sort_values)[b];
    if (std::isnan(x) != std::isnan(y)) return std::isnan(y);
    return x > y;
  });
  const std::size_t shown = std::min(options.top, order.size());
  out += app::tr_format(lang, "analyze.top_actors",
                        {std::to_string(shown), tr(lang, "measure." + sort_key)}) +
         "\n";
  struct Column {
    std::string key;
    int digits;
  };
  std::vector<Column> columns;
  for (const Column& c :
       {Column{"indegree", 0}, Column{"outdegree", 0}, Column{"betweenness", 1},
        Column{"closeness", 4}, Column{"eigenvector", 3}, Column{"pagerank", 4},
        Column{"coreness", 0}, Column{"constraint", 3}, Column{"effective_size", 2}}) {
    if (r.measure(c.key) != nullptr) columns.push_back(c);
  }
  std::vector<std::string> header{"#", tr(lang, "analyze.actor")};
  std::vector<bool> numeric{true, false};
  if (!r.group_attribute.empty()) {
    header.push_back(tr(lang, "analyze.group"));
    numeric.push_back(false);
  }
  for (const auto& c : columns) {
    header.push_back(tr(lang, "measure." + c.key));
    numeric.push_back(true);
  }
  const bool with_brokerage = !r.brokerage.empty();
  if (with_brokerage) {
    header.push_back(tr(lang, "measure.brokerage"));
    numeric.push_back(true);
  }
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < shown; ++i) {
    const std::size_t v = order[i];
    std::vector<std::string> row{std::to_string(i + 1), truncate(r.actor_names[v], 40)};
    if (!r.group_attribute.empty()) {
      row.push_back(truncate(group_label(lang, r.group_attribute, r.actor_groups[v]), 24));
    }
    for (const auto& c : columns)
      row.push_back(fixed((*r.measure(c.key))[v], c.digits));
    if (with_brokerage) row.push_back(fixed(r.brokerage[v][kTotal], 0));
    rows.push_back(std::move(row));
  }
  out += render_table(header, numeric, rows);
  return out;
}

}  // namespace kn::cli
