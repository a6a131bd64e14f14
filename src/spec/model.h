#pragma once
// The specification model: what the loader and validator produce and what the generator (and
// later the language server, docs generator and designer) consume. Every node keeps its source
// position. After validation (validator.h) the model is *resolved*: defaults filled in, data
// flow explicit, undescribed functions given derived schemas, so consumers never re-derive.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/diagnostic.h"
#include "spec/loc.h"

namespace restack::spec {

// ---------------------------------------------------------------- types

/// A parsed Python type expression (spec-v1 "Types").
struct TypeExpr {
  enum class Kind {
    kBuiltin,   // str int float bool bytes datetime date time timedelta Decimal UUID (name)
    kAny,
    kNone,      // only inside Optional/Union
    kOptional,  // args[0]
    kList,      // args[0] (Any when bare)
    kSet,       // args[0]
    kDict,      // args[0], args[1]
    kTuple,     // args...; variadic => Tuple[args[0], ...]
    kUnion,     // args (>= 2); `A | B` spellings become kUnion, `X | None` stays kUnion
    kLiteral,   // literals
    kModel,     // name of a model under models:, or a generated Input/Output model
  };
  Kind kind = Kind::kAny;
  bool variadic = false;               // Tuple[T, ...] (beside KIND: no padding of its own)
  std::string name;                    // builtin or model name
  std::vector<TypeExpr> args;
  std::vector<nlohmann::json> literals;  // Literal[...] values: string, integer, boolean, null
  std::string spelling;                // as the user wrote it (for messages)
  Loc loc;
};

/// A field of a schema or model.
struct Field {
  std::string name;
  TypeExpr type;
  std::optional<std::string> description;
  std::optional<nlohmann::json> default_value;  // JSON view of the YAML default, type-checked
  Loc loc;  // at the field's key
  Loc default_loc;  // at the default's value
};

/// An ordered list of fields (input_schema, output_schema, a model's body).
struct Schema {
  std::vector<Field> fields;
  Loc loc;
  const Field* find(const std::string& name) const;
};

struct Model {
  std::string name;  // PascalCase
  Schema schema;
  Loc loc;
};

// ---------------------------------------------------------------- values

struct Duration {
  double seconds = 0;  // > 0
  std::string text;    // as written: "1m30s" or "90"
  Loc loc;
};

struct RetryPolicy {
  std::optional<Duration> initial_interval;
  std::optional<Duration> maximum_interval;
  std::optional<int64_t> maximum_attempts;  // 0 = unlimited
  std::optional<double> backoff_coefficient;
  std::optional<std::vector<std::string>> non_retryable_error_types;
  Loc loc;
  bool empty() const;
  /// Key-by-key override: keys set in OVERRIDE win, the rest come from this policy.
  RetryPolicy merged_with(const RetryPolicy& override) const;
};

struct Schedule {
  std::optional<std::string> cron;  // validated 5-field expression or @daily etc.
  std::optional<Duration> every;
  Loc loc;
  Loc cron_loc;  // at the cron string
};

/// A data-flow value: a reference (input, input.F, steps.S, steps.S.F) or a literal.
struct Reference {
  enum class Kind { kInput, kInputField, kStep, kStepField };
  Kind kind = Kind::kInput;
  std::string step;   // for kStep / kStepField
  std::string field;  // for kInputField / kStepField
};

struct Value {
  std::variant<Reference, nlohmann::json> v;  // json = literal
  Loc loc;
  Loc key_loc;  // in an input:/output: mapping, at the target field's key
  bool is_reference() const { return std::holds_alternative<Reference>(v); }
  const Reference& reference() const { return std::get<Reference>(v); }
  const nlohmann::json& literal() const { return std::get<nlohmann::json>(v); }
};

/// An input or output mapping: target field -> value, in the order written.
using Mapping = std::vector<std::pair<std::string, Value>>;

// ---------------------------------------------------------------- steps, functions, workflows

enum class StepKind { kFunction, kWorkflow, kSleep, kParallel };
const char* step_kind_name(StepKind k);

/// How a step's callee receives its input after resolution.
struct ResolvedInput {
  enum class Mode {
    kNone,    // the callee takes no input
    kWhole,   // pass one value as the whole input (undescribed function: previous output)
    kFields,  // build the callee's input model from `fields`
  };
  Mode mode = Mode::kNone;
  Value whole;        // kWhole: a reference to `input` or `steps.S`
  Mapping fields;     // kFields: every callee input field that gets a value (explicit or default
                      // data flow); fields left to their defaults are absent
};

struct Step {
  std::string name;
  StepKind kind = StepKind::kFunction;
  std::optional<std::string> description;
  std::string target;  // function name (kFunction) or workflow name (kWorkflow)
  std::optional<Mapping> input;  // as written in the spec
  std::optional<Duration> timeout;
  std::optional<RetryPolicy> retry_policy;
  std::optional<std::string> task_queue;
  std::optional<Duration> duration;  // kSleep
  std::vector<Step> steps;           // kParallel children
  Loc loc;                           // at the step's mapping (its first key)
  Loc name_loc;                      // at the name's value
  Loc target_loc;                    // at the `function:` / `workflow:` value

  // Filled by the validator:
  ResolvedInput resolved_input;
  Duration effective_timeout;                 // step > workflow step_timeout > 2m
  std::optional<RetryPolicy> effective_retry;  // workflow default merged with the step's
  std::optional<std::string> effective_task_queue;  // step > workflow > project
};

struct Function {
  std::string name;  // snake_case
  std::optional<std::string> description;
  std::optional<Schema> input_schema;   // nullopt: takes no input
  std::optional<Schema> output_schema;  // nullopt: returns nothing
  std::optional<std::string> code;
  std::optional<std::string> prompt;
  std::vector<std::string> imports;
  std::optional<Duration> timeout;
  std::optional<RetryPolicy> retry_policy;
  std::optional<std::string> task_queue;
  bool described = true;  // false: derived from its call sites
  /// For a derived schema that is exactly another model (the workflow input, the previous
  /// step's output), the name of that model; the generator may alias instead of copying.
  std::optional<std::string> input_same_as;
  std::optional<std::string> output_same_as;
  Loc loc;
};

struct Workflow {
  std::string name;  // PascalCase
  std::string description;
  std::optional<Schema> input_schema;
  std::optional<Schema> output_schema;
  std::vector<Step> steps;
  std::optional<Mapping> output;  // as written
  std::optional<RetryPolicy> retry_policy;
  std::optional<Duration> timeout;
  std::optional<Duration> step_timeout;
  std::optional<std::string> task_queue;
  std::optional<Schedule> schedule;
  Loc loc;
  std::string file;
  Loc name_loc;  // at the name's value

  // Filled by the validator: each output field -> value (explicit or by name); empty when the
  // workflow returns nothing or returns the last undescribed function's output whole.
  Mapping resolved_output;
  bool output_from_last_step = false;  // return the last step's output as is
};

/// One project: a project file, or one or more single-workflow files merged.
struct Project {
  std::string name;          // distribution name, e.g. "billing-agents"
  std::string package_name;  // "billing_agents"
  std::optional<std::string> description;
  std::optional<std::string> task_queue;
  std::vector<Model> models;
  std::vector<Function> functions;  // described and derived, in first-use order
  std::vector<Workflow> workflows;
  std::vector<std::string> files;   // the spec files it came from

  const Model* find_model(const std::string& name) const;
  const Function* find_function(const std::string& name) const;
  const Workflow* find_workflow(const std::string& name) const;
};

}  // namespace restack::spec
