// HTML to PDF with headless Chromium (see pdf.hpp): finding the browser, running it in its own
// process group with a deadline, and checking and renaming the result.
// SPDX-License-Identifier: GPL-3.0-or-later

#include "report/pdf.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>
#include <vector>

namespace kn::report {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kTailLines = 12;
constexpr std::size_t kTailBytes = std::size_t{64} * 1024;

bool is_executable_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

std::string absolute_path(const std::string& path) {
  std::error_code ec;
  const fs::path abs = fs::absolute(path, ec);
  return ec ? path : abs.lexically_normal().string();
}

/// A path (with '/') checked as it is, or a program name searched on PATH.
std::optional<std::string> resolve(const std::string& program) {
  if (program.find('/') != std::string::npos) {
    if (!is_executable_file(program)) return std::nullopt;
    return absolute_path(program);
  }
  const char* env = std::getenv("PATH");
  const std::string path = env != nullptr ? env : "/usr/local/bin:/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find(':', start);
    if (end == std::string::npos) end = path.size();
    const std::string dir = end == start ? "." : path.substr(start, end - start);
    std::string candidate = dir;
    candidate += '/';
    candidate += program;
    if (is_executable_file(candidate)) return absolute_path(candidate);
    start = end + 1;
  }
  return std::nullopt;
}

const char* configured_env() {
  const char* env = std::getenv("KN_CHROMIUM");
  return env != nullptr && *env != '\0' ? env : nullptr;
}

std::string unavailable(const std::string& why) {
  return "PDF export is not available: " + why +
         ". Install the Debian package chromium (apt-get install chromium) or set KN_CHROMIUM "
         "to the browser's path, or use the HTML report instead.";
}

std::string not_found_reason(const PdfOptions& options) {
  if (!options.chromium.empty())
    return "the configured Chromium \"" + options.chromium + "\" is not an executable file";
  if (const char* env = configured_env())
    return "KN_CHROMIUM=\"" + std::string(env) + "\" is not an executable file";
  return "no Chromium found (looked for /usr/bin/chromium, and chromium, chromium-browser and "
         "google-chrome on PATH)";
}

/// file:// URL of an absolute path: every byte but unreserved characters and '/' escaped.
std::string file_url(const std::string& absolute) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string url = "file://";
  for (const char ch : absolute) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~' || c == '/') {
      url += ch;
    } else {
      url += '%';
      url += kHex[c >> 4U];
      url += kHex[c & 0x0FU];
    }
  }
  return url;
}

/// The last lines of Chromium's output, without its D-Bus connection noise (headless Chromium
/// on a server without a session bus logs dozens of those lines).
std::string output_tail(const std::string& log_path) {
  std::ifstream in(log_path, std::ios::binary);
  if (!in) return {};
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  const std::streamoff start = std::max<std::streamoff>(0, size - std::streamoff{kTailBytes});
  in.seekg(start);
  std::string text(static_cast<std::size_t>(size - start), '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(std::max<std::streamsize>(0, in.gcount())));
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    if (line.find("dbus/") != std::string::npos || line.find("D-Bus") != std::string::npos)
      continue;
    lines.push_back(std::move(line));
  }
  std::string tail;
  const std::size_t first = lines.size() > kTailLines ? lines.size() - kTailLines : 0;
  for (std::size_t i = first; i < lines.size(); ++i)
    tail += "\n  " + lines[i];
  return tail;
}

std::string random_tag() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  char tag[17];
  std::snprintf(tag, sizeof tag, "%016llx", static_cast<unsigned long long>(rng()));
  return tag;
}

/// Closes a file descriptor on scope exit.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  [[nodiscard]] int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

