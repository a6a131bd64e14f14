// RSG104 environment-in-workflow: environment variables and process state (os.*) read in
// workflow code.
#include "check/rules/rule_helpers.h"
#include "check/rules/rules.h"

namespace restack::check {
namespace environment_in_workflow_impl {

void check(Context& ctx, TSNode node) {
  if (!ctx.in_workflow_code()) return;
  std::string qn = ctx.qualified_name(node);
  if (!starts_with(qn, "os.") || classify_os_member(qn) != OsMember::kEnvironment) return;
  bool env = starts_with(qn, "os.environ") || starts_with(qn, "os.getenv") || starts_with(qn, "os.putenv") ||
             starts_with(qn, "os.unsetenv");
  ctx.report(node,
             "`" + qn + "` " + (env ? "reads the environment" : "reads process state") +
                 " in workflow code, which must be deterministic",
             "read configuration in a function (workflow.step) or pass it in the workflow input");
}

}  // namespace environment_in_workflow_impl

const Rule& environment_in_workflow_rule() {
  static const Rule rule{{"RSG104", "environment-in-workflow", Severity::kError,
                          "Environment variables or os process state in workflow code",
                          "The environment of the worker that replays a workflow is not the one that first ran it: "
                          "os.environ, os.getenv, os.getpid and friends can give another answer on replay. Read "
                          "configuration in a function or pass it in the workflow input. Pure path helpers "
                          "(os.path.join, os.sep...) are allowed.",
                          R"PY(import os
from restack_ai.workflow import workflow

@workflow.defn()
class Notify:
    @workflow.run
    async def run(self):
        channel = os.environ["SLACK_CHANNEL"]
)PY",
                          R"PY(from pydantic import BaseModel
from restack_ai.workflow import workflow

class NotifyInput(BaseModel):
    channel: str

@workflow.defn()
class Notify:
    @workflow.run
    async def run(self, workflow_input: NotifyInput):
        channel = workflow_input.channel
)PY"},
                         {Kind::kReference},
                         environment_in_workflow_impl::check};
  return rule;
}

}  // namespace restack::check
