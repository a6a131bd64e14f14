// src/workflows/<name>.py: the workflow class. Every step becomes an awaited call with its
// effective timeout, retry policy and task queue; a parallel group becomes one asyncio.gather
// over all its leaf steps (nested groups run concurrently too); data flows through explicitly
// constructed input models; the output model is built from the resolved output mapping.
#include <fmt/format.h>

#include "generate/context_internal.h"
#include "generate/imports.h"
#include "generate/python_literal.h"
#include "template/data.h"

namespace restack::generate {

namespace {

using spec::StepKind;

std::string reference_text(const spec::Reference& r) {
  switch (r.kind) {
    case spec::Reference::Kind::kInput: return "input";
    case spec::Reference::Kind::kInputField: return "input." + r.field;
    case spec::Reference::Kind::kStep: return "steps." + r.step;
    case spec::Reference::Kind::kStepField: return "steps." + r.step + "." + r.field;
  }
  return "input";
}

tmpl::Value value_plan(const spec::Value& v) {
  if (v.is_reference()) return make_dict({{"ref", reference_text(v.reference())}});
  return make_dict({{"literal", tmpl::from_json(v.literal())}});
}

/// {field: value_plan} with the fields in sorted order (a JSON object, as dumped).
tmpl::Value mapping_plan(const spec::Mapping& m) {
  std::vector<const std::pair<std::string, spec::Value>*> sorted;
  sorted.reserve(m.size());
  for (const auto& entry : m) sorted.push_back(&entry);
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
  tmpl::Value out = tmpl::Value::dict();
  auto& dict = out.as_dict();
  for (const auto* entry : sorted) dict.set(tmpl::Value(entry->first), value_plan(entry->second));
  return out;
}

void mark_used(const spec::Value& v, std::set<std::string>& used) {
  if (v.is_reference()) {
    const auto& r = v.reference();
    if (r.kind == spec::Reference::Kind::kStep || r.kind == spec::Reference::Kind::kStepField) used.insert(r.step);
  }
}

class WorkflowBuilder {
 public:
  WorkflowBuilder(const ProjectIndex& index, const spec::Workflow& w)
      : index_(index),
        w_(w),
        // `with import_functions():` must keep the SDK's own name (restack-gen check and readers
        // look for it): a user function of that name is the import that gets an alias.
        scope_(index.module_scope({"import_functions"})),
        top_(&scope_),
        shielded_(&scope_),
        types_(index.models, top_, [this](const std::string& n) { return shielded_.user("src.models", n); }),
        locals_(&scope_) {}

  tmpl::Value build();

 private:
  std::string sdk(const std::string& name) { return top_.from("restack_ai.workflow", name); }
  std::string value_expr(const spec::Value& v, const spec::TypeExpr* target);
  std::string input_arg(const spec::ResolvedInput& in, const std::string& model, size_t line_indent,
                        const std::string& key);
  std::string retry_expr(const spec::RetryPolicy& p, size_t indent);
  std::string call_for(const spec::Step& s, size_t line_indent);
  tmpl::Value step_context(const spec::Step& s);
  tmpl::Value leaf_plan(const spec::Step& s, const std::string& group);
  std::string log_call(const std::string& message, size_t indent) {
    return call_expr(sdk("log") + ".info", {{"", python_string(message)}}, indent, indent);
  }

