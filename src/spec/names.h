#pragma once
// The naming rules of spec v1 ("Names"): what a workflow, model, function, step, field and
// project may be called, so that every valid name produces valid Python.
#include <optional>
#include <string>
#include <string_view>

namespace restack::spec {

bool is_pascal_case(std::string_view s);      // [A-Z][A-Za-z0-9]*
bool is_snake_case(std::string_view s);       // [a-z_][a-z0-9_]*
bool is_python_identifier(std::string_view s);  // ASCII or any non-ASCII letter, Python-style
bool is_python_keyword(std::string_view s);
bool is_distribution_name(std::string_view s);  // [a-z][a-z0-9-]*

/// Why field name S would break a pydantic model (v1.10 or v2), or nothing when it is fine:
/// "starts with `_`", "shadows the BaseModel attribute `json`", "uses the reserved prefix `model_`".
std::optional<std::string> pydantic_field_problem(std::string_view s);

/// A == B for names (a few bytes each): inline, where std::string_view's == calls memcmp, a
/// call that costs more than comparing such names. The loaders compare names per step.
inline bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

/// "data_validation" -> "DataValidation" (generated model names: DataValidationInput).
std::string pascal_case(std::string_view snake);
/// "DataProcessor" -> "data-processor" (the project name of a single-workflow file).
std::string kebab_case(std::string_view pascal);

}  // namespace restack::spec
