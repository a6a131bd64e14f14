#pragma once
// The spec module's entry points: load one or more spec files (or in-memory texts) as ONE
// project, validated and resolved (spec v1). Problems go to the sink, sorted by the caller.
//
//   DiagnosticSink sink;
//   if (auto project = restack::spec::load_project({"a.yaml", "b.yaml"}, sink)) generate(*project);
//   sink.sort(); print_text(std::cerr, sink.all());
#include <optional>
#include <string>
#include <vector>

#include "common/diagnostic.h"
#include "spec/model.h"

namespace restack::spec {

struct SourceText {
  std::string name;  // shown in diagnostics as the file
  std::string text;
};

/// How loading uses the cores: a large file is parsed, read and checked on two threads
/// (docs/spec.md, "Large specs"). The project and the diagnostics (order, positions) are the
/// same either way; tests set the threshold to compare both paths on small texts.
struct LoadOptions {
  static constexpr size_t kParallelMinBytes = 256 * 1024;  // below: the threads cost more than they save
  size_t parallel_min_bytes = kParallelMinBytes;  // SIZE_MAX: one thread
  unsigned yaml_pieces = 6;  // pieces a large YAML text is parsed in (more than threads: they even out)

  /// The defaults, or one thread on a machine with a single core.
  static LoadOptions for_this_machine();
  bool parallel(size_t bytes) const { return bytes >= parallel_min_bytes; }
};

/// Reads and validates FILES as one project. Returns the project only when no error was
/// reported (warnings are fine).
std::optional<Project> load_project(const std::vector<std::string>& files, DiagnosticSink& sink,
                                    const LoadOptions& options = LoadOptions::for_this_machine());

/// The same from texts already in memory (tests, fuzzer, a language server).
std::optional<Project> load_project_from_texts(const std::vector<SourceText>& sources, DiagnosticSink& sink,
                                               const LoadOptions& options = LoadOptions::for_this_machine());

/// Loads whatever can be loaded even when there are errors (for tools that show partial
/// results, such as `validate`'s summary); the project may be incomplete.
Project load_project_partial(const std::vector<SourceText>& sources, DiagnosticSink& sink,
                             const LoadOptions& options = LoadOptions::for_this_machine());

}  // namespace restack::spec
