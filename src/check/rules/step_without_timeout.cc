// RSG205 step-without-timeout: workflow.step without start_to_close/schedule_to_close timeout.
#include "check/rules/rule_helpers.h"
#include "check/rules/rules.h"

namespace restack::check {
namespace step_without_timeout_impl {

void check(Context& ctx, TSNode node) {
  if (workflow_api_member(ctx, node) != "step" || has_kwargs_splat(node)) return;
  if (!ts_node_is_null(keyword_argument(ctx, node, "start_to_close_timeout")) ||
      !ts_node_is_null(keyword_argument(ctx, node, "schedule_to_close_timeout")))
    return;
  ctx.report(node,
             "step without an explicit start_to_close_timeout or schedule_to_close_timeout: Restack applies its own "
             "default timeout, which may not suit this function",
             "add start_to_close_timeout=timedelta(...) sized for the function");
}

}  // namespace step_without_timeout_impl

const Rule& step_without_timeout_rule() {
  static const Rule rule{{"RSG205", "step-without-timeout", Severity::kWarning,
                          "A step without an explicit start-to-close or schedule-to-close timeout",
                          "Restack applies a default timeout to steps that set none, so this is not an error, but "
                          "the default is not sized for the function: an LLM call may need minutes, a lookup a few "
                          "seconds. A stuck function is only retried once its timeout expires.",
                          R"PY(await workflow.step(function=summarize, function_input=doc)
)PY",
                          R"PY(await workflow.step(function=summarize, function_input=doc,
                    start_to_close_timeout=timedelta(minutes=2))
)PY"},
                         {Kind::kCall},
                         step_without_timeout_impl::check};
  return rule;
}

}  // namespace restack::check
