// src/workflows/<name>.py: the workflow class. Every step becomes an awaited call with its
// effective timeout, retry policy and task queue; a parallel group becomes one asyncio.gather
// over all its leaf steps (nested groups run concurrently too); data flows through explicitly
// constructed input models; the output model is built from the resolved output mapping.
#include <fmt/format.h>

#include <algorithm>

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

tmpl::Value value_plan(const spec::Value& v, StringPool& pool) {
  if (v.is_reference()) return make_dict({{"ref", pool.get(reference_text(v.reference()))}});
  return make_dict({{"literal", tmpl::from_json(v.literal())}});
}

/// {field: value_plan} with the fields in sorted order (a JSON object, as dumped).
tmpl::Value mapping_plan(const spec::Mapping& m, StringPool& pool) {
  std::vector<const std::pair<std::string, spec::Value>*> sorted;
  sorted.reserve(m.size());
  for (const auto& entry : m) sorted.push_back(&entry);
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
  // Keys sorted: a repeated key (which set() keeps once, with the last value) is next to its
  // twin, so when no two neighbours are equal every key is new and is appended without a search.
  const bool distinct =
      std::adjacent_find(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) { return a->first == b->first; }) ==
      sorted.end();
  tmpl::Value out = tmpl::Value::dict();
  auto& dict = out.as_dict();
  dict.entries.reserve(sorted.size());
  for (const auto* entry : sorted) {
    if (distinct) dict.append_new(pool.get(std::string_view(entry->first)), value_plan(entry->second, pool));
    else dict.set(pool.get(std::string_view(entry->first)), value_plan(entry->second, pool));
  }
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
  WorkflowBuilder(const ProjectIndex& index, const spec::Workflow& w, StringPool& pool)
      : index_(index),
        w_(w),
        pool_(pool),
        // `with import_functions():` must keep the SDK's own name (restack-gen check and readers
        // look for it): a user function of that name is the import that gets an alias.
        scope_(index.module_scope({"import_functions"})),
        top_(&scope_),
        shielded_(&scope_),
        types_(index.models, top_, [this](const std::string& n) { return shielded_.user("src.models", n); }),
        locals_(&scope_) {}

  tmpl::Value build();

 private:
  std::string sdk(std::string_view name) { return top_.from("restack_ai.workflow", name); }
  /// sdk(NAME) remembered in SLOT: asked of the ImportSet once (every step names `workflow`
  /// and `log`).
  const std::string& sdk_cached(std::string& slot, std::string_view name) {
    if (slot.empty()) slot = sdk(name);
    return slot;
  }
  const std::string& sdk_workflow() { return sdk_cached(sdk_workflow_, "workflow"); }
  std::string value_expr(const spec::Value& v, const spec::TypeExpr* target);
  std::string input_arg(const spec::ResolvedInput& in, const std::string& model, size_t line_indent,
                        const std::string& key);
  std::string retry_expr(const spec::RetryPolicy& p, size_t indent);
  std::string call_for(const spec::Step& s, size_t line_indent);
  void append_retry_arg(std::string& out, const spec::Function& fn, const spec::Step& s, size_t line_indent);
  tmpl::Value step_context(const spec::Step& s);
  tmpl::Value leaf_plan(const spec::Step& s, const std::string& group);
  /// `log.info("MESSAGE")`: what call_expr gives for it, without a list of arguments.
  std::string log_call(std::string_view message, size_t indent) {
    const std::string& log = sdk_cached(sdk_log_, "log");
    std::string text;
    text.reserve(log.size() + message.size() + 9);
    text += log;
    text += ".info(";
    text += python_string(message);
    text += ')';
    if (indent + text.size() <= kLineLength) return text;
    return fit(text, indent, indent);
  }

  const ProjectIndex& index_;
  const spec::Workflow& w_;
  StringPool& pool_;  // texts that repeat across the workflows one thread builds
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
  std::string sdk_workflow_, sdk_log_;  // sdk_cached's slots
  /// The `retry_policy=` argument of a step that only inherits the workflow's policy, as laid
  /// out for a call at line indent 8 (a step) and 12 (a parallel member): the same text for
  /// every such step, laid out once.
  std::string inherited_retry_arg_[2];
  bool inherited_retry_known_[2] = {false, false};
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
    return call_expr(sdk_workflow() + ".child_execute", args, line_indent, line_indent, true);
  }
  // What call_expr(workflow.step, args, line_indent, line_indent, true) gives, written argument
  // by argument into one string (the values computed in the same order).
  const spec::Function& fn = index_.function(s.target);
  std::string out;
  out.reserve(384);
  out += sdk_workflow();
  out += ".step(\n";
  append_call_arg(out, "function", function_local_.at(s.target), line_indent);
  if (s.resolved_input.mode != spec::ResolvedInput::Mode::kNone)
    append_call_arg(out, "function_input", input_arg(s.resolved_input, index_.input_model(fn), arg_indent, "function_input"),
                    line_indent);
  double timeout = s.timeout ? s.timeout->seconds
                   : fn.timeout ? fn.timeout->seconds
                   : s.effective_timeout.seconds > 0 ? s.effective_timeout.seconds
                   : w_.step_timeout ? w_.step_timeout->seconds
                   : 120;
  append_call_arg(out, "start_to_close_timeout", types_.timedelta_expr(timeout), line_indent);
  append_retry_arg(out, fn, s, line_indent);
  if (!queue.empty()) append_call_arg(out, "task_queue", python_string(queue), line_indent);
  out += ')';
  return out;
}

