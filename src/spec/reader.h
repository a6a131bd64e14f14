#pragma once
// Reads one YAML document into the model (spec v1), checking everything that is local to the
// file: keys per place (keys.h), value kinds, names, durations, retry policies, task queues,
// cron expressions, step kinds, reference syntax. Cross-file checks (types against models,
// callees, data flow) are the validator's (validator.h).
#include <optional>
#include <string>

#include "common/diagnostic.h"
#include "spec/model.h"
#include "spec/yaml_tree.h"

namespace restack::spec {

class TwoThreads;  // two_threads.h

struct ParsedFile {
  Project part;             // this file's workflows, functions and models
  bool is_project = false;  // a project file (`project:`), else a single-workflow file
  Loc project_loc;          // at the `project:` value
  std::string file;
};

/// Nothing when the file is unusable as a spec (not a mapping, empty...); problems go to SINK.
/// THREADS: a project file's functions and workflows are read on two threads (same result).
std::optional<ParsedFile> read_spec(const yaml::Document& doc, DiagnosticSink& sink, TwoThreads* threads = nullptr);

}  // namespace restack::spec
