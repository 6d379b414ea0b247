#include "core/io/pajek.hpp"

#include <charconv>
#include <cmath>
#include <optional>
#include <unordered_set>
#include <vector>

#include "core/io/text_util.hpp"
#include "core/util/error.hpp"

namespace kn::io {

namespace {

using detail::iequals;
using detail::istarts_with;

struct Token {
  std::string_view text;
  bool quoted = false;
};

/// Splits a line into whitespace-separated tokens; "..." is one token.
std::vector<Token> tokenize(std::string_view line) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
      ++i;
    if (i >= line.size()) break;
    if (line[i] == '"') {
      const std::size_t end = line.find('"', i + 1);
      if (end == std::string_view::npos) {
        out.push_back({line.substr(i + 1), true});
        break;
      }
      out.push_back({line.substr(i + 1, end - i - 1), true});
      i = end + 1;
    } else {
      std::size_t end = i;
      while (end < line.size() && line[end] != ' ' && line[end] != '\t')
        ++end;
      out.push_back({line.substr(i, end - i), false});
      i = end;
    }
  }
  return out;
}

enum class Section { None, Vertices, Arcs, Edges, Arcslist, Edgeslist, Matrix, Values, Skip };

struct PendingTie {
  std::size_t block;
  std::uint64_t source, target;  // vertex numbers (1-based) within the block
  std::optional<double> weight;
  std::string relation;
  bool edge;
};

struct Block {
  std::string name;
  std::uint64_t n = 0;
  std::vector<std::string> labels;      // "" = unlabelled
  std::vector<std::size_t> label_line;  // for error messages
  std::vector<ActorIndex> actors;       // resolved at the end
};

struct VectorBlock {
  std::string name;
  std::size_t line = 0;
  std::uint64_t n = 0;
  std::vector<double> values;
};

class PajekReader {
 public:
  PajekReader(std::string_view text, const std::string& file)
      : text_(detail::strip_bom(text)), file_(file) {}

  [[noreturn]] void fail(const std::string& field, const std::string& message) const {
    throw parse_error_at_line(file_, line_no_, field, message);
  }

  std::uint64_t parse_uint(std::string_view s, const std::string& field) const {
    std::uint64_t v = 0;
    auto res = std::from_chars(s.data(), s.data() + s.size(), v);
    if (res.ec != std::errc() || res.ptr != s.data() + s.size()) {
      fail(field, "'" + std::string(s) + "' is not a non-negative integer");
    }
    return v;
  }

  std::uint64_t vertex(std::string_view s, const std::string& field) const {
    const std::uint64_t v = parse_uint(s, field);
    if (blocks_.empty() || v < 1 || v > blocks_.back().n) {
      fail(field, "vertex " + std::string(s) + " out of range 1.." +
                      std::to_string(blocks_.empty() ? 0 : blocks_.back().n));
    }
    return v;
  }

  double number(std::string_view s, const std::string& field) const {
    auto d = detail::parse_number(s);
    if (!d) fail(field, "'" + std::string(s) + "' is not a number");
    return *d;
  }

  void start_block(std::string name) {
    Block b;
    b.name = std::move(name);
    blocks_.push_back(std::move(b));
    has_vertices_ = false;
  }

