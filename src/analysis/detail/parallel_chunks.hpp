#pragma once
// Internal helper of the analysis layer: run fn(worker, begin, end) over [0, n) in chunks on a
// few std::threads with dynamic scheduling. Progress is reported and cancellation checked through
// the optional RunControl after every chunk; an exception in any worker (e.g. kn::Cancelled)
// stops the others and is rethrown on the calling thread after all workers joined.
// `worker` is in [0, workers) where workers = parallel_workers(n, threads, chunk), so callers can
// keep per-worker scratch space.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "analysis/common.hpp"

namespace kn::detail {

/// Number of workers parallel_chunks() will use (>= 1).
inline unsigned parallel_workers(std::size_t n, unsigned threads, std::size_t chunk) {
  const std::size_t chunks = chunk == 0 ? 1 : (n + chunk - 1) / chunk;
  const std::size_t t =
      std::min<std::size_t>(resolve_threads(threads), std::max<std::size_t>(1, chunks));
  return static_cast<unsigned>(t);
}

template <class Fn>
void parallel_chunks(std::size_t n, unsigned threads, std::size_t chunk, const RunControl* control,
                     const std::string& task, Fn&& fn) {
  if (chunk == 0) chunk = 1;
  const unsigned workers = parallel_workers(n, threads, chunk);
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  std::atomic<bool> stop{false};
  std::exception_ptr error;
  std::mutex error_mutex;

  auto run = [&](unsigned worker) {
    try {
      while (!stop.load(std::memory_order_relaxed)) {
        const std::size_t begin = next.fetch_add(chunk, std::memory_order_relaxed);
        if (begin >= n) break;
        const std::size_t end = std::min(n, begin + chunk);
        if (control != nullptr) control->check();
        fn(worker, begin, end);
        const std::size_t finished = done.fetch_add(end - begin) + (end - begin);
        if (control != nullptr) {
          control->step(task, static_cast<double>(finished) / static_cast<double>(n));
        }
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(error_mutex);
      if (!error) error = std::current_exception();
      stop.store(true);
    }
  };

  if (workers <= 1) {
    run(0);
  } else {
    std::vector<std::thread> pool;
    pool.reserve(workers - 1);
    for (unsigned w = 1; w < workers; ++w)
      pool.emplace_back(run, w);
    run(0);
    for (auto& t : pool)
      t.join();
  }
  if (error) std::rethrow_exception(error);
}

}  // namespace kn::detail
