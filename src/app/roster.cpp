// Roster import: header recognition, value normalisation (sectors, kinds, fields of action by
// key or catalogue label), key generation, validation and i18n messages (see roster.hpp).
#include "app/roster.hpp"

#include "core/util/utf8.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <unordered_map>

#include "app/demo/musterstadt.hpp"
#include "core/io/csv.hpp"
#include "core/io/text_util.hpp"

namespace kn::app {

namespace {

// ---------------------------------------------------------------------------------------------
// Text helpers

/// Lower case for ASCII and the Latin-1 capitals (Ä Ö Ü À ... Þ, UTF-8 C3 80..9E without ×).
std::string fold(std::string_view s) {
  std::string out(s);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto c = static_cast<unsigned char>(out[i]);
    if (c >= 'A' && c <= 'Z') {
      out[i] = static_cast<char>(c + 32);
    } else if (c == 0xC3 && i + 1 < out.size()) {
      const auto d = static_cast<unsigned char>(out[i + 1]);
      if (d >= 0x80 && d <= 0x9E && d != 0x97) out[i + 1] = static_cast<char>(d + 0x20);
      ++i;
    }
  }
  return out;
}

/// Matching form of a label or key: folded, ASCII punctuation and spaces dropped (UTF-8
/// letters kept): "Wissenschaft & Bildung" and "wissenschaft_bildung" both give
/// "wissenschaftbildung".
std::string norm(std::string_view s) {
  std::string out;
  for (const char ch : fold(s)) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) out += ch;
  }
  return out;
}

/// Folded with runs of spaces collapsed (for duplicate names).
std::string name_form(std::string_view s) {
  std::string out;
  bool space = false;
  for (const char ch : fold(s)) {
    if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += ch;
  }
  return out;
}

/// Removes spaces, tabs, CR, LF and non-breaking spaces (U+00A0, common in pasted spreadsheet
/// cells) at both ends, in any mix.
std::string_view trim(std::string_view s) {
  auto blank_front = [](std::string_view t) -> std::size_t {
    if (t.empty()) return 0;
    if (t.front() == ' ' || t.front() == '\t' || t.front() == '\r' || t.front() == '\n') return 1;
    return t.substr(0, 2) == "\xC2\xA0" ? 2 : 0;
  };
  auto blank_back = [](std::string_view t) -> std::size_t {
    if (t.empty()) return 0;
    if (t.back() == ' ' || t.back() == '\t' || t.back() == '\r' || t.back() == '\n') return 1;
    return t.size() >= 2 && t.substr(t.size() - 2) == "\xC2\xA0" ? 2 : 0;
  };
  for (std::size_t n = blank_front(s); n > 0; n = blank_front(s))
    s.remove_prefix(n);
  for (std::size_t n = blank_back(s); n > 0; n = blank_back(s))
    s.remove_suffix(n);
  return s;
}

/// Windows-1252 to UTF-8 (the five unassigned bytes become U+FFFD).
std::string from_cp1252(std::string_view s) {
  static constexpr std::array<std::uint16_t, 32> k80 = {
      0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out += ch;
    } else if (c < 0xA0) {
      kn::append_utf8(out, k80[c - 0x80]);
    } else {
      kn::append_utf8(out, c);
    }
  }
  return out;
}

