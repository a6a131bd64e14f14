// RSG108 threads-in-workflow: Threads, executors or processes in workflow code
#include "check/rules/rule_helpers.h"
#include "check/rules/rules.h"

namespace restack::check {
namespace threads_in_workflow_impl {

void check(Context& ctx, TSNode node) {
  report_banned_reference(ctx, node, {
      {"threading", "starts threads", "run parallel work as steps and await them with asyncio.gather"},
      {"_thread", "starts threads", "run parallel work as steps and await them with asyncio.gather"},
      {"concurrent.futures", "runs an executor", "run parallel work as steps and await them with asyncio.gather"},
      {"multiprocessing", "starts processes", "run parallel work as steps and await them with asyncio.gather"},
      {"asyncio.to_thread", "runs code on a thread", "run blocking work in a function (workflow.step)"},
      {"asyncio.run_coroutine_threadsafe", "crosses threads", "await the coroutine directly"},
  });
}

}  // namespace threads_in_workflow_impl

const Rule& threads_in_workflow_rule() {
  static const Rule rule{{"RSG108", "threads-in-workflow", Severity::kError, "Threads, executors or processes in workflow code",
                          "The workflow event loop is deterministic only while everything runs on it: threads, thread or process pools and multiprocessing run code outside its control and in an order that changes between runs. Parallel work belongs in functions, fanned out with asyncio.gather.",
                          R"PY(from concurrent.futures import ThreadPoolExecutor
from restack_ai.workflow import workflow

@workflow.defn()
class Batch:
    @workflow.run
    async def run(self, items: list[str]):
        with ThreadPoolExecutor() as pool:
            return list(pool.map(len, items))
)PY",
                          R"PY(import asyncio
from datetime import timedelta
from restack_ai.workflow import import_functions, workflow

with import_functions():
    from src.functions.measure import measure

@workflow.defn()
class Batch:
    @workflow.run
    async def run(self, items: list[str]):
        return await asyncio.gather(*[
            workflow.step(function=measure, function_input=i, start_to_close_timeout=timedelta(seconds=30))
            for i in items])
)PY"},
                         {Kind::kReference},
                         threads_in_workflow_impl::check};
  return rule;
}

}  // namespace restack::check
