// RSG107 subprocess-in-workflow: starting processes from workflow code.
#include "check/rules/rule_helpers.h"
#include "check/rules/rules.h"

namespace restack::check {
namespace subprocess_in_workflow_impl {

void check(Context& ctx, TSNode node) {
  if (!ctx.in_workflow_code()) return;
  std::string qn = ctx.qualified_name(node);
  if (qn.empty()) return;
  bool process = (starts_with(qn, "os.") && classify_os_member(qn) == OsMember::kProcess) ||
                 qn_in(qn, {"subprocess", "asyncio.create_subprocess_exec", "asyncio.create_subprocess_shell", "pty",
                            "signal"});
  if (!process) return;
  ctx.report(node, "`" + qn + "` starts or controls a process in workflow code, which must be deterministic",
             "run commands in a function (workflow.step)");
}

}  // namespace subprocess_in_workflow_impl

const Rule& subprocess_in_workflow_rule() {
  static const Rule rule{{"RSG107", "subprocess-in-workflow", Severity::kError,
                          "Subprocesses (subprocess, os.system, os.fork...) in workflow code",
                          "A process started from workflow code starts again on every replay and its output is not "
                          "recorded. Run commands in a function.",
                          R"PY(import subprocess
from restack_ai.workflow import workflow

@workflow.defn()
class Build:
    @workflow.run
    async def run(self):
        subprocess.run(["make"], check=True)
)PY",
                          R"PY(from datetime import timedelta
from restack_ai.workflow import import_functions, workflow

with import_functions():
    from src.functions.run_make import run_make

@workflow.defn()
class Build:
    @workflow.run
    async def run(self):
        await workflow.step(function=run_make, start_to_close_timeout=timedelta(minutes=10))
)PY"},
                         {Kind::kReference},
                         subprocess_in_workflow_impl::check};
  return rule;
}

}  // namespace restack::check