/// ASCII slug of a name (umlauts and Latin-1 letters transliterated, the rest dropped).
std::string slug(std::string_view name) {
  // Lower-case Latin-1 letters U+00DF..U+00FF (UTF-8 C3 9F..BF; fold() maps the capitals).
  static constexpr std::array<const char*, 33> kLatin1 = {
      "ss", "a", "a", "a", "a", "ae", "a",  "ae", "c", "e", "e", "e", "e",  "i", "i",  "i", "i",
      "d",  "n", "o", "o", "o", "o",  "oe", "",   "o", "u", "u", "u", "ue", "y", "th", "y"};
  std::string out;
  bool dash = false;
  const std::string folded = fold(name);
  for (std::size_t i = 0; i < folded.size(); ++i) {
    const auto c = static_cast<unsigned char>(folded[i]);
    std::string piece;
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      piece = static_cast<char>(c);
    } else if (c == 0xC3 && i + 1 < folded.size()) {
      const auto d = static_cast<unsigned char>(folded[i + 1]);
      if (d >= 0x9F && d <= 0xBF) piece = kLatin1[d - 0x9F];
      ++i;
    } else if (c >= 0x80) {
      while (i + 1 < folded.size() && (static_cast<unsigned char>(folded[i + 1]) & 0xC0) == 0x80)
        ++i;
    }
    if (piece.empty()) {
      dash = !out.empty();
      continue;
    }
    if (dash) out += '-';
    dash = false;
    out += piece;
    if (out.size() >= 48) break;
  }
  while (!out.empty() && out.back() == '-')
    out.pop_back();
  return out.empty() ? std::string("akteur") : out;
}

