// `klimanetze report` (see report_command.hpp).
// SPDX-License-Identifier: GPL-3.0-or-later

#include "cli/report_command.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <ctime>
#include <iostream>
#include <stdexcept>

#include "app/i18n.hpp"
#include "cli/progress.hpp"
#include "report/report_files.hpp"
#include "report/report_source.hpp"
#include "server/web/demo_seed.hpp"
#include "storage/project_files.hpp"

namespace kn::cli {

namespace {

std::string today() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

}  // namespace

CLI::App* add_report_command(CLI::App& app, ReportArgs& a) {
  auto* cmd = app.add_subcommand("report", "Write the city report of a stored project");
  cmd->add_option("--db", a.db, "SQLite database file")->capture_default_str();
  cmd->add_option("--postgres", a.postgres, "PostgreSQL connection (libpq URL)");
  cmd->add_option("--project", a.project, "Project slug or name");
  cmd->add_option("--wave", a.wave, "Wave (default: the latest)");
  cmd->add_option("--relation", a.relation, "Relation (default: zusammenarbeit)");
  cmd->add_option("--format", a.format, "html, pdf or xlsx (default: by the output's extension)")
      ->check(CLI::IsMember({"html", "pdf", "xlsx"}));
  cmd->add_option("--lang", a.lang, "Language: de or en")->check(CLI::IsMember({"de", "en"}));
  cmd->add_flag("--names", a.names, "Names instead of pseudonyms (researchers only)");
  cmd->add_flag("--no-reconstruct", a.no_reconstruct,
                "Do not reconstruct non-respondents' ties from others' reports");
  cmd->add_option("--top", a.top, "Rows of rankings and lists")->check(CLI::Range(1, 1000));
  cmd->add_option("--seed", a.seed, "Seed of the searches and the layout");
  cmd->add_option("--threads", a.threads, "Worker threads (0 = all cores)");
  cmd->add_flag("--demo", a.demo, "Seed the Musterstadt demo into the database if missing");
  cmd->add_option("-o,--output", a.output, "Report file (.html, .pdf, .xlsx)")->required();
  return cmd;
}

int run_report(const ReportArgs& args) {
  const app::Lang lang = app::parse_lang(args.lang);
  std::optional<report::ReportFormat> format = args.format.empty()
                                                   ? report::report_format_from_path(args.output)
                                                   : report::parse_report_format(args.format);
  if (!format)
    throw std::invalid_argument("cannot tell the report format from '" + args.output +
                                "': use --format html|pdf|xlsx");
  std::string project = args.project;
  if (project.empty() && args.demo) project = "musterstadt";
  if (project.empty()) throw std::invalid_argument("--project is required (slug or name)");
  report::PdfOptions pdf;
  if (*format == report::ReportFormat::Pdf && !report::find_chromium(pdf))
    report::print_pdf("", args.output, pdf);  // throws PdfUnavailable with the hint

  storage::OpenOptions open;
  open.location = storage::database_location(args.db, args.postgres);
  auto repo = storage::open_repository(open);
  if (args.demo && !repo->find_project_by_slug("musterstadt")) {
    const auto seeded = web::seed_demo(*repo);
    std::cerr << app::tr_format(lang, "cli.report.seeded", {seeded.project_slug}) << "\n";
  }
  report::ReportSource source;
  source.project = project;
  source.wave = args.wave;
  source.relation = args.relation;
  source.names = args.names;
  const auto input = report::load_report_input(*repo, source);

  const auto& interrupted = install_interrupt_flag();
  ProgressBar bar(stderr_is_terminal());
  RunControl control([&bar](const std::string& task, double f) { bar.update(task, f); },
                     &interrupted);
  report::ReportOptions options;
  options.wave = args.wave;
  options.relation = args.relation;
  options.reconstruct = !args.no_reconstruct;
  options.top = args.top;
  options.seed = args.seed;
  options.threads = args.threads;
  options.control = &control;
  const auto model = report::build_report(input, options);
  bar.finish();
  report::HtmlOptions html;
  html.lang = lang;
  html.generated = today();
  report::write_report(model, *format, args.output, html, pdf);
  std::cerr << app::tr_format(
                   lang, "cli.report.wrote",
                   {args.output, std::to_string(model.map.actors.size()),
                    app::tr(lang, args.names ? "report.with_names" : "report.pseudonymised")})
            << "\n";
  return 0;
}

}  // namespace kn::cli
