#pragma once
// File formats KlimaNetze reads and writes, and dispatch by file extension.
// Each format has its own reader and writer header (graphml.hpp, gexf.hpp, pajek.hpp,
// ucinet_dl.hpp, csv.hpp, json_format.hpp); readers work on in-memory text so the fuzz targets
// can call them directly. Every reader throws kn::ParseError (core/util/error.hpp) naming file,
// line/element and field; it never returns a partial network.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/graph/network.hpp"

namespace kn::io {

enum class Format { GraphML, GEXF, Pajek, UcinetDL, CSV, JSON };

std::string_view format_name(Format format);
/// By extension (case-insensitive): .graphml .gexf .net .paj .dl .csv .json.
std::optional<Format> format_from_path(const std::filesystem::path& path);

struct ReadOptions {
  /// Optional actors CSV (header id[,name][,sector][,...]) joined by id onto any format.
  std::filesystem::path actors_csv;
  /// Force the network to be undirected.
  bool undirected = false;
};

/// Reads a network file (format by extension). Throws ParseError / std::runtime_error.
Network read_network(const std::filesystem::path& path, const ReadOptions& options = {});

/// Writes a network file (format by extension). For .csv writes ties to `path` and actors to
/// `<stem>.actors.csv` beside it.
void write_network(const Network& network, const std::filesystem::path& path);

}  // namespace kn::io
