#include "core/io/format.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/io/csv.hpp"
#include "core/io/gexf.hpp"
#include "core/io/graphml.hpp"
#include "core/io/json_format.hpp"
#include "core/io/pajek.hpp"
#include "core/io/text_util.hpp"
#include "core/io/ucinet_dl.hpp"
#include "core/util/error.hpp"

namespace kn::io {

namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path.string() + ": cannot open file for reading");
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) throw std::runtime_error(path.string() + ": read error");
  return std::move(buf).str();
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error(path.string() + ": cannot open file for writing");
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.close();
  if (!out) throw std::runtime_error(path.string() + ": write error");
}

/// x.csv -> x.actors.csv
std::filesystem::path actors_path_for(const std::filesystem::path& ties) {
  std::filesystem::path p = ties;
  p.replace_extension();
  p += ".actors.csv";
  return p;
}

bool is_actors_file(const std::filesystem::path& path) {
  return detail::to_lower(path.filename().string()).ends_with(".actors.csv");
}

}  // namespace

std::string_view format_name(Format format) {
  switch (format) {
    case Format::GraphML:
      return "GraphML";
    case Format::GEXF:
      return "GEXF";
    case Format::Pajek:
      return "Pajek";
    case Format::UcinetDL:
      return "UCINET DL";
    case Format::CSV:
      return "CSV";
    case Format::JSON:
      return "JSON";
  }
  return "unknown";
}

std::optional<Format> format_from_path(const std::filesystem::path& path) {
  const std::string ext = detail::to_lower(path.extension().string());
  if (ext == ".graphml") return Format::GraphML;
  if (ext == ".gexf") return Format::GEXF;
  if (ext == ".net" || ext == ".paj") return Format::Pajek;
  if (ext == ".dl") return Format::UcinetDL;
  if (ext == ".csv") return Format::CSV;
  if (ext == ".json") return Format::JSON;
  return std::nullopt;
}

Network read_network(const std::filesystem::path& path, const ReadOptions& options) {
  const auto format = format_from_path(path);
  if (!format) {
    throw std::runtime_error(path.string() +
                             ": unknown file extension (expected .graphml .gexf .net .paj .dl "
                             ".csv .json)");
  }
  const std::string name = path.filename().string();
  const std::string text = read_file(path);
  Network net;
  switch (*format) {
    case Format::GraphML:
      net = read_graphml(text, name);
      break;
    case Format::GEXF:
      net = read_gexf(text, name);
      break;
    case Format::Pajek:
      net = read_pajek(text, name);
      break;
    case Format::UcinetDL:
      net = read_ucinet_dl(text, name);
      break;
    case Format::JSON:
      net = read_json(text, name);
      break;
    case Format::CSV: {
      const std::filesystem::path sibling = actors_path_for(path);
      if (!is_actors_file(path) && std::filesystem::exists(sibling) &&
          sibling != std::filesystem::path(options.actors_csv)) {
        const std::string actors = read_file(sibling);
        net = read_csv(text, name, actors, sibling.filename().string());
      } else {
        net = read_csv(text, name);
      }
      break;
    }
  }
  if (!options.actors_csv.empty()) {
    const std::string actors = read_file(options.actors_csv);
    join_actors_csv(net, actors, options.actors_csv.filename().string());
  }
  if (options.undirected) net.directed = false;
  return net;
}

void write_network(const Network& network, const std::filesystem::path& path) {
  const auto format = format_from_path(path);
  if (!format) {
    throw std::runtime_error(path.string() +
                             ": unknown file extension (expected .graphml .gexf .net .paj .dl "
                             ".csv .json)");
  }
  switch (*format) {
    case Format::GraphML:
      write_file(path, write_graphml(network));
      break;
    case Format::GEXF:
      write_file(path, write_gexf(network));
      break;
    case Format::Pajek:
      write_file(path, write_pajek(network, detail::to_lower(path.extension().string()) == ".paj"));
      break;
    case Format::UcinetDL:
      write_file(path, write_ucinet_dl(network));
      break;
    case Format::JSON:
      write_file(path, write_json(network));
      break;
    case Format::CSV:
      write_file(path, write_ties_csv(network));
      write_file(actors_path_for(path), write_actors_csv(network));
      break;
  }
}

}  // namespace kn::io
