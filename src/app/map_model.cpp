// The map model (see map_model.hpp).

#include "app/map_model.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <stdexcept>
#include <utility>

#include "analysis/brokerage/gould_fernandez.hpp"
#include "analysis/common.hpp"
#include "app/analyze.hpp"

namespace kn::app {

namespace {

struct Resolved {
  std::string relation, wave;
  std::optional<RelationIndex> relation_index, desired_index;
  std::optional<WaveIndex> wave_index;
};

Resolved resolve(const Network& network, const MapOptions& options) {
  Resolved r;
  if (!options.relation.empty()) {
    r.relation_index = network.find_relation(options.relation);
    if (!r.relation_index)
      throw std::invalid_argument("unknown relation '" + options.relation + "'");
  } else if (!network.relations().empty()) {
    r.relation_index = network.find_relation("zusammenarbeit");
    if (!r.relation_index) r.relation_index = RelationIndex{0};
  }
  if (r.relation_index) r.relation = network.relations()[*r.relation_index].name;
  if (!options.wave.empty()) {
    r.wave_index = network.find_wave(options.wave);
    if (!r.wave_index) throw std::invalid_argument("unknown wave '" + options.wave + "'");
  } else if (!network.waves().empty()) {
    r.wave_index = static_cast<WaveIndex>(network.waves().size() - 1);
  }
  if (r.wave_index) r.wave = network.waves()[*r.wave_index].name;
  if (!options.desired_relation.empty()) {
    r.desired_index = network.find_relation(options.desired_relation);
    if (r.desired_index && r.desired_index == r.relation_index) r.desired_index.reset();
  }
  return r;
}

bool in_selection(const Network& network, TieIndex t, std::optional<RelationIndex> relation,
                  std::optional<WaveIndex> wave) {
  if (!relation || network.tie_relation(t) != *relation) return false;
  return !wave || network.tie_wave(t) == *wave;
}

std::string text_attr(const Network& network, TieIndex t, std::string_view name) {
  const Value& v = network.tie_attr(t, name);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (std::holds_alternative<double>(v)) return value_to_string(v);
  return {};
}

std::vector<std::string> list_attr(const Value& v) {
  if (const auto* l = std::get_if<std::vector<std::string>>(&v)) return *l;
  if (const auto* s = std::get_if<std::string>(&v); s && !s->empty()) return {*s};
  return {};
}

std::optional<double> quality_of(const Network& network, TieIndex t) {
  const auto q = as_number(network.tie_attr(t, "quality"));
  if (q && std::isfinite(*q)) return q;
  return std::nullopt;
}

/// Competition ranks, 1 = highest; NaN -> 0.
std::vector<std::uint32_t> ranks_of(const std::vector<double>& values) {
  std::vector<std::uint32_t> order;
  order.reserve(values.size());
  for (std::uint32_t i = 0; i < values.size(); ++i)
    if (!std::isnan(values[i])) order.push_back(i);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return values[a] > values[b]; });
  std::vector<std::uint32_t> ranks(values.size(), 0);
  for (std::size_t k = 0; k < order.size(); ++k) {
    const bool same = k > 0 && values[order[k]] == values[order[k - 1]];
    ranks[order[k]] = same ? ranks[order[k - 1]] : static_cast<std::uint32_t>(k + 1);
  }
  return ranks;
}

}  // namespace

int MapModel::measure_index(const std::string& key) const {
  const auto it = std::find(measure_keys.begin(), measure_keys.end(), key);
  return it == measure_keys.end() ? -1 : static_cast<int>(it - measure_keys.begin());
}

