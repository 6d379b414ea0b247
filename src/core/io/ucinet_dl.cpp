#include "core/io/ucinet_dl.hpp"

#include <charconv>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/io/text_util.hpp"
#include "core/util/error.hpp"

namespace kn::io {

namespace {

using detail::iequals;

struct Tok {
  std::string text;
  std::size_t line = 0;
  bool quoted = false;
};

std::vector<Tok> tokenize(std::string_view text, const std::string& file) {
  std::vector<Tok> out;
  std::size_t line = 1;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      ++i;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == ',') {
      ++i;
    } else if (c == '=') {
      out.push_back({"=", line, false});
      ++i;
    } else if (c == '"') {
      const std::size_t end = text.find('"', i + 1);
      if (end == std::string_view::npos)
        throw parse_error_at_line(file, line, "", "unterminated quoted label");
      Tok t{std::string(text.substr(i + 1, end - i - 1)), line, true};
      for (char ch : t.text) {
        if (ch == '\n') ++line;
      }
      out.push_back(std::move(t));
      i = end + 1;
    } else {
      std::size_t end = i;
      while (end < text.size() && text[end] != ' ' && text[end] != '\t' && text[end] != '\r' &&
             text[end] != '\n' && text[end] != ',' && text[end] != '=' && text[end] != '"') {
        ++end;
      }
      out.push_back({std::string(text.substr(i, end - i)), line, false});
      i = end;
    }
  }
  return out;
}

enum class DlFormat { FullMatrix, EdgeList1, NodeList1 };

struct PendingTie {
  std::size_t source, target;  // 0-based actor slots
  std::size_t matrix;
  double value;
};

class DlReader {
 public:
  DlReader(std::string_view text, const std::string& file)
      : text_(detail::strip_bom(text)), file_(file) {}

  [[noreturn]] void fail(std::size_t line, const std::string& field, const std::string& msg) const {
    throw parse_error_at_line(file_, line, field, msg);
  }

  const Tok& peek() const { return toks_[pos_]; }
  bool at_end() const { return pos_ >= toks_.size(); }
  const Tok& next(const std::string& what) {
    if (at_end()) fail(toks_.empty() ? 1 : toks_.back().line, what, "unexpected end of file");
    return toks_[pos_++];
  }

  std::uint64_t parse_count(const Tok& t, const std::string& field) const {
    std::uint64_t v = 0;
    auto res = std::from_chars(t.text.data(), t.text.data() + t.text.size(), v);
    if (res.ec != std::errc() || res.ptr != t.text.data() + t.text.size()) {
      fail(t.line, field, "'" + t.text + "' is not a non-negative integer");
    }
    return v;
  }

  double value(const Tok& t) const {
    auto d = detail::parse_number(t.text);
    if (!d || t.quoted) fail(t.line, "data", "'" + t.text + "' is not a number");
    return *d;
  }

  std::vector<std::string> read_labels(std::size_t count, const std::string& field) {
    std::vector<std::string> out;
    read_label_lines_.clear();
    for (std::size_t i = 0; i < count; ++i) {
      const Tok& t = next(field);
      // A quoted "" matrix label is the unnamed relation (the writer emits it); actor labels
      // must not be empty.
      if (t.text.empty() && !(t.quoted && field == "matrix labels")) {
        fail(t.line, field, "empty label");
      }
      if (!t.quoted && t.text.back() == ':') {
        fail(t.line, field,
             "expected " + std::to_string(count) + " labels, found " + std::to_string(i));
      }
      out.push_back(t.text);
      read_label_lines_.push_back(t.line);
    }
    return out;
  }