  Network read() {
    // Count *Network blocks first: with two or more they become relations.
    std::size_t network_lines = 0;
    for_each_line([&](std::string_view line) {
      if (istarts_with(line, "*network")) ++network_lines;
    });
    const std::size_t max_actors = detail::max_actors_for_input(text_.size());
    Section section = Section::None;
    std::string relation;  // from *Arcs :k "name"
    bool saw_arcs_header = false, saw_edges_header = false;
    bool skip_has_vertices = false;  // skipped *Permutation / *Cluster: its *Vertices n too
    std::uint64_t matrix_row = 0;
    std::uint64_t total_vertices = 0;  // over all blocks, bounded like one block's n
    VectorBlock* vec = nullptr;
    line_no_ = 0;
    for_each_line([&](std::string_view raw) {
      std::string_view line = detail::trim(raw);
      if (line.empty() || line.front() == '%') return;
      if (line.front() == '*') {
        std::vector<Token> toks = tokenize(line);
        const std::string_view kw = toks[0].text;
        auto rest_name = [&]() {
          std::string_view r = detail::trim(line.substr(kw.size()));
          if (r.size() >= 2 && r.front() == '"' && r.back() == '"') r = r.substr(1, r.size() - 2);
          return std::string(r);
        };
        if (iequals(kw, "*network")) {
          start_block(rest_name());
          section = Section::None;
        } else if (iequals(kw, "*vertices")) {
          if (toks.size() < 2) fail("*Vertices", "missing vertex count");
          const std::uint64_t n = parse_uint(toks[1].text, "*Vertices");
          if (n > max_actors) fail("*Vertices", "vertex count " + std::to_string(n) + " too large");
          if (section == Section::Skip && skip_has_vertices) {
            skip_has_vertices = false;
            return;
          }
          if (section == Section::Values && vec != nullptr && vec->n == 0) {
            vec->n = n;
            if (vec->n > max_actors) fail("*Vertices", "too large");
            return;
          }
          // The bound holds for all *Network blocks together: each block allocates n labels.
          total_vertices += n;
          if (total_vertices > max_actors) fail("*Vertices", "too many vertices in all networks");
          if (blocks_.empty() || has_vertices_) start_block(std::string());
          blocks_.back().n = n;
          blocks_.back().labels.assign(n, std::string());
          blocks_.back().label_line.assign(n, 0);
          has_vertices_ = true;
          section = Section::Vertices;
        } else if (iequals(kw, "*arcs") || iequals(kw, "*edges") || iequals(kw, "*arcslist") ||
                   iequals(kw, "*edgeslist") || iequals(kw, "*matrix")) {
          if (blocks_.empty() || !has_vertices_) fail(std::string(kw), "ties before *Vertices");
          const bool edges = iequals(kw, "*edges") || iequals(kw, "*edgeslist");
          (edges ? saw_edges_header : saw_arcs_header) = true;
          section = iequals(kw, "*arcs")        ? Section::Arcs
                    : iequals(kw, "*edges")     ? Section::Edges
                    : iequals(kw, "*arcslist")  ? Section::Arcslist
                    : iequals(kw, "*edgeslist") ? Section::Edgeslist
                                                : Section::Matrix;
          matrix_row = 0;
          relation = network_lines >= 2 ? blocks_.back().name : std::string();
          if (toks.size() >= 2 && toks[1].text.size() >= 1 && toks[1].text.front() == ':') {
            relation =
                toks.size() >= 3 ? std::string(toks[2].text) : std::string(toks[1].text.substr(1));
            declared_relations_.push_back(relation);
          }
        } else if (iequals(kw, "*partition") || iequals(kw, "*vector")) {
          vectors_.push_back(VectorBlock{rest_name(), line_no_, 0, {}});
          vec = &vectors_.back();
          section = Section::Values;
        } else {
          section = Section::Skip;
          skip_has_vertices = iequals(kw, "*permutation") || iequals(kw, "*cluster");
        }
        return;
      }
      std::vector<Token> toks = tokenize(line);
      switch (section) {
        case Section::None:
          fail("", "data outside a section");
        case Section::Skip:
          return;
        case Section::Vertices: {
          const std::uint64_t v = vertex(toks[0].text, "vertex");
          Block& b = blocks_.back();
          if (b.label_line[v - 1] != 0)
            fail("vertex", "vertex " + std::to_string(v) + " listed twice");
          b.label_line[v - 1] = line_no_;
          if (toks.size() >= 2) b.labels[v - 1] = std::string(toks[1].text);
          if (toks.size() >= 2 && toks[1].text.empty()) fail("label", "empty label");
          return;
        }
        case Section::Arcs:
        case Section::Edges: {
          if (toks.size() < 2) fail("target", "a tie needs two vertices");
          PendingTie t{blocks_.size() - 1,
                       vertex(toks[0].text, "source"),
                       vertex(toks[1].text, "target"),
                       std::nullopt,
                       relation,
                       section == Section::Edges};
          if (toks.size() >= 3 && !toks[2].quoted) {
            if (auto d = detail::parse_number(toks[2].text))
              t.weight = *d;
            else if (toks[2].text.size() > 0 &&
                     (std::isdigit(static_cast<unsigned char>(toks[2].text[0])) ||
                      toks[2].text[0] == '-' || toks[2].text[0] == '.')) {
              fail("weight", "'" + std::string(toks[2].text) + "' is not a number");
            }
          }
          add_pending(std::move(t));
          return;
        }
        case Section::Arcslist:
        case Section::Edgeslist: {
          const std::uint64_t s = vertex(toks[0].text, "source");
          for (std::size_t k = 1; k < toks.size(); ++k) {
            add_pending(PendingTie{blocks_.size() - 1, s, vertex(toks[k].text, "target"),
                                   std::nullopt, relation, section == Section::Edgeslist});
          }
          return;
        }
        case Section::Matrix: {
          const std::uint64_t n = blocks_.back().n;
          if (matrix_row >= n) fail("*Matrix", "more matrix rows than vertices");
          if (toks.size() != n) {
            fail("*Matrix", "matrix row has " + std::to_string(toks.size()) + " values, expected " +
                                std::to_string(n));
          }
          ++matrix_row;
          for (std::uint64_t c = 0; c < n; ++c) {
            const double v = number(toks[c].text, "value");
            if (v == 0) continue;
            PendingTie t{blocks_.size() - 1, matrix_row, c + 1, std::nullopt, relation, false};
            if (v != 1) t.weight = v;
            add_pending(std::move(t));
          }
          return;
        }
        case Section::Values: {
          if (vec == nullptr || vec->n == 0) {
            fail(vec != nullptr ? vec->name : "", "*Vertices n expected after *Partition/*Vector");
          }
          if (vec->values.size() >= vec->n) fail(vec->name, "more values than vertices");
          if (toks.size() != 1) fail(vec->name, "one value per line expected");
          vec->values.push_back(number(toks[0].text, vec->name));
          return;
        }
      }
    });
    line_no_ = 0;
    return build(saw_arcs_header, saw_edges_header);
  }

