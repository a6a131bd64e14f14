// RSG109 asyncio-wait-in-workflow: asyncio.wait or asyncio.as_completed in workflow code
#include "check/rules/rule_helpers.h"
#include "check/rules/rules.h"

namespace restack::check {
namespace asyncio_wait_in_workflow_impl {

void check(Context& ctx, TSNode node) {
  report_banned_reference(ctx, node, {
      {"asyncio.wait", "returns tasks in a set", "use asyncio.gather (ordered, the documented Restack fan-out)"},
      {"asyncio.as_completed", "yields in completion order", "use asyncio.gather (ordered, the documented Restack fan-out)"},
      {"asyncio.tasks.wait", "returns tasks in a set", "use asyncio.gather"},
  });
}

}  // namespace asyncio_wait_in_workflow_impl

const Rule& asyncio_wait_in_workflow_rule() {
  static const Rule rule{{"RSG109", "asyncio-wait-in-workflow", Severity::kError, "asyncio.wait or asyncio.as_completed in workflow code",
                          "asyncio.wait and asyncio.as_completed hand back tasks in sets and completion order, which can differ on replay. asyncio.gather keeps the order of its arguments and is the documented Restack fan-out.",
                          R"PY(import asyncio
from restack_ai.workflow import workflow

@workflow.defn()
class FanOut:
    @workflow.run
    async def run(self, tasks):
        done, _ = await asyncio.wait(tasks)
)PY",
                          R"PY(import asyncio
from restack_ai.workflow import workflow

@workflow.defn()
class FanOut:
    @workflow.run
    async def run(self, tasks):
        results = await asyncio.gather(*tasks)  # argument order, deterministic
)PY"},
                         {Kind::kReference},
                         asyncio_wait_in_workflow_impl::check};
  return rule;
}

}  // namespace restack::check
