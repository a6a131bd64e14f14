#pragma once
// What fits where (spec v1 "Data flow" and "Types"): type equality up to spelling, the
// assignability rules for references, and whether a YAML value (a default or a literal) fits
// a type.
#include <functional>
#include <optional>
#include <string>

#include "spec/model.h"

namespace restack::spec {

/// Finds the fields of a model type by name (user models and generated Input/Output models).
using SchemaLookup = std::function<const Schema*(const std::string&)>;

/// Same type, whatever the spelling: List/list, Optional[T]/Union[T, None]/T | None, union order.
bool same_type(const TypeExpr& a, const TypeExpr& b, const SchemaLookup& models);

/// Whether a value of type FROM may fill a field of type TO.
bool assignable(const TypeExpr& from, const TypeExpr& to, const SchemaLookup& models);

/// Nothing when V fits T, else why not (" (expected an ISO date such as 2024-01-31)").
std::optional<std::string> value_misfit(const nlohmann::json& v, const TypeExpr& t, const SchemaLookup& models);

/// The type of a literal value: str, int, float, bool, List[Any], Dict[str, Any], Any for null.
TypeExpr type_of_value(const nlohmann::json& v);

/// A model type named NAME (for `input` and `steps.S` references).
TypeExpr model_type(const std::string& name);
/// A builtin type (`str`) or Any.
TypeExpr simple_type(const std::string& name);

}  // namespace restack::spec
