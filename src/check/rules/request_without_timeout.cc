// RSG302 request-without-timeout: requests.* / urlopen without a timeout wait forever.
#include "check/rules/rule_helpers.h"
#include "check/rules/rules.h"

namespace restack::check {
namespace request_without_timeout_impl {

void check(Context& ctx, TSNode node) {
  if (ctx.in_workflow_code()) return;  // RSG106 already reports any network use there
  std::string qn = ctx.qualified_name(child(node, fields().function));
  bool requests = qn_in(qn, {"requests.get", "requests.post", "requests.put", "requests.patch", "requests.delete",
                             "requests.head", "requests.options", "requests.request", "requests.api.request"});
  bool urlopen = qn == "urllib.request.urlopen";
  if (!requests && !urlopen) return;
  if (has_kwargs_splat(node) || !ts_node_is_null(keyword_argument(ctx, node, "timeout"))) return;
  if (urlopen && positional_count(node) >= 3) return;  // urlopen(url, data, timeout)
  ctx.report(node, "`" + qn + "` without a timeout waits forever if the server never answers",
             "pass timeout=... (seconds); the function's start_to_close_timeout cannot interrupt a blocked call");
}

}  // namespace request_without_timeout_impl

const Rule& request_without_timeout_rule() {
  static const Rule rule{{"RSG302", "request-without-timeout", Severity::kWarning,
                          "An HTTP request without a timeout",
                          "requests and urllib wait forever by default. A function stuck on a dead connection holds "
                          "a worker slot until its step timeout, and is then retried into the same hang.",
                          R"PY(response = requests.get(url)
)PY",
                          R"PY(response = requests.get(url, timeout=30)
)PY"},
                         {Kind::kCall},
                         request_without_timeout_impl::check};
  return rule;
}

}  // namespace restack::check
