// libFuzzer target: load and validate arbitrary bytes as a spec (YAML parse, reader,
// validator, data flow). Any crash, hang or unbounded allocation is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "spec/load.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  restack::DiagnosticSink sink;
  std::string text(reinterpret_cast<const char*>(data), size);
  auto project = restack::spec::load_project_from_texts({{"fuzz.yaml", std::move(text)}}, sink);
  sink.sort();
  // Every diagnostic has a position inside the input (or none for whole-file problems).
  for (const auto& d : sink.all())
    if (d.location.line < 0 || d.location.column < 0) __builtin_trap();
  return 0;
}
