#include "spec/validator.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

#include "common/spelling.h"
#include "spec/codes.h"
#include "spec/names.h"
#include "spec/project_names.h"
#include "spec/type_parser.h"
#include "spec/two_threads.h"
#include "spec/type_rules.h"

namespace restack::spec {
namespace {

// Field types and defaults: parses each field's type (against the project's models, which
// it only reads once check_models has parsed theirs) and checks its default. Two checkers on
// two threads, each with its own cache and sink, check two halves of a project's schemas.
class SchemaChecker {
 public:
  SchemaChecker(Project& p, DiagnosticSink& sink) : p_(p), sink_(sink) {}

  bool is_model(std::string_view n) const {
    for (const auto& m : p_.models)
      if (m.name == n) return true;
    return false;
  }

  SchemaLookup lookup() const {
    return [this](const std::string& name) -> const Schema* {
      const Model* m = p_.find_model(name);
      return m ? &m->schema : nullptr;
    };
  }

  void parse_field_type(Field& f) {
    TypeExpr& t = f.type;
    if (t.spelling.empty()) {  // no type given (reported by the reader)
      t = simple_type("Any");
      return;
    }
    Loc where = t.loc;
    // Specs repeat a few spellings in many fields (`int`, `Optional[str]`...): each is parsed
    // once. A parse depends only on the text and the models, and puts WHERE in every node.
    if (auto known = parsed_types_.find(t.spelling); known != parsed_types_.end()) {
      // What `t = known; set_loc(t, where)` gives, without copying what T holds already: its
      // position (WHERE) and, but for a parse that respelled it, its spelling.
      const TypeExpr& k = known->second;
      t.kind = k.kind;
      t.variadic = k.variadic;
      t.name = k.name;
      t.args = k.args;
      for (auto& a : t.args) set_loc(a, where);
      t.literals = k.literals;
      if (t.spelling != k.spelling) t.spelling = k.spelling;
      return;
    }
    std::string text = t.spelling;
    auto r = parse_type(text, [this](std::string_view n) { return is_model(n); }, where);
    if (r.type) {
      t = std::move(*r.type);
      t.loc = where;
      parsed_types_.emplace(std::move(text), t);
      return;
    }
    const TypeParseError& e = *r.error;
    Loc at = where;
    if (text.find('\n') == std::string::npos) {
      for (size_t i = 0; i < e.offset && i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++at.column;
    }
    if (e.unknown_name) {
      auto& d = report(sink_, Code::kUnknownTypeName, at, e.message);
      std::vector<std::string> names = known_type_names();
      for (const auto& m : p_.models) names.push_back(m.name);
      if (auto m = closest_match(e.message, names)) add_note(d, fmt::format("did you mean `{}`?", *m));
      else add_note(d, "define it under `models:` or use a supported type (see docs/spec.md)");
    } else {
      report(sink_, Code::kBadType, at, text, e.message);
    }
    t = simple_type("Any");
    t.loc = where;
    t.spelling = text;
  }

  static void set_loc(TypeExpr& t, const Loc& where) {
    t.loc = where;
    for (auto& a : t.args) set_loc(a, where);
  }

  void check_schema(Schema& s) {
    for (auto& f : s.fields) parse_field_type(f);
    for (auto& f : s.fields) {
      if (!f.default_value) continue;
      if (auto why = value_misfit(*f.default_value, f.type, lookup()))
        report(sink_, Code::kBadDefault, f.default_loc, f.default_value->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), f.type.spelling, *why);
    }
  }

 private:
  Project& p_;
  DiagnosticSink& sink_;
  std::unordered_map<std::string, TypeExpr> parsed_types_;  // spelling -> its type (parsed without error)
};

class Validator {
 public:
  Validator(Project& p, DiagnosticSink& sink, const ProjectNames& names, TwoThreads* threads)
      : p_(p), sink_(sink), names_(names), types_(p, sink), threads_(threads) {}

  /// Everything but check_child_cycles().
  void run() {
    check_models();
    if (!check_schemas_and_workflows_on_two_threads()) {
      check_schemas();
      check_generated_name_clashes();
      for (auto& w : p_.workflows) check_workflow(w, sink_);
    }
  }

