// Positions files (see positions.hpp).

#include "core/io/positions.hpp"

#include <charconv>
#include <cmath>
#include <unordered_map>

#include "core/io/csv.hpp"
#include "core/util/error.hpp"

namespace kn::io {

namespace {

double coordinate(const std::string& text, const std::string& file, std::size_t line,
                  const char* field) {
  double v = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(v))
    throw parse_error_at_line(file, line, field, "not a finite number: '" + text + "'");
  return v;
}

}  // namespace

Positions read_positions(std::string_view text, const std::string& filename, const Network& network,
                         bool require_all) {
  const auto records = read_csv_records(text, filename);
  if (records.empty())
    throw parse_error_at_line(filename, 1, "header", "expected the columns id,x,y");
  std::size_t cid = 0, cx = 0, cy = 0;
  bool has_id = false, has_x = false, has_y = false;
  const auto& head = records.front();
  for (std::size_t i = 0; i < head.fields.size(); ++i) {
    if (head.fields[i] == "id" && !has_id) cid = i, has_id = true;
    if (head.fields[i] == "x" && !has_x) cx = i, has_x = true;
    if (head.fields[i] == "y" && !has_y) cy = i, has_y = true;
  }
  if (!has_id || !has_x || !has_y)
    throw parse_error_at_line(filename, head.line, "header", "expected the columns id,x,y");
  std::unordered_map<std::string_view, ActorIndex> index;
  index.reserve(network.actor_count());
  for (ActorIndex a = 0; a < network.actor_count(); ++a)
    index.emplace(network.actor_id(a), a);
  Positions out;
  out.x.assign(network.actor_count(), std::nan(""));
  out.y.assign(network.actor_count(), std::nan(""));
  for (std::size_t r = 1; r < records.size(); ++r) {
    const auto& rec = records[r];
    const auto& f = rec.fields;
    if (f.size() <= cid) throw parse_error_at_line(filename, rec.line, "id", "missing field");
    if (f.size() <= cx) throw parse_error_at_line(filename, rec.line, "x", "missing field");
    if (f.size() <= cy) throw parse_error_at_line(filename, rec.line, "y", "missing field");
    const auto it = index.find(f[cid]);
    if (it == index.end())
      throw parse_error_at_line(filename, rec.line, "id", "unknown actor '" + f[cid] + "'");
    if (!std::isnan(out.x[it->second]))
      throw parse_error_at_line(filename, rec.line, "id", "actor '" + f[cid] + "' repeated");
    out.x[it->second] = coordinate(f[cx], filename, rec.line, "x");
    out.y[it->second] = coordinate(f[cy], filename, rec.line, "y");
  }
  if (require_all) {
    for (ActorIndex a = 0; a < network.actor_count(); ++a)
      if (std::isnan(out.x[a]))
        throw ParseError(filename, "end of file", "id",
                         "no position for actor '" + network.actor_id(a) + "'");
  }
  return out;
}

std::string write_positions(const Network& network, const std::vector<double>& x,
                            const std::vector<double>& y) {
  std::string out = "id,x,y\n";
  char buf[64];
  for (ActorIndex a = 0; a < network.actor_count(); ++a) {
    const std::string& id = network.actor_id(a);
    const bool quote = id.find_first_of(",;\"\r\n") != std::string::npos;
    if (quote) {
      out += '"';
      for (const char c : id) {
        if (c == '"') out += '"';
        out += c;
      }
      out += '"';
    } else {
      out += id;
    }
    for (const double v : {x[a], y[a]}) {
      const auto r = std::to_chars(buf, buf + sizeof buf, v);
      out += ',';
      out.append(buf, r.ptr);
    }
    out += '\n';
  }
  return out;
}

}  // namespace kn::io
