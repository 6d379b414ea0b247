#include "cli/progress.hpp"

#include <unistd.h>

#include <csignal>
#include <cstdio>

namespace kn::cli {

namespace {
std::atomic<bool> g_interrupted{false};

// First Ctrl-C: ask the running computation to stop at its next check (clean exit 130).
// Second Ctrl-C: leave at once (_exit is async-signal-safe).
extern "C" void on_interrupt(int /*signal*/) {
  if (g_interrupted.exchange(true)) _exit(130);
}
}  // namespace

const std::atomic<bool>& install_interrupt_flag() {
  static const bool installed = [] {
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    return true;
  }();
  (void)installed;
  return g_interrupted;
}

bool stderr_is_terminal() {
  return isatty(STDERR_FILENO) == 1;
}

void ProgressBar::update(const std::string& task, double fraction) {
  if (!enabled_) return;
  const std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && fraction < 1.0 && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  constexpr int kWidth = 30;
  const double f = fraction < 0 ? 0 : (fraction > 1 ? 1 : fraction);
  const int filled = static_cast<int>(f * kWidth);
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.append(static_cast<std::size_t>(kWidth - filled), '.');
  std::fprintf(stderr, "\r[%s] %3d%% %-20s", bar.c_str(), static_cast<int>(f * 100.0),
               task.c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressBar::finish() {
  if (!enabled_ || !drawn_) return;
  std::fprintf(stderr, "\r%60s\r", "");
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace kn::cli
