#pragma once
// Project-level wiring (RSG204): when a services file is among the checked files, every
// workflow, agent and function defined in the same project must be registered by one,
// following imports, package re-exports (`from .child import Child` in __init__.py) and aliases.
#include <string>
#include <vector>

#include "check/checker_internal.h"

namespace restack::check {

struct ProjectFile {
  std::string path;
  const ModuleSummary* summary;
};

/// The RSG204 findings for FILES (without noqa filtering).
std::vector<Diagnostic> find_unregistered_definitions(const std::vector<ProjectFile>& files);

}  // namespace restack::check