MapModel map_model(const Network& network, const MapOptions& options) {
  const Resolved sel = resolve(network, options);
  const std::size_t n = network.actor_count();
  if (!options.responded.empty() && options.responded.size() != n)
    throw std::invalid_argument("map_model: responded has the wrong size");
  if (!options.invited.empty() && options.invited.size() != n)
    throw std::invalid_argument("map_model: invited has the wrong size");

  MapModel m;
  m.relation = sel.relation;
  m.wave = sel.wave;
  m.directed = network.directed;
  if (sel.desired_index) m.desired_relation = network.relations()[*sel.desired_index].name;
  for (const auto& r : network.relations())
    m.relations.push_back(r.name);
  for (const auto& w : network.waves())
    m.waves.push_back(w.name);
  m.measure_keys = {"degree",    "indegree",   "outdegree",      "betweenness",
                    "closeness", "harmonic",   "eigenvector",    "pagerank",
                    "coreness",  "constraint", "effective_size", "brokerage"};

  // --- measures of the selected relation and wave --------------------------------------------
  AnalyzeRequest request;
  if (sel.relation_index) request.relations = {sel.relation};
  if (sel.wave_index) request.waves = {sel.wave};
  request.measures = {"indegree",    "outdegree", "betweenness", "closeness",  "harmonic",
                      "eigenvector", "pagerank",  "coreness",    "constraint", "effective_size",
                      "component",   "brokerage", "network"};
  request.threads = options.threads;
  request.control = options.control;
  const bool has_sector = network.actor_attrs().find("sector") != nullptr;
  request.group = has_sector ? "sector" : "";
  if (!has_sector) request.measures.erase("brokerage");
  AnalysisResult analysis;
  if (sel.relation_index) {
    analysis = analyze(network, request);
  }

  ViewOptions undirected_view;
  if (sel.relation_index) undirected_view.relations = {sel.relation};
  if (sel.wave_index) undirected_view.waves = {sel.wave};
  undirected_view.undirected = true;
  const Graph simple =
      sel.relation_index ? make_view(network, undirected_view) : Graph::from_arcs(n, false, {});

  std::vector<std::vector<double>> values(m.measure_keys.size(),
                                          std::vector<double>(n, kUndefined));
  for (std::uint32_t v = 0; v < n; ++v)
    values[0][v] = static_cast<double>(simple.out_degree(v));
  for (std::size_t k = 1; k + 1 < m.measure_keys.size(); ++k) {
    if (const auto* vals = analysis.measure(m.measure_keys[k]); vals && vals->size() == n)
      values[k] = *vals;
  }
  std::vector<int> dominant(n, -1);
  if (!analysis.brokerage.empty()) {
    for (std::uint32_t v = 0; v < n; ++v) {
      const auto& raw = analysis.brokerage[v];
      values.back()[v] = raw[kTotal];
      double best = 0.0;
      for (int role = 0; role < kTotal; ++role) {
        if (raw[static_cast<std::size_t>(role)] > best) {
          best = raw[static_cast<std::size_t>(role)];
          dominant[v] = role;
        }
      }
    }
    m.brokerage_totals.assign(analysis.brokerage_total.begin(), analysis.brokerage_total.end());
  }
  std::vector<std::vector<std::uint32_t>> ranks;
  ranks.reserve(values.size());
  for (const auto& vals : values)
    ranks.push_back(ranks_of(vals));

  // --- actors -----------------------------------------------------------------------------------
  m.actors.resize(n);
  for (ActorIndex a = 0; a < n; ++a) {
    MapActor& out = m.actors[a];
    out.index = a;
    out.id = network.actor_id(a);
    const Value& name = network.actor_attr(a, "name");
    out.label = is_missing(name) ? out.id : value_to_string(name);
    out.sector = value_to_string(network.actor_attr(a, "sector"));
    out.kind = value_to_string(network.actor_attr(a, "kind"));
    out.fields = list_attr(network.actor_attr(a, "fields"));
    out.responded = options.responded.empty() || options.responded[a];
    out.invited = options.invited.empty() || options.invited[a];
    out.measures.resize(values.size());
    out.ranks.resize(values.size());
    for (std::size_t k = 0; k < values.size(); ++k) {
      out.measures[k] = values[k][a];
      out.ranks[k] = ranks[k][a];
    }
    out.broker_role = dominant[a];
    out.component = analysis.component.size() == n ? analysis.component[a] + 1 : a + 1;
  }

  // --- ties -------------------------------------------------------------------------------------
  // Reverse lookup: (relation, wave, source, target) -> tie, for reciprocity and the other
  // side's rating.
  std::map<std::tuple<RelationIndex, WaveIndex, ActorIndex, ActorIndex>, TieIndex> index;
  for (TieIndex t = 0; t < network.tie_count(); ++t)
    index.emplace(std::make_tuple(network.tie_relation(t), network.tie_wave(t),
                                  network.tie_source(t), network.tie_target(t)),
                  t);
  auto add_ties = [&](std::optional<RelationIndex> relation, bool desired) {
    for (TieIndex t = 0; t < network.tie_count(); ++t) {
      if (!in_selection(network, t, relation, sel.wave_index)) continue;
      const ActorIndex s = network.tie_source(t), g = network.tie_target(t);
      if (s == g) continue;  // loops are not drawn (the analysis drops them too)
      MapTie tie;
      tie.source = s;
      tie.target = g;
      tie.desired = desired;
      tie.quality = quality_of(network, t);
      tie.frequency = text_attr(network, t, "frequency");
      tie.kind = text_attr(network, t, "kind");
      tie.barriers = list_attr(network.tie_attr(t, "barriers"));
      tie.enablers = list_attr(network.tie_attr(t, "enablers"));
      tie.fields = list_attr(network.tie_attr(t, "fields"));
      const auto rev =
          index.find(std::make_tuple(network.tie_relation(t), network.tie_wave(t), g, s));
      const bool reverse = rev != index.end();
      tie.reciprocated = reverse || !network.directed;
      tie.confirmed = reverse;
      if (reverse) tie.reverse_quality = quality_of(network, rev->second);
      m.ties.push_back(std::move(tie));
    }
  };
  if (sel.relation_index) add_ties(sel.relation_index, false);
  if (sel.desired_index) add_ties(sel.desired_index, true);

  // --- summary ----------------------------------------------------------------------------------
  MapSummary& s = m.summary;
  s.actors = static_cast<std::uint32_t>(n);
  for (const auto& a : m.actors) {
    if (a.invited) ++s.invited;
    if (a.invited && a.responded) ++s.responded;
    if (values[0][a.index] == 0.0) ++s.isolates;
  }
  if (analysis.network) {
    s.ties = analysis.network->descriptive.ties;
    s.density = analysis.network->descriptive.density;
    s.reciprocity = analysis.network->descriptive.reciprocity;
    s.components = analysis.network->weak_components;
  } else {
    s.density = kUndefined;
    s.reciprocity = kUndefined;
    s.components = static_cast<std::uint32_t>(n);
  }
  return m;
}

