#pragma once
// What the names of one module are bound to, computed once per file before the rules run
// (ruff's SemanticModel, much reduced): scopes, import bindings (`import datetime as dt` binds
// dt to "datetime"), local variables that shadow modules, which classes are Restack/Temporal
// workflows, and which functions run as workflow code (methods of workflow classes and the
// same-module functions they call). Rules ask it questions; they never walk the tree.
#include <tree_sitter/api.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "check/syntax_tree.h"

namespace restack::check {

enum class BindingType : uint8_t {
  kImport,    // qualified names what it was imported as
  kFunction,  // a def in this scope
  kClass,     // a class in this scope
  kVariable,  // assigned, a parameter, a loop or with target...
};

struct Binding {
  BindingType type = BindingType::kVariable;
  std::string qualified_name;      // kImport: "datetime.datetime"; relative imports keep their dots
  bool in_import_functions = false;  // imported inside `with import_functions():`
  TSNode value{};                  // last simple `name = value` (or the with-item expression), may be null
  TSNode definition{};             // kFunction/kClass: the definition node; kImport: the statement
};

enum class ScopeType : uint8_t { kModule, kClass, kFunction, kLambda };

struct Scope {
  ScopeType type = ScopeType::kModule;
  int parent = -1;
  TSNode node{};
  std::string name;
  bool is_async = false;
  bool is_workflow_class = false;  // kClass decorated with workflow.defn / agent.defn
  bool has_run_method = false;     // kClass: a method decorated with workflow.run / agent.run
  bool workflow_code = false;      // kFunction/kLambda: runs inside a workflow (replayed)
  std::unordered_map<std::string, Binding> bindings;
  std::unordered_set<std::string> globals;  // `global x` inside a function
  std::vector<std::string> star_imports;    // modules imported with `from M import *`
  std::unordered_map<std::string, TSNode> self_attribute_values;  // kClass: self.x = value in its methods
};

/// What an expression refers to.
struct Resolved {
  enum Kind : uint8_t { kUnknown, kQualified, kModuleVariable, kLocal } kind = kUnknown;
  std::string qualified_name;  // kQualified: "os.environ.get", "builtins.print"
};

struct CallSite {
  TSNode call;
  TSNode callee;
  int scope;
};

class SemanticModel {
 public:
  const std::vector<CallSite>& calls() const { return calls_; }
  SemanticModel(const FlatTree& tree, std::string_view source);

  const std::vector<Scope>& scopes() const { return scopes_; }
  const Scope& scope(int i) const { return scopes_[size_t(i)]; }
  /// The scope a function, lambda or class definition node opens (-1 if unknown).
  int scope_of(TSNode definition) const;

  /// The binding NAME has when used in scope S, following Python's LEGB rule (class scopes are
  /// skipped for code inside their methods). Null when the name is not bound in the module.
  const Binding* lookup(std::string_view name, int scope, int* found_in = nullptr) const;

  /// What EXPR (an identifier or attribute chain) refers to in scope S.
  Resolved resolve(TSNode expr, int scope) const;
  /// resolve(...).qualified_name for kQualified, "" otherwise.
  std::string qualified_name(TSNode expr, int scope) const;

  /// Qualified names of the decorators of the definition that opened SCOPE.
  std::vector<std::string> decorators(int scope) const;
  /// True when SCOPE's definition is decorated with MEMBER of a workflow API object
  /// (`@workflow.defn`, `@agent.run`...).
  bool has_api_decorator(int scope, std::string_view member) const;

  std::string_view source() const { return source_; }
  std::string_view text(TSNode n) const;

  /// A restack/temporal workflow API object ("workflow" or "agent" from restack_ai, or
  /// temporalio.workflow): the prefix of a qualified name like "...workflow.step".
  static bool is_workflow_api(std::string_view qualified_prefix);

 private:
  void build(const FlatTree& tree);
  void bind_targets(TSNode target, int scope, TSNode value);
  void bind(int scope, std::string name, Binding b);
  void bind_parameters(TSNode params, int scope);
  void bind_import(TSNode stmt, int scope, bool in_import_functions);
  void mark_workflow_code();

  std::string_view source_;
  std::vector<Scope> scopes_;
  std::unordered_map<uint32_t, int> scope_by_start_;  // definition start byte -> scope
  std::vector<CallSite> calls_;  // every call, for workflow reachability and services files
  struct PendingDecorators {
    TSNode decorated;  // decorated_definition
    int scope;         // the scope the definition opens
  };
  std::vector<PendingDecorators> decorated_;
};

}  // namespace restack::check
