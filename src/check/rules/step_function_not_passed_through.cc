// RSG203 step-function-not-passed-through: a step function imported outside `with import_functions():`.
#include "check/rules/rule_helpers.h"
#include "check/rules/rules.h"

namespace restack::check {
namespace step_function_not_passed_through_impl {

void check(Context& ctx, TSNode node) {
  if (workflow_api_member(ctx, node) != "step") return;
  TSNode fn = keyword_argument(ctx, node, "function");
  if (ts_node_is_null(fn)) fn = positional_argument(node, 0);
  TSNode base = fn;
  for (int i = 0; i < 32 && kind_of(base) == Kind::kAttribute; ++i) base = child(base, fields().object);
  if (kind_of(base) != Kind::kIdentifier) return;
  const Binding* b = ctx.lookup(ctx.text(base));
  if (!b || b->type != BindingType::kImport || b->in_import_functions) return;
  ctx.report(fn,
             "step function `" + std::string(ctx.text(fn)) +
                 "` is imported outside `with import_functions():`, so the workflow sandbox re-imports its module "
                 "(and everything it imports) on every run",
             "move the import into a `with import_functions():` block");
}

}  // namespace step_function_not_passed_through_impl

const Rule& step_function_not_passed_through_rule() {
  static const Rule rule{{"RSG203", "step-function-not-passed-through", Severity::kError,
                          "A step function imported outside `with import_functions():`",
                          "Workflow modules run in a sandbox that re-imports them; functions (and the LLM SDKs, "
                          "HTTP clients and file access they use) must be imported through import_functions(), "
                          "which passes them through. Imported directly, the function module is loaded in the "
                          "sandbox, which rejects or slows it down.",
                          R"PY(from restack_ai.workflow import workflow
from src.functions.send_email import send_email

@workflow.defn()
class Welcome:
    @workflow.run
    async def run(self):
        await workflow.step(function=send_email)
)PY",
                          R"PY(from restack_ai.workflow import import_functions, workflow

with import_functions():
    from src.functions.send_email import send_email

@workflow.defn()
class Welcome:
    @workflow.run
    async def run(self):
        await workflow.step(function=send_email)
)PY"},
                         {Kind::kCall},
                         step_function_not_passed_through_impl::check};
  return rule;
}

}  // namespace restack::check
