#pragma once
// The JSON Schema (draft 2020-12) of spec v1, generated from the key tables in keys.h, the
// same tables the reader checks specs against. `restack-gen schema` prints it; editors with a
// YAML language server use it to validate and complete specs as the user types.
#include <nlohmann/json.hpp>

namespace restack::spec {

nlohmann::json spec_json_schema();

}  // namespace restack::spec
