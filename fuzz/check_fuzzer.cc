// libFuzzer target for the checker: any bytes, parsed as Python and run through every rule,
// must not crash, hang or produce a finding without a position.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "check/checker.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;  // tree-sitter's error recovery is quadratic; the CLI bounds it by time
  std::string_view source(reinterpret_cast<const char*>(data), size);
  auto findings = restack::check::check_source("fuzz.py", source);
  for (const auto& d : findings)
    if (d.location.line < 1 || d.location.column < 1 || d.code.empty() || d.message.empty()) std::abort();
  return 0;
}