  Network read() {
    toks_ = tokenize(text_, file_);
    if (toks_.empty() || !iequals(toks_[0].text, "dl")) {
      fail(1, "", "not a UCINET DL file (must start with 'dl')");
    }
    pos_ = 1;
    std::optional<std::uint64_t> n;
    std::uint64_t nm = 1;
    DlFormat format = DlFormat::FullMatrix;
    bool embedded = false;
    std::vector<std::string> labels, matrix_labels;
    const std::size_t max_actors = detail::max_actors_for_input(text_.size());
    while (true) {
      const Tok& t = next("data:");
      const std::string key = detail::to_lower(t.text);
      if (t.quoted) fail(t.line, "", "unexpected '" + t.text + "' in header");
      if (key == "data:") break;
      if (key == "n" || key == "nm" || key == "format" || key == "nr" || key == "nc" ||
          key == "diagonal" || key == "type") {
        const Tok& eq = next(key);
        if (eq.text != "=") fail(eq.line, key, "'=' expected");
        const Tok& v = next(key);
        if (key == "n") {
          n = parse_count(v, "n");
          if (*n > max_actors) fail(v.line, "n", "n=" + v.text + " too large");
        } else if (key == "nm") {
          nm = parse_count(v, "nm");
          if (nm < 1 || nm > 65535) fail(v.line, "nm", "nm must be between 1 and 65535");
        } else if (key == "format") {
          const std::string f = detail::to_lower(v.text);
          if (f == "fullmatrix" || f == "fm" || f == "full")
            format = DlFormat::FullMatrix;
          else if (f == "edgelist1" || f == "el1")
            format = DlFormat::EdgeList1;
          else if (f == "nodelist1" || f == "nl1")
            format = DlFormat::NodeList1;
          else
            fail(v.line, "format", "unsupported format '" + v.text + "'");
        } else if (key == "nr" || key == "nc") {
          fail(t.line, key, "two-mode DL files (nr/nc) are not supported");
        }
        continue;
      }
      if (key == "labels") {
        const Tok& e = next("labels");
        if (!iequals(e.text, "embedded") && !iequals(e.text, "embedded:")) {
          fail(e.line, "labels", "'embedded' expected after 'labels'");
        }
        embedded = true;
        continue;
      }
      if (key == "labels:" || key == "row" || key == "column" || key == "matrix") {
        const std::string& which = key;
        if (key != "labels:") {
          const Tok& l = next(key);
          if (!iequals(l.text, "labels:")) fail(l.line, key, "'labels:' expected");
        }
        if (which == "matrix") {
          matrix_labels = read_labels(nm, "matrix labels");
          matrix_label_lines_ = read_label_lines_;
          continue;
        }
        if (!n) fail(t.line, "n", "n= must come before labels");
        auto l = read_labels(*n, which == "column" ? "column labels" : "labels");
        if (which != "column") {
          labels = std::move(l);
          label_lines_ = read_label_lines_;
        }
        continue;
      }
      fail(t.line, "", "unexpected '" + t.text + "' in header");
    }
    if (!n) fail(1, "n", "missing n=");
    n_ = *n;
    nm_ = nm;
    // Actor slots
    if (!labels.empty()) {
      for (std::size_t i = 0; i < labels.size(); ++i)
        add_label(labels[i], label_lines_[i]);
    } else if (!embedded) {
      for (std::uint64_t i = 0; i < n_; ++i)
        add_label(std::to_string(i + 1), 0);
    }
    switch (format) {
      case DlFormat::FullMatrix:
        read_fullmatrix(embedded);
        break;
      case DlFormat::EdgeList1:
        read_lists(embedded && labels.empty(), false);
        break;
      case DlFormat::NodeList1:
        read_lists(embedded && labels.empty(), true);
        break;
    }
    if (slots_.size() < n_) {
      // embedded labels that never occurred: fill with numbers
      for (std::uint64_t i = slots_.size(); i < n_; ++i)
        add_label(std::to_string(i + 1), 0);
    }
    return build(matrix_labels);
  }

 private:
  std::size_t add_label(const std::string& label, std::size_t line) {
    // Also for embedded labels (a quoted ""), as in the labels: section: no empty actor ids.
    if (label.empty()) fail(line, "labels", "empty label");
    if (slot_of_.count(label)) fail(line, "labels", "duplicate label '" + label + "'");
    if (slots_.size() >= n_) fail(line, "labels", "more than n=" + std::to_string(n_) + " labels");
    slot_of_.emplace(label, slots_.size());
    slots_.push_back(label);
    return slots_.size() - 1;
  }

