#pragma once
// TypeExpr -> Python source, for the generator. Annotations use the typing spellings
// (List, Dict, Set, Tuple, Optional, Union, Literal), which work on every Python 3.8+.
//
//   TypeImports imports;
//   std::string a = render_annotation(field.type);   // "Optional[List[str]]"
//   collect_imports(field.type, imports);             // typing: List, Optional
//   for (auto& line : imports.lines()) ...            // "from typing import List, Optional"
#include <set>
#include <string>
#include <vector>

#include "spec/model.h"

namespace restack::spec {

/// The annotation for T: "Dict[str, Any]", "Optional[int]" (for Optional[T], Union[T, None] and
/// T | None), "Union[int, str]", "Tuple[int, ...]", "Literal['a', 1, True, None]", a model name.
std::string render_annotation(const TypeExpr& t);

/// A Python literal for a JSON value (a default or an input literal): "\"x\"", "1", "True",
/// "None", "[1, 2]", "{\"a\": 1}". Strings use double quotes, as black writes them.
std::string render_python_value(const nlohmann::json& v);

/// What the annotations of a module need imported.
struct TypeImports {
  std::set<std::string> typing;    // Any, Dict, List, Literal, Optional, Set, Tuple, Union
  std::set<std::string> datetime;  // date, datetime, time, timedelta
  bool decimal = false;            // from decimal import Decimal
  bool uuid = false;               // from uuid import UUID
  std::set<std::string> models;    // model names used (defined in the models module)

  /// Import statements in isort order: datetime, decimal, typing, uuid (models excluded).
  std::vector<std::string> lines() const;
};

void collect_imports(const TypeExpr& t, TypeImports& out);

}  // namespace restack::spec
