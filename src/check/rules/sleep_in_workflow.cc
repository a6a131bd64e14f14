// RSG102 sleep-in-workflow: time.sleep or asyncio.sleep in workflow code
#include "check/rules/rule_helpers.h"
#include "check/rules/rules.h"

namespace restack::check {
namespace sleep_in_workflow_impl {

void check(Context& ctx, TSNode node) {
  report_banned_reference(ctx, node, {
      {"time.sleep", "blocks the worker", "use await workflow.sleep(seconds) (agent.sleep in an agent)"},
      {"asyncio.sleep", "is not a durable timer", "use await workflow.sleep(seconds) (agent.sleep in an agent)"},
  });
}

}  // namespace sleep_in_workflow_impl

const Rule& sleep_in_workflow_rule() {
  static const Rule rule{{"RSG102", "sleep-in-workflow", Severity::kError, "time.sleep or asyncio.sleep in workflow code",
                          "A workflow must wait with a durable timer recorded in history: time.sleep blocks the worker thread and is lost on replay, asyncio.sleep is a timer the server does not know about. workflow.sleep (agent.sleep in agents) survives worker restarts.",
                          R"PY(import asyncio
from restack_ai.workflow import workflow

@workflow.defn()
class Reminder:
    @workflow.run
    async def run(self):
        await asyncio.sleep(3600)
)PY",
                          R"PY(from restack_ai.workflow import workflow

@workflow.defn()
class Reminder:
    @workflow.run
    async def run(self):
        await workflow.sleep(3600)  # durable timer
)PY"},
                         {Kind::kReference},
                         sleep_in_workflow_impl::check};
  return rule;
}

}  // namespace restack::check
