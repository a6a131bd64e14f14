// The per-module facts the project-level pass (project.cc) needs: definitions, imports and
// services registrations, extracted from the semantic model.
#include "check/checker_internal.h"
#include "check/rules/rule_helpers.h"

namespace restack::check {
namespace {

std::string definition_kind(const SemanticModel& model, int scope) {
  const Scope& s = model.scope(scope);
  for (const auto& qn : model.decorators(scope)) {
    if (s.type == ScopeType::kClass && s.is_workflow_class)
      return qn.find("agent") != std::string::npos ? "agent" : "workflow";
    if (s.type == ScopeType::kFunction &&
        (qn == "restack_ai.function.function.defn" || qn == "restack_ai.function.defn" || qn == "temporalio.activity.defn"))
      return "function";
  }
  return {};
}

}  // namespace

ModuleSummary summarize_module(const SemanticModel& model, TSNode root, const std::string& path, const SourceMap& map) {
  ModuleSummary m;
  const auto& scopes = model.scopes();
  for (size_t i = 1; i < scopes.size(); ++i) {
    if (scopes[i].parent != 0) continue;
    std::string kind = definition_kind(model, int(i));
    if (kind.empty()) continue;
    TSNode name = child(scopes[i].node, fields().name);
    if (ts_node_is_null(name)) continue;
    auto b = map.position(ts_node_start_byte(name));
    auto e = map.position(ts_node_end_byte(name));
    m.definitions.push_back({scopes[i].name, kind, {path, b.line, b.column}, {path, e.line, e.column}});
  }
  for (const auto& [name, binding] : scopes[0].bindings)
    if (binding.type == BindingType::kImport) m.imports.emplace_back(name, binding.qualified_name);

  for (const CallSite& c : model.calls()) {
    if (kind_of(c.callee) != Kind::kAttribute || model.text(child(c.callee, fields().attribute)) != "start_service")
      continue;
    m.is_services = true;
    TSNode args = child(c.call, fields().arguments);
    for_each_named_child(args, [&](TSNode kw) {
      if (kind_of(kw) != Kind::kKeywordArgument) return;
      std::string_view key = model.text(child(kw, fields().name));
      if (key != "workflows" && key != "functions" && key != "agents") return;
      for_each_named_child(child(kw, fields().value), [&](TSNode e) {
        if (kind_of(e) == Kind::kIdentifier) {
          const Binding* b = model.lookup(model.text(e), c.scope);
          if (b && b->type == BindingType::kImport) m.registered.push_back(b->qualified_name);
          else m.registered.push_back(":" + std::string(model.text(e)));
        } else if (kind_of(e) == Kind::kAttribute) {
          std::string qn = model.qualified_name(e, c.scope);
          if (!qn.empty()) m.registered.push_back(qn);
        }
      });
    });
  }
  (void)root;
  return m;
}

}  // namespace restack::check
