#pragma once
// Heap settings for a short batch process. A run of restack-gen allocates a few to a hundred
// megabytes in small pieces and exits: with glibc's defaults, every new 4 KiB page costs a page
// fault (3,100 of them for validating a 250 KB spec, 33,000 for generating 6,000 files), which
// on a virtual machine was a third of the run's time. This is process-wide policy, so only the
// front end calls it; a long-running server would choose differently.
#include "common/teardown.h"

namespace restack::cli {

/// Asks the allocator (mimalloc when the executable links it, cmake/allocator.cmake; else
/// glibc's) to keep freed memory until exit and to grow in large steps, and the kernel to back
/// the heap with transparent huge pages where it allows them
/// (/sys/kernel/mm/transparent_hugepage/enabled: `always` or `madvise`). A no-op elsewhere
/// (another C library, a sanitizer's allocator). Call once, early, before any thread starts.
void tune_heap_for_batch_run();

/// How a command disposes of its large data (the loaded spec, a project's context, a template's
/// data) when it is done: left to the process's exit, since freeing 100,000s of nodes one by
/// one is work nobody needs (common/teardown.h); freed under a sanitizer, so that its
/// use-after-free and leak checks still see every destructor run.
Teardown batch_teardown();

}  // namespace restack::cli
