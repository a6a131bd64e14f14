#pragma once
// A minimal fork-join loop for the generator's independent per-file work (rendering, the
// self-check). Results are written by index and merged in order by the caller, so the output
// never depends on the thread count or on scheduling.
#include <cstddef>
#include <functional>

#include "common/teardown.h"

namespace restack::generate {

/// The worker count used when none is given: the machine's hardware threads, at most 8 (the
/// per-file work is small; more threads mostly add start-up and memory).
unsigned default_jobs();

/// Calls FN(i) once for every i in [0, COUNT), on up to JOBS threads (0 = default_jobs(); 1 =
/// on the calling thread only). Indexes are handed out in increasing order. If FN throws, the
/// remaining indexes are skipped and the first exception is rethrown here. THREADS: the helper
/// threads are joined (kFree), or, once their work is done, left blocked until the process
/// exits (kLeaveToExit, the CLI): a thread that ends makes the allocator walk every block it
/// allocated, which for the context builder's threads is 2-4% of a large run's instructions.
/// OUT_OF_WORK (null: none) is called once by each worker, the calling thread included, when no
/// index is left for it, before it stops: e.g. to share another worker's remaining work that
/// is not made of indexes (StagedTree::help_write).
void parallel_for(size_t count, unsigned jobs, const std::function<void(size_t)>& fn,
                  Teardown threads = Teardown::kFree, const std::function<void()>* out_of_work = nullptr);

}  // namespace restack::generate