  const ProjectIndex& index_;
  const spec::Workflow& w_;
  NameScope scope_;
  ImportSet top_;       // standard library, restack_ai, child workflows
  ImportSet shielded_;  // inside `with import_functions():` (functions and models)
  PythonTypes types_;
  NameScope locals_;
  std::string input_param_;
  std::set<std::string> used_;
  std::map<std::string, std::string> result_var_;
  std::map<std::string, std::string> function_local_;  // function -> its name in this module
  std::vector<tmpl::Value> plan_;
};

std::string WorkflowBuilder::value_expr(const spec::Value& v, const spec::TypeExpr* target) {
  if (!v.is_reference()) {
    static const spec::TypeExpr any{};
    return types_.value(v.literal(), target ? *target : any);
  }
  const auto& r = v.reference();
  switch (r.kind) {
    case spec::Reference::Kind::kInput: return input_param_;
    case spec::Reference::Kind::kInputField: return input_param_ + "." + r.field;
    case spec::Reference::Kind::kStep: return result_var_.at(r.step);
    case spec::Reference::Kind::kStepField: return result_var_.at(r.step) + "." + r.field;
  }
  return input_param_;
}

std::string WorkflowBuilder::input_arg(const spec::ResolvedInput& in, const std::string& model, size_t line_indent,
                                       const std::string& key) {
  if (in.mode == spec::ResolvedInput::Mode::kWhole) return value_expr(in.whole, nullptr);
  const spec::Schema* schema = nullptr;
  if (auto it = index_.models.find(model); it != index_.models.end()) {
    schema = it->second.schema;
    if (!schema && !it->second.alias_of.empty())
      if (auto at = index_.models.find(it->second.alias_of); at != index_.models.end()) schema = at->second.schema;
  }
  std::vector<Arg> args;
  for (const auto& [field, value] : in.fields) {
    const spec::Field* f = schema ? find_field(*schema, field) : nullptr;
    args.push_back({field, value_expr(value, f ? &f->type : nullptr)});
  }
  return flat_call(types_.model_name(model), args);
}

std::string WorkflowBuilder::retry_expr(const spec::RetryPolicy& p, size_t indent) {
  std::vector<Arg> args;
  if (p.initial_interval) args.push_back({"initial_interval", types_.timedelta_expr(p.initial_interval->seconds)});
  if (p.backoff_coefficient) args.push_back({"backoff_coefficient", python_float(*p.backoff_coefficient)});
  if (p.maximum_interval) args.push_back({"maximum_interval", types_.timedelta_expr(p.maximum_interval->seconds)});
  if (p.maximum_attempts) args.push_back({"maximum_attempts", std::to_string(*p.maximum_attempts)});
  if (p.non_retryable_error_types) {
    std::string list = "[";
    for (size_t i = 0; i < p.non_retryable_error_types->size(); ++i)
      list += (i ? ", " : "") + python_string((*p.non_retryable_error_types)[i]);
    args.push_back({"non_retryable_error_types", list + "]"});
  }
  return flat_call(sdk("RetryPolicy"), args);
}

std::string WorkflowBuilder::call_for(const spec::Step& s, size_t line_indent) {
  size_t arg_indent = line_indent + 4;
  std::vector<Arg> args;
  if (s.kind == StepKind::kSleep) {
    return sdk("workflow") + ".sleep(" + python_seconds(s.duration ? s.duration->seconds : 1) + ")";
  }
  std::string queue = step_task_queue(index_, w_, s);
  if (s.kind == StepKind::kWorkflow) {
    const spec::Workflow& child = index_.workflow(s.target);
    if (!s.task_queue) queue = child.task_queue ? *child.task_queue : queue;
    args.push_back({"workflow", s.target});
    args.push_back({"workflow_id", "f\"{" + sdk("workflow_info") + "().workflow_id}-" + s.name + "\""});
    if (s.resolved_input.mode != spec::ResolvedInput::Mode::kNone)
      args.push_back({"workflow_input", input_arg(s.resolved_input, index_.input_model(child), arg_indent, "workflow_input")});
    if (!queue.empty()) args.push_back({"task_queue", python_string(queue)});
    return call_expr(sdk("workflow") + ".child_execute", args, line_indent, line_indent, true);
  }
  const spec::Function* fn = &index_.function(s.target);
  args.push_back({"function", function_local_.at(s.target)});
  if (s.resolved_input.mode != spec::ResolvedInput::Mode::kNone)
    args.push_back({"function_input", input_arg(s.resolved_input, index_.input_model(*fn), arg_indent, "function_input")});
  double timeout = s.timeout ? s.timeout->seconds
                   : fn->timeout ? fn->timeout->seconds
                   : s.effective_timeout.seconds > 0 ? s.effective_timeout.seconds
                   : w_.step_timeout ? w_.step_timeout->seconds
                   : 120;
  args.push_back({"start_to_close_timeout", types_.timedelta_expr(timeout)});
  spec::RetryPolicy retry = w_.retry_policy.value_or(spec::RetryPolicy{});
  if (fn->retry_policy) retry = merge_retry(retry, *fn->retry_policy);
  if (s.retry_policy) retry = merge_retry(retry, *s.retry_policy);
  if (!retry_empty(retry)) args.push_back({"retry_policy", retry_expr(retry, arg_indent + 14)});
  if (!queue.empty()) args.push_back({"task_queue", python_string(queue)});
  return call_expr(sdk("workflow") + ".step", args, line_indent, line_indent, true);
}

tmpl::Value WorkflowBuilder::leaf_plan(const spec::Step& s, const std::string& group) {
  tmpl::Value in;
  if (s.resolved_input.mode == spec::ResolvedInput::Mode::kWhole)
    in = make_dict({{"mode", "whole"}, {"whole", value_plan(s.resolved_input.whole)}});
  else if (s.resolved_input.mode == spec::ResolvedInput::Mode::kFields)
    in = make_dict({{"mode", "fields"}, {"fields", mapping_plan(s.resolved_input.fields)}});
  else
    in = make_dict({{"mode", "none"}});
  return make_dict(
      {{"name", s.name},
       {"kind", spec::StepKind::kFunction == s.kind ? "function" : s.kind == StepKind::kWorkflow ? "workflow" : "sleep"},
       {"target", s.target},
       {"group", group},
       {"seconds", s.duration ? s.duration->seconds : 0.0},
       {"task_queue", s.kind == StepKind::kSleep ? std::string() : step_task_queue(index_, w_, s)},
       {"input", std::move(in)}});
}

tmpl::Value WorkflowBuilder::step_context(const spec::Step& s) {
  std::vector<const spec::Step*> leaves;
  if (s.kind == StepKind::kParallel) for_each_leaf(s.steps, [&](const spec::Step& l) { leaves.push_back(&l); });
  if (s.kind != StepKind::kParallel || leaves.size() == 1) {
    const spec::Step& leaf = s.kind == StepKind::kParallel ? *leaves[0] : s;
    plan_.push_back(leaf_plan(leaf, s.kind == StepKind::kParallel ? s.name : ""));
    std::string assign;
    if (used_.count(leaf.name) && leaf.kind != StepKind::kSleep) {
      result_var_[leaf.name] = locals_.fresh(leaf.name + "_result");
      assign = result_var_[leaf.name] + " = ";
    }
    std::string what = leaf.kind == StepKind::kFunction ? leaf.target
                       : leaf.kind == StepKind::kWorkflow ? "child workflow " + leaf.target
                       : "sleep " + (leaf.duration ? leaf.duration->text : std::string("1"));
    // Evaluated in this order (log, then call): call_for may add imports after log_call's.
    std::string log = log_call("Step " + leaf.name + ": " + what, 8);
    std::string call = call_for(leaf, 8);
    return make_dict(
        {{"kind", leaf.kind == StepKind::kSleep ? "sleep" : leaf.kind == StepKind::kWorkflow ? "workflow" : "function"},
         {"name", leaf.name},
         {"log", std::move(log)},
         {"assign", std::move(assign)},
         {"call", std::move(call)},
         {"members", make_list()},
         {"unpack", make_list()}});
  }
  std::vector<std::string> members;
  std::vector<tmpl::Value> unpack;
  std::string results;
  for (size_t i = 0; i < leaves.size(); ++i) {
    plan_.push_back(leaf_plan(*leaves[i], s.name));
    members.push_back(call_for(*leaves[i], 12));  // strings
  }
  bool any_used = false;
  for (const auto* l : leaves) any_used |= used_.count(l->name) && l->kind != StepKind::kSleep;
  if (any_used) results = locals_.fresh(s.name + "_results");
  for (size_t i = 0; i < leaves.size(); ++i) {
    const auto* l = leaves[i];
    if (!used_.count(l->name) || l->kind == StepKind::kSleep) continue;
    result_var_[l->name] = locals_.fresh(l->name + "_result");
    unpack.push_back(make_dict({{"var", result_var_[l->name]}, {"index", int64_t(i)}}));
  }
  std::string log = log_call("Step " + s.name + ": " + std::to_string(leaves.size()) + " steps in parallel", 8);
  std::string gather = top_.module("asyncio") + ".gather";
  return make_dict({{"kind", "parallel"},
                    {"name", s.name},
                    {"log", std::move(log)},
                    {"assign", any_used ? results + " = " : std::string()},
                    {"results_var", results},
                    {"gather", std::move(gather)},
                    {"call", ""},
                    {"members", string_list(std::move(members))},
                    {"unpack", make_list(std::move(unpack))}});
}

tmpl::Value WorkflowBuilder::build() {
  for_each_leaf(w_.steps, [&](const spec::Step& l) {
    if (l.resolved_input.mode == spec::ResolvedInput::Mode::kWhole) mark_used(l.resolved_input.whole, used_);
    for (const auto& [f, v] : l.resolved_input.fields) mark_used(v, used_);
  });
  for (const auto& [f, v] : w_.resolved_output) mark_used(v, used_);
  const spec::Step* last = nullptr;
  for_each_leaf(w_.steps, [&](const spec::Step& l) { last = &l; });
  if (w_.output_from_last_step && last) used_.insert(last->name);

  std::string decorator = sdk("workflow");
  std::set<std::string> fns, children;
  for_each_leaf(w_.steps, [&](const spec::Step& l) {
    if (l.kind == StepKind::kFunction) fns.insert(l.target);
    if (l.kind == StepKind::kWorkflow) children.insert(l.target);
  });
  for (const auto& f : fns) {
    std::string module = "src.functions." + function_module(f);
    function_local_[f] = f == "import_functions" ? shielded_.user_as(module, f, scope_.fresh("import_functions_fn"))
                                                 : shielded_.user(module, f);
  }
  std::string in = index_.input_model(w_), out = index_.output_model(w_);
  locals_.claim("self");
  std::vector<std::string> params = {"self"};
  if (!in.empty()) {
    input_param_ = locals_.fresh("workflow_input");
    params.push_back(input_param_ + ": " + types_.model_name(in));
  }
  std::string returns = out.empty() ? "None" : types_.model_name(out);
  std::string run_decorator = decorator + ".run";

  std::vector<tmpl::Value> steps;
  steps.reserve(w_.steps.size());
  for (const auto& s : w_.steps) steps.push_back(step_context(s));

  std::string ret;
  if (!out.empty()) {
    if (w_.output_from_last_step && last && result_var_.count(last->name)) {
      ret = "return " + result_var_[last->name];
    } else {
      const spec::Schema* schema = w_.output_schema ? &*w_.output_schema : nullptr;
      std::vector<Arg> args;
      for (const auto& [field, value] : w_.resolved_output) {
        const spec::Field* f = schema ? find_field(*schema, field) : nullptr;
        args.push_back({field, value_expr(value, f ? &f->type : nullptr)});
      }
      if (args.empty()) ret = "return " + fit(types_.construct(out, false), 8, 8 + 7);
      else ret = "return " + call_expr(types_.model_name(out), args, 8, 8 + 7);
    }
  }

  // Function imports go inside `with import_functions():` next to the models.
  for (const auto& c : children) top_.user("src.workflows." + workflow_module(c), c);
  std::string import_functions = shielded_.empty() ? "" : sdk("import_functions");
  std::vector<std::string> shielded_lines;
  for (auto& l : shielded_.lines(4))
    if (!l.empty()) shielded_lines.push_back(std::move(l));

  tmpl::Value output_plan;
  if (w_.output_from_last_step && last) output_plan = make_dict({{"mode", "last"}, {"step", last->name}});
  else if (!out.empty()) output_plan = make_dict({{"mode", "fields"}, {"fields", mapping_plan(w_.resolved_output)}});
  else output_plan = make_dict({{"mode", "none"}});

  // In the order the keys were always computed: the import lines are read before log_start
  // and log_end are written (steps imported `log` already).
  tmpl::Value import_lines = string_list(top_.lines());
  std::string log_start = log_call(w_.name + " started", 8);
  std::string log_end = log_call(w_.name + " completed", 8);
  return make_dict({{"name", w_.name},
                    {"names", name_styles(w_.name)},
                    {"module", workflow_module(w_.name)},
                    {"description", one_line(w_.description)},
                    {"description_md", markdown_cell(w_.description)},
                    {"doc", docstring_text(w_.description)},
                    {"decorator", decorator + ".defn()"},
                    {"run_decorator", run_decorator},
                    {"import_lines", std::move(import_lines)},
                    {"import_functions", import_functions},
                    {"shielded_import_lines", string_list(std::move(shielded_lines))},
                    {"signature", def_signature("async def run", params, returns, 4)},
                    {"log_start", std::move(log_start)},
                    {"log_end", std::move(log_end)},
                    {"steps", make_list(std::move(steps))},
                    {"return_code", ret},
                    {"input_model", in},
                    {"output_model", out},
                    {"task_queue", workflow_task_queue(index_, w_)},
                    {"timeout", w_.timeout ? w_.timeout->text : std::string()},
                    {"plan", make_dict({{"steps", make_list(std::move(plan_))}, {"output", std::move(output_plan)}})}});
}

}  // namespace

tmpl::Value workflow_context(const ProjectIndex& index, const spec::Workflow& w) {
  return WorkflowBuilder(index, w).build();
}

}  // namespace restack::generate
