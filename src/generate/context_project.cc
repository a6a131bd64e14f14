// Project-wide modules: src/services.py (one start_service per task queue), the schedule
// script, and the generated project's tests.
#include "generate/context_internal.h"
#include "generate/imports.h"
#include "generate/python_literal.h"

namespace restack::generate {

namespace {

struct Queue {
  std::set<std::string> workflows, functions;
};

std::map<std::string, Queue> queues(const ProjectIndex& index) {
  std::map<std::string, Queue> out;
  for (const auto& w : index.project.workflows) {
    out[workflow_task_queue(index, w)].workflows.insert(w.name);
    for_each_leaf(w.steps, [&](const spec::Step& s) {
      std::string q = step_task_queue(index, w, s);
      if (s.kind == spec::StepKind::kFunction) out[q].functions.insert(s.target);
      if (s.kind == spec::StepKind::kWorkflow) {
        const spec::Workflow& child = index.workflow(s.target);
        if (!s.task_queue && child.task_queue) q = *child.task_queue;
        out[q].workflows.insert(s.target);
      }
    });
  }
  // A function no step calls (a warning in the spec) still gets registered on the default
  // queue (or its own), so it can be called from elsewhere.
  std::set<std::string> registered;
  for (const auto& [q, entry] : out) registered.insert(entry.functions.begin(), entry.functions.end());
  for (const auto& f : index.project.functions)
    if (!registered.count(f.name)) out[f.task_queue.value_or(index.project.task_queue.value_or(""))].functions.insert(f.name);
  return out;
}

std::string list_expr(const std::set<std::string>& names, const std::map<std::string, std::string>& local) {
  std::string flat = "[";
  bool first = true;
  for (const auto& n : names) {
    flat += (first ? "" : ", ") + local.at(n);
    first = false;
  }
  return flat + "]";
}

}  // namespace

tmpl::Value services_context(const ProjectIndex& index) {
  NameScope scope = index.module_scope();
  ImportSet imports(&scope);
  std::map<std::string, std::string> local;
  for (const auto& f : index.project.functions) local[f.name] = imports.user("src.functions." + function_module(f.name), f.name);
  for (const auto& w : index.project.workflows) local[w.name] = imports.user("src.workflows." + workflow_module(w.name), w.name);
  std::vector<tmpl::Value> calls;
  NameScope defs(&scope);
  defs.claim("run_services");
  defs.claim("watch_services");
  std::string main_name = defs.fresh("main");
  std::string client = imports.from("src.client", "client");
  std::string asyncio = imports.module("asyncio");
  std::string logging = imports.module("logging");
  std::string path = imports.from("pathlib", "Path");
  std::string run_process = imports.from("watchfiles", "run_process");
  for (const auto& [q, entry] : queues(index)) {
    std::vector<Arg> args;
    // The call is an argument of asyncio.gather: its arguments sit at column 12.
    if (!entry.workflows.empty()) args.push_back({"workflows", list_expr(entry.workflows, local)});
    if (!entry.functions.empty()) args.push_back({"functions", list_expr(entry.functions, local)});
    if (!q.empty()) args.push_back({"task_queue", python_string(q)});
    calls.push_back(make_dict({{"task_queue", q}, {"call", call_expr(client + ".start_service", args, 8, 8, true)}}));
  }
  return make_dict({{"import_lines", string_list(imports.lines())},
                    {"asyncio", asyncio},
                    {"logging", logging},
                    {"path", path},
                    {"run_process", run_process},
                    {"main", main_name},
                    {"services", make_list(std::move(calls))}});
}

tmpl::Value schedule_context(const ProjectIndex& index) {
  NameScope scope = index.module_scope();
  ImportSet imports(&scope);
  PythonTypes types(index.models, imports, [&](const std::string& n) { return imports.user("src.models", n); });
  std::string client = imports.from("src.client", "client");
  std::string asyncio = imports.module("asyncio");
  std::string sys = imports.module("sys");
  std::string time = imports.module("time");
  std::vector<tmpl::Value> entries;
  NameScope fn_names(&scope);
  for (const auto& w : index.project.workflows) {
    std::string function = fn_names.fresh("schedule_" + snake_case(w.name));
    std::string in = index.input_model(w);
    // `input=` sits at column 8 inside the exploded schedule_workflow(...) call.
    std::string input = in.empty() ? "" : fit(types.construct(in, true), 8, 8 + 7);
    std::string queue = workflow_task_queue(index, w);
    std::string kind, what, schedule;
    if (w.schedule && w.schedule->cron) {
      kind = "cron";
      what = "cron " + *w.schedule->cron;
      schedule = call_expr(imports.from("restack_ai.restack", "ScheduleSpec"),
                           {{"cron_expressions", "[" + python_string(*w.schedule->cron) + "]"}}, 8, 8 + 9 + 1);
    } else if (w.schedule && w.schedule->every) {
      kind = "interval";
      what = "every " + w.schedule->every->text;
      std::string every = call_expr(imports.from("restack_ai.restack", "ScheduleIntervalSpec"),
                                    {{"every", types.timedelta_expr(w.schedule->every->seconds)}}, 0, 0);
      schedule = call_expr(imports.from("restack_ai.restack", "ScheduleSpec"), {{"intervals", "[" + every + "]"}}, 8, 8 + 9 + 1);
    } else {
      kind = "once";
      what = "one run";
    }
    entries.push_back(make_dict({{"name", w.name},
                                 {"function", std::move(function)},
                                 {"input", std::move(input)},
                                 {"task_queue", queue.empty() ? std::string() : python_string(queue)},
                                 {"kind", std::move(kind)},
                                 {"what", std::move(what)},
                                 {"schedule", std::move(schedule)}}));
  }
  return make_dict({{"import_lines", string_list(imports.lines())},
                    {"client", client},
                    {"asyncio", asyncio},
                    {"sys", sys},
                    {"time", time},
                    {"workflows", make_list(std::move(entries))}});
}

tmpl::Value tests_context(const ProjectIndex& index) {
  NameScope scope = index.module_scope();
  ImportSet imports(&scope);
  PythonTypes types(index.models, imports, [&](const std::string& n) { return imports.user("src.models", n); });
  std::string asyncio = imports.module("asyncio");
  std::string pytest = imports.module("pytest");
  std::string restack_ai = imports.module("restack_ai");
  std::vector<tmpl::Value> tests;
  NameScope test_names(&scope);
  for (const auto& w : index.project.workflows) {
    std::string cls = imports.user("src.workflows." + workflow_module(w.name), w.name);
    std::string in = index.input_model(w), out = index.output_model(w);
    std::string function = test_names.fresh("test_" + snake_case(w.name) + "_runs");
    std::string output_model = out.empty() ? "" : types.model_name(out);
    // Locals of the test function: `workflow_input` and `result` cannot clash with module
    // names, which are PascalCase classes or our imports.
    std::string input = in.empty() ? "" : "workflow_input = " + fit(types.construct(in, true), 4, 4 + 17);
    std::string call = cls + "().run(" + (in.empty() ? "" : "workflow_input") + ")";
    std::string run = out.empty() ? call_expr(asyncio + ".run", {{"", call}}, 4, 4)
                                  : "result = " + call_expr(asyncio + ".run", {{"", call}}, 4, 4 + 9);
    tests.push_back(make_dict({{"name", w.name},
                               {"function", std::move(function)},
                               {"output_model", std::move(output_model)},
                               {"input", std::move(input)},
                               {"run", std::move(run)}}));
  }
  return make_dict({{"import_lines", string_list(imports.lines())},
                    {"asyncio", asyncio},
                    {"pytest", pytest},
                    {"restack_ai", restack_ai},
                    {"workflows", make_list(std::move(tests))}});
}

}  // namespace restack::generate
