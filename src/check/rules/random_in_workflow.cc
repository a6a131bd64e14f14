// RSG103 random-in-workflow: Random numbers or random UUIDs in workflow code
#include "check/rules/rule_helpers.h"
#include "check/rules/rules.h"

namespace restack::check {
namespace random_in_workflow_impl {

void check(Context& ctx, TSNode node) {
  report_banned_reference(ctx, node, {
      {"random", "is random", "compute it in a function (step), or use uuid() from restack_ai.workflow"},
      {"secrets", "is random", "generate secrets in a function (step)"},
      {"uuid.uuid1", "is random", "use uuid() from restack_ai.workflow (deterministic)"},
      {"uuid.uuid4", "is random", "use uuid() from restack_ai.workflow (deterministic)"},
      {"os.urandom", "is random", "generate random bytes in a function (step)"},
      {"os.getrandom", "is random", "generate random bytes in a function (step)"},
      {"numpy.random", "is random", "compute it in a function (step)"},
  });
}

}  // namespace random_in_workflow_impl

const Rule& random_in_workflow_rule() {
  static const Rule rule{{"RSG103", "random-in-workflow", Severity::kError, "Random numbers or random UUIDs in workflow code",
                          "random, secrets, uuid.uuid1/uuid4 and os.urandom give a new value on every replay, so the workflow takes a different path than the one recorded. Restack exports a deterministic uuid() from restack_ai.workflow (and restack_ai.agent); anything else random belongs in a function.",
                          R"PY(import uuid
from restack_ai.workflow import workflow

@workflow.defn()
class Order:
    @workflow.run
    async def run(self):
        order_id = str(uuid.uuid4())
)PY",
                          R"PY(from restack_ai.workflow import workflow, uuid

@workflow.defn()
class Order:
    @workflow.run
    async def run(self):
        order_id = str(uuid())  # deterministic on replay
)PY"},
                         {Kind::kReference},
                         random_in_workflow_impl::check};
  return rule;
}

}  // namespace restack::check