  // Child-workflow cycles (only the workflows are looked up: the data-flow pass may have
  // reordered the functions since).
  void check_child_cycles() {
    std::map<std::string, int> state;
    std::vector<std::string> path;
    std::function<void(const Workflow&)> visit = [&](const Workflow& w) {
      state[w.name] = 1;
      path.push_back(w.name);
      std::function<void(const std::vector<Step>&)> walk = [&](const std::vector<Step>& steps) {
        for (const auto& s : steps) {
          walk(s.steps);
          if (s.kind != StepKind::kWorkflow) continue;
          const Workflow* child = workflow(s.target);
          if (!child) continue;
          if (state[child->name] == 1) {
            std::string cycle;
            for (auto it = std::find(path.begin(), path.end(), child->name); it != path.end(); ++it) cycle += *it + " -> ";
            report(sink_, Code::kWorkflowCycle, s.target_loc, cycle + child->name);
          } else if (state[child->name] == 0) {
            visit(*child);
          }
        }
      };
      walk(w.steps);
      path.pop_back();
      state[w.name] = 2;
    };
    for (const auto& w : p_.workflows)
      if (state[w.name] == 0) visit(w);
  }

 private:
  // Every function's and workflow's schemas, in that order.
  std::vector<Schema*> schemas() {
    std::vector<Schema*> schemas;
    schemas.reserve(2 * (p_.functions.size() + p_.workflows.size()));
    for (auto& f : p_.functions) {
      if (f.input_schema) schemas.push_back(&*f.input_schema);
      if (f.output_schema) schemas.push_back(&*f.output_schema);
    }
    for (auto& w : p_.workflows) {
      if (w.input_schema) schemas.push_back(&*w.input_schema);
      if (w.output_schema) schemas.push_back(&*w.output_schema);
    }
    return schemas;
  }

  void check_schemas() {
    for (Schema* s : schemas()) types_.check_schema(*s);
  }

  // The schemas (types and defaults) and the workflows' steps (names, callees, effective
  // settings) in two halves each, one of each on either thread: they read and write different
  // parts of the model (a field's type; a step's effective_*). Each half has its own sink,
  // added in the order one thread makes them: schemas, generated-name clashes, workflows.
  // False (nothing done) when there is no helper or too little to share.
  bool check_schemas_and_workflows_on_two_threads() {
    constexpr size_t kWorthTwoThreads = 256;
    if (!threads_) return false;
    std::vector<Schema*> all = schemas();
    if (all.size() < kWorthTwoThreads) return false;
    size_t half = all.size() / 2, workflow_half = p_.workflows.size() / 2;
    DiagnosticSink second_schemas, first_workflows, second_workflows;
    threads_->run(
        [&] {
          for (size_t i = 0; i < half; ++i) types_.check_schema(*all[i]);
          for (size_t i = 0; i < workflow_half; ++i) check_workflow(p_.workflows[i], first_workflows);
        },
        [&] {
          SchemaChecker second(p_, second_schemas);
          for (size_t i = half; i < all.size(); ++i) second.check_schema(*all[i]);
          for (size_t i = workflow_half; i < p_.workflows.size(); ++i)
            check_workflow(p_.workflows[i], second_workflows);
        });
    for (auto& d : second_schemas.all()) sink_.add(std::move(d));
    check_generated_name_clashes();
    for (DiagnosticSink* s : {&first_workflows, &second_workflows})
      for (auto& d : s->all()) sink_.add(std::move(d));
    return true;
  }

  SchemaLookup lookup() const { return types_.lookup(); }

  void check_models() {
    for (auto& m : p_.models)
      for (auto& f : m.schema.fields) types_.parse_field_type(f);
    for (auto& m : p_.models)
      for (auto& f : m.schema.fields)
        if (f.default_value)
          if (auto why = value_misfit(*f.default_value, f.type, lookup()))
            report(sink_, Code::kBadDefault, f.default_loc, f.default_value->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), f.type.spelling, *why);
    // Cycles: depth-first over "model field mentions model".
    std::map<std::string, int> state;  // 0 new, 1 on stack, 2 done
    std::vector<std::string> path;
    std::function<void(const Model&)> visit = [&](const Model& m) {
      state[m.name] = 1;
      path.push_back(m.name);
      for (const auto& f : m.schema.fields) {
        std::set<std::string> used;
        collect_models(f.type, used);
        for (const auto& u : used) {
          const Model* next = p_.find_model(u);
          if (!next) continue;
          if (state[u] == 1) {
            std::string cycle;
            auto it = std::find(path.begin(), path.end(), u);
            for (; it != path.end(); ++it) cycle += *it + " -> ";
            report(sink_, Code::kModelCycle, f.type.loc, cycle + u);
          } else if (state[u] == 0) {
            visit(*next);
          }
        }
      }
      path.pop_back();
      state[m.name] = 2;
    };
    for (const auto& m : p_.models)
      if (state[m.name] == 0) visit(m);
  }

  static void collect_models(const TypeExpr& t, std::set<std::string>& out) {
    if (t.kind == TypeExpr::Kind::kModel) out.insert(t.name);
    for (const auto& a : t.args) collect_models(a, out);
  }

  const Function* function(std::string_view name) const { return names_.function(name); }
  const Workflow* workflow(std::string_view name) const { return names_.workflow(name); }

