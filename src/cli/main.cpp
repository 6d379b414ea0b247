#include <CLI/CLI.hpp>
#include <iostream>

#include "kn_version.hpp"

int main(int argc, char** argv) {
  CLI::App app{"KlimaNetze"};
  app.set_version_flag("--version", std::string("klimanetze ") + kn::kVersion);
  CLI11_PARSE(app, argc, argv);
  return 0;
}
