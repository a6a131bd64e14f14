#include "generate/parallel.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace restack::generate {

unsigned default_jobs() {
  unsigned n = std::thread::hardware_concurrency();
  return std::clamp(n, 1u, 8u);
}

namespace {

/// What the workers of one parallel_for share. Owned jointly (shared_ptr) so that a helper left
/// to the process's exit never touches the caller's stack after the caller returned.
struct Loop {
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;  // guards first_error and helpers_running
  std::condition_variable helpers_done;
  std::exception_ptr first_error;
  unsigned helpers_running = 0;

  void work(size_t count, const std::function<void(size_t)>& fn, const std::function<void()>* out_of_work) {
    for (size_t i; !failed.load(std::memory_order_relaxed) && (i = next.fetch_add(1)) < count;) {
      try {
        fn(i);
      } catch (...) {
        record(std::current_exception());
      }
    }
    if (!out_of_work) return;
    try {
      (*out_of_work)();
    } catch (...) {
      record(std::current_exception());
    }
  }

  void record(std::exception_ptr error) {
    std::lock_guard lock(mutex);
    if (!first_error) first_error = error;
    failed = true;
  }
};

}  // namespace

void parallel_for(size_t count, unsigned jobs, const std::function<void(size_t)>& fn, Teardown threads,
                  const std::function<void()>* out_of_work) {
  if (jobs == 0) jobs = default_jobs();
  jobs = unsigned(std::min<size_t>(jobs, count));
  if (jobs <= 1) {
    for (size_t i = 0; i < count; ++i) fn(i);
    if (out_of_work) (*out_of_work)();
    return;
  }
  auto loop = std::make_shared<Loop>();
  const bool park = threads == Teardown::kLeaveToExit;
  std::vector<std::thread> helpers;
  helpers.reserve(jobs - 1);
  for (unsigned t = 1; t < jobs; ++t) {
    if (park) {
      std::lock_guard lock(loop->mutex);  // counted before it starts, so it cannot finish first
      ++loop->helpers_running;
    }
    try {
      helpers.emplace_back([loop, count, &fn, park, out_of_work] {
        loop->work(count, fn, out_of_work);
        if (!park) return;
        {
          std::lock_guard lock(loop->mutex);
          --loop->helpers_running;
        }
        loop->helpers_done.notify_all();
        // Left to the process's exit (Teardown::kLeaveToExit): a thread that ends hands its
        // allocator heap over page by page (mimalloc walks every block of a thread that built
        // half of a large context: 25-60 M instructions, waited for by join). Touches nothing
        // of the caller's any more; pause() returns only for a signal that was handled.
        for (;;) ::pause();
      });
    } catch (const std::system_error&) {
      if (park) {
        std::lock_guard lock(loop->mutex);
        --loop->helpers_running;
      }
      break;  // no more threads available: the ones running (and this one) do all the work
    }
  }
  loop->work(count, fn, out_of_work);  // the calling thread is one of the workers
  if (park) {
    for (auto& h : helpers) h.detach();
    std::unique_lock lock(loop->mutex);
    loop->helpers_done.wait(lock, [&] { return loop->helpers_running == 0; });
  } else {
    for (auto& h : helpers) h.join();
  }
  if (loop->first_error) std::rethrow_exception(loop->first_error);
}

}  // namespace restack::generate