MapLayoutInput map_layout_input(const Network& network, const MapOptions& options) {
  const Resolved sel = resolve(network, options);
  MapLayoutInput out;
  out.relation = sel.relation;
  out.wave = sel.wave;
  if (sel.relation_index) {
    ViewOptions view;
    view.relations = {sel.relation};
    if (sel.wave_index) view.waves = {sel.wave};
    view.undirected = true;
    out.graph = make_view(network, view);
  } else {
    out.graph = Graph::from_arcs(network.actor_count(), false, {});
  }
  // Fingerprint over actor ids (not indices), so the same drawn graph gives the same value
  // however the actors are ordered.
  std::vector<std::pair<std::string_view, std::string_view>> pairs;
  for (std::uint32_t v = 0; v < out.graph.n(); ++v)
    for (const std::uint32_t u : out.graph.out(v)) {
      std::string_view a = network.actor_id(v), b = network.actor_id(u);
      if (a < b) pairs.emplace_back(a, b);
    }
  std::vector<std::string_view> ids;  // the vertex set (isolates change the picture too)
  for (std::uint32_t v = 0; v < out.graph.n(); ++v)
    ids.push_back(network.actor_id(v));
  std::sort(pairs.begin(), pairs.end());
  std::sort(ids.begin(), ids.end());
  std::uint64_t h = 14695981039346656037ULL;
  auto mix = [&](std::string_view text) {
    for (const char c : text) {
      h ^= static_cast<unsigned char>(c);
      h *= 1099511628211ULL;
    }
    h ^= 0xffU;  // separator that cannot occur inside UTF-8 text
    h *= 1099511628211ULL;
  };
  for (const auto id : ids)
    mix(id);
  mix("|");
  for (const auto& [a, b] : pairs) {
    mix(a);
    mix(b);
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  out.fingerprint = buf;
  return out;
}

}  // namespace kn::app
