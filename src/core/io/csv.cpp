#include "core/io/csv.hpp"

#include <cstring>
#include <unordered_set>
#include <vector>

#include "core/io/text_util.hpp"
#include "core/util/error.hpp"

namespace kn::io {

namespace {

using detail::iequals;
using detail::parse_number;

struct Field {
  std::string text;
  bool quoted = false;
};

/// RFC 4180 record reader over an in-memory buffer.
class CsvParser {
 public:
  CsvParser(std::string_view text, const std::string& file) : file_(file) {
    text_ = detail::strip_bom(text);
    sep_ = detect_separator();
  }

  [[nodiscard]] char separator() const { return sep_; }

  /// Reads the next non-empty record into fields[0..count). Returns false at the end.
  bool next(std::vector<Field>& fields, std::size_t& count, std::size_t& record_line) {
    while (pos_ < text_.size()) {
      record_line = line_;
      count = 0;
      read_record(fields, count);
      if (count == 1 && !fields[0].quoted && fields[0].text.empty()) continue;  // blank line
      return true;
    }
    return false;
  }

 private:
  char detect_separator() const {
    std::size_t commas = 0, semicolons = 0;
    bool in_quotes = false;
    for (char c : text_) {
      if (c == '"') in_quotes = !in_quotes;
      if (in_quotes) continue;
      if (c == '\n') break;
      if (c == ',') ++commas;
      if (c == ';') ++semicolons;
    }
    return semicolons > commas ? ';' : ',';
  }

  void read_record(std::vector<Field>& fields, std::size_t& count) {
    const char* data = text_.data();
    const std::size_t size = text_.size();
    while (true) {
      if (count == fields.size()) fields.emplace_back();
      Field& f = fields[count++];
      f.text.clear();
      f.quoted = false;
      if (pos_ < size && data[pos_] == '"') {
        f.quoted = true;
        const std::size_t start_line = line_;
        ++pos_;
        while (true) {
          const void* q = pos_ < size ? std::memchr(data + pos_, '"', size - pos_) : nullptr;
          if (q == nullptr) {
            throw parse_error_at_line(file_, start_line, "column " + std::to_string(count),
                                      "unterminated quoted field");
          }
          const std::size_t qpos = static_cast<std::size_t>(static_cast<const char*>(q) - data);
          for (std::size_t i = pos_; i < qpos; ++i) {
            if (data[i] == '\n') ++line_;
          }
          f.text.append(data + pos_, qpos - pos_);
          pos_ = qpos + 1;
          if (pos_ < size && data[pos_] == '"') {
            f.text.push_back('"');
            ++pos_;
            continue;
          }
          break;
        }
        if (pos_ < size && data[pos_] == '\r' && pos_ + 1 < size && data[pos_ + 1] == '\n') {
          ++pos_;
        }
        if (pos_ < size && data[pos_] != sep_ && data[pos_] != '\n') {
          throw parse_error_at_line(
              file_, line_, "column " + std::to_string(count),
              "unexpected character after closing quote of field " + std::to_string(count));
        }
      } else {
        const std::size_t start = pos_;
        while (pos_ < size && data[pos_] != sep_ && data[pos_] != '\n')
          ++pos_;
        std::size_t end = pos_;
        if (end > start && data[end - 1] == '\r' && (pos_ >= size || data[pos_] == '\n')) --end;
        f.text.assign(data + start, end - start);
      }
      if (pos_ >= size) return;
      if (data[pos_] == sep_) {
        ++pos_;
        continue;
      }
      // newline
      ++pos_;
      ++line_;
      return;
    }
  }

