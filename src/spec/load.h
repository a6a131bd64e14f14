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

/// Reads and validates FILES as one project. Returns the project only when no error was
/// reported (warnings are fine).
std::optional<Project> load_project(const std::vector<std::string>& files, DiagnosticSink& sink);

/// The same from texts already in memory (tests, fuzzer, a language server).
std::optional<Project> load_project_from_texts(const std::vector<SourceText>& sources, DiagnosticSink& sink);

/// Loads whatever can be loaded even when there are errors (for tools that show partial
/// results, such as `validate`'s summary); the project may be incomplete.
Project load_project_partial(const std::vector<SourceText>& sources, DiagnosticSink& sink);

}  // namespace restack::spec
