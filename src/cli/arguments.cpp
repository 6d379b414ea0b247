// Shared subcommand helpers (see arguments.hpp).

#include "cli/arguments.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace kn::cli {

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    while (!item.empty() && item.front() == ' ')
      item.erase(item.begin());
    while (!item.empty() && item.back() == ' ')
      item.pop_back();
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

void write_output(const std::string& path, const std::string& content) {
  if (path.empty() || path == "-") {
    std::fwrite(content.data(), 1, content.size(), stdout);
    std::fflush(stdout);
    return;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot write '" + path + "'");
  out << content;
  out.close();
  if (!out) throw std::runtime_error("error while writing '" + path + "'");
}

}  // namespace kn::cli
