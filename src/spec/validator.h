#pragma once
// The project-level pass: merges the files of one command line into one project and checks
// what spans files and steps (duplicate definitions, types against models, callees, child
// workflow cycles, data flow), then fills the model's resolved fields (resolved_input,
// effective_timeout/retry/task_queue, resolved_output, derived functions) for the generator.
#include <optional>
#include <vector>

#include "common/diagnostic.h"
#include "spec/model.h"
#include "spec/reader.h"

namespace restack::spec {

class TwoThreads;  // two_threads.h

/// Always returns the merged project (possibly partial); check SINK for errors. THREADS:
/// the schemas are checked on two threads (the same diagnostics, in the same order).
Project build_project(std::vector<ParsedFile> files, DiagnosticSink& sink, TwoThreads* threads = nullptr);

class ProjectNames;  // project_names.h

namespace detail {
/// dataflow.cc: resolves every workflow's data flow and derives undescribed functions.
/// NAMES: PROJECT's functions and workflows by name (invalid once this returns: the function
/// list may be reordered). THREADS: when no workflow depends on another's resolution, two
/// halves on two threads.
void resolve_data_flow(Project& project, DiagnosticSink& sink, const ProjectNames& names, TwoThreads* threads = nullptr);
}  // namespace detail

}  // namespace restack::spec