void WorkflowBuilder::append_retry_arg(std::string& out, const spec::Function& fn, const spec::Step& s, size_t line_indent) {
  const bool inherited = !fn.retry_policy && !s.retry_policy && (line_indent == 8 || line_indent == 12);
  const size_t slot = line_indent == 8 ? 0 : 1;
  if (inherited && inherited_retry_known_[slot]) {
    out += inherited_retry_arg_[slot];
    return;
  }
  const size_t start = out.size();
  spec::RetryPolicy retry = w_.retry_policy.value_or(spec::RetryPolicy{});
  if (fn.retry_policy) retry = merge_retry(retry, *fn.retry_policy);
  if (s.retry_policy) retry = merge_retry(retry, *s.retry_policy);
  if (!retry_empty(retry)) append_call_arg(out, "retry_policy", retry_expr(retry, line_indent + 4 + 14), line_indent);
  if (inherited) {
    inherited_retry_arg_[slot] = out.substr(start);
    inherited_retry_known_[slot] = true;
  }
}

tmpl::Value WorkflowBuilder::leaf_plan(const spec::Step& s, const std::string& group) {
  tmpl::Value in;
  if (s.resolved_input.mode == spec::ResolvedInput::Mode::kWhole)
    in = make_dict({{"mode", "whole"}, {"whole", value_plan(s.resolved_input.whole, pool_)}});
  else if (s.resolved_input.mode == spec::ResolvedInput::Mode::kFields)
    in = make_dict({{"mode", "fields"}, {"fields", mapping_plan(s.resolved_input.fields, pool_)}});
  else
    in = make_dict({{"mode", "none"}});
  return make_dict(
      {{"name", pool_.get(std::string_view(s.name))},
       {"kind", spec::StepKind::kFunction == s.kind ? "function" : s.kind == StepKind::kWorkflow ? "workflow" : "sleep"},
       {"target", s.target},
       {"group", pool_.get(std::string_view(group))},
       {"seconds", s.duration ? s.duration->seconds : 0.0},
       {"task_queue", s.kind == StepKind::kSleep ? ContextField::empty_string() : pool_.get(step_task_queue(index_, w_, s))},
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
         {"name", pool_.get(std::string_view(leaf.name))},
         {"log", std::move(log)},
         {"assign", pool_.get(std::move(assign))},
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
    unpack.push_back(make_dict({{"var", pool_.get(std::string_view(result_var_[l->name]))}, {"index", int64_t(i)}}));
  }
  std::string log = log_call("Step " + s.name + ": " + std::to_string(leaves.size()) + " steps in parallel", 8);
  std::string gather = top_.module("asyncio") + ".gather";
  return make_dict({{"kind", "parallel"},
                    {"name", pool_.get(std::string_view(s.name))},
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

  std::string decorator = sdk_workflow();
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
  if (w_.output_from_last_step && last) output_plan = make_dict({{"mode", "last"}, {"step", pool_.get(std::string_view(last->name))}});
  else if (!out.empty()) output_plan = make_dict({{"mode", "fields"}, {"fields", mapping_plan(w_.resolved_output, pool_)}});
  else output_plan = make_dict({{"mode", "none"}});

  // In the order the keys were always computed: the import lines are read before log_start
  // and log_end are written (steps imported `log` already).
  tmpl::Value import_lines = pooled_string_list(pool_, top_.lines());
  std::string log_start = log_call(w_.name + " started", 8);
  std::string log_end = log_call(w_.name + " completed", 8);
  NameValues names = name_values(w_.name);
  DescriptionValues described = description_values(w_.description);
  return make_dict({{"name", std::move(names.raw)},
                    {"names", std::move(names.styles)},
                    {"module", std::move(names.snake)},
                    {"description", std::move(described.one_line)},
                    {"description_md", std::move(described.markdown)},
                    {"doc", std::move(described.doc)},
                    {"decorator", pool_.get(decorator + ".defn()")},
                    {"run_decorator", pool_.get(std::move(run_decorator))},
                    {"import_lines", std::move(import_lines)},
                    {"import_functions", pool_.get(std::move(import_functions))},
                    {"shielded_import_lines", string_list(std::move(shielded_lines))},
                    {"signature", def_signature("async def run", params, returns, 4)},
                    {"log_start", std::move(log_start)},
                    {"log_end", std::move(log_end)},
                    {"steps", make_list(std::move(steps))},
                    {"return_code", ret},
                    {"input_model", in},
                    {"output_model", out},
                    {"task_queue", pool_.get(workflow_task_queue(index_, w_))},
                    {"timeout", w_.timeout ? pool_.get(std::string_view(w_.timeout->text)) : ContextField::empty_string()},
                    {"plan", make_dict({{"steps", make_list(std::move(plan_))}, {"output", std::move(output_plan)}})}});
}

}  // namespace

tmpl::Value workflow_context(const ProjectIndex& index, const spec::Workflow& w, StringPool& pool) {
  return WorkflowBuilder(index, w, pool).build();
}

}  // namespace restack::generate
