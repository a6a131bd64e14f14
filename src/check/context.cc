#include "check/context.h"

namespace restack::check {

const Scope* Context::function_scope() const {
  const Scope& s = scope();
  return (s.type == ScopeType::kFunction || s.type == ScopeType::kLambda) ? &s : nullptr;
}

bool Context::in_workflow_code() const {
  const Scope* f = function_scope();
  return f && f->workflow_code;
}

bool Context::in_async_function_code() const {
  // Lambdas inside an async def still run in its event loop.
  int i = scope_;
  while (i > 0 && model_.scope(i).type == ScopeType::kLambda) i = model_.scope(i).parent;
  const Scope& s = model_.scope(i);
  return s.type == ScopeType::kFunction && s.is_async && !s.workflow_code;
}

const Resolved& Context::resolve(TSNode expr) const {
  if (resolved_scope_ != scope_ || !ts_node_eq(resolved_expr_, expr)) {
    resolved_ = model_.resolve(expr, scope_);
    resolved_expr_ = expr;
    resolved_scope_ = scope_;
  }
  return resolved_;
}

std::string Context::qualified_name(TSNode expr) const {
  const Resolved& r = resolve(expr);
  return r.kind == Resolved::kQualified ? r.qualified_name : std::string();
}

TSNode Context::ancestor(size_t n) const {
  if (n == 0 || n > ancestors_.size()) return TSNode{};
  return ancestors_[ancestors_.size() - n];
}

void Context::report(TSNode node, std::string message, std::string hint) {
  if (ts_node_is_null(node)) return;
  report_span(ts_node_start_byte(node), ts_node_end_byte(node), std::move(message), std::move(hint));
}

void Context::report_span(uint32_t start_byte, uint32_t end_byte, std::string message, std::string hint) {
  Diagnostic d;
  auto begin = map_.position(start_byte);
  auto end = map_.position(end_byte);
  d.location = SourceLocation{path_, begin.line, begin.column};
  d.end = SourceLocation{path_, end.line, end.column};
  d.severity = rule_ ? rule_->severity : Severity::kError;
  d.code = rule_ ? std::string(rule_->code) : std::string();
  d.message = std::move(message);
  if (!hint.empty()) d.notes.push_back(DiagnosticNote{{}, std::move(hint)});
  out_.push_back(std::move(d));
}

}  // namespace restack::check
