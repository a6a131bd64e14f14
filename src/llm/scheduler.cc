#include "llm/scheduler.h"

#include <algorithm>
#include <thread>
#include <vector>

namespace restack::llm {

void run_parallel(size_t count, int jobs, const std::function<void(size_t)>& task, const std::atomic<bool>* cancel) {
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (;;) {
      if (cancel && cancel->load()) return;
      size_t i = next.fetch_add(1);
      if (i >= count) return;
      task(i);
    }
  };
  size_t threads = std::min<size_t>(count, static_cast<size_t>(std::max(jobs, 1)));
  if (threads <= 1) {
    worker();
    return;
  }
  std::vector<std::jthread> pool;
  pool.reserve(threads);
  for (size_t t = 0; t < threads; ++t) pool.emplace_back(worker);
}

}  // namespace restack::llm