 private:
  template <class F>
  void for_each_line(F&& f) {
    std::size_t pos = 0;
    line_no_ = 0;
    while (pos < text_.size()) {
      std::size_t end = text_.find('\n', pos);
      if (end == std::string_view::npos) end = text_.size();
      ++line_no_;
      f(text_.substr(pos, end - pos));
      pos = end + 1;
    }
  }

  void add_pending(PendingTie t) {
    if (ties_.size() >= 0x7FFFFFF0u) fail("", "too many ties");
    ties_.push_back(std::move(t));
  }

  Network build(bool saw_arcs, bool saw_edges) {
    Network net;
    if (blocks_.size() == 1) net.title = blocks_[0].name;
    if (declared_relations_.size() > 65535)
      throw ParseError(file_, "", "relation", "too many relations");
    for (const auto& r : declared_relations_)
      net.relation(r);
    for (auto& b : blocks_) {
      std::unordered_set<std::string_view> seen;
      b.actors.resize(b.n);
      // ids: label or number
      std::vector<std::string> ids(b.n);
      for (std::uint64_t i = 0; i < b.n; ++i) {
        ids[i] = b.labels[i].empty() ? std::to_string(i + 1) : b.labels[i];
      }
      for (std::uint64_t i = 0; i < b.n; ++i) {
        if (!seen.insert(ids[i]).second) {
          line_no_ = b.label_line[i];
          fail("label", "duplicate vertex label '" + ids[i] + "'");
        }
      }
      for (std::uint64_t i = 0; i < b.n; ++i)
        b.actors[i] = net.actor(ids[i]);
    }
    bool any_arc = false, any_edge = false, any_weight = false;
    for (const auto& t : ties_) {
      (t.edge ? any_edge : any_arc) = true;
      any_weight = any_weight || t.weight.has_value();
    }
    if (!ties_.empty())
      net.directed = any_arc;
    else
      net.directed = !(saw_edges && !saw_arcs);
    const bool mixed = any_arc && any_edge;
    std::vector<std::optional<double>> weights;
    for (const auto& t : ties_) {
      const Block& b = blocks_[t.block];
      const ActorIndex s = b.actors[t.source - 1];
      const ActorIndex g = b.actors[t.target - 1];
      if (net.relations().size() >= 65535 && !net.find_relation(t.relation)) {
        throw ParseError(file_, "", "relation", "too many relations");
      }
      const RelationIndex r = net.relation(t.relation);
      net.add_tie(s, g, r, 0);
      weights.push_back(t.weight);
      if (mixed && t.edge && s != g) {
        net.add_tie(g, s, r, 0);
        weights.push_back(t.weight);
      }
    }
    if (any_weight) {
      AttrColumn& col = net.tie_attrs().column("weight", AttrType::Number, net.tie_count());
      for (std::size_t i = 0; i < weights.size(); ++i) {
        if (weights[i]) col.values[i] = *weights[i];
      }
    }
    for (const auto& v : vectors_) {
      if (v.values.size() != v.n) {
        line_no_ = v.line;
        fail(v.name, "expected " + std::to_string(v.n) + " values, found " +
                         std::to_string(v.values.size()));
      }
      if (v.n > net.actor_count()) {
        line_no_ = v.line;
        fail(v.name, "more values than actors");
      }
      AttrColumn* existing = net.actor_attrs().find(v.name);
      if (existing != nullptr) {
        line_no_ = v.line;
        fail(v.name, "duplicate partition/vector name");
      }
      AttrColumn& col = net.actor_attrs().column(v.name, AttrType::Number, net.actor_count());
      for (std::size_t i = 0; i < v.values.size(); ++i) {
        const ActorIndex a = blocks_.empty() || i >= blocks_[0].actors.size()
                                 ? static_cast<ActorIndex>(i)
                                 : blocks_[0].actors[i];
        col.values[a] = v.values[i];
      }
    }
    return net;
  }

