// RSG101 wall-clock-in-workflow: Reading the wall clock in workflow code
#include "check/rules/rule_helpers.h"
#include "check/rules/rules.h"

namespace restack::check {
namespace wall_clock_in_workflow_impl {

void check(Context& ctx, TSNode node) {
  report_banned_reference(ctx, node, {
      {"datetime.datetime.now", "reads the wall clock", "use workflow.now() (deterministic, recorded in history)"},
      {"datetime.datetime.utcnow", "reads the wall clock", "use workflow.now()"},
      {"datetime.datetime.today", "reads the wall clock", "use workflow.now()"},
      {"datetime.date.today", "reads the wall clock", "use workflow.now().date()"},
      {"time.time", "reads the wall clock", "use workflow.now()"},
      {"time.time_ns", "reads the wall clock", "use workflow.now()"},
      {"time.monotonic", "reads a clock", "use workflow.now() to measure durations in a workflow"},
      {"time.monotonic_ns", "reads a clock", "use workflow.now()"},
      {"time.perf_counter", "reads a clock", "use workflow.now()"},
      {"time.perf_counter_ns", "reads a clock", "use workflow.now()"},
      {"time.process_time", "reads a clock", "use workflow.now()"},
      {"time.localtime", "reads the wall clock", "use workflow.now()"},
      {"time.gmtime", "reads the wall clock", "use workflow.now()"},
      {"time.ctime", "reads the wall clock", "use workflow.now()"},
  });
}

}  // namespace wall_clock_in_workflow_impl

const Rule& wall_clock_in_workflow_rule() {
  static const Rule rule{{"RSG101", "wall-clock-in-workflow", Severity::kError, "Reading the wall clock in workflow code",
                          "Workflow code is replayed from history, possibly days later and on another worker: datetime.now() or time.time() return a different value on replay, so decisions based on them diverge and the replay fails with a non-determinism error. The Temporal sandbox restricts these calls for that reason.",
                          R"PY(from datetime import datetime
from restack_ai.workflow import workflow

@workflow.defn()
class Report:
    @workflow.run
    async def run(self):
        started = datetime.now()
)PY",
                          R"PY(from restack_ai.workflow import workflow

@workflow.defn()
class Report:
    @workflow.run
    async def run(self):
        started = workflow.now()  # recorded in history, identical on replay
)PY"},
                         {Kind::kReference},
                         wall_clock_in_workflow_impl::check};
  return rule;
}

}  // namespace restack::check