/// Removes a file or directory tree on scope exit (retrying briefly: Chromium helper processes
/// killed a moment ago may still be writing into their profile).
class Cleanup {
 public:
  explicit Cleanup(fs::path path) : path_(std::move(path)) {}
  Cleanup(const Cleanup&) = delete;
  Cleanup& operator=(const Cleanup&) = delete;
  ~Cleanup() {
    if (path_.empty()) return;
    for (int attempt = 0; attempt < 20; ++attempt) {
      std::error_code ec;
      fs::remove_all(path_, ec);
      if (!ec) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  void release() { path_.clear(); }

 private:
  fs::path path_;
};

struct RunResult {
  bool timed_out = false;
  bool status_known = true;
  int status = 0;
};

/// In the child after fork(): only async-signal-safe calls until execv.
[[noreturn]] void exec_child(char* const* argv, int stdin_fd, int log_fd, int error_fd,
                             const sigset_t& empty_mask) {
  ::setpgid(0, 0);
  ::dup2(stdin_fd, STDIN_FILENO);
  ::dup2(log_fd, STDOUT_FILENO);
  ::dup2(log_fd, STDERR_FILENO);
  // Nothing else of the parent (server sockets, database files) reaches Chromium; the error pipe
  // is close-on-exec anyway.
  if (::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) != 0) {
    if (error_fd > 3) ::close_range(3, static_cast<unsigned>(error_fd) - 1, 0);
    ::close_range(static_cast<unsigned>(error_fd) + 1, ~0U, 0);
  }
  ::signal(SIGPIPE, SIG_DFL);
  ::sigprocmask(SIG_SETMASK, &empty_mask, nullptr);
  ::execv(argv[0], argv);
  const int error = errno;
  [[maybe_unused]] const ssize_t written = ::write(error_fd, &error, sizeof error);
  ::_exit(127);
}

/// Waits for the child until the deadline, then kills its process group. Also kills helpers
/// left in the group after a normal exit; the leader is reaped last so its pid (the group id)
/// cannot be reused meanwhile.
RunResult wait_for(pid_t pid, int timeout_seconds) {
  RunResult result;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  for (;;) {
    siginfo_t info{};
    const int r = ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT);
    if (r == 0 && info.si_pid == pid) break;
    if (r != 0 && errno == EINTR) continue;
    if (r != 0) {  // ECHILD: SIGCHLD ignored by the process, the child reaped itself
      result.status_known = false;
      return result;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      result.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(-pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      result.status_known = false;
      return result;
    }
  }
  result.status = status;
  return result;
}

bool starts_with_pdf_magic(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[5] = {};
  in.read(magic, sizeof magic);
  return in.gcount() == sizeof magic && std::memcmp(magic, "%PDF-", sizeof magic) == 0;
}

}  // namespace

std::optional<std::string> find_chromium(const PdfOptions& options) {
  if (!options.chromium.empty()) return resolve(options.chromium);
  if (const char* env = configured_env()) return resolve(env);
  if (auto found = resolve("/usr/bin/chromium")) return found;
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"})
    if (auto found = resolve(name)) return found;
  return std::nullopt;
}

