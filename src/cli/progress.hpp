#pragma once
// A terminal progress bar on stderr for long analyses, and Ctrl-C handling: SIGINT sets a flag
// that the running computation polls through kn::RunControl and stops cleanly.

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>

#include "core/util/run_control.hpp"

namespace kn::cli {

class ProgressBar {
 public:
  /// `enabled` false gives a silent bar (not a terminal, or JSON output).
  explicit ProgressBar(bool enabled) : enabled_(enabled) {}
  ~ProgressBar() { finish(); }
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void update(const std::string& task, double fraction);
  /// Clears the bar line.
  void finish();

 private:
  bool enabled_;
  bool drawn_ = false;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point last_{};
};

/// Installs the SIGINT/SIGTERM handler (once) and returns the flag it sets.
const std::atomic<bool>& install_interrupt_flag();

/// True if stderr is a terminal.
bool stderr_is_terminal();

}  // namespace kn::cli
