#pragma once
// `klimanetze serve`: the survey and admin server (docs/server.md).
//
//   klimanetze serve [--db FILE | --postgres URL] [--host 127.0.0.1] [--port 8080]
//                    [--threads N] [--public-url URL] [--behind-tls] [--access-log FILE|-]
//                    [--demo] [--allow-origin URL]...
//
// --demo: fills a new database with the Musterstadt demo (or, if the demo project exists,
// issues a new admin password and a new demo respondent link) and prints the URLs.
// Stops gracefully on SIGINT/SIGTERM (in-flight requests finish, up to 5 s).

#include <cstdint>
#include <string>
#include <vector>

namespace CLI {  // NOLINT(readability-identifier-naming): CLI11's namespace
class App;
}

namespace kn::cli {

struct ServeArgs {
  std::string db = "klimanetze.db";
  std::string postgres;
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  unsigned threads = 0;
  std::string public_url;
  bool behind_tls = false;
  std::string access_log;
  bool demo = false;
  std::vector<std::string> allowed_origins;
  std::string lang = "de";
};

/// Registers the subcommand; returns it so main() can test parsed().
CLI::App* add_serve_command(CLI::App& app, ServeArgs& args);
/// Runs the server until SIGINT/SIGTERM. Returns the exit code.
int run_serve(const ServeArgs& args);

}  // namespace kn::cli
