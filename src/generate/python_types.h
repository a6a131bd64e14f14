#pragma once
// Spec types as Python: annotations, and values of a type (a default or a literal converted to
// what the field expects, a zero value for placeholders, an example value for runnable inputs).
// Every name the text uses is imported through the module's ImportSet, so imports follow from
// the types actually used.
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "generate/imports.h"
#include "spec/model.h"

namespace restack::generate {

/// Every model the generated code knows by name: the user's models and the generated
/// Input/Output models. ALIAS_OF is set when a generated model is the same as another one
/// (an undescribed function passing its input through).
struct ModelInfo {
  const spec::Schema* schema = nullptr;
  std::string alias_of;
};
/// Hashes std::string and std::string_view alike, so that a catalog is searched by a view.
struct TextHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>()(text); }
};
/// Looked up only, never listed in order; by string_view too (a body's identifiers).
using ModelCatalog = std::unordered_map<std::string, ModelInfo, TextHash, std::equal_to<>>;

class PythonTypes {
 public:
  /// MODEL_REF maps a model name to the name the module uses (models.py: itself; elsewhere an
  /// import from src.models).
  PythonTypes(const ModelCatalog& models, ImportSet& imports,
              std::function<std::string(const std::string&)> model_ref)
      : models_(models), imports_(imports), model_ref_(std::move(model_ref)) {}

  std::string annotation(const spec::TypeExpr& type);
  /// annotation(TYPE) appended to OUT.
  void append_annotation(std::string& out, const spec::TypeExpr& type);
  /// VALUE (a YAML default or literal) as a Python expression of TYPE.
  std::string value(const nlohmann::json& value, const spec::TypeExpr& type);
  /// A placeholder value: the type's zero (0, "", [], None for Optional, a model of zeros).
  std::string zero(const spec::TypeExpr& type);
  /// A plausible example value (non-empty collections), for scheduling and tests.
  std::string example(const spec::TypeExpr& type);
  /// The construction of model NAME with its required fields (zero or example values), on one
  /// line: callers lay it out with fit().
  std::string construct(const std::string& model, bool example);
  /// construct(MODEL, EXAMPLE) appended to OUT.
  void append_construct(std::string& out, const std::string& model, bool example);
  /// A duration as `timedelta(minutes=1, seconds=30)`.
  std::string timedelta_expr(double seconds);

  /// Whether a field of TYPE needs `Field(default_factory=...)` for its zero default.
  const ModelCatalog& models() const { return models_; }
  std::string model_name(const std::string& name) { return model_ref_(name); }

 private:
  const spec::Schema* schema_of(const std::string& model) const;
  /// The names annotations import from typing, each asked of the ImportSet once per module
  /// (models.py spells some 30,000 annotations).
  enum class Typing { kAny, kOptional, kList, kSet, kDict, kTuple, kUnion, kLiteral, kCount };
  const std::string& typing(Typing name);
  std::string timedelta_text(double seconds);

  const ModelCatalog& models_;
  ImportSet& imports_;
  std::function<std::string(const std::string&)> model_ref_;
  int depth_ = 0;  // guards example/zero recursion through optional self-references
  /// timedelta_expr's answers so far: a module's steps repeat a few timeouts and intervals.
  std::vector<std::pair<double, std::string>> timedeltas_;
  std::string typing_[size_t(Typing::kCount)];  // "" until first used
  /// python_float's answers for float defaults and literals (a module repeats a few).
  std::vector<std::pair<double, std::string>> floats_;
};

/// A number of seconds as Python source: `30`, `1.5`.
std::string python_seconds(double seconds);

}  // namespace restack::generate
