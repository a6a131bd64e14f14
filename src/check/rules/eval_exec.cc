// RSG403 eval-exec: eval() and exec() run arbitrary code.
#include "check/rules/rule_helpers.h"
#include "check/rules/rules.h"

namespace restack::check {
namespace eval_exec_impl {

void check(Context& ctx, TSNode node) {
  std::string qn = ctx.qualified_name(child(node, fields().function));
  if (qn != "builtins.eval" && qn != "builtins.exec") return;
  ctx.report(node, "`" + qn.substr(9) + "` runs arbitrary code; with model or user input this is code injection",
             "parse the data instead (json.loads, ast.literal_eval, a dispatch table of allowed operations)");
}

}  // namespace eval_exec_impl

const Rule& eval_exec_rule() {
  static const Rule rule{{"RSG403", "eval-exec", Severity::kError, "eval() or exec()",
                          "eval and exec run any Python code they are given. In an agent, their input often comes "
                          "from an LLM answer or a user message, which makes it remote code execution.",
                          R"PY(result = eval(llm_answer)
)PY",
                          R"PY(import json
result = json.loads(llm_answer)
)PY"},
                         {Kind::kCall},
                         eval_exec_impl::check};
  return rule;
}

}  // namespace restack::check