bool valid_email(std::string_view e) {
  if (e.size() > 254) return false;
  const auto at = e.find('@');
  if (at == std::string_view::npos || at == 0 || at > 64 || e.find('@', at + 1) != e.npos) {
    return false;
  }
  const std::string_view local = e.substr(0, at), domain = e.substr(at + 1);
  if (local.front() == '.' || local.back() == '.' || local.find("..") != local.npos) return false;
  for (const char ch : local) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= ' ' || c == 0x7F || std::string_view("\"(),:;<>[\\]").find(ch) != local.npos) {
      return false;
    }
  }
  if (domain.empty() || domain.find('.') == domain.npos || domain.front() == '.' ||
      domain.back() == '.' || domain.front() == '-' || domain.find("..") != domain.npos) {
    return false;
  }
  for (const char ch : domain) {
    const auto c = static_cast<unsigned char>(ch);
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '.' || c >= 0x80;
    if (!ok) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Columns and vocabularies

enum class Role { Key, Name, Kind, Sector, SubType, ContactName, ContactEmail, Fields, Extra };

struct Alias {
  std::string_view header;  ///< in norm() form
  Role role;
};

constexpr Alias kAliases[] = {
    {"id", Role::Key},
    {"key", Role::Key},
    {"kürzel", Role::Key},
    {"kuerzel", Role::Key},
    {"schlüssel", Role::Key},
    {"schluessel", Role::Key},
    {"kennung", Role::Key},
    {"code", Role::Key},
    {"actorid", Role::Key},
    {"akteurid", Role::Key},
    {"name", Role::Name},
    {"organisation", Role::Name},
    {"organization", Role::Name},
    {"organisationsname", Role::Name},
    {"organisationname", Role::Name},
    {"organizationname", Role::Name},
    {"akteur", Role::Name},
    {"actor", Role::Name},
    {"akteursname", Role::Name},
    {"actorname", Role::Name},
    {"bezeichnung", Role::Name},
    {"institution", Role::Name},
    {"kind", Role::Kind},
    {"art", Role::Kind},
    {"akteursart", Role::Kind},
    {"actortype", Role::Kind},
    {"sector", Role::Sector},
    {"sektor", Role::Sector},
    {"bereich", Role::Sector},
    {"subtype", Role::SubType},
    {"untertyp", Role::SubType},
    {"unterart", Role::SubType},
    {"subtyp", Role::SubType},
    {"contact", Role::ContactName},
    {"contactname", Role::ContactName},
    {"contactperson", Role::ContactName},
    {"kontakt", Role::ContactName},
    {"kontaktperson", Role::ContactName},
    {"ansprechperson", Role::ContactName},
    {"ansprechpartner", Role::ContactName},
    {"ansprechpartnerin", Role::ContactName},
    {"email", Role::ContactEmail},
    {"mail", Role::ContactEmail},
    {"emailadresse", Role::ContactEmail},
    {"contactemail", Role::ContactEmail},
    {"kontaktemail", Role::ContactEmail},
    {"fields", Role::Fields},
    {"fieldsofaction", Role::Fields},
    {"handlungsfelder", Role::Fields},
    {"handlungsfeld", Role::Fields},
    {"themen", Role::Fields},
    {"themenfelder", Role::Fields},
};

std::string header_form(std::string_view header) {
  std::string_view h = trim(header);
  for (const std::string_view suffix : {std::string_view("[]"), std::string_view(":string")}) {
    if (h.size() > suffix.size() && h.substr(h.size() - suffix.size()) == suffix) {
      h.remove_suffix(suffix.size());
    }
  }
  return norm(h);
}

Role role_of(std::string_view header) {
  const std::string h = header_form(header);
  for (const auto& a : kAliases) {
    if (a.header == h) return a.role;
  }
  return Role::Extra;
}

/// A vocabulary: keys with their accepted spellings (key, German and English labels).
class Vocabulary {
 public:
  template <std::size_t N>
  Vocabulary(const std::array<std::string_view, N>& keys, std::string_view prefix) {
    for (const auto k : keys) {
      keys_.emplace_back(k);
      add(k, k);
      for (const Lang lang : {Lang::De, Lang::En}) {
        const std::string label = tr_or(lang, std::string(prefix) + std::string(k), "");
        if (label.empty()) continue;
        add(label, k);
        std::string und = label, an = label;
        for (auto pos = und.find('&'); pos != std::string::npos; pos = und.find('&'))
          und.replace(pos, 1, "und");
        for (auto pos = an.find('&'); pos != std::string::npos; pos = an.find('&'))
          an.replace(pos, 1, "and");
        add(und, k);
        add(an, k);
      }
    }
    prefix_ = prefix;
  }

  void add(std::string_view spelling, std::string_view key) {
    spellings_.emplace(norm(spelling), std::string(key));
  }

  [[nodiscard]] std::optional<std::string> find(std::string_view value) const {
    const std::string n = norm(value);
    if (n.empty()) return std::nullopt;
    const auto it = spellings_.find(n);
    if (it == spellings_.end()) return std::nullopt;
    return it->second;
  }

  /// "verwaltung (Verwaltung), politik (Politik), ..." in `lang`.
  [[nodiscard]] std::string allowed(Lang lang) const {
    std::string out;
    for (const auto& k : keys_) {
      if (!out.empty()) out += ", ";
      out += k;
      const std::string label = tr_or(lang, prefix_ + k, "");
      if (!label.empty() && label != k) out += " (" + label + ")";
    }
    return out;
  }

 private:
  std::vector<std::string> keys_;
  std::string prefix_;
  std::unordered_map<std::string, std::string> spellings_;
};

constexpr std::array<std::string_view, 2> kKindKeys = {"organisation", "person"};

const Vocabulary& sectors() {
  static const Vocabulary v(kSectorKeys, "sector.");
  return v;
}

const Vocabulary& fields() {
  static const Vocabulary v(kFieldKeys, "field.");
  return v;
}

const Vocabulary& kinds() {
  static const Vocabulary v = [] {
    Vocabulary k(kKindKeys, "roster.kind.");
    for (const char* s : {"organization", "org", "organisationen", "einrichtung", "institution"})
      k.add(s, "organisation");
    for (const char* s :
         {"individual", "einzelperson", "privatperson", "natürliche person", "people", "personen"})
      k.add(s, "person");
    return k;
  }();
  return v;
}

// ---------------------------------------------------------------------------------------------
// The parser over rows from either source

struct SourceRow {
  std::vector<std::string> cells;
  std::size_t number = 0;  ///< CSV line or 1-based sheet row
};

struct Column {
  Role role = Role::Extra;
  std::string header;  ///< as written (trimmed)
  std::size_t index = 0;
};

class RosterParser {
 public:
  RosterParser(const std::string& file, const RosterOptions& options, std::string sheet)
      : file_(file), opt_(options), sheet_(std::move(sheet)), xlsx_(!sheet_.empty()) {}

  RosterResult parse(std::vector<SourceRow>& rows) {
    auto is_empty = [](const SourceRow& r) {
      return std::all_of(r.cells.begin(), r.cells.end(),
                         [](const std::string& c) { return trim(c).empty(); });
    };
    auto it =
        std::find_if(rows.begin(), rows.end(), [&](const SourceRow& r) { return !is_empty(r); });
    if (it == rows.end()) fail("", "", "roster.error.empty", {});
    read_header(*it);
    for (++it; it != rows.end(); ++it) {
      if (is_empty(*it)) continue;
      if (result_.entries.size() >= opt_.max_entries) {
        fail(row_location(it->number), "", "roster.error.too_many",
             {std::to_string(opt_.max_entries)});
      }
      read_row(*it);
    }
    finish_keys();
    return std::move(result_);
  }

  void warn(const std::string& location, const std::string& field, const std::string& key,
            std::vector<std::string> args) {
    RosterProblem p;
    p.location = location;
    p.field = field;
    p.message_key = key;
    p.message = tr_format(opt_.lang, key, args);
    p.args = std::move(args);
    result_.problems.push_back(std::move(p));
  }

 private:
  void read_header(const SourceRow& row) {
    if (row.cells.size() > opt_.max_columns) {
      fail(row_location(row.number), "", "roster.error.too_many_columns",
           {std::to_string(row.cells.size()), std::to_string(opt_.max_columns)});
    }
    header_width_ = row.cells.size();
    std::vector<const Column*> by_role(static_cast<std::size_t>(Role::Extra) + 1, nullptr);
    std::unordered_map<std::string, std::string> extra_names;
    columns_.reserve(row.cells.size());
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      Column col;
      col.index = c;
      col.header = std::string(trim(row.cells[c]));
      check_cell(col.header, row.number, c, col.header);
      if (col.header.empty()) {
        unnamed_.push_back(c);
        continue;
      }
      col.role = role_of(col.header);
      if (col.role == Role::Extra) {
        const auto [pos, fresh] = extra_names.emplace(fold(col.header), col.header);
        if (!fresh) {
          fail(cell_location(row.number, c), col.header, "roster.error.duplicate_column",
               {pos->second, col.header});
        }
      }
      columns_.push_back(col);
    }
    for (const auto& col : columns_) {
      if (col.role == Role::Extra) continue;
      const Column*& slot = by_role[static_cast<std::size_t>(col.role)];
      if (slot != nullptr) {
        fail(cell_location(row.number, col.index), col.header, "roster.error.duplicate_column",
             {slot->header, col.header});
      }
      slot = &col;
    }
    auto find = [&](Role r) { return by_role[static_cast<std::size_t>(r)]; };
    name_col_ = find(Role::Name);
    key_col_ = find(Role::Key);
    sector_col_ = find(Role::Sector);
    if (name_col_ == nullptr) {
      fail(row_location(row.number), "", "roster.error.no_name_column",
           {"name, organisation, organization, akteur, actor, bezeichnung, institution"});
    }
    if (sector_col_ == nullptr) warn("", "", "roster.warn.no_sector_column", {});
    if (key_col_ == nullptr) warn("", "", "roster.warn.keys_generated", {});
  }

  void read_row(const SourceRow& row) {
    const std::size_t n = row.number;
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      const std::string_view v = trim(row.cells[c]);
      if (v.empty()) continue;
      if (c >= header_width_) {
        fail(cell_location(n, c), "", "roster.error.extra_cells", {std::to_string(c + 1)});
      }
      check_cell(v, n, c, header_of(c));
    }
    for (const std::size_t c : unnamed_) {
      if (c < row.cells.size() && !trim(row.cells[c]).empty() && warned_unnamed_.insert(c)) {
        warn(cell_location(n, c), "", "roster.warn.unnamed_column", {column_name(c)});
      }
    }
    RosterEntry e;
    e.location = row_location(n);
    for (const auto& col : columns_) {
      const std::string value =
          col.index < row.cells.size() ? std::string(trim(row.cells[col.index])) : std::string();
      switch (col.role) {
        case Role::Key:
          e.key = value;
          if (!value.empty()) check_key(value, n, col);
          break;
        case Role::Name:
          e.name = value;
          break;
        case Role::Kind:
          if (!value.empty()) {
            const auto k = kinds().find(value);
            if (!k) {
              fail(cell_location(n, col.index), col.header, "roster.error.kind",
                   {value, kinds().allowed(opt_.lang)});
            }
            e.kind = *k == "person" ? ActorKind::Person : ActorKind::Organisation;
          }
          break;
        case Role::Sector:
          if (!value.empty()) {
            const auto s = sectors().find(value);
            if (!s) {
              fail(cell_location(n, col.index), col.header, "roster.error.sector",
                   {value, sectors().allowed(opt_.lang)});
            }
            e.sector = *s;
          }
          break;
        case Role::SubType:
          e.sub_type = value;
          break;
        case Role::ContactName:
          e.contact_name = value;
          break;
        case Role::ContactEmail:
          if (!value.empty() && !valid_email(value)) {
            fail(cell_location(n, col.index), col.header, "roster.error.email", {value});
          }
          e.contact_email = value;
          break;
        case Role::Fields:
          e.fields = parse_fields(value, n, col);
          break;
        case Role::Extra:
          if (!value.empty()) e.attributes.emplace_back(col.header, value);
          break;
      }
    }
    if (e.name.empty()) {
      fail(cell_location(n, name_col_->index), name_col_->header, "roster.error.empty_name", {});
    }
    const auto [prev, fresh] = names_.emplace(name_form(e.name), e.location);
    if (!fresh) {
      fail(cell_location(n, name_col_->index), name_col_->header, "roster.error.duplicate_name",
           {e.name, localised(prev->second)});
    }
    if (!e.key.empty()) {
      const auto [kprev, kfresh] = keys_.emplace(fold(e.key), e.location);
      if (!kfresh) {
        fail(cell_location(n, key_col_->index), key_col_->header, "roster.error.duplicate_key",
             {e.key, localised(kprev->second)});
      }
    }
    if (e.sector.empty() && sector_col_ != nullptr) {
      warn(cell_location(n, sector_col_->index), sector_col_->header, "roster.warn.no_sector", {});
    }
    if (!e.contact_email.empty()) {
      const auto [eprev, efresh] = emails_.emplace(fold(e.contact_email), e.location);
      if (!efresh) {
        warn(e.location, "", "roster.warn.duplicate_email",
             {e.contact_email, localised(eprev->second)});
      }
    }
    result_.entries.push_back(std::move(e));
  }

  std::vector<std::string> parse_fields(const std::string& value, std::size_t n,
                                        const Column& col) const {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= value.size()) {
      std::size_t end = value.find_first_of("|;,", start);
      if (end == std::string::npos) end = value.size();
      const std::string_view item = trim(std::string_view(value).substr(start, end - start));
      if (!item.empty()) {
        const auto k = fields().find(item);
        if (!k) {
          fail(cell_location(n, col.index), col.header, "roster.error.field",
               {std::string(item), fields().allowed(opt_.lang)});
        }
        if (std::find(out.begin(), out.end(), *k) == out.end()) out.push_back(*k);
      }
      start = end + 1;
    }
    return out;
  }

  void check_key(const std::string& key, std::size_t n, const Column& col) const {
    bool ok = key.size() <= opt_.max_key_bytes;
    for (const char ch : key)
      ok = ok && static_cast<unsigned char>(ch) >= 0x20 && ch != 0x7F;
    if (!ok) {
      fail(cell_location(n, col.index), col.header, "roster.error.key",
           {key.substr(0, 40), std::to_string(opt_.max_key_bytes)});
    }
  }

  void check_cell(std::string_view v, std::size_t n, std::size_t c,
                  const std::string& field) const {
    if (v.size() > opt_.max_cell_bytes) {
      fail(cell_location(n, c), field, "roster.error.too_long",
           {std::to_string(v.size()), std::to_string(opt_.max_cell_bytes)});
    }
    if (!kn::is_valid_utf8(v)) fail(cell_location(n, c), field, "roster.error.encoding", {});
  }

  /// Keys for the rows without one, unique against every given key.
  void finish_keys() {
    for (auto& e : result_.entries) {
      if (!e.key.empty()) continue;
      const std::string base = slug(e.name);
      std::string key = base;
      for (std::size_t k = 2; keys_.count(fold(key)) != 0; ++k)
        key = base + "-" + std::to_string(k);
      keys_.emplace(fold(key), e.location);
      e.key = key;
      e.key_generated = true;
      if (key_col_ != nullptr) {
        warn(e.location, key_col_->header, "roster.warn.key_generated", {key});
      }
    }
  }

  [[nodiscard]] std::string header_of(std::size_t c) const {
    for (const auto& col : columns_) {
      if (col.index == c) return col.header;
    }
    return {};
  }

  [[nodiscard]] std::string column_name(std::size_t c) const {
    if (xlsx_) return io::cell_reference(0, c).substr(0, io::cell_reference(0, c).size() - 1);
    return std::to_string(c + 1);
  }

  [[nodiscard]] std::string row_location(std::size_t n) const {
    return xlsx_ ? "sheet " + sheet_ + ", row " + std::to_string(n) : "line " + std::to_string(n);
  }

  [[nodiscard]] std::string cell_location(std::size_t n, std::size_t c) const {
    return xlsx_ ? "sheet " + sheet_ + ", cell " + io::cell_reference(n - 1, c)
                 : "line " + std::to_string(n);
  }

  /// A row location for a message in the requested language.
  [[nodiscard]] std::string localised(const std::string& location) const {
    const std::string prefix = "sheet " + sheet_ + ", row ";
    if (xlsx_ && location.rfind(prefix, 0) == 0) {
      return tr_format(opt_.lang, "roster.location.row", {sheet_, location.substr(prefix.size())});
    }
    if (location.rfind("line ", 0) == 0) {
      return tr_format(opt_.lang, "roster.location.line", {location.substr(5)});
    }
    return location;
  }

  [[noreturn]] void fail(const std::string& location, const std::string& field,
                         const std::string& key, std::vector<std::string> args) const {
    throw RosterError(file_, location, field, key, std::move(args), opt_.lang);
  }

  /// A set of column indices.
  struct IndexSet {
    std::vector<std::size_t> items;
    bool insert(std::size_t c) {
      if (std::find(items.begin(), items.end(), c) != items.end()) return false;
      items.push_back(c);
      return true;
    }
  };

  const std::string& file_;
  const RosterOptions& opt_;
  std::string sheet_;
  bool xlsx_;
  RosterResult result_;
  std::vector<Column> columns_;
  std::vector<std::size_t> unnamed_;
  IndexSet warned_unnamed_;
  std::size_t header_width_ = 0;
  const Column* name_col_ = nullptr;
  const Column* key_col_ = nullptr;
  const Column* sector_col_ = nullptr;
  std::unordered_map<std::string, std::string> names_, keys_, emails_;
};

}  // namespace

