// RSG301 blocking-call-in-async: calls that block the event loop inside `async def`.
#include "check/rules/rule_helpers.h"
#include "check/rules/rules.h"

namespace restack::check {
namespace blocking_call_in_async_impl {

bool is_open_call(const Context& ctx, TSNode n) {
  if (kind_of(n) != Kind::kCall) return false;
  std::string qn = ctx.qualified_name(child(n, fields().function));
  return qn == "builtins.open" || qn == "io.open";
}

/// `open(p).read()` or `f.read()` with f from `with open(p) as f`: reads the whole file.
bool is_unbounded_read(const Context& ctx, TSNode call, TSNode fn) {
  std::string_view method = ctx.text(child(fn, fields().attribute));
  if ((method != "read" && method != "readlines") || positional_count(call) > 0) return false;
  TSNode obj = child(fn, fields().object);
  if (is_open_call(ctx, obj)) return true;
  if (kind_of(obj) == Kind::kIdentifier) {
    const Binding* b = ctx.lookup(ctx.text(obj));
    return b && b->type == BindingType::kVariable && is_open_call(ctx, b->value);
  }
  return false;
}

void check(Context& ctx, TSNode node) {
  if (!ctx.in_async_function_code()) return;
  TSNode fn = child(node, fields().function);
  std::string qn = ctx.qualified_name(fn);
  std::string hint;
  if (qn == "time.sleep") hint = "use `await asyncio.sleep(...)`";
  else if (qn_in(qn, {"requests.get", "requests.post", "requests.put", "requests.patch", "requests.delete",
                      "requests.head", "requests.options", "requests.request", "urllib.request.urlopen"}))
    hint = "use an async client (httpx.AsyncClient, aiohttp) or `await asyncio.to_thread(...)`";
  else if (qn_in(qn, {"subprocess.run", "subprocess.call", "subprocess.check_call", "subprocess.check_output",
                      "os.system"}))
    hint = "use `await asyncio.create_subprocess_exec(...)` or `await asyncio.to_thread(...)`";
  else if (qn == "builtins.input")
    hint = "read input outside the event loop";
  if (!hint.empty()) {
    std::string shown = starts_with(qn, "builtins.") ? qn.substr(9) : qn;
    ctx.report(node, "`" + shown + "` blocks the event loop inside `async def`", hint);
    return;
  }
  if (kind_of(fn) == Kind::kAttribute && is_unbounded_read(ctx, node, fn))
    ctx.report(node, "reading a whole file blocks the event loop inside `async def`",
               "read it with `await asyncio.to_thread(path.read_text)` or in bounded chunks");
}

}  // namespace blocking_call_in_async_impl

const Rule& blocking_call_in_async_rule() {
  static const Rule rule{{"RSG301", "blocking-call-in-async", Severity::kWarning,
                          "A blocking call inside `async def` function code",
                          "Restack functions run on the worker's event loop: a blocking call (time.sleep, "
                          "requests, subprocess, whole-file reads) stops every other function and heartbeat on "
                          "that worker until it returns.",
                          R"PY(@function.defn()
async def fetch_page(url: str) -> str:
    return requests.get(url, timeout=10).text
)PY",
                          R"PY(@function.defn()
async def fetch_page(url: str) -> str:
    async with httpx.AsyncClient(timeout=10) as client:
        return (await client.get(url)).text
)PY"},
                         {Kind::kCall},
                         blocking_call_in_async_impl::check};
  return rule;
}

}  // namespace restack::check
