#pragma once
// The key tables of spec v1 ("Keys"): for every place in a spec, which keys it may hold, which
// are required and what kind of value each takes. The reader (reader.cc) checks specs against
// them and `restack-gen schema` (json_schema.cc) is generated from them, so the two cannot
// disagree: this file is the single source of truth for the shape of a spec.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace restack::spec {

/// What a key's value must be.
enum class Shape {
  kString,        // any string
  kText,          // a string, usually a block (code:, prompt:)
  kVersion,       // the integer 1
  kProjectName,   // [a-z][a-z0-9-]*
  kWorkflowName,  // PascalCase
  kFunctionName,  // snake_case
  kStepName,      // snake_case
  kStepKind,      // function | workflow | sleep | parallel
  kTaskQueue,     // [A-Za-z0-9_.-]+
  kDuration,      // seconds > 0, or "1m30s"
  kCron,          // 5-field cron or @daily...
  kInteger,       // >= 0
  kNumber,        // >= 1 (backoff_coefficient)
  kStringList,    // list of strings
  kImports,       // list of Python import statements
  kTypeExpr,      // a Python type expression
  kAnyValue,      // any YAML value (default:)
  kSchema,        // field name -> field
  kModels,        // model name -> field map
  kFunctions,     // function name -> function
  kWorkflows,     // list of workflow entries
  kSteps,         // list of steps
  kValueMap,      // field name -> reference or literal (input:, output:)
  kRetryPolicy,
  kSchedule,
};

enum class Place {
  kSingleWorkflowFile,
  kProjectFile,
  kWorkflowEntry,
  kField,
  kStepFunction,
  kStepWorkflow,
  kStepSleep,
  kStepParallel,
  kRetryPolicy,
  kFunction,
  kSchedule,
};

struct KeySpec {
  std::string_view name;
  bool required;
  Shape shape;
  std::string_view doc;  // one line, shown by editors through the JSON Schema
};

const std::vector<KeySpec>& keys_of(Place place);
const KeySpec* find_key(Place place, std::string_view key);
/// "a workflow", "a function step"...: for messages.
const char* place_description(Place place);
/// The step places in the order of step kinds (function, workflow, sleep, parallel).
const std::vector<Place>& step_places();
/// Step kind name of a step place ("function"), or nullptr.
const char* step_kind_of(Place place);

/// A did-you-mean for a misspelt key: the closest by edit distance, else the one key that holds
/// every `_`-separated part of WORD (`max_attempts` -> `maximum_attempts`).
std::optional<std::string> suggest_key(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace restack::spec
