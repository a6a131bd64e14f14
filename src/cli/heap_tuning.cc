#include "cli/heap_tuning.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

#if defined(RESTACK_HAVE_MIMALLOC)
#include <mimalloc.h>
#include <sys/mman.h>
#elif defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

#include "common/sanitizers.h"

namespace restack::cli {

namespace {
[[maybe_unused]] constexpr size_t kMiB = size_t(1) << 20;
// Address space set aside for the heap up front: untouched pages cost nothing, and one region
// can be marked for huge pages. Above the largest run measured (generating 1,000 workflows peaks
// near 130 MB); beyond it the allocator asks the kernel for more.
[[maybe_unused]] constexpr size_t kHeapReserve = 256 * kMiB;
}  // namespace

#if defined(RESTACK_SANITIZER_ALLOCATOR)

void tune_heap_for_batch_run() {}

#elif defined(RESTACK_HAVE_MIMALLOC)

namespace {

// mimalloc 2.x carves a thread's pages out of segments of this size, aligned to it.
constexpr uintptr_t kSegment = 32 * kMiB;

}  // namespace

// The executable links mimalloc (cmake/allocator.cmake). Its option for huge pages is read only
// as it starts, before main, so huge pages are asked for here instead (what the option would
// do, with madvise): for the segment the main thread allocates from now, found from a fresh
// allocation and checked to be mimalloc's, and for one reservation (an arena) from which later
// segments of every thread come. Freed pages stay committed until exit instead of being
// returned to the kernel and faulted in again by the next phase.
void tune_heap_for_batch_run() {
  mi_option_disable(mi_option_allow_decommit);
  if (void* probe = mi_malloc(64)) {
    auto* segment = reinterpret_cast<char*>(reinterpret_cast<uintptr_t>(probe) & ~(kSegment - 1));
    if (mi_is_in_heap_region(probe) && mi_is_in_heap_region(segment + kSegment - 1))
      madvise(segment, kSegment, MADV_HUGEPAGE);
    mi_free(probe);
  }
  mi_arena_id_t arena = 0;
  if (mi_reserve_os_memory_ex(kHeapReserve, /*commit=*/true, /*allow_large=*/false, /*exclusive=*/false, &arena) != 0)
    return;  // no reservation: later segments come from the kernel one by one, with normal pages
  size_t size = 0;
  if (void* start = mi_arena_area(arena, &size)) madvise(start, size, MADV_HUGEPAGE);
}

#elif defined(__GLIBC__)

namespace {
constexpr uintptr_t kHugePage = 2 * kMiB;
}  // namespace

void tune_heap_for_batch_run() {
  // Every request under 32 MiB (glibc's maximum for this setting) comes from the heap, not from
  // a mapping of its own that would be faulted in and unmapped page by page.
  mallopt(M_MMAP_THRESHOLD, int(32 * kMiB));
  // The heap grows by the whole reserve at once, so the run's heap is one region to mark (a
  // later extension would be a region of its own, unmarked).
  mallopt(M_TOP_PAD, int(kHeapReserve));
  // Memory freed by one phase (the YAML tree) is reused by the next (the model): never trimmed.
  mallopt(M_TRIM_THRESHOLD, int(1024 * kMiB));

  // Grow the heap now, by the pad, so that the region to mark exists: the request is larger than
  // the heap glibc starts with (132 KiB), so it cannot be served without growing it.
  auto* before = static_cast<char*>(sbrk(0));
  // Volatile: a malloc whose result is only freed may be left out by the compiler.
  void* volatile probe = std::malloc(kMiB);
  auto* after = static_cast<char*>(sbrk(0));
  std::free(probe);
  if (before == reinterpret_cast<char*>(-1) || after <= before) return;

  auto start = (reinterpret_cast<uintptr_t>(before) + kHugePage - 1) & ~(kHugePage - 1);
  auto end = reinterpret_cast<uintptr_t>(after) & ~(kHugePage - 1);
  // Best effort: without THP support the call fails and the heap keeps 4 KiB pages.
  if (end > start) madvise(reinterpret_cast<void*>(start), end - start, MADV_HUGEPAGE);
}

#else

void tune_heap_for_batch_run() {}

#endif

Teardown batch_teardown() {
#if defined(RESTACK_SANITIZER_ALLOCATOR)
  return Teardown::kFree;
#else
  return Teardown::kLeaveToExit;
#endif
}

}  // namespace restack::cli