std::string_view actor_kind_key(ActorKind kind) {
  return kind == ActorKind::Person ? "person" : "organisation";
}

RosterError::RosterError(const std::string& file, const std::string& location,
                         const std::string& field, std::string message_key,
                         std::vector<std::string> args, Lang lang)
    : ParseError(file, location, field, tr_format(lang, message_key, args)),
      key_(std::move(message_key)),
      args_(std::move(args)) {}

std::string roster_slug(std::string_view name) {
  return slug(name);
}

RosterResult parse_roster(const io::Table& table, const std::string& filename,
                          const RosterOptions& options) {
  std::vector<SourceRow> rows;
  rows.reserve(table.rows.size());
  for (std::size_t r = 0; r < table.rows.size(); ++r)
    rows.push_back({table.rows[r], r + 1});
  RosterParser parser(filename, options, table.sheet.empty() ? std::string("1") : table.sheet);
  return parser.parse(rows);
}

RosterResult parse_roster(std::string_view csv_text, const std::string& filename,
                          const RosterOptions& options) {
  if (csv_text.size() > options.max_csv_bytes) {
    throw RosterError(filename, "", "", "roster.error.too_large",
                      {std::to_string(csv_text.size()), std::to_string(options.max_csv_bytes)},
                      options.lang);
  }
  std::string converted;
  // Without a BOM, text that is not UTF-8 is taken as Windows-1252 (German Excel's "CSV").
  const bool has_bom = io::detail::strip_bom(csv_text).size() != csv_text.size();
  const bool cp1252 = !has_bom && !kn::is_valid_utf8(csv_text);
  if (cp1252) {
    converted = from_cp1252(csv_text);
    csv_text = converted;
  }
  std::vector<io::CsvRecord> records;
  try {
    records = io::read_csv_records(csv_text, filename,
                                   options.max_entries * options.max_columns + options.max_columns);
  } catch (const RosterError&) {
    throw;
  } catch (const ParseError& e) {
    throw RosterError(filename, e.location(), e.field(), "roster.error.csv", {e.detail()},
                      options.lang);
  }
  std::vector<SourceRow> rows;
  rows.reserve(records.size());
  for (auto& rec : records)
    rows.push_back({std::move(rec.fields), rec.line});
  RosterParser parser(filename, options, "");
  if (cp1252) parser.warn("", "", "roster.warn.cp1252", {});
  return parser.parse(rows);
}