  void check_generated_name_clashes() {
    if (p_.models.empty()) return;  // only a model can clash with a generated one
    std::map<std::string, std::string> generated;  // name -> what generates it
    for (const auto& w : p_.workflows) {
      generated[w.name + "Input"] = "the input model of workflow " + w.name;
      generated[w.name + "Output"] = "the output model of workflow " + w.name;
    }
    auto add_function = [&](const std::string& f) {
      generated[pascal_case(f) + "Input"] = "the input model of function " + f;
      generated[pascal_case(f) + "Output"] = "the output model of function " + f;
    };
    for (const auto& f : p_.functions) add_function(f.name);
    std::function<void(const std::vector<Step>&)> walk = [&](const std::vector<Step>& steps) {
      for (const auto& s : steps) {
        if (s.kind == StepKind::kFunction && !s.target.empty()) add_function(s.target);
        walk(s.steps);
      }
    };
    for (const auto& w : p_.workflows) walk(w.steps);
    for (const auto& m : p_.models) {
      auto it = generated.find(m.name);
      if (it != generated.end()) {
        auto& d = report(sink_, Code::kModelNameClash, m.loc, m.name, it->second);
        add_note(d, "rename the model");
      }
    }
  }

  // One workflow's steps, its problems into SINK (it touches nothing of other workflows).
  void check_workflow(Workflow& w, DiagnosticSink& sink) const {
    // Duplicate step names, counting the steps inside parallel groups.
    NameIndex<const Loc*> seen;
    seen.reserve(w.steps.size());
    check_steps(w, w.steps, seen, sink);
    if (w.schedule && w.input_schema)
      for (const auto& f : w.input_schema->fields)
        if (!f.default_value) report(sink, Code::kScheduledWorkflowInput, f.loc, w.name, f.name);
  }

  void check_steps(Workflow& w, std::vector<Step>& steps, NameIndex<const Loc*>& seen, DiagnosticSink& sink) const {
    for (auto& s : steps) {
      if (!s.name.empty()) {
        auto [first, fresh] = seen.emplace(s.name, &s.name_loc);
        if (!fresh) {
          auto& d = report(sink, Code::kDuplicateStep, s.name_loc, s.name, w.name);
          add_note(d, "first used here", **first);
        }
      }
      check_step(w, s, sink);
      check_steps(w, s.steps, seen, sink);
    }
  }

  void check_step(Workflow& w, Step& s, DiagnosticSink& sink) const {
    const Function* fn = s.kind == StepKind::kFunction ? function(s.target) : nullptr;
    const Workflow* child = s.kind == StepKind::kWorkflow ? workflow(s.target) : nullptr;
    if (s.kind == StepKind::kWorkflow && !s.target.empty() && !child) {
      auto& d = report(sink, Code::kUnknownWorkflow, s.target_loc, s.target);
      std::vector<std::string> names;
      for (const auto& o : p_.workflows) names.push_back(o.name);
      if (auto m = closest_match(s.target, names)) add_note(d, fmt::format("did you mean `{}`?", *m));
    }
    // Timeout: step > function > (child's own timeout) > workflow step_timeout > 2m.
    if (s.timeout) s.effective_timeout = *s.timeout;
    else if (fn && fn->timeout) s.effective_timeout = *fn->timeout;
    else if (child && child->timeout) s.effective_timeout = *child->timeout;
    else if (w.step_timeout) s.effective_timeout = *w.step_timeout;
    else s.effective_timeout = Duration{120, "2m", s.loc};
    // Retry: workflow's, then the function's, then the step's, key by key.
    if (s.kind == StepKind::kFunction) {
      const RetryPolicy* layers[] = {fn && fn->retry_policy ? &*fn->retry_policy : nullptr,
                                     s.retry_policy ? &*s.retry_policy : nullptr};
      if (!layers[0] && !layers[1]) {
        s.effective_retry = w.retry_policy;  // the usual case: copied once, no temporary
      } else {
        std::optional<RetryPolicy> r = w.retry_policy;
        for (const RetryPolicy* layer : layers) {
          if (!layer) continue;
          r = r ? r->merged_with(*layer) : *layer;
        }
        s.effective_retry = std::move(r);
      }
      const std::optional<RetryPolicy>& merged = s.effective_retry;
      if (merged && merged->initial_interval && merged->maximum_interval &&
          merged->maximum_interval->seconds < merged->initial_interval->seconds && (s.retry_policy || (fn && fn->retry_policy)))
        report(sink, Code::kBadRetryPolicy, s.retry_policy ? s.retry_policy->loc : fn->retry_policy->loc,
               fmt::format("merged with the workflow's policy, `maximum_interval` ({}) is shorter than "
                           "`initial_interval` ({})",
                           merged->maximum_interval->text, merged->initial_interval->text));
    }
    // Task queue: step > function > child workflow > workflow > project.
    if (s.task_queue) s.effective_task_queue = s.task_queue;
    else if (fn && fn->task_queue) s.effective_task_queue = fn->task_queue;
    else if (child && child->task_queue) s.effective_task_queue = child->task_queue;
    else if (w.task_queue) s.effective_task_queue = w.task_queue;
    else s.effective_task_queue = p_.task_queue;
  }

