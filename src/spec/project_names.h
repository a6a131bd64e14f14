#pragma once
// Functions and workflows of a project looked up by name in constant time. The validator and
// the data-flow pass look a callee up for every step; Project::find_function scans.
#include <string_view>

#include "spec/model.h"
#include "spec/name_index.h"

namespace restack::spec {

/// The first function and the first workflow of each name, as Project::find_function and
/// find_workflow give them. Keys view the project's own strings: the project must outlive this
/// index, and its function and workflow lists must not change while it is used.
class ProjectNames {
 public:
  explicit ProjectNames(const Project& project);
  const Function* function(std::string_view name) const;
  const Workflow* workflow(std::string_view name) const;

 private:
  NameIndex<const Function*> functions_;
  NameIndex<const Workflow*> workflows_;
};

}  // namespace restack::spec
