#pragma once
// Runs N independent tasks with at most JOBS running at once.
//
// Why a small thread pool and not curl's multi interface: each task is more than one HTTP
// transfer. It waits for the rate limiter, sleeps between retries, runs the validator (a
// CPython process or the in-process checker) and repair rounds, and reads and writes the cache;
// all of that is blocking code that a pool of JOBS threads overlaps for free, while curl multi
// would overlap only the transfers and turn the rest into a state machine. With JOBS threads
// each doing one blocking transfer at a time, "never more than JOBS requests in flight" holds
// by construction. JOBS is small (default 4, at most 256), so threads are cheap.
#include <atomic>
#include <cstddef>
#include <functional>

namespace restack::llm {

/// Calls TASK(i) for every i in [0, COUNT) on min(JOBS, COUNT) threads; returns when all are
/// done. Once *CANCEL is set, tasks not yet started are skipped (TASK is not called for them).
void run_parallel(size_t count, int jobs, const std::function<void(size_t)>& task,
                  const std::atomic<bool>* cancel = nullptr);

}  // namespace restack::llm
