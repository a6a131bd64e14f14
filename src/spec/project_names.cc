#include "spec/project_names.h"

namespace restack::spec {

ProjectNames::ProjectNames(const Project& project) {
  functions_.reserve(project.functions.size());
  workflows_.reserve(project.workflows.size());
  // emplace keeps the first entry of a name, as the find_* scans do.
  for (const auto& f : project.functions) functions_.emplace(f.name, &f);
  for (const auto& w : project.workflows) workflows_.emplace(w.name, &w);
}

const Function* ProjectNames::function(std::string_view name) const {
  const Function* const* f = functions_.find(name);
  return f ? *f : nullptr;
}

const Workflow* ProjectNames::workflow(std::string_view name) const {
  const Workflow* const* w = workflows_.find(name);
  return w ? *w : nullptr;
}

}  // namespace restack::spec
