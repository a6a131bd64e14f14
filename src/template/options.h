#pragma once
// Environment options, named as Jinja2 names them, plus the limits that bound a hostile template.
#include <cstddef>
#include <cstdint>

namespace restack::tmpl {

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
};

}  // namespace restack::tmpl