  std::size_t slot(const Tok& t, bool by_label, const std::string& field) {
    if (by_label || t.quoted) {
      auto it = slot_of_.find(t.text);
      if (it != slot_of_.end()) return it->second;
      if (!by_label) fail(t.line, field, "unknown label '" + t.text + "'");
      return add_label(t.text, t.line);
    }
    const std::uint64_t v = parse_count(t, field);
    if (v < 1 || v > n_)
      fail(t.line, field, "node " + t.text + " out of range 1.." + std::to_string(n_));
    return static_cast<std::size_t>(v - 1);
  }

  void read_fullmatrix(bool embedded) {
    for (std::uint64_t m = 0; m < nm_; ++m) {
      std::vector<std::size_t> cols(n_);
      if (embedded) {
        for (std::uint64_t c = 0; c < n_; ++c) {
          const Tok& t = next("column labels");
          auto it = slot_of_.find(t.text);
          cols[c] = it != slot_of_.end() ? it->second : add_label(t.text, t.line);
        }
      } else {
        for (std::uint64_t c = 0; c < n_; ++c)
          cols[c] = c;
      }
      for (std::uint64_t r = 0; r < n_; ++r) {
        std::size_t row = r;
        if (embedded) {
          const Tok& t = next("row label");
          auto it = slot_of_.find(t.text);
          if (it == slot_of_.end()) fail(t.line, "row label", "unknown label '" + t.text + "'");
          row = it->second;
        }
        for (std::uint64_t c = 0; c < n_; ++c) {
          const double v = value(next("data"));
          if (v != 0) ties_.push_back({row, cols[c], m, v});
        }
      }
    }
    if (!at_end())
      fail(peek().line, "data",
           "more values than " + std::to_string(nm_) + " matrices of " + std::to_string(n_) +
               " x " + std::to_string(n_));
  }

  void read_lists(bool by_label, bool nodelist) {
    std::size_t matrix = 0;
    while (!at_end()) {
      const std::size_t line = peek().line;
      std::vector<const Tok*> lt;
      while (!at_end() && peek().line == line)
        lt.push_back(&toks_[pos_++]);
      if (lt.size() == 1 && lt[0]->text == "!" && !lt[0]->quoted) {
        if (++matrix >= nm_) fail(line, "data", "more matrices than nm=" + std::to_string(nm_));
        continue;
      }
      if (lt.size() < 2) {
        if (nodelist) {
          slot(*lt[0], by_label, "ego");
          continue;
        }
        fail(line, "target", "a tie needs two nodes");
      }
      const std::size_t s = slot(*lt[0], by_label, "source");
      if (nodelist) {
        for (std::size_t k = 1; k < lt.size(); ++k) {
          ties_.push_back({s, slot(*lt[k], by_label, "target"), matrix, 1.0});
        }
      } else {
        if (lt.size() > 3) fail(line, "", "edgelist1 line has more than 3 values");
        const std::size_t t = slot(*lt[1], by_label, "target");
        const double v = lt.size() == 3 ? value(*lt[2]) : 1.0;
        if (v != 0) ties_.push_back({s, t, matrix, v});
      }
      if (ties_.size() >= 0xFFFFFFF0u) fail(line, "", "too many ties");
    }
  }

  Network build(const std::vector<std::string>& matrix_labels) {
    Network net;
    net.reserve(slots_.size(), ties_.size());
    for (const auto& s : slots_)
      net.add_actor(s);
    if (!matrix_labels.empty()) {
      for (std::size_t i = 0; i < matrix_labels.size(); ++i) {
        const std::string& l = matrix_labels[i];
        if (net.find_relation(l)) {
          fail(matrix_label_lines_[i], "matrix labels", "duplicate matrix label '" + l + "'");
        }
        net.relation(l);
      }
    } else if (nm_ > 1) {
      for (std::uint64_t m = 0; m < nm_; ++m)
        net.relation(std::to_string(m + 1));
    }
    bool weighted = false;
    for (const auto& t : ties_)
      weighted = weighted || t.value != 1.0;
    for (const auto& t : ties_) {
      net.add_tie(static_cast<ActorIndex>(t.source), static_cast<ActorIndex>(t.target),
                  static_cast<RelationIndex>(t.matrix), 0);
    }
    if (weighted) {
      AttrColumn& col = net.tie_attrs().column("weight", AttrType::Number, net.tie_count());
      for (std::size_t i = 0; i < ties_.size(); ++i)
        col.values[i] = ties_[i].value;
    }
    return net;
  }

