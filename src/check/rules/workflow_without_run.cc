// RSG202 workflow-without-run: a workflow or agent class with no @workflow.run method.
#include "check/rules/rule_helpers.h"
#include "check/rules/rules.h"

namespace restack::check {
namespace workflow_without_run_impl {

void check(Context& ctx, TSNode node) {
  int s = ctx.model().scope_of(node);
  if (s < 0) return;
  const Scope& cls = ctx.model().scope(s);
  if (!cls.is_workflow_class || cls.has_run_method) return;
  // Inheriting the run method from a base class is legal; only flag classes without bases.
  TSNode bases = child(node, fields().superclasses);
  if (!ts_node_is_null(bases) && ts_node_named_child_count(bases) > 0) return;
  TSNode name = child(node, fields().name);
  ctx.report(name, "workflow class `" + std::string(ctx.text(name)) + "` has no method decorated with @workflow.run",
             "add `@workflow.run async def run(self, workflow_input: ...)` (`@agent.run` in an agent)");
}

}  // namespace workflow_without_run_impl

const Rule& workflow_without_run_rule() {
  static const Rule rule{{"RSG202", "workflow-without-run", Severity::kError,
                          "A workflow or agent class without a run method",
                          "The worker refuses to register a workflow class that has no @workflow.run (or "
                          "@agent.run) method, so the whole service fails at start-up.",
                          R"PY(@workflow.defn()
class Greet:
    async def greet(self, name: str):
        return f"Hello {name}"
)PY",
                          R"PY(@workflow.defn()
class Greet:
    @workflow.run
    async def run(self, name: str):
        return f"Hello {name}"
)PY"},
                         {Kind::kClassDefinition},
                         workflow_without_run_impl::check};
  return rule;
}

}  // namespace restack::check
