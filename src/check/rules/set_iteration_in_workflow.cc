// RSG110 set-iteration-in-workflow: `for x in some_set` in workflow code.
#include "check/rules/rule_helpers.h"
#include "check/rules/rules.h"

namespace restack::check {
namespace set_iteration_in_workflow_impl {

bool is_set_expression(const Context& ctx, TSNode n) {
  Kind k = kind_of(n);
  if (k == Kind::kSet || k == Kind::kSetComprehension) return true;
  if (k == Kind::kCall) {
    std::string qn = ctx.qualified_name(child(n, fields().function));
    return qn == "builtins.set" || qn == "builtins.frozenset";
  }
  return false;
}

/// The value a name or self.attribute was last bound to in this function or class, if known.
TSNode bound_value(const Context& ctx, TSNode n) {
  if (kind_of(n) == Kind::kIdentifier) {
    const Binding* b = ctx.lookup(ctx.text(n));
    return b && b->type == BindingType::kVariable ? b->value : TSNode{};
  }
  if (kind_of(n) == Kind::kAttribute && ctx.text(child(n, fields().object)) == "self") {
    const Scope* f = ctx.function_scope();
    if (!f || f->parent < 0) return {};
    const Scope& cls = ctx.model().scope(f->parent);
    auto it = cls.self_attribute_values.find(std::string(ctx.text(child(n, fields().attribute))));
    if (it != cls.self_attribute_values.end()) return it->second;
  }
  return {};
}

void check(Context& ctx, TSNode node) {
  if (!ctx.in_workflow_code()) return;
  TSNode iterable = child(node, fields().right);
  if (ts_node_is_null(iterable)) return;
  TSNode value = iterable;
  if (!is_set_expression(ctx, value)) {
    value = bound_value(ctx, iterable);
    if (ts_node_is_null(value) || !is_set_expression(ctx, value)) return;
  }
  ctx.report(iterable, "iterating over a set in workflow code: the order can differ between runs and replays",
             "iterate over sorted(...) or keep the items in a list");
}

}  // namespace set_iteration_in_workflow_impl

const Rule& set_iteration_in_workflow_rule() {
  static const Rule rule{{"RSG110", "set-iteration-in-workflow", Severity::kError,
                          "Iterating over a set in workflow code",
                          "The iteration order of a set of strings depends on hash randomisation, which differs "
                          "between worker processes. Steps scheduled in set order are scheduled in another order on "
                          "replay, which fails it.",
                          R"PY(from restack_ai.workflow import workflow

@workflow.defn()
class Notify:
    @workflow.run
    async def run(self, users: list[str]):
        for user in set(users):
            ...
)PY",
                          R"PY(from restack_ai.workflow import workflow

@workflow.defn()
class Notify:
    @workflow.run
    async def run(self, users: list[str]):
        for user in sorted(set(users)):
            ...
)PY"},
                         {Kind::kForStatement, Kind::kForInClause},
                         set_iteration_in_workflow_impl::check};
  return rule;
}

}  // namespace restack::check
