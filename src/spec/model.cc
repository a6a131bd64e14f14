#include "spec/model.h"

#include "spec/names.h"

namespace restack::spec {

const Field* Schema::find(const std::string& name) const {
  for (const auto& f : fields)
    if (same_name(f.name, name)) return &f;
  return nullptr;
}

bool RetryPolicy::empty() const {
  return !initial_interval && !maximum_interval && !maximum_attempts && !backoff_coefficient &&
         !non_retryable_error_types;
}

RetryPolicy RetryPolicy::merged_with(const RetryPolicy& o) const {
  RetryPolicy r = *this;
  if (o.initial_interval) r.initial_interval = o.initial_interval;
  if (o.maximum_interval) r.maximum_interval = o.maximum_interval;
  if (o.maximum_attempts) r.maximum_attempts = o.maximum_attempts;
  if (o.backoff_coefficient) r.backoff_coefficient = o.backoff_coefficient;
  if (o.non_retryable_error_types) r.non_retryable_error_types = o.non_retryable_error_types;
  if (o.loc.known()) r.loc = o.loc;
  return r;
}

const char* step_kind_name(StepKind k) {
  switch (k) {
    case StepKind::kFunction: return "function";
    case StepKind::kWorkflow: return "workflow";
    case StepKind::kSleep: return "sleep";
    case StepKind::kParallel: return "parallel";
  }
  return "function";
}

const Model* Project::find_model(const std::string& name) const {
  for (const auto& m : models)
    if (m.name == name) return &m;
  return nullptr;
}

const Function* Project::find_function(const std::string& name) const {
  for (const auto& f : functions)
    if (same_name(f.name, name)) return &f;
  return nullptr;
}

const Workflow* Project::find_workflow(const std::string& name) const {
  for (const auto& w : workflows)
    if (w.name == name) return &w;
  return nullptr;
}

}  // namespace restack::spec
