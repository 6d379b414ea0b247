#pragma once
// Helpers of the CLI process tests: run the real klimanetze binary (KN_CLI_BINARY) with
// arguments through the shell and read files it wrote.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace kn::test {

struct ProcResult {
  int exit_code = -1;
  std::string out;  // stdout + stderr
};

inline ProcResult run(const std::string& args) {
  const std::string cmd = std::string(KN_CLI_BINARY) + " " + args + " 2>&1";
  ProcResult r;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0)
    r.out.append(buf.data(), n);
  const int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

inline std::string slurp(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

}  // namespace kn::test
