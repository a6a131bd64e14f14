// Project-wide modules: src/services.py (one start_service per task queue), the schedule
// script, and the generated project's tests.
#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

#include "generate/context_internal.h"
#include "generate/imports.h"
#include "generate/python_literal.h"

namespace restack::generate {

void sort_texts(std::vector<std::string_view>& names) {
  struct Keyed {
    uint64_t prefix;
    std::string_view text;
  };
  std::vector<Keyed> keyed;
  keyed.reserve(names.size());
  for (std::string_view n : names) {
    uint64_t prefix = 0;
    for (size_t i = 0; i < 8; ++i) prefix = (prefix << 8) | (i < n.size() ? static_cast<unsigned char>(n[i]) : 0u);
    keyed.push_back({prefix, n});
  }
  std::sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
    return a.prefix != b.prefix ? a.prefix < b.prefix : text_less(a.text, b.text);
  });
  for (size_t i = 0; i < keyed.size(); ++i) names[i] = keyed[i].text;
}

namespace {

/// What src/services.py registers on one queue: views into the spec (which outlives the
/// context's building), each list sorted and each name once.
struct QueueRegistrations {
  std::string_view queue;
  std::vector<std::string_view> workflows, functions;
};

/// Every workflow and function registered on each queue, the queues sorted. A project has a
/// few queues, found by a short scan (by address first: most views share the project's
/// queue); each list is sorted once at the end instead of kept in a std::set of copies.
std::vector<QueueRegistrations> registrations(const ProjectIndex& index) {
  std::vector<QueueRegistrations> out;
  auto on = [&](std::string_view queue) -> QueueRegistrations& {
    for (auto& q : out)
      if ((q.queue.data() == queue.data() && q.queue.size() == queue.size()) || q.queue == queue) return q;
    return out.emplace_back(QueueRegistrations{queue, {}, {}});
  };
  const auto& functions = index.project.functions;
  std::vector<char> called(functions.size(), 0);
  for (const auto& w : index.project.workflows) {
    on(workflow_task_queue_view(index, w)).workflows.push_back(w.name);
    for_each_leaf(w.steps, [&](const spec::Step& s) {
      if (s.kind == spec::StepKind::kFunction) {
        on(step_task_queue_view(index, w, s)).functions.push_back(s.target);
        if (const spec::Function* f = index.names.function(s.target)) called[size_t(f - functions.data())] = 1;
      } else if (s.kind == spec::StepKind::kWorkflow) {
        const spec::Workflow& child = index.workflow(s.target);
        std::string_view q = !s.task_queue && child.task_queue ? std::string_view(*child.task_queue) : step_task_queue_view(index, w, s);
        on(q).workflows.push_back(s.target);
      }
    });
  }
  // A function no step calls (a warning in the spec) still gets registered on the default
  // queue (or its own), so it can be called from elsewhere.
  for (size_t i = 0; i < functions.size(); ++i) {
    if (called[i]) continue;
    const spec::Function& f = functions[i];
    std::string_view q = f.task_queue ? std::string_view(*f.task_queue)
                                      : index.project.task_queue ? std::string_view(*index.project.task_queue) : std::string_view();
    on(q).functions.push_back(f.name);
  }
  auto sort_unique = [](std::vector<std::string_view>& names) {
    sort_texts(names);
    names.erase(std::unique(names.begin(), names.end()), names.end());
  };
  for (auto& q : out) {
    sort_unique(q.workflows);
    sort_unique(q.functions);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return text_less(a.queue, b.queue); });
  return out;
}

/// `[a, b, c]` of NAMES.
std::string list_expr(const std::vector<std::string_view>& names) {
  size_t size = 2;
  for (std::string_view n : names) size += n.size() + 2;
  std::string flat;
  flat.reserve(size);
  flat += '[';
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) flat += ", ";
    flat += names[i];
  }
  flat += ']';
  return flat;
}

/// `from src.functions.MODULE import NAME` for every function, `src.workflows` for every
/// workflow. User names are imported as they are (ImportSet::user never aliases them), so the
/// registration lists spell them directly. The module's name is written into one buffer, reused.
void import_registered(const ProjectIndex& index, ImportSet& imports) {
  std::string module;
  auto add = [&](std::string_view package, const std::string& name) {
    module.assign(package);
    module += snake_case(name);  // function_module / workflow_module
    imports.user(module, name);
  };
  for (const auto& f : index.project.functions) add("src.functions.", f.name);
  for (const auto& w : index.project.workflows) add("src.workflows.", w.name);
}

}  // namespace

tmpl::Value services_context(const ProjectIndex& index) {
  NameScope scope = index.module_scope();
  ImportSet imports(&scope);
  import_registered(index, imports);
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
  const std::string start_service = client + ".start_service";
  for (const auto& [q, workflows, functions] : registrations(index)) {
    std::vector<Arg> args;
    // The call is an argument of asyncio.gather: its arguments sit at column 12.
    if (!workflows.empty()) args.push_back({"workflows", list_expr(workflows)});
    if (!functions.empty()) args.push_back({"functions", list_expr(functions)});
    if (!q.empty()) args.push_back({"task_queue", python_string(q)});
    calls.push_back(make_dict({{"task_queue", std::string(q)}, {"call", call_expr(start_service, args, 8, 8, true)}}));
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
