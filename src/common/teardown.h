#pragma once
// Freeing a large result can cost as much as parts of building it: a generated project's context
// is some 400,000 allocations, a 5,000-step spec some 100,000. A batch process that exits right
// after has no use for that work, since the kernel takes the whole address space back at once.
// Compilers do the same (clang's -disable-free). Whether to free is the caller's choice: a
// library call, a server or a test frees; the command-line front end leaves (cli/heap_tuning.h).
#include <type_traits>
#include <utility>

namespace restack {

/// How a call disposes of the large data it is done with.
enum class Teardown {
  kFree,         ///< destroyed as usual: libraries, servers, tests
  kLeaveToExit,  ///< never destroyed: the process is about to exit (leave_to_exit)
};

namespace detail {
/// Tells a leak checker (LeakSanitizer) that P is left alive on purpose; everything reachable
/// from it is then not reported either. A no-op in builds without one.
void mark_left_to_exit(const void* p);
}  // namespace detail

/// Moves OBJECT to the heap and never destroys it: its memory goes back with the process.
template <typename T>
void leave_to_exit(T&& object) {
  auto* kept = new std::decay_t<T>(std::forward<T>(object));
  detail::mark_left_to_exit(kept);
}

/// Disposes of OBJECT the way TEARDOWN says.
template <typename T>
void dispose(T&& object, Teardown teardown) {
  if (teardown == Teardown::kLeaveToExit) leave_to_exit(std::forward<T>(object));
  else std::decay_t<T> doomed(std::forward<T>(object));
}

}  // namespace restack
