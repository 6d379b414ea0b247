#pragma once
// Runs a per-source computation (one shortest-path sweep per actor) on several threads.
//
// Sources are split into `lanes` interleaved lanes (lane l holds sources l, l+L, l+2L, ...).
// A lane is always processed by one thread, in increasing source order, and threads take whole
// lanes from a shared counter. Callers that accumulate floating-point sums keep one accumulator
// per *lane* (not per thread) and add the lanes up in lane order afterwards: the result is then
// bit-for-bit independent of the number of threads, as long as `lanes` does not depend on it.
//
// Progress and cancellation: thread 0 calls control->step(task, fraction) about every 1% of
// sources; the other threads poll control->cancelled(). Any exception in any thread (kn::Cancelled
// included) stops all threads; every thread is joined and the first exception is rethrown.
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <exception>
#include <string>
#include <thread>
#include <vector>

#include "core/util/run_control.hpp"

namespace kn::detail {

/// fn(thread_index, lane, source) is called once for every source in [0, n).
template <class Fn>
void for_each_source(std::uint32_t n, unsigned threads, unsigned lanes, const RunControl* control,
                     const std::string& task, Fn&& fn) {
  if (n == 0) return;
  lanes = std::max(1U, std::min(lanes, n));
  threads = std::max(1U, std::min(threads, lanes));
  std::atomic<unsigned> next_lane{0};
  std::atomic<std::uint32_t> done{0};
  std::atomic<bool> stop{false};
  std::vector<std::exception_ptr> errors(threads);
  const std::uint32_t report_every = std::max<std::uint32_t>(1, n / 100);

  auto body = [&](unsigned t) {
    try {
      std::uint32_t last_report = 0;
      for (;;) {
        const unsigned lane = next_lane.fetch_add(1, std::memory_order_relaxed);
        if (lane >= lanes) break;
        for (std::uint32_t s = lane; s < n; s += lanes) {
          if (stop.load(std::memory_order_relaxed)) return;
          if (control != nullptr) {
            if (t == 0) {
              const std::uint32_t d = done.load(std::memory_order_relaxed);
              if (d - last_report >= report_every || d == 0) {
                last_report = d;
                control->step(task, static_cast<double>(d) / static_cast<double>(n));
              }
            } else {
              control->check();
            }
          }
          fn(t, lane, s);
          done.fetch_add(1, std::memory_order_relaxed);
          if (s > n - lanes) break;  // avoid unsigned overflow of s + lanes
        }
      }
    } catch (...) {
      errors[t] = std::current_exception();
      stop.store(true);
    }
  };

  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  try {
    for (unsigned t = 1; t < threads; ++t)
      pool.emplace_back(body, t);
  } catch (...) {
    stop.store(true);
    for (auto& th : pool)
      th.join();
    throw;
  }
  body(0);
  for (auto& th : pool)
    th.join();
  for (auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
  if (control != nullptr) control->step(task, 1.0);
}

}  // namespace kn::detail