  std::string_view text_;
  const std::string& file_;
  std::vector<Tok> toks_;
  std::size_t pos_ = 0;
  std::uint64_t n_ = 0, nm_ = 1;
  std::vector<std::string> slots_;
  std::unordered_map<std::string, std::size_t> slot_of_;
  std::vector<PendingTie> ties_;
  // lines of the labels read last / of the row labels / of the matrix labels (error messages)
  std::vector<std::size_t> read_label_lines_, label_lines_, matrix_label_lines_;
};

std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') c = '\'';
    if (c == '\n' || c == '\r') c = ' ';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace

Network read_ucinet_dl(std::string_view text, const std::string& filename) {
  DlReader reader(text, filename);
  return detail::read_guarded(reader, filename);
}

std::string write_ucinet_dl(const Network& network, std::size_t fullmatrix_max_n) {
  const std::size_t n = network.actor_count();
  const std::size_t nm = std::max<std::size_t>(1, network.relations().size());
  const bool full = n <= fullmatrix_max_n;
  bool named = network.relations().size() > 1;
  for (const auto& r : network.relations())
    named = named || !r.name.empty();
  const AttrColumn* weight = network.tie_attrs().find("weight");
  if (weight != nullptr && weight->type != AttrType::Number) weight = nullptr;
  auto tie_value = [&](TieIndex t) {
    if (weight != nullptr && t < weight->values.size() && !is_missing(weight->values[t])) {
      return std::get<double>(weight->values[t]);
    }
    return 1.0;
  };
  std::string out = "dl n=" + std::to_string(n);
  if (nm > 1) out += " nm=" + std::to_string(nm);
  out += full ? " format=fullmatrix\n" : " format=edgelist1\n";
  if (full) {
    out += "labels embedded\n";
  } else {
    out += "labels:\n";
    for (ActorIndex a = 0; a < n; ++a)
      out += quoted(network.actor_id(a)) + "\n";
  }
  if (named) {
    out += "matrix labels:\n";
    for (const auto& r : network.relations())
      out += quoted(r.name) + "\n";
  }
  out += "data:\n";
  if (full) {
    for (std::size_t m = 0; m < nm; ++m) {
      std::vector<double> cells(n * n, 0.0);
      for (TieIndex t = 0; t < network.tie_count(); ++t) {
        if (network.tie_relation(t) != m) continue;
        cells[network.tie_source(t) * n + network.tie_target(t)] += tie_value(t);
      }
      for (ActorIndex a = 0; a < n; ++a)
        out += (a ? " " : "") + quoted(network.actor_id(a));
      out += '\n';
      for (ActorIndex a = 0; a < n; ++a) {
        out += quoted(network.actor_id(a));
        for (std::size_t c = 0; c < n; ++c)
          out += ' ' + value_to_string(Value{cells[a * n + c]});
        out += '\n';
      }
    }
  } else {
    for (std::size_t m = 0; m < nm; ++m) {
      if (m > 0) out += "!\n";
      for (TieIndex t = 0; t < network.tie_count(); ++t) {
        if (network.tie_relation(t) != m) continue;
        out += std::to_string(network.tie_source(t) + 1) + ' ' +
               std::to_string(network.tie_target(t) + 1);
        if (weight != nullptr) out += ' ' + value_to_string(Value{tie_value(t)});
        out += '\n';
      }
    }
  }
  return out;
}

}  // namespace kn::io
