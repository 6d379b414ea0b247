// Downloads of the admin area: mail-merge CSV, person data JSON, network exports, dates
// (see admin_files.hpp).
// SPDX-License-Identifier: GPL-3.0-or-later

#include "server/web/admin_files.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>

#include "core/io/csv.hpp"
#include "core/io/gexf.hpp"
#include "core/io/graphml.hpp"
#include "core/io/json_format.hpp"
#include "core/io/pajek.hpp"
#include "core/io/ucinet_dl.hpp"

namespace kn::web {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

nlohmann::json value_json(const kn::Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* l = std::get_if<std::vector<std::string>>(&v)) return *l;
  return nullptr;
}

nlohmann::json attrs_json(const storage::Attributes& attrs) {
  nlohmann::json o = nlohmann::json::object();
  for (const auto& [k, v] : attrs)
    o[k] = value_json(v);
  return o;
}

nlohmann::json time_json(storage::Time t) {
  if (t == 0) return nullptr;
  return format_time(t);
}

nlohmann::json tie_json(const storage::Tie& tie) {
  return {{"id", tie.id},
          {"wave_id", tie.wave_id},
          {"relation", tie.relation},
          {"source", tie.source},
          {"target", tie.target},
          {"attributes", attrs_json(tie.attrs)},
          {"updated_at", time_json(tie.updated_at)}};
}

}  // namespace

std::string spreadsheet_cell(std::string_view text) {
  std::string cell(text);
  if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' ||
                        cell[0] == '\t' || cell[0] == '\r'))
    cell.insert(cell.begin(), '\'');
  if (cell.find_first_of(";\",\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (const char c : cell) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

std::string mail_merge_csv(const std::vector<MailMergeRow>& rows) {
  std::string out(kBom);
  out += "key;name;contact_name;contact_email;link\r\n";
  for (const auto& r : rows) {
    out += spreadsheet_cell(r.key) + ';' + spreadsheet_cell(r.name) + ';' +
           spreadsheet_cell(r.contact_name) + ';' + spreadsheet_cell(r.contact_email) + ';' +
           spreadsheet_cell(r.link) + "\r\n";
  }
  return out;
}

std::string person_data_json(const storage::Project& project, const storage::PersonData& data,
                             storage::Time exported_at) {
  const auto& a = data.actor;
  nlohmann::json fields = nlohmann::json::array();
  for (const auto& f : a.fields)
    fields.push_back({{"field", f.field}, {"role", f.role}});
  nlohmann::json actor = {{"id", a.id},
                          {"key", a.key},
                          {"name", a.name},
                          {"kind", a.kind},
                          {"sector", a.sector},
                          {"pseudonym", a.pseudonym},
                          {"contact_name", a.contact_name},
                          {"contact_email", a.contact_email},
                          {"fields", fields},
                          {"attributes", attrs_json(a.attrs)},
                          {"free_addition", a.free_addition},
                          {"created_at", time_json(a.created_at)}};
  nlohmann::json invitations = nlohmann::json::array();
  for (const auto& inv : data.invitations)
    invitations.push_back({{"id", inv.id},
                           {"wave_id", inv.wave_id},
                           {"status", std::string(storage::to_string(inv.status))},
                           {"lang", inv.lang},
                           {"created_at", time_json(inv.created_at)},
                           {"started_at", time_json(inv.started_at)},
                           {"submitted_at", time_json(inv.submitted_at)}});
  nlohmann::json consents = nlohmann::json::array();
  for (const auto& c : data.consents)
    consents.push_back({{"invitation_id", c.invitation_id},
                        {"text_version", c.text_version},
                        {"given_at", time_json(c.given_at)},
                        {"withdrawn_at", time_json(c.withdrawn_at)}});
  nlohmann::json reported = nlohmann::json::array();
  for (const auto& t : data.reported)
    reported.push_back(tie_json(t));
  nlohmann::json mentioned = nlohmann::json::array();
  for (const auto& t : data.mentioned)
    mentioned.push_back(tie_json(t));
  nlohmann::json answers = nlohmann::json::array();
  for (const auto& [invitation, items] : data.answers) {
    nlohmann::json list = nlohmann::json::object();
    for (const auto& item : items)
      list[item.item] = value_json(item.value);
    answers.push_back({{"invitation_id", invitation}, {"items", list}});
  }
  nlohmann::json innovations = nlohmann::json::array();
  for (const auto& inn : data.innovations) {
    nlohmann::json people = nlohmann::json::array();
    for (const auto& ia : inn.actors)
      people.push_back({{"actor_id", ia.actor_id}, {"role", ia.role}});
    innovations.push_back({{"id", inn.id},
                           {"title", inn.title},
                           {"description", inn.description},
                           {"field", inn.field},
                           {"stage", inn.stage},
                           {"conditions", inn.conditions},
                           {"actors", people}});
  }
  const nlohmann::json doc = {{"format", "klimanetze-person-data"},
                              {"version", 1},
                              {"project", {{"slug", project.slug}, {"name", project.name}}},
                              {"exported_at", format_time(exported_at)},
                              {"actor", actor},
                              {"invitations", invitations},
                              {"consents", consents},
                              {"ties_reported", reported},
                              {"ties_mentioning", mentioned},
                              {"answers", answers},
                              {"innovations", innovations}};
  return doc.dump(1) + "\n";
}

std::optional<ExportFile> export_network(const kn::Network& network, std::string_view format,
                                         bool csv_actors) {
  if (format == "graphml")
    return ExportFile{io::write_graphml(network), "application/graphml+xml; charset=utf-8",
                      ".graphml"};
  if (format == "gexf")
    return ExportFile{io::write_gexf(network), "application/gexf+xml; charset=utf-8", ".gexf"};
  if (format == "json")
    return ExportFile{io::write_json(network), "application/json; charset=utf-8", ".json"};
  if (format == "pajek")
    return ExportFile{io::write_pajek(network), "text/plain; charset=utf-8", ".net"};
  if (format == "dl")
    return ExportFile{io::write_ucinet_dl(network), "text/plain; charset=utf-8", ".dl"};
  if (format == "csv") {
    io::CsvWriteOptions o;
    o.separator = ';';
    o.spreadsheet_safe = true;
    std::string body(kBom);
    body += csv_actors ? io::write_actors_csv(network, o) : io::write_ties_csv(network, o);
    return ExportFile{std::move(body), "text/csv; charset=utf-8",
                      csv_actors ? ".actors.csv" : ".ties.csv"};
  }
  return std::nullopt;
}

std::string format_time(storage::Time t) {
  if (t == 0) return {};
  using namespace std::chrono;
  const sys_seconds s{seconds{t}};
  const auto day = floor<days>(s);
  const year_month_day ymd{day};
  const hh_mm_ss hms{s - day};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02d:%02d UTC", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()));
  return buf;
}

std::string format_date(storage::Time t) {
  if (t == 0) return {};
  return format_time(t).substr(0, 10);
}

std::optional<storage::Time> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  for (std::size_t i = 0; i < 10; ++i) {
    if (i == 4 || i == 7) continue;
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  y = std::stoi(std::string(text.substr(0, 4)));
  m = static_cast<unsigned>(std::stoi(std::string(text.substr(5, 2))));
  d = static_cast<unsigned>(std::stoi(std::string(text.substr(8, 2))));
  using namespace std::chrono;
  const year_month_day ymd{year{y}, month{m}, day{d}};
  if (!ymd.ok() || y < 1970) return std::nullopt;
  return static_cast<storage::Time>(sys_seconds{sys_days{ymd}}.time_since_epoch().count());
}

}  // namespace kn::web