RosterResult read_roster(std::string_view bytes, const std::string& filename,
                         const RosterOptions& options) {
  if (!io::looks_like_zip(bytes)) return parse_roster(bytes, filename, options);
  io::Table table;
  try {
    table = io::read_xlsx_sheet(bytes, filename, options.xlsx);
  } catch (const ParseError& e) {
    throw RosterError(filename, e.location(), e.field(), "roster.error.xlsx", {e.detail()},
                      options.lang);
  }
  return parse_roster(table, filename, options);
}

Network roster_network(const std::vector<RosterEntry>& entries) {
  static constexpr std::array<std::string_view, 6> kReserved = {
      "name", "kind", "sector", "headline_sector", "sub_type", "fields"};
  Network net;
  for (const auto& e : entries) {
    const ActorIndex a = net.add_actor(e.key);
    net.set_actor_attr(a, "name", e.name);
    net.set_actor_attr(a, "kind", std::string(actor_kind_key(e.kind)));
    if (!e.sector.empty()) {
      net.set_actor_attr(a, "sector", e.sector);
      net.set_actor_attr(a, "headline_sector", std::string(headline_sector(e.sector)));
    }
    if (!e.sub_type.empty()) net.set_actor_attr(a, "sub_type", e.sub_type);
    net.set_actor_attr(a, "fields", e.fields);
    for (const auto& [name, value] : e.attributes) {
      if (std::find(kReserved.begin(), kReserved.end(), name) != kReserved.end()) continue;
      if (net.actor_attrs().find(name) != nullptr &&
          net.actor_attrs().find(name)->type != AttrType::String) {
        continue;
      }
      net.set_actor_attr(a, name, value);
    }
  }
  return net;
}

}  // namespace kn::app