  std::string_view text_;
  const std::string& file_;
  std::size_t line_no_ = 0;
  std::vector<Block> blocks_;
  bool has_vertices_ = false;
  std::vector<PendingTie> ties_;
  std::vector<VectorBlock> vectors_;
  std::vector<std::string> declared_relations_;
};

std::string clean_label(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c == '"') c = '\'';
    if (c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

}  // namespace

Network read_pajek(std::string_view text, const std::string& filename) {
  PajekReader reader(text, filename);
  return detail::read_guarded(reader, filename);
}

std::string write_pajek(const Network& network, bool with_vectors) {
  std::string out;
  if (!network.title.empty()) out += "*Network " + clean_label(network.title) + "\n";
  out += "*Vertices " + std::to_string(network.actor_count()) + "\n";
  for (ActorIndex a = 0; a < network.actor_count(); ++a) {
    out += std::to_string(a + 1) + " \"" + clean_label(network.actor_id(a)) + "\"\n";
  }
  const AttrColumn* weight = network.tie_attrs().find("weight");
  if (weight != nullptr && weight->type != AttrType::Number) weight = nullptr;
  bool named = network.relations().size() > 1;
  for (const auto& r : network.relations())
    named = named || !r.name.empty();
  const char* header = network.directed ? "*Arcs" : "*Edges";
  std::vector<std::vector<TieIndex>> by_rel(network.relations().size());
  for (TieIndex t = 0; t < network.tie_count(); ++t)
    by_rel[network.tie_relation(t)].push_back(t);
  for (std::size_t r = 0; r < by_rel.size(); ++r) {
    if (by_rel[r].empty() && !named) continue;
    out += header;
    if (named)
      out += " :" + std::to_string(r + 1) + " \"" + clean_label(network.relations()[r].name) + "\"";
    out += '\n';
    for (TieIndex t : by_rel[r]) {
      out += std::to_string(network.tie_source(t) + 1) + ' ' +
             std::to_string(network.tie_target(t) + 1);
      if (weight != nullptr && t < weight->values.size() && !is_missing(weight->values[t])) {
        out += ' ' + value_to_string(weight->values[t]);
      }
      out += '\n';
    }
  }
  if (with_vectors) {
    for (const auto& col : network.actor_attrs().columns()) {
      if (col.type != AttrType::Number || col.values.size() < network.actor_count()) continue;
      bool complete = true, integral = true;
      for (const auto& v : col.values) {
        if (is_missing(v)) {
          complete = false;
          break;
        }
        const double d = std::get<double>(v);
        integral = integral && std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15;
      }
      if (!complete || col.name.find('\n') != std::string::npos) continue;
      out += std::string(integral ? "*Partition " : "*Vector ") + col.name + "\n";
      out += "*Vertices " + std::to_string(network.actor_count()) + "\n";
      for (const auto& v : col.values)
        out += value_to_string(v) + "\n";
    }
  }
  return out;
}

}  // namespace kn::io
