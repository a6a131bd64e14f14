#pragma once
// Checking many files: discovery, per-project settings, a pool of -j threads (one parser
// each), then the project-level pass (RSG204). The CLI's one core call.
#include <string>
#include <vector>

#include "check/checker.h"

namespace restack::check {

struct RunOptions {
  CheckOptions rules;        // from the command line
  bool cli_select = false;   // --select was given: it replaces pyproject's select
  int jobs = 0;              // 0 = every core
  bool use_project_settings = true;
};

struct RunResult {
  std::vector<Diagnostic> findings;  // sorted by file and position
  std::vector<Diagnostic> errors;    // unreadable paths, bad settings: not findings
  size_t files_checked = 0;
};

RunResult check_paths(const std::vector<std::string>& paths, const RunOptions& options);

}  // namespace restack::check
