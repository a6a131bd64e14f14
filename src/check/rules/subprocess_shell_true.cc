// RSG406 subprocess-shell-true: subprocess with shell=True.
#include "check/rules/rule_helpers.h"
#include "check/rules/rules.h"

namespace restack::check {
namespace subprocess_shell_true_impl {

void check(Context& ctx, TSNode node) {
  std::string qn = ctx.qualified_name(child(node, fields().function));
  if (qn == "subprocess.getoutput" || qn == "subprocess.getstatusoutput" || qn == "asyncio.create_subprocess_shell") {
    ctx.report(node, "`" + qn + "` always runs its command through the shell",
               "pass an argument list to subprocess.run / asyncio.create_subprocess_exec");
    return;
  }
  if (!qn_in(qn, {"subprocess.Popen", "subprocess.run", "subprocess.call", "subprocess.check_call",
                  "subprocess.check_output"}))
    return;
  TSNode shell = keyword_argument(ctx, node, "shell");
  if (ts_node_is_null(shell) || !is_truthy_literal(ctx, shell)) return;
  ctx.report(node, "`" + qn + "` with shell=True: any variable part of the command can inject shell code",
             "pass the command as a list of arguments and drop shell=True");
}

}  // namespace subprocess_shell_true_impl

const Rule& subprocess_shell_true_rule() {
  static const Rule rule{{"RSG406", "subprocess-shell-true", Severity::kError, "subprocess with shell=True",
                          "With shell=True the command string is parsed by /bin/sh: a file name or model answer "
                          "containing `; rm -rf ~` runs it.",
                          R"PY(subprocess.run(f"convert {name} out.png", shell=True, check=True)
)PY",
                          R"PY(subprocess.run(["convert", name, "out.png"], check=True)
)PY"},
                         {Kind::kCall},
                         subprocess_shell_true_impl::check};
  return rule;
}

}  // namespace restack::check
