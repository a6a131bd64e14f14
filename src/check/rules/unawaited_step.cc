// RSG201 unawaited-step: workflow.step / child_execute / sleep called as a bare statement.
#include "check/rules/rule_helpers.h"
#include "check/rules/rules.h"

namespace restack::check {
namespace unawaited_step_impl {

void check(Context& ctx, TSNode node) {
  if (kind_of(ctx.ancestor(1)) != Kind::kExpressionStatement) return;
  std::string_view member = workflow_api_member(ctx, node);
  if (member != "step" && member != "child_execute" && member != "child_start" && member != "sleep" &&
      member != "condition")
    return;
  std::string callee(ctx.text(child(node, fields().function)));
  ctx.report(node, "`" + callee + "(...)` is never awaited: the coroutine is created and dropped, nothing runs",
             "write `await " + callee + "(...)`, or collect the coroutines and `await asyncio.gather(...)`");
}

}  // namespace unawaited_step_impl

const Rule& unawaited_step_rule() {
  static const Rule rule{{"RSG201", "unawaited-step", Severity::kError,
                          "A step, child workflow or durable sleep that is never awaited",
                          "workflow.step, child_execute, child_start, sleep and condition are coroutines: called "
                          "without await they do nothing (Python only warns 'coroutine was never awaited' at "
                          "garbage collection), so the function silently never runs.",
                          R"PY(@workflow.defn()
class Welcome:
    @workflow.run
    async def run(self):
        workflow.step(function=send_email, start_to_close_timeout=timedelta(minutes=1))
)PY",
                          R"PY(@workflow.defn()
class Welcome:
    @workflow.run
    async def run(self):
        await workflow.step(function=send_email, start_to_close_timeout=timedelta(minutes=1))
)PY"},
                         {Kind::kCall},
                         unawaited_step_impl::check};
  return rule;
}

}  // namespace restack::check
