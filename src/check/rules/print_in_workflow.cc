// RSG112 print-in-workflow: print() in workflow code
#include "check/rules/rule_helpers.h"
#include "check/rules/rules.h"

namespace restack::check {
namespace print_in_workflow_impl {

void check(Context& ctx, TSNode node) {
  report_banned_reference(ctx, node, {
      {"builtins.print", "prints on every replay", "use log.info(...) from restack_ai.workflow"},
  });
}

}  // namespace print_in_workflow_impl

const Rule& print_in_workflow_rule() {
  static const Rule rule{{"RSG112", "print-in-workflow", Severity::kError, "print() in workflow code",
                          "print runs again on every replay, so the same line appears many times, and it writes to the worker stdout without workflow context. The workflow logger (log from restack_ai.workflow) is replay-aware and carries the workflow id.",
                          R"PY(from restack_ai.workflow import workflow

@workflow.defn()
class Greet:
    @workflow.run
    async def run(self, name: str):
        print("greeting", name)
)PY",
                          R"PY(from restack_ai.workflow import log, workflow

@workflow.defn()
class Greet:
    @workflow.run
    async def run(self, name: str):
        log.info("greeting", name=name)
)PY"},
                         {Kind::kReference},
                         print_in_workflow_impl::check};
  return rule;
}

}  // namespace restack::check
