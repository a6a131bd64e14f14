// RSG407 os-system: os.system / os.popen run a shell command line.
#include "check/rules/rule_helpers.h"
#include "check/rules/rules.h"

namespace restack::check {
namespace os_system_impl {

void check(Context& ctx, TSNode node) {
  std::string qn = ctx.qualified_name(child(node, fields().function));
  if (!qn_in(qn, {"os.system", "os.popen", "os.popen2", "os.popen3", "os.popen4", "popen2", "commands.getoutput",
                  "commands.getstatusoutput"}))
    return;
  ctx.report(node, "`" + qn + "` runs its argument through the shell", "use subprocess.run([...]) with a list");
}

}  // namespace os_system_impl

const Rule& os_system_rule() {
  static const Rule rule{{"RSG407", "os-system", Severity::kError, "os.system or os.popen",
                          "os.system and os.popen hand the whole string to /bin/sh, so any variable part is shell "
                          "injection, and their errors are easy to ignore.",
                          R"PY(os.system("git clone " + repo_url)
)PY",
                          R"PY(subprocess.run(["git", "clone", repo_url], check=True)
)PY"},
                         {Kind::kCall},
                         os_system_impl::check};
  return rule;
}

}  // namespace restack::check