  std::string_view text_;
  const std::string& file_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  char sep_ = ',';
};

enum class ColKind { Infer, String, Number, List };

struct ColSpec {
  std::string name;
  ColKind kind = ColKind::Infer;
};

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

ColSpec parse_header(std::string_view h) {
  if (ends_with(h, "[]")) return {std::string(h.substr(0, h.size() - 2)), ColKind::List};
  if (ends_with(h, ":string")) return {std::string(h.substr(0, h.size() - 7)), ColKind::String};
  if (ends_with(h, ":number")) return {std::string(h.substr(0, h.size() - 7)), ColKind::Number};
  return {std::string(h), ColKind::Infer};
}

/// Cells of one attribute column, collected before the type is decided.
struct RawColumn {
  ColSpec spec;
  std::vector<std::string> cells;
  std::vector<std::uint8_t> present;  // 0 = missing (unquoted empty)
};

std::optional<bool> parse_bool(std::string_view s) {
  if (iequals(s, "true") || s == "1" || iequals(s, "yes")) return true;
  if (iequals(s, "false") || s == "0" || iequals(s, "no")) return false;
  return std::nullopt;
}

/// Decides the type of a raw column and converts it to values. `lines` gives the line of
/// each row for error messages.
AttrColumn finalize(RawColumn& raw, const std::vector<std::size_t>& lines, const std::string& file,
                    bool string_preferred) {
  AttrColumn col;
  col.name = raw.spec.name;
  const std::size_t rows = raw.cells.size();
  ColKind kind = raw.spec.kind;
  if (kind == ColKind::Infer) {
    bool any = false, all_numeric = true;
    for (std::size_t r = 0; r < rows && all_numeric; ++r) {
      if (!raw.present[r]) continue;
      any = true;
      if (!parse_number(raw.cells[r])) all_numeric = false;
    }
    kind = (any && all_numeric && !string_preferred) ? ColKind::Number : ColKind::String;
  }
  col.values.resize(rows);
  switch (kind) {
    case ColKind::Number:
      col.type = AttrType::Number;
      for (std::size_t r = 0; r < rows; ++r) {
        if (!raw.present[r] || raw.cells[r].empty()) continue;
        auto d = parse_number(raw.cells[r]);
        if (!d) {
          throw parse_error_at_line(file, lines[r], raw.spec.name,
                                    "'" + raw.cells[r] + "' is not a number");
        }
        col.values[r] = *d;
      }
      break;
    case ColKind::List:
      col.type = AttrType::List;
      for (std::size_t r = 0; r < rows; ++r) {
        if (raw.present[r]) col.values[r] = detail::split_list(raw.cells[r]);
      }
      break;
    default:
      col.type = AttrType::String;
      for (std::size_t r = 0; r < rows; ++r) {
        if (raw.present[r]) col.values[r] = std::move(raw.cells[r]);
      }
      break;
  }
  return col;
}

struct ActorsData {
  std::vector<std::string> ids;
  std::vector<std::size_t> lines;
  std::vector<RawColumn> columns;
};

void check_header_names(const std::vector<ColSpec>& specs, const std::string& file) {
  std::unordered_set<std::string> seen;
  for (const auto& s : specs) {
    if (!seen.insert(s.name).second) {
      throw parse_error_at_line(file, 1, s.name, "duplicate column name");
    }
  }
}

ActorsData parse_actors(std::string_view text, const std::string& file) {
  CsvParser parser(text, file);
  std::vector<Field> fields;
  std::size_t count = 0, line = 0;
  if (!parser.next(fields, count, line)) {
    throw parse_error_at_line(file, 1, "id", "empty actors file (header `id,...` expected)");
  }
  std::size_t id_col = count;
  ActorsData data;
  std::vector<ColSpec> specs;
  std::vector<int> col_of(count, -1);
  for (std::size_t c = 0; c < count; ++c) {
    if (id_col == count && iequals(fields[c].text, "id")) {
      id_col = c;
      continue;
    }
    ColSpec spec = parse_header(fields[c].text);
    if (spec.name.empty() && spec.kind == ColKind::Infer) {
      throw parse_error_at_line(file, line, "column " + std::to_string(c + 1),
                                "empty column name in column " + std::to_string(c + 1));
    }
    col_of[c] = static_cast<int>(data.columns.size());
    specs.push_back(spec);
    data.columns.push_back(RawColumn{std::move(spec), {}, {}});
  }
  if (id_col == count) throw parse_error_at_line(file, line, "id", "header has no column 'id'");
  specs.push_back({"id", ColKind::String});
  check_header_names(specs, file);
  const std::size_t width = count;
  std::unordered_set<std::string_view> seen;
  std::vector<std::string> id_storage;
  while (parser.next(fields, count, line)) {
    if (count != width) {
      throw parse_error_at_line(
          file, line, "",
          "expected " + std::to_string(width) + " fields, found " + std::to_string(count));
    }
    if (fields[id_col].text.empty()) {
      throw parse_error_at_line(file, line, "id", "empty actor id");
    }
    data.ids.push_back(fields[id_col].text);
    data.lines.push_back(line);
    for (std::size_t c = 0; c < count; ++c) {
      if (col_of[c] < 0) continue;
      RawColumn& rc = data.columns[static_cast<std::size_t>(col_of[c])];
      const bool present = fields[c].quoted || !fields[c].text.empty();
      rc.present.push_back(present ? 1 : 0);
      rc.cells.push_back(std::move(fields[c].text));
    }
  }
  std::unordered_set<std::string> ids;
  for (std::size_t r = 0; r < data.ids.size(); ++r) {
    if (!ids.insert(data.ids[r]).second) {
      throw parse_error_at_line(file, data.lines[r], "id",
                                "duplicate actor id '" + data.ids[r] + "'");
    }
  }
  return data;
}

bool header_has(std::string_view text, const std::string& file, std::string_view name) {
  CsvParser parser(text, file);
  std::vector<Field> fields;
  std::size_t count = 0, line = 0;
  if (!parser.next(fields, count, line)) return false;
  for (std::size_t c = 0; c < count; ++c) {
    if (iequals(fields[c].text, name)) return true;
  }
  return false;
}

void read_ties_into(Network& net, std::string_view text, const std::string& file) {
  CsvParser parser(text, file);
  std::vector<Field> fields;
  std::size_t count = 0, line = 0;
  if (!parser.next(fields, count, line)) {
    throw parse_error_at_line(file, 1, "source",
                              "empty ties file (header `source,target` expected)");
  }
  const std::size_t width = count;
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::size_t src_col = kNone, tgt_col = kNone, rel_col = kNone, wave_col = kNone, dir_col = kNone;
  std::vector<RawColumn> columns;
  std::vector<int> col_of(width, -1);
  std::vector<ColSpec> specs;
  for (std::size_t c = 0; c < width; ++c) {
    const std::string& h = fields[c].text;
    std::size_t* reserved = nullptr;
    if (iequals(h, "source"))
      reserved = &src_col;
    else if (iequals(h, "target"))
      reserved = &tgt_col;
    else if (iequals(h, "relation"))
      reserved = &rel_col;
    else if (iequals(h, "wave"))
      reserved = &wave_col;
    else if (iequals(h, "directed"))
      reserved = &dir_col;
    if (reserved != nullptr) {
      if (*reserved != kNone) throw parse_error_at_line(file, line, h, "duplicate column name");
      *reserved = c;
      continue;
    }
    ColSpec spec = parse_header(h);
    if (spec.name.empty() && spec.kind == ColKind::Infer) {
      throw parse_error_at_line(file, line, "column " + std::to_string(c + 1),
                                "empty column name in column " + std::to_string(c + 1));
    }
    col_of[c] = static_cast<int>(columns.size());
    specs.push_back(spec);
    columns.push_back(RawColumn{std::move(spec), {}, {}});
  }
  check_header_names(specs, file);
  if (src_col == kNone)
    throw parse_error_at_line(file, line, "source", "header has no column 'source'");
  if (tgt_col == kNone)
    throw parse_error_at_line(file, line, "target", "header has no column 'target'");

  std::vector<std::size_t> lines;
  std::optional<bool> directed;
  std::string last_rel, last_wave;
  RelationIndex rel_index = 0;
  WaveIndex wave_index = 0;
  bool rel_cached = false, wave_cached = false;
  while (parser.next(fields, count, line)) {
    if (count != width) {
      throw parse_error_at_line(
          file, line, "",
          "expected " + std::to_string(width) + " fields, found " + std::to_string(count));
    }
    const std::string& s = fields[src_col].text;
    const std::string& t = fields[tgt_col].text;
    if (s.empty()) throw parse_error_at_line(file, line, "source", "empty actor id");
    if (t.empty()) throw parse_error_at_line(file, line, "target", "empty actor id");
    if (net.tie_count() >= 0xFFFFFFF0u) throw parse_error_at_line(file, line, "", "too many ties");
    const ActorIndex a = net.actor(s);
    const ActorIndex b = net.actor(t);
    if (rel_col != kNone) {
      const std::string& r = fields[rel_col].text;
      if (!rel_cached || r != last_rel) {
        try {
          rel_index = net.relation(r);
        } catch (const std::length_error&) {
          throw parse_error_at_line(file, line, "relation", "too many relations");
        }
        last_rel = r;
        rel_cached = true;
      }
    }
    if (wave_col != kNone) {
      const std::string& w = fields[wave_col].text;
      if (!wave_cached || w != last_wave) {
        try {
          wave_index = net.wave(w);
        } catch (const std::length_error&) {
          throw parse_error_at_line(file, line, "wave", "too many waves");
        }
        last_wave = w;
        wave_cached = true;
      }
    }
    if (dir_col != kNone && !fields[dir_col].text.empty()) {
      auto d = parse_bool(fields[dir_col].text);
      if (!d) {
        throw parse_error_at_line(file, line, "directed",
                                  "'" + fields[dir_col].text + "' is not true/false");
      }
      if (directed && *directed != *d) {
        throw parse_error_at_line(file, line, "directed",
                                  "mixed directed and undirected ties are not supported");
      }
      directed = d;
    }
    if (rel_col == kNone && net.relations().empty()) rel_index = net.relation("");
    if (wave_col == kNone && net.waves().empty()) wave_index = net.wave("");
    net.add_tie(a, b, rel_index, wave_index);
    lines.push_back(line);
    for (std::size_t c = 0; c < width; ++c) {
      if (col_of[c] < 0) continue;
      RawColumn& rc = columns[static_cast<std::size_t>(col_of[c])];
      const bool present = fields[c].quoted || !fields[c].text.empty();
      rc.present.push_back(present ? 1 : 0);
      rc.cells.push_back(std::move(fields[c].text));
    }
  }
  for (auto& raw : columns) {
    AttrColumn col = finalize(raw, lines, file, false);
    bool any = false;
    for (const auto& v : col.values) {
      if (!is_missing(v)) {
        any = true;
        break;
      }
    }
    if (!any) continue;
    AttrColumn& target = net.tie_attrs().column(col.name, col.type, net.tie_count());
    target.values = std::move(col.values);
  }
  if (directed) net.directed = *directed;
}

}  // namespace

std::vector<CsvRecord> read_csv_records(std::string_view text, const std::string& filename,
                                        std::size_t max_fields) {
  CsvParser parser(text, filename);
  std::vector<Field> fields;
  std::size_t count = 0, line = 0, total = 0;
  std::vector<CsvRecord> out;
  while (parser.next(fields, count, line)) {
    total += count;
    if (total > max_fields) {
      throw parse_error_at_line(filename, line, "",
                                "too many fields (more than " + std::to_string(max_fields) + ")");
    }
    CsvRecord record;
    record.line = line;
    record.fields.reserve(count);
    record.quoted.reserve(count);
    for (std::size_t c = 0; c < count; ++c) {
      record.fields.push_back(std::move(fields[c].text));
      record.quoted.push_back(fields[c].quoted);
    }
    out.push_back(std::move(record));
  }
  return out;
}

void join_actors_csv(Network& network, std::string_view text, const std::string& filename) {
  ActorsData data = parse_actors(text, filename);
  // Decide types; a number column arriving at an existing string column stays text.
  std::vector<AttrColumn> cols;
  for (auto& raw : data.columns) {
    const AttrColumn* existing = network.actor_attrs().find(raw.spec.name);
    const bool string_preferred = existing != nullptr && existing->type == AttrType::String &&
                                  raw.spec.kind == ColKind::Infer;
    cols.push_back(finalize(raw, data.lines, filename, string_preferred));
    bool any = false;
    for (const auto& v : cols.back().values)
      any = any || !is_missing(v);
    if (existing != nullptr && any && existing->type != cols.back().type) {
      throw parse_error_at_line(
          filename, 1, raw.spec.name,
          "attribute is of type " + std::string(attr_type_name(existing->type)) +
              " in the network but " + std::string(attr_type_name(cols.back().type)) + " here");
    }
  }
  if (network.actor_count() + data.ids.size() > detail::max_actors_for_input(text.size())) {
    throw parse_error_at_line(filename, 1, "id", "too many actors");
  }
  // Validated: apply (cannot fail from here on).
  std::vector<ActorIndex> rows;
  rows.reserve(data.ids.size());
  for (auto& id : data.ids)
    rows.push_back(network.actor(id));
  const std::size_t n = network.actor_count();
  network.actor_attrs().resize(n);
  for (auto& col : cols) {
    bool any = false;
    for (const auto& v : col.values)
      any = any || !is_missing(v);
    if (!any) continue;
    AttrColumn& target = network.actor_attrs().column(col.name, col.type, n);
    for (std::size_t r = 0; r < rows.size(); ++r) {
      if (!is_missing(col.values[r])) target.values[rows[r]] = std::move(col.values[r]);
    }
  }
}

Network read_csv(std::string_view ties_text, const std::string& ties_filename,
                 std::string_view actors_text, const std::string& actors_filename) {
  Network net;
  if (!actors_text.empty()) join_actors_csv(net, actors_text, actors_filename);
  if (header_has(ties_text, ties_filename, "id") &&
      !header_has(ties_text, ties_filename, "source") &&
      !header_has(ties_text, ties_filename, "target")) {
    join_actors_csv(net, ties_text, ties_filename);
    return net;
  }
  try {
    read_ties_into(net, ties_text, ties_filename);
  } catch (const std::logic_error& e) {  // invalid_argument / out_of_range from the model
    throw ParseError(ties_filename, "", "", e.what());
  }
  return net;
}

// ---------------------------------------------------------------------------------------------
// Writing

namespace {

/// Quoted when the cell holds either separator the reader recognises, whichever one is written:
/// the reader detects the separator by counting both outside quotes on the header line (an
/// unquoted column name "a;b;c" would make a ',' file read as ';'), and a one-column file gives it
/// no separator to detect, so it splits data rows on ','.
bool needs_quotes(std::string_view s) {
  for (char c : s) {
    if (c == ',' || c == ';' || c == '"' || c == '\n' || c == '\r') return true;
  }
  return false;
}

void append_cell(std::string& out, std::string_view s, bool force_quotes) {
  if (!force_quotes && !needs_quotes(s)) {
    out.append(s);
    return;
  }
  out.push_back('"');
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

/// A text cell (value, actor id, relation or wave name), defused when spreadsheet_safe.
void append_text(std::string& out, std::string_view text, const CsvWriteOptions& opt,
                 bool force_quotes) {
  if (opt.spreadsheet_safe && !text.empty() &&
      (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' || text[0] == '\t' ||
       text[0] == '\r') &&
      !parse_number(text)) {
    append_cell(out, "'" + std::string(text), force_quotes);
    return;
  }
  append_cell(out, text, force_quotes);
}

void append_value(std::string& out, const Value& v, const CsvWriteOptions& opt) {
  if (is_missing(v)) return;
  if (const auto* d = std::get_if<double>(&v)) {
    out += detail::format_number(*d);
    return;
  }
  std::string text = value_to_string(v);
  append_text(out, text, opt, text.empty());
}

bool reserved_name(std::string_view name, bool ties) {
  if (ties) {
    return iequals(name, "source") || iequals(name, "target") || iequals(name, "relation") ||
           iequals(name, "wave") || iequals(name, "directed");
  }
  return iequals(name, "id");
}

std::string column_header(const AttrColumn& col, bool ties) {
  if (col.type == AttrType::List) return col.name + "[]";
  const bool suffix = col.name.empty() || reserved_name(col.name, ties) ||
                      ends_with(col.name, "[]") || ends_with(col.name, ":string") ||
                      ends_with(col.name, ":number");
  if (col.type == AttrType::Number) return suffix ? col.name + ":number" : col.name;
  bool any = false, all_numeric = true;
  for (const auto& v : col.values) {
    if (is_missing(v)) continue;
    any = true;
    if (!parse_number(std::get<std::string>(v))) {
      all_numeric = false;
      break;
    }
  }
  return (suffix || (any && all_numeric)) ? col.name + ":string" : col.name;
}

}  // namespace

std::string write_ties_csv(const Network& network, const CsvWriteOptions& opt) {
  const char sep = opt.separator;
  bool with_rel = false, with_wave = false;
  for (const auto& r : network.relations())
    with_rel = with_rel || !r.name.empty();
  for (const auto& w : network.waves())
    with_wave = with_wave || !w.name.empty();
  const bool with_dir = !network.directed && network.tie_count() > 0;
  std::string out;
  out.reserve(network.tie_count() * 16 + 64);
  out += "source";
  out += sep;
  out += "target";
  if (with_rel) (out += sep) += "relation";
  if (with_wave) (out += sep) += "wave";
  if (with_dir) (out += sep) += "directed";
  for (const auto& col : network.tie_attrs().columns()) {
    out += sep;
    append_cell(out, column_header(col, true), false);
  }
  out += '\n';
  for (TieIndex t = 0; t < network.tie_count(); ++t) {
    append_text(out, network.actor_id(network.tie_source(t)), opt, false);
    out += sep;
    append_text(out, network.actor_id(network.tie_target(t)), opt, false);
    if (with_rel) {
      out += sep;
      const std::string& r = network.relations()[network.tie_relation(t)].name;
      append_text(out, r, opt, false);
    }
    if (with_wave) {
      out += sep;
      append_text(out, network.waves()[network.tie_wave(t)].name, opt, false);
    }
    if (with_dir) (out += sep) += "false";
    for (const auto& col : network.tie_attrs().columns()) {
      out += sep;
      if (t < col.values.size()) append_value(out, col.values[t], opt);
    }
    out += '\n';
  }
  return out;
}

std::string write_actors_csv(const Network& network, const CsvWriteOptions& opt) {
  const char sep = opt.separator;
  std::string out = "id";
  for (const auto& col : network.actor_attrs().columns()) {
    out += sep;
    append_cell(out, column_header(col, false), false);
  }
  out += '\n';
  for (ActorIndex a = 0; a < network.actor_count(); ++a) {
    append_text(out, network.actor_id(a), opt, network.actor_id(a).empty());
    for (const auto& col : network.actor_attrs().columns()) {
      out += sep;
      if (a < col.values.size()) append_value(out, col.values[a], opt);
    }
    out += '\n';
  }
  return out;
}

}  // namespace kn::io
