#pragma once
// Progress reporting and cooperative cancellation for long computations.
// Every long-running analysis takes a `const RunControl&`; it calls `step()` now and then, which
// reports progress and throws `Cancelled` when cancellation was requested (e.g. on Ctrl-C).

#include <atomic>
#include <functional>
#include <stdexcept>
#include <string>

namespace kn {

class Cancelled : public std::runtime_error {
 public:
  Cancelled() : std::runtime_error("computation cancelled") {}
};

class RunControl {
 public:
  /// Progress callback: (task name, fraction done in [0,1]). Called from worker threads too,
  /// so it must be thread-safe; calls are throttled by the caller's granularity.
  using ProgressFn = std::function<void(const std::string& task, double fraction)>;

  RunControl() = default;
  RunControl(ProgressFn progress, const std::atomic<bool>* cancel_flag)
      : progress_(std::move(progress)), cancel_(cancel_flag) {}

  [[nodiscard]] bool cancelled() const {
    return cancel_ != nullptr && cancel_->load(std::memory_order_relaxed);
  }
  /// Throws Cancelled if cancellation was requested.
  void check() const {
    if (cancelled()) throw Cancelled();
  }
  /// Reports progress (if a callback is set) and checks for cancellation.
  void step(const std::string& task, double fraction) const {
    if (progress_) progress_(task, fraction);
    check();
  }

  /// A control that never reports and is never cancelled.
  static const RunControl& none() {
    static const RunControl instance;
    return instance;
  }

 private:
  ProgressFn progress_;
  const std::atomic<bool>* cancel_ = nullptr;
};

}  // namespace kn
