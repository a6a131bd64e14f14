#pragma once
// A parser for the Python type expressions of spec v1 ("Types"): builtins, Any, None inside a
// union, Optional/List/Set/Dict/Tuple/Union/Literal in typing and PEP 585 spellings, PEP 604
// `A | B`, bare List/Dict/Set (elements Any), and model names.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "spec/model.h"

namespace restack::spec {

struct TypeParseError {
  size_t offset = 0;  // byte offset in the text where the problem is
  std::string message;
  bool unknown_name = false;  // the problem is an unknown name (message is the name)
};

struct TypeParseResult {
  std::optional<TypeExpr> type;
  std::optional<TypeParseError> error;
};

/// Parses TEXT. IS_MODEL says whether a name is a model (names of models under `models:`).
/// Every TypeExpr node gets SPELLING (its own text) and LOC = WHERE (the whole expression's).
TypeParseResult parse_type(std::string_view text, const std::function<bool(std::string_view)>& is_model,
                           const Loc& where = {});

/// The builtin names a type may use (for did-you-mean hints).
const std::vector<std::string>& known_type_names();

}  // namespace restack::spec