void print_pdf(const std::string& html_path, const std::string& pdf_path,
               const PdfOptions& options) {
  const std::string what = "cannot print " + html_path + " to PDF " + pdf_path + ": ";
  const auto fail = [&what](const std::string& cause) -> std::runtime_error {
    return std::runtime_error(what + cause);
  };
  const auto system_error = [&fail](const std::string& step) {
    return fail(step + ": " + std::strerror(errno));
  };

  const std::optional<std::string> chromium = find_chromium(options);
  if (!chromium) throw PdfUnavailable(unavailable(not_found_reason(options)));

  const std::string html = absolute_path(html_path);
  std::error_code ec;
  if (!fs::is_regular_file(html, ec)) throw fail("the HTML file does not exist");

  // Private working directory: Chromium's profile and its output.
  const fs::path temp_root = fs::temp_directory_path(ec);
  if (ec) throw fail("no temporary directory: " + ec.message());
  std::string work_template = (temp_root / "kn-pdf-XXXXXX").string();
  if (::mkdtemp(work_template.data()) == nullptr) throw system_error("mkdtemp");
  const fs::path work(work_template);
  Cleanup work_cleanup(work);
  const std::string profile = (work / "profile").string();
  const std::string log_path = (work / "output.log").string();

  // The PDF goes to a fresh file beside the target, renamed onto it when it is complete.
  const fs::path target(pdf_path);
  const fs::path target_dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string temp_pdf;
  for (int attempt = 0; attempt < 100 && temp_pdf.empty(); ++attempt) {
    const std::string candidate =
        (target_dir / ("." + target.filename().string() + ".tmp-" + random_tag() + ".pdf"))
            .string();
    const int fd = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) {
      ::close(fd);
      temp_pdf = candidate;
    } else if (errno != EEXIST) {
      throw system_error("cannot create a file beside the target");
    }
  }
  if (temp_pdf.empty()) throw fail("no unique temporary file name");
  Cleanup pdf_cleanup(temp_pdf);

  std::vector<std::string> args = {*chromium,
                                   "--headless",
                                   "--no-sandbox",
                                   "--disable-gpu",
                                   "--disable-background-networking",
                                   "--disable-extensions",
                                   "--no-first-run",
                                   "--user-data-dir=" + profile,
                                   "--no-pdf-header-footer",
                                   "--print-to-pdf=" + temp_pdf,
                                   file_url(html)};
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (std::string& arg : args)
    argv.push_back(arg.data());
  argv.push_back(nullptr);

  Fd log_fd(::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
  if (log_fd.get() < 0) throw system_error("cannot create the output log");
  Fd null_fd(::open("/dev/null", O_RDONLY | O_CLOEXEC));
  if (null_fd.get() < 0) throw system_error("cannot open /dev/null");
  int pipe_fds[2] = {-1, -1};
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw system_error("pipe");
  Fd error_read(pipe_fds[0]);
  Fd error_write(pipe_fds[1]);
  sigset_t empty_mask;
  sigemptyset(&empty_mask);

  const pid_t pid = ::fork();
  if (pid < 0) throw system_error("fork");
  if (pid == 0) exec_child(argv.data(), null_fd.get(), log_fd.get(), error_write.get(), empty_mask);
  ::setpgid(pid, pid);  // also in the parent, so the group exists before any kill
  error_write.reset();
  log_fd.reset();
  null_fd.reset();

  int exec_error = 0;
  ssize_t n = 0;
  do {
    n = ::read(error_read.get(), &exec_error, sizeof exec_error);
  } while (n < 0 && errno == EINTR);
  if (n == static_cast<ssize_t>(sizeof exec_error)) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    throw PdfUnavailable(
        unavailable("cannot start Chromium " + *chromium + " (" + std::strerror(exec_error) + ")"));
  }
  error_read.reset();

  const int timeout = std::max(1, options.timeout_seconds);
  const RunResult run = wait_for(pid, timeout);
  const auto failure = [&](const std::string& cause) {
    const std::string tail = output_tail(log_path);
    return fail(cause + (tail.empty() ? std::string() : "; Chromium's last output:" + tail));
  };
  if (run.timed_out)
    throw failure("Chromium did not finish within " + std::to_string(timeout) +
                  " s and was killed");
  if (run.status_known && WIFSIGNALED(run.status))
    throw failure("Chromium was killed by signal " + std::to_string(WTERMSIG(run.status)) + " (" +
                  strsignal(WTERMSIG(run.status)) + ")");
  if (run.status_known && WIFEXITED(run.status) && WEXITSTATUS(run.status) != 0)
    throw failure("Chromium exited with status " + std::to_string(WEXITSTATUS(run.status)));
  if (!starts_with_pdf_magic(temp_pdf))
    throw failure("Chromium exited with status 0 but wrote no PDF");
  if (std::rename(temp_pdf.c_str(), pdf_path.c_str()) != 0) throw system_error("rename");
  pdf_cleanup.release();
}

}  // namespace kn::report
