#include "spec/keys.h"

#include "common/spelling.h"
#include "spec/names.h"

namespace restack::spec {
namespace {

constexpr bool R = true;   // required
constexpr bool O = false;  // optional

// Keys shared by the workflow of a single-workflow file and a project's workflow entry.
#define WORKFLOW_KEYS                                                                                     \
  {"name", R, Shape::kWorkflowName, "The workflow's name, PascalCase"},                                   \
      {"description", R, Shape::kString, "What the workflow does"},                                       \
      {"input_schema", O, Shape::kSchema, "The workflow's input fields; left out: it takes no input"},     \
      {"output_schema", O, Shape::kSchema, "The workflow's output fields; left out: it returns nothing"},  \
      {"steps", R, Shape::kSteps, "The steps, run in order"},                                              \
      {"output", O, Shape::kValueMap, "Output field -> reference (steps.S.F, input.F) or literal"},       \
      {"retry_policy", O, Shape::kRetryPolicy, "Default retry policy of every step"},                     \
      {"timeout", O, Shape::kDuration, "Execution timeout of the workflow"},                               \
      {"step_timeout", O, Shape::kDuration, "Default start-to-close timeout of the steps (2m if unset)"},   \
      {"task_queue", O, Shape::kTaskQueue, "Task queue of the workflow and its steps"},                    \
      {"schedule", O, Shape::kSchedule, "Start the workflow on a schedule (cron or every)"}

#define STEP_COMMON_KEYS                                                                    \
  {"name", R, Shape::kStepName, "The step's name, snake_case, unique in the workflow"},     \
      {"type", O, Shape::kStepKind, "function (default), workflow, sleep or parallel"},     \
      {"description", O, Shape::kString, "What the step is for"}

const std::vector<KeySpec> kSingleWorkflowFile = {
    {"version", O, Shape::kVersion, "Specification version; 1"},
    WORKFLOW_KEYS,
    {"functions", O, Shape::kFunctions, "Functions the steps call, by name"},
    {"models", O, Shape::kModels, "Models (PascalCase) usable as types"},
};

const std::vector<KeySpec> kProjectFile = {
    {"version", O, Shape::kVersion, "Specification version; 1"},
    {"project", R, Shape::kProjectName, "Distribution name of the generated project, e.g. billing-agents"},
    {"description", O, Shape::kString, "What the project does"},
    {"task_queue", O, Shape::kTaskQueue, "Default task queue of every workflow"},
    {"models", O, Shape::kModels, "Models (PascalCase) usable as types"},
    {"functions", O, Shape::kFunctions, "Functions shared by all workflows"},
    {"workflows", R, Shape::kWorkflows, "The project's workflows"},
};

const std::vector<KeySpec> kWorkflowEntry = {WORKFLOW_KEYS};

const std::vector<KeySpec> kField = {
    {"type", R, Shape::kTypeExpr, "A Python type expression, e.g. Dict[str, Any]"},
    {"description", O, Shape::kString, "What the field holds"},
    {"default", O, Shape::kAnyValue, "Default value; must fit the type"},
};

const std::vector<KeySpec> kStepFunction = {
    STEP_COMMON_KEYS,
    {"function", R, Shape::kFunctionName, "The function to call, snake_case"},
    {"input", O, Shape::kValueMap, "Callee input field -> reference or literal"},
    {"timeout", O, Shape::kDuration, "Start-to-close timeout of this step"},
    {"retry_policy", O, Shape::kRetryPolicy, "Overrides the workflow's policy key by key"},
    {"task_queue", O, Shape::kTaskQueue, "Task queue of this step"},
};

const std::vector<KeySpec> kStepWorkflow = {
    STEP_COMMON_KEYS,
    {"workflow", R, Shape::kWorkflowName, "The child workflow to run, PascalCase"},
    {"input", O, Shape::kValueMap, "Child input field -> reference or literal"},
    {"timeout", O, Shape::kDuration, "Execution timeout of the child workflow"},
    {"task_queue", O, Shape::kTaskQueue, "Task queue of the child workflow"},
};

const std::vector<KeySpec> kStepSleep = {
    STEP_COMMON_KEYS,
    {"duration", R, Shape::kDuration, "How long to sleep (a durable timer)"},
};

const std::vector<KeySpec> kStepParallel = {
    STEP_COMMON_KEYS,
    {"steps", R, Shape::kSteps, "Steps run concurrently"},
};

const std::vector<KeySpec> kRetryPolicy = {
    {"initial_interval", O, Shape::kDuration, "Wait before the first retry"},
    {"maximum_interval", O, Shape::kDuration, "Longest wait between retries (>= initial_interval)"},
    {"maximum_attempts", O, Shape::kInteger, "Attempts in all; 0 means unlimited"},
    {"backoff_coefficient", O, Shape::kNumber, "Growth factor of the wait, >= 1"},
    {"non_retryable_error_types", O, Shape::kStringList, "Error type names never retried"},
};

const std::vector<KeySpec> kFunction = {
    {"description", O, Shape::kString, "What the function does"},
    {"input_schema", O, Shape::kSchema, "Input fields; left out: it takes no input"},
    {"output_schema", O, Shape::kSchema, "Output fields; left out: it returns nothing"},
    {"code", O, Shape::kText, "The function body in Python, used verbatim"},
    {"prompt", O, Shape::kText, "Extra guidance for the LLM writing the body"},
    {"imports", O, Shape::kImports, "Python import statements the body needs"},
    {"timeout", O, Shape::kDuration, "Default start-to-close timeout of its steps"},
    {"retry_policy", O, Shape::kRetryPolicy, "Default retry policy of its steps"},
    {"task_queue", O, Shape::kTaskQueue, "Task queue of its steps"},
};

const std::vector<KeySpec> kSchedule = {
    {"cron", O, Shape::kCron, "A 5-field cron expression or @daily etc."},
    {"every", O, Shape::kDuration, "A fixed interval"},
};

#undef WORKFLOW_KEYS
#undef STEP_COMMON_KEYS

}  // namespace

const std::vector<KeySpec>& keys_of(Place place) {
  switch (place) {
    case Place::kSingleWorkflowFile: return kSingleWorkflowFile;
    case Place::kProjectFile: return kProjectFile;
    case Place::kWorkflowEntry: return kWorkflowEntry;
    case Place::kField: return kField;
    case Place::kStepFunction: return kStepFunction;
    case Place::kStepWorkflow: return kStepWorkflow;
    case Place::kStepSleep: return kStepSleep;
    case Place::kStepParallel: return kStepParallel;
    case Place::kRetryPolicy: return kRetryPolicy;
    case Place::kFunction: return kFunction;
    case Place::kSchedule: return kSchedule;
  }
  return kField;
}

const KeySpec* find_key(Place place, std::string_view key) {
  if (key.empty()) return nullptr;
  for (const auto& k : keys_of(place))  // length and first byte first: no call for a mismatch
    if (k.name.size() == key.size() && k.name[0] == key[0] && same_name(k.name, key)) return &k;
  return nullptr;
}

const char* place_description(Place place) {
  switch (place) {
    case Place::kSingleWorkflowFile: return "a single-workflow file";
    case Place::kProjectFile: return "a project file";
    case Place::kWorkflowEntry: return "a workflow";
    case Place::kField: return "a field";
    case Place::kStepFunction: return "a function step";
    case Place::kStepWorkflow: return "a workflow step";
    case Place::kStepSleep: return "a sleep step";
    case Place::kStepParallel: return "a parallel step";
    case Place::kRetryPolicy: return "a retry_policy";
    case Place::kFunction: return "a function";
    case Place::kSchedule: return "a schedule";
  }
  return "";
}

const std::vector<Place>& step_places() {
  static const std::vector<Place> places = {Place::kStepFunction, Place::kStepWorkflow, Place::kStepSleep,
                                            Place::kStepParallel};
  return places;
}

const char* step_kind_of(Place place) {
  switch (place) {
    case Place::kStepFunction: return "function";
    case Place::kStepWorkflow: return "workflow";
    case Place::kStepSleep: return "sleep";
    case Place::kStepParallel: return "parallel";
    default: return nullptr;
  }
}

std::optional<std::string> suggest_key(std::string_view word, const std::vector<std::string>& candidates) {
  if (auto m = closest_match(word, candidates)) return m;
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= word.size(); ++i)
    if (i == word.size() || word[i] == '_') {
      if (i > start) parts.push_back(word.substr(start, i - start));
      start = i + 1;
    }
  if (parts.size() < 2) return std::nullopt;
  std::optional<std::string> found;
  for (const auto& c : candidates) {
    bool all = true;
    for (auto p : parts) all = all && c.find(p) != std::string::npos;
    if (all) {
      if (found) return std::nullopt;  // ambiguous
      found = c;
    }
  }
  return found;
}

}  // namespace restack::spec
