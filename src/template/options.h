#pragma once
// Environment options, named as Jinja2 names them, plus the limits that bound a hostile template.
#include <atomic>
#include <cstddef>
#include <cstdint>

namespace restack::tmpl {

/// What rendered on other threads, for tests and measurements (Options::parallel_stats).
struct ParallelStats {
  std::atomic<uint64_t> split_loops{0};          // loops that were split over threads
  std::atomic<uint64_t> parallel_iterations{0};  // their iterations whose output another thread rendered
};

struct Options {
  bool trim_blocks = false;
  bool lstrip_blocks = false;
  bool keep_trailing_newline = false;
  bool strict_undefined = false;  // Jinja2's StrictUndefined: any use of an undefined value fails
  // limits
  size_t max_output_bytes = 256u << 20;      // also bounds every intermediate string
  int max_recursion_depth = 500;             // macro calls, includes, recursive loops
  uint64_t max_loop_iterations = 10'000'000;  // over the whole render
  /// Template names may be absolute or contain '..' (escape the search path) only if allowed.
  bool allow_unsafe_paths = false;
  /// Threads a large `{% for %}` may render on (docs/templates.md, "Threads"): 0 = one per
  /// core (std::thread::hardware_concurrency()), 1 = always serial. The output and errors are
  /// the same whatever the value; only loops whose body is safe to run out of order split.
  unsigned threads = 0;
  /// The fewest iterations a loop needs before it is split (fewer are not worth a thread).
  size_t parallel_min_items = 64;
  /// When set, every render with these options adds what it rendered in parallel here.
  ParallelStats* parallel_stats = nullptr;
};

}  // namespace restack::tmpl
