#pragma once
// What a rule sees while the walk is at a node: the source, the semantic model, the scope the
// node is in, its ancestors, and a way to report a finding.
#include <string>
#include <string_view>
#include <vector>

#include "check/rule.h"
#include "check/semantic_model.h"
#include "check/source_map.h"

namespace restack::check {

class Context {
 public:
  Context(std::string path, std::string_view source, const SemanticModel& model, std::vector<Diagnostic>& out)
      : path_(std::move(path)), source_(source), model_(model), map_(source), out_(out) {}

  std::string_view source() const { return source_; }
  const std::string& path() const { return path_; }
  const SemanticModel& model() const { return model_; }
  std::string_view text(TSNode n) const { return check::text(source_, n); }

  int scope_index() const { return scope_; }
  const Scope& scope() const { return model_.scope(scope_); }
  /// The innermost function (or lambda) scope enclosing the node, or nullptr at module/class level.
  const Scope* function_scope() const;
  /// The node runs as workflow code (inside a workflow class's method, or a same-module function
  /// such a method calls).
  bool in_workflow_code() const;
  /// Directly inside an `async def` that is not workflow code (function or service code).
  bool in_async_function_code() const;
  bool in_annotation() const { return annotation_depth_ > 0; }

  /// The Nth ancestor of the current node (1 = parent); a null node past the root.
  TSNode ancestor(size_t n = 1) const;

  /// What EXPR names in the current scope (SemanticModel::resolve). The last answer is kept
  /// (valid until the next call): the rules run on one node one after another and ask about the
  /// same expression (each security rule on a call resolves its callee), so it is resolved
  /// once, not once per rule.
  const Resolved& resolve(TSNode expr) const;
  /// EXPR's qualified name ("os.environ.get", "builtins.print"), or "" when it has none.
  std::string qualified_name(TSNode expr) const;
  const Binding* lookup(std::string_view name) const { return model_.lookup(name, scope_); }

  /// Reports a finding of the rule being run, spanning NODE.
  void report(TSNode node, std::string message, std::string hint = {});
  /// Same, for an explicit byte span.
  void report_span(uint32_t start_byte, uint32_t end_byte, std::string message, std::string hint = {});

  // Walker-only state.
  void set_rule(const RuleMeta* meta) { rule_ = meta; }
  void set_scope(int s) { scope_ = s; }
  std::vector<TSNode>& ancestors() { return ancestors_; }
  int& annotation_depth() { return annotation_depth_; }
  const SourceMap& source_map() const { return map_; }

 private:
  std::string path_;
  std::string_view source_;
  const SemanticModel& model_;
  SourceMap map_;
  std::vector<Diagnostic>& out_;
  const RuleMeta* rule_ = nullptr;
  int scope_ = 0;
  int annotation_depth_ = 0;
  std::vector<TSNode> ancestors_;  // ancestors of the current node, root first
  // resolve()'s last question and answer.
  mutable TSNode resolved_expr_{};
  mutable int resolved_scope_ = -1;
  mutable Resolved resolved_;
};

}  // namespace restack::check
