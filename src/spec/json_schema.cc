#include "spec/json_schema.h"

#include <string>

#include "spec/keys.h"

namespace restack::spec {
namespace {

using nlohmann::json;

json ref(const char* def) { return json{{"$ref", std::string("#/$defs/") + def}}; }

json pattern(const char* p, const char* what) { return json{{"type", "string"}, {"pattern", p}, {"description", what}}; }

constexpr const char* kIdentifierPattern = "^[a-z_][a-z0-9_]*$";
constexpr const char* kPascalPattern = "^[A-Z][A-Za-z0-9]*$";
constexpr const char* kDurationPattern =
    "^(?=[0-9.])([0-9]+(\\.[0-9]+)?d)?([0-9]+(\\.[0-9]+)?h)?([0-9]+(\\.[0-9]+)?m)?([0-9]+(\\.[0-9]+)?s)?([0-9]+(\\.[0-9]+)?ms)?$";

json shape_schema(Shape shape) {
  switch (shape) {
    case Shape::kString:
    case Shape::kText:
    case Shape::kTypeExpr: return json{{"type", "string"}};
    case Shape::kVersion: return json{{"enum", json::array({1, "1"})}};
    case Shape::kProjectName: return pattern("^[a-z][a-z0-9-]*$", "a distribution name");
    case Shape::kWorkflowName: return pattern(kPascalPattern, "PascalCase");
    case Shape::kFunctionName:
    case Shape::kStepName: return pattern(kIdentifierPattern, "snake_case");
    case Shape::kStepKind: return json{{"enum", json::array({"function", "workflow", "sleep", "parallel"})}};
    case Shape::kTaskQueue: return pattern("^[A-Za-z0-9_.-]+$", "letters, digits, _ . -");
    case Shape::kDuration: return ref("duration");
    case Shape::kCron:
      return pattern("^(@(yearly|annually|monthly|weekly|daily|hourly)|\\S+(\\s+\\S+){4})$",
                     "minute hour day-of-month month day-of-week, or @daily etc.");
    case Shape::kInteger: return json{{"type", "integer"}, {"minimum", 0}};
    case Shape::kNumber: return json{{"type", "number"}, {"minimum", 1}};
    case Shape::kStringList: return json{{"type", "array"}, {"items", {{"type", "string"}}}};
    case Shape::kImports:
      return json{{"type", "array"}, {"items", pattern("^(import |from \\S+ import )", "a Python import statement")}};
    case Shape::kAnyValue: return json::object();
    case Shape::kSchema: return ref("schema");
    case Shape::kModels:
      return json{{"type", "object"}, {"propertyNames", {{"pattern", kPascalPattern}}}, {"additionalProperties", ref("schema")}};
    case Shape::kFunctions:
      return json{{"type", "object"},
                  {"propertyNames", {{"pattern", kIdentifierPattern}}},
                  {"additionalProperties", {{"anyOf", json::array({ref("function"), {{"type", "null"}}})}}}};
    case Shape::kWorkflows: return json{{"type", "array"}, {"minItems", 1}, {"items", ref("workflow")}};
    case Shape::kSteps: return json{{"type", "array"}, {"minItems", 1}, {"items", ref("step")}};
    case Shape::kValueMap:
      return json{{"anyOf", json::array({{{"type", "object"}}, {{"type", "null"}}})},
                  {"description", "field -> `input`, `input.F`, `steps.S`, `steps.S.F`, a literal, or {literal: ...}"}};
    case Shape::kRetryPolicy: return ref("retry_policy");
    case Shape::kSchedule: return ref("schedule");
  }
  return json::object();
}

// An object schema for PLACE: its keys, the required ones, nothing else.
json place_schema(Place place, const char* step_kind = nullptr) {
  json properties = json::object();
  json required = json::array();
  for (const auto& k : keys_of(place)) {
    json s = shape_schema(k.shape);
    if (!k.doc.empty()) s["description"] = std::string(k.doc);
    if (step_kind && k.name == "type") s = json{{"const", step_kind}, {"description", std::string(k.doc)}};
    properties[std::string(k.name)] = s;
    if (k.required) required.push_back(std::string(k.name));
  }
  // A sleep/workflow/parallel step must say its type; a function step may leave it out.
  if (step_kind && std::string(step_kind) != "function") required.push_back("type");
  json o{{"type", "object"}, {"properties", properties}, {"additionalProperties", false}};
  if (!required.empty()) o["required"] = required;
  o["description"] = place_description(place);
  return o;
}

}  // namespace

json spec_json_schema() {
  json defs = json::object();
  defs["duration"] = json{{"anyOf", json::array({json{{"type", "number"}, {"exclusiveMinimum", 0}},
                                                 pattern(kDurationPattern, "e.g. 500ms, 30s, 1m30s, 1.5h")})},
                          {"description", "Seconds (> 0), or NUMBER UNIT parts with ms, s, m, h, d, largest first"}};
  defs["field"] = json{{"anyOf", json::array({json{{"type", "string"}, {"description", "The field's type"}},
                                              place_schema(Place::kField)})}};
  defs["schema"] = json{{"anyOf", json::array({json{{"type", "object"}, {"additionalProperties", ref("field")}},
                                               json{{"type", "null"}}})}};
  defs["retry_policy"] = place_schema(Place::kRetryPolicy);
  json schedule = place_schema(Place::kSchedule);
  schedule["oneOf"] = json::array({json{{"required", {"cron"}}}, json{{"required", {"every"}}}});
  defs["schedule"] = schedule;
  defs["function"] = place_schema(Place::kFunction);
  json kinds = json::array();
  for (Place p : step_places()) kinds.push_back(place_schema(p, step_kind_of(p)));
  defs["step"] = json{{"oneOf", kinds}};
  defs["workflow"] = place_schema(Place::kWorkflowEntry);
  defs["single_workflow_file"] = place_schema(Place::kSingleWorkflowFile);
  defs["project_file"] = place_schema(Place::kProjectFile);
  return json{{"$schema", "https://json-schema.org/draft/2020-12/schema"},
              {"$id", "https://restack-gen.dev/schemas/spec-v1.json"},
              {"title", "restack-gen workflow specification, version 1"},
              {"description", "One workflow (`name:`) or a project of several (`project:`). See docs/spec.md."},
              {"oneOf", json::array({ref("single_workflow_file"), ref("project_file")})},
              {"$defs", defs}};
}

}  // namespace restack::spec
