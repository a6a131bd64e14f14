// RSG111 module-state-mutation-in-workflow: workflow code that changes module-level state.
#include "check/rules/rule_helpers.h"
#include "check/rules/rules.h"

namespace restack::check {
namespace module_state_mutation_in_workflow_impl {

constexpr std::string_view kMutators[] = {"append", "extend", "insert", "pop",     "popitem", "remove", "clear",
                                          "update", "add",    "discard", "setdefault", "sort", "reverse", "__setitem__"};

/// The identifier at the base of a subscript/attribute chain (`CACHE` in `CACHE["k"].x`).
TSNode base_identifier(TSNode n) {
  for (int i = 0; i < 32; ++i) {
    Kind k = kind_of(n);
    if (k == Kind::kIdentifier) return n;
    if (k == Kind::kSubscript) n = child(n, fields().value);
    else if (k == Kind::kAttribute) n = child(n, fields().object);
    else return {};
  }
  return {};
}

bool is_module_variable(const Context& ctx, TSNode id) {
  return kind_of(id) == Kind::kIdentifier && ctx.resolve(id).kind == Resolved::kModuleVariable;
}

void report(Context& ctx, TSNode at, std::string_view name) {
  ctx.report(at,
             "workflow code changes module-level `" + std::string(name) +
                 "`: the change is shared by every workflow on the worker and lost on replay",
             "keep state on the workflow instance (self.x, set in __init__)");
}

void check(Context& ctx, TSNode node) {
  if (!ctx.in_workflow_code()) return;
  switch (kind_of(node)) {
    case Kind::kGlobalStatement:
      ctx.report(node, "`global` in workflow code: module-level state is shared by every workflow on the worker",
                 "keep state on the workflow instance (self.x, set in __init__)");
      return;
    case Kind::kAssignment:
    case Kind::kAugmentedAssignment: {
      TSNode left = child(node, fields().left);
      Kind k = kind_of(left);
      if (k != Kind::kSubscript && k != Kind::kAttribute) return;
      TSNode base = base_identifier(left);
      if (is_module_variable(ctx, base)) report(ctx, left, ctx.text(base));
      return;
    }
    case Kind::kCall: {
      TSNode fn = child(node, fields().function);
      if (kind_of(fn) != Kind::kAttribute) return;
      std::string_view method = ctx.text(child(fn, fields().attribute));
      bool mutator = false;
      for (auto m : kMutators) mutator = mutator || m == method;
      if (!mutator) return;
      TSNode base = base_identifier(child(fn, fields().object));
      if (is_module_variable(ctx, base)) report(ctx, fn, ctx.text(base));
      return;
    }
    default:
      return;
  }
}

}  // namespace module_state_mutation_in_workflow_impl

const Rule& module_state_mutation_in_workflow_rule() {
  static const Rule rule{{"RSG111", "module-state-mutation-in-workflow", Severity::kError,
                          "Workflow code that changes module-level state",
                          "One worker runs many workflows and replays them in any order: a module-level list or "
                          "dict changed by one is seen by the others, and its content on replay is not what it was "
                          "on the first run. State belongs on the workflow instance.",
                          R"PY(from restack_ai.workflow import workflow

SEEN = []

@workflow.defn()
class Track:
    @workflow.run
    async def run(self, item: str):
        SEEN.append(item)
)PY",
                          R"PY(from restack_ai.workflow import workflow

@workflow.defn()
class Track:
    def __init__(self):
        self.seen = []

    @workflow.run
    async def run(self, item: str):
        self.seen.append(item)
)PY"},
                         {Kind::kGlobalStatement, Kind::kAssignment, Kind::kAugmentedAssignment, Kind::kCall},
                         module_state_mutation_in_workflow_impl::check};
  return rule;
}

}  // namespace restack::check
