#pragma once
// Template data from JSON and YAML, keeping JSON's int/float distinction and key order.
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "template/value.h"

namespace YAML {
class Node;
}

namespace restack::tmpl {

Value from_json(const nlohmann::json& j);
/// Parses JSON text straight into values (no intermediate JSON tree), keeping key order and
/// int/float. Throws nlohmann::json::parse_error on invalid input. THREADS as
/// JsonReadOptions::threads (0: a large document is read on two threads when there are two
/// cores; 1: one thread); the values are the same either way.
Value parse_json(const std::string& text, unsigned threads = 0);
/// Keeps the key order of the document (what Python's json.load gives a template).
Value from_json(const nlohmann::ordered_json& j);
/// YAML scalars are typed like PyYAML's safe_load does: null/~, true/false, ints, floats, strings.
Value from_yaml(const YAML::Node& node);
/// For tojson: dicts, lists, strings, numbers, booleans, None; other values raise.
nlohmann::json to_json(const Value& v);

}  // namespace restack::tmpl
