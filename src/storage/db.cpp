// Driver-independent parts of storage/db.hpp: row cell conversion and placeholder translation.
// SPDX-License-Identifier: GPL-3.0-or-later

#include "storage/db.hpp"

#include <charconv>
#include <cmath>

namespace kn::storage {

namespace {

std::int64_t parse_i64(const std::string& text) {
  std::int64_t value = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc{} || ptr != end)
    throw StorageError(StorageError::Kind::Io, "storage: expected an integer column value");
  return value;
}

}  // namespace

bool Row::is_null(std::size_t i) const {
  return std::holds_alternative<std::monostate>(cells_.at(i));
}

std::int64_t Row::i64(std::size_t i) const {
  const Cell& c = cells_.at(i);
  if (const auto* v = std::get_if<std::int64_t>(&c)) return *v;
  if (const auto* d = std::get_if<double>(&c)) return static_cast<std::int64_t>(std::llround(*d));
  if (const auto* s = std::get_if<std::string>(&c)) return parse_i64(*s);
  return 0;
}

int Row::i32(std::size_t i) const {
  return static_cast<int>(i64(i));
}

double Row::f64(std::size_t i) const {
  const Cell& c = cells_.at(i);
  if (const auto* d = std::get_if<double>(&c)) return *d;
  if (const auto* v = std::get_if<std::int64_t>(&c)) return static_cast<double>(*v);
  if (const auto* s = std::get_if<std::string>(&c)) return std::stod(*s);
  return 0.0;
}

std::string Row::text(std::size_t i) const {
  const Cell& c = cells_.at(i);
  if (const auto* s = std::get_if<std::string>(&c)) return *s;
  if (const auto* v = std::get_if<std::int64_t>(&c)) return std::to_string(*v);
  if (const auto* d = std::get_if<double>(&c)) return std::to_string(*d);
  return {};
}

std::optional<std::int64_t> Row::opt_i64(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return i64(i);
}

std::optional<Row> Connection::query_one(std::string_view sql, const Params& params) {
  Rows rows = query(sql, params);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

std::string translate_placeholders(std::string_view sql, Dialect dialect) {
  if (dialect == Dialect::PostgreSQL) return std::string(sql);
  std::string out;
  out.reserve(sql.size());
  char quote = 0;  // inside '...' or "..."
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote != 0) {
      out += c;
      if (c == quote) quote = 0;  // a doubled quote re-enters on the next character
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      out += c;
      continue;
    }
    if (c == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      out += '?';
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace kn::storage
