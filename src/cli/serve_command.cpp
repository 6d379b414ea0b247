// `klimanetze serve` (see serve_command.hpp).

#include "cli/serve_command.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <iostream>

#include "app/i18n.hpp"
#include "server/http/access_log.hpp"
#include "server/http/router.hpp"
#include "server/http/server.hpp"
#include "server/web/demo_seed.hpp"
#include "server/web/web_app.hpp"
#include "storage/repository.hpp"

namespace kn::cli {

CLI::App* add_serve_command(CLI::App& app, ServeArgs& args) {
  auto* serve = app.add_subcommand("serve", "Run the survey and admin server");
  serve->add_option("--db", args.db, "SQLite database file (default klimanetze.db)");
  serve->add_option("--postgres", args.postgres, "PostgreSQL connection URL (instead of --db)");
  serve->add_option("--host", args.host, "Address to listen on (default 127.0.0.1)");
  serve->add_option("--port", args.port, "Port (default 8080; 0 = any free port)");
  serve->add_option("--threads", args.threads,
                    "Server threads (default 16; handlers wait on the database)");
  serve->add_option("--public-url", args.public_url,
                    "Base URL of invitation links, e.g. https://umfrage.example.org");
  serve->add_flag("--behind-tls", args.behind_tls,
                  "Reached through a TLS proxy (HSTS, https origin)");
  serve->add_option("--access-log", args.access_log, "Access log file, or - for standard error");
  serve->add_flag("--demo", args.demo, "Fill the database with the Musterstadt demo");
  serve->add_option("--allow-origin", args.allowed_origins,
                    "Further origin accepted for form posts (behind a proxy)");
  serve->add_option("--lang", args.lang, "Language of the console messages: de or en")
      ->check(CLI::IsMember({"de", "en"}));
  return serve;
}

int run_serve(const ServeArgs& args) {
  const auto lang = app::parse_lang(args.lang);
  storage::OpenOptions oo;
  oo.location = args.postgres.empty() ? "sqlite:" + args.db : args.postgres;
  oo.readers = 8;  // reader connections (SQLite) or pool size (PostgreSQL) for 16 threads
  auto repo = storage::open_repository(oo);

  web::DemoSeedResult demo;
  if (args.demo) demo = web::ensure_demo(*repo);

  web::WebOptions wo;
  wo.public_base_url = args.public_url;
  wo.behind_tls = args.behind_tls;
  web::WebApp webapp(*repo, wo);
  http::Router router;
  webapp.register_routes(router);

  http::ServerOptions so;
  so.host = args.host;
  so.port = args.port;
  // Handlers block on the database: more threads than cores let more submissions wait for the
  // same grouped SQLite commit (docs/PERFORMANCE.md, "Survey server under load").
  so.threads = args.threads != 0 ? args.threads : 16;
  so.security_headers.behind_tls = args.behind_tls;
  so.csrf.behind_tls = args.behind_tls;
  so.csrf.allowed_origins = args.allowed_origins;
  if (!args.public_url.empty()) so.csrf.allowed_origins.push_back(args.public_url);
  if (args.access_log == "-")
    so.access_log = http::stderr_access_log();
  else if (!args.access_log.empty())
    so.access_log = http::file_access_log(args.access_log);
  http::Server server(so, router);
  server.start();

  const std::string host = args.host == "0.0.0.0" || args.host == "::" ? "127.0.0.1" : args.host;
  const std::string base =
      args.public_url.empty() ? fmt::format("http://{}:{}", host, server.port()) : args.public_url;
  std::cout << app::tr_format(lang, "serve.running", {base, repo->backend()}) << "\n";
  std::cout << app::tr_format(lang, "serve.admin", {base + "/admin"}) << "\n";
  if (args.demo) {
    std::cout << app::tr_format(lang, "serve.demo_login", {demo.admin_email, demo.admin_password})
              << "\n";
    std::cout << app::tr_format(lang, "serve.demo_map",
                                {base + "/admin/p/" + demo.project_slug + "/map",
                                 base + "/admin/p/" + demo.project_slug + "/dashboard"})
              << "\n";
    if (!demo.respondent_token.empty())
      std::cout << app::tr_format(lang, "serve.demo_survey",
                                  {demo.respondent_name, base + "/s/" + demo.respondent_token})
                << "\n";
  }
  std::cout << app::tr(lang, "serve.stop") << std::endl;
  server.run_until_signal(std::chrono::milliseconds(5000));
  std::cout << app::tr(lang, "serve.stopped") << std::endl;
  return 0;
}

}  // namespace kn::cli