  Project& p_;
  DiagnosticSink& sink_;
  const ProjectNames& names_;  // every step looks its callee up
  SchemaChecker types_;
  TwoThreads* threads_;
};

// Moves the elements of ELEMENTS whose KEEP flag (from NEXT on) is set to the end of INTO:
// the whole vector at once when INTO is empty and all are kept (one file, no duplicate), else
// one by one into room for TOTAL.
template <typename T>
void move_kept(std::vector<T>& elements, const std::vector<bool>& keep, size_t& next, std::vector<T>& into, size_t total) {
  auto first = keep.begin() + static_cast<ptrdiff_t>(next);
  bool all = std::all_of(first, first + static_cast<ptrdiff_t>(elements.size()), [](bool k) { return k; });
  if (all && into.empty()) {
    next += elements.size();
    into = std::move(elements);
    return;
  }
  into.reserve(total);  // each element moved once, not again as INTO grows
  for (T& e : elements)
    if (keep[next++]) into.push_back(std::move(e));
}

void merge(std::vector<ParsedFile>& files, Project& p, DiagnosticSink& sink) {
  // First each name is checked where it is (the index views the names in FILES, which do not
  // move during this pass), then the definitions kept move to P: a 5,000-function project
  // makes one hash insertion per name and moves its function list once, as a whole.
  size_t functions = 0, workflows = 0, models = 0;
  for (const auto& f : files) {
    functions += f.part.functions.size();
    workflows += f.part.workflows.size();
    models += f.part.models.size();
  }
  struct Definition {
    const char* kind;
    const Loc* loc;
  };
  NameIndex<Definition> names;
  names.reserve(functions + workflows + models);
  std::vector<bool> keep;  // per definition: models, functions, workflows of each file in turn
  keep.reserve(functions + workflows + models);
  auto define = [&](const std::string& name, const char* kind, const Loc& loc) {
    if (name.empty()) {
      keep.push_back(true);
      return;
    }
    auto [first, fresh] = names.emplace(name, Definition{kind, &loc});
    if (!fresh) {
      auto& d = report(sink, Code::kDuplicateDefinition, loc, kind, name);
      add_note(d, fmt::format("the {} `{}` is defined here", first->kind, name), *first->loc);
    }
    keep.push_back(fresh);
  };
  const ParsedFile* project_file = nullptr;
  for (const auto& f : files) {
    p.files.push_back(f.file);
    if (f.is_project) {
      if (!project_file) {
        project_file = &f;
        p.name = f.part.name;
        p.description = f.part.description;
        p.task_queue = f.part.task_queue;
      } else if (f.part.name != p.name) {
        report(sink, Code::kProjectNamedTwice, f.project_loc, p.name);
      }
    }
    for (const auto& m : f.part.models) define(m.name, "model", m.loc);
    for (const auto& fn : f.part.functions) define(fn.name, "function", fn.loc);
    for (const auto& w : f.part.workflows) define(w.name, "workflow", w.name_loc.known() ? w.name_loc : w.loc);
  }
  size_t next = 0;
  for (auto& f : files) {
    move_kept(f.part.models, keep, next, p.models, models);
    move_kept(f.part.functions, keep, next, p.functions, functions);
    move_kept(f.part.workflows, keep, next, p.workflows, workflows);
  }
  if (!project_file && !p.workflows.empty()) p.name = kebab_case(p.workflows.front().name);
  p.package_name = p.name;
  for (char& c : p.package_name)
    if (c == '-') c = '_';
}

}  // namespace

Project build_project(std::vector<ParsedFile> files, DiagnosticSink& sink, TwoThreads* threads) {
  Project p;
  merge(files, p, sink);
  ProjectNames names(p);  // for both passes: neither adds, removes or moves a function or workflow
  Validator validator(p, sink, names, threads);
  validator.run();
  // The child-workflow cycles are reported before the data flow's problems, but checked
  // after it: serial work the helper thread's exit (at the data flow's end) overlaps.
  DiagnosticSink flow_sink;
  detail::resolve_data_flow(p, flow_sink, names, threads);
  validator.check_child_cycles();
  for (auto& d : flow_sink.all()) sink.add(std::move(d));
  return p;
}

}  // namespace restack::spec
