// src/workflows/<name>.py: the workflow class. Every step becomes an awaited call with its
// effective timeout, retry policy and task queue; a parallel group becomes one asyncio.gather
// over all its leaf steps (nested groups run concurrently too); data flows through explicitly
// constructed input models; the output model is built from the resolved output mapping.
// Code values come laid out for the column workflow.py.j2 places them at (continuation lines
// indented already): the template applies no `indent` filter to them.
#include <fmt/format.h>

#include <algorithm>
#include <span>
#include <stdexcept>

#include "generate/context_internal.h"
#include "generate/imports.h"
#include "generate/python_literal.h"
#include "template/data.h"

namespace restack::generate {

namespace {

using spec::StepKind;

void append_reference_text(std::string& out, const spec::Reference& r) {
  switch (r.kind) {
    case spec::Reference::Kind::kInput: out += "input"; return;
    case spec::Reference::Kind::kInputField:
      out += "input.";
      out += r.field;
      return;
    case spec::Reference::Kind::kStep:
      out += "steps.";
      out += r.step;
      return;
    case spec::Reference::Kind::kStepField:
      out += "steps.";
      out += r.step;
      out += '.';
      out += r.field;
      return;
  }
  out += "input";
}

/// SCRATCH: a buffer the caller reuses, so a pooled reference text needs no string of its own.
tmpl::Value value_plan(const spec::Value& v, StringPool& pool, std::string& scratch) {
  if (v.is_reference()) {
    scratch.clear();
    append_reference_text(scratch, v.reference());
    return make_dict({{"ref", pool.get(std::string_view(scratch))}});
  }
  return make_dict({{"literal", tmpl::from_json(v.literal())}});
}

/// {field: value_plan} with the fields in sorted order (a JSON object, as dumped).
tmpl::Value mapping_plan(const spec::Mapping& m, StringPool& pool, std::string& scratch) {
  // A few fields (mostly in order already) sorted by a stable insertion sort on the stack: no
  // buffer to allocate, for std::stable_sort or for the list itself.
  using Entry = std::pair<std::string, spec::Value>;
  constexpr size_t kOnStack = 16;
  const Entry* on_stack[kOnStack];
  std::vector<const Entry*> on_heap;
  std::span<const Entry*> sorted;
  if (m.size() <= kOnStack) {
    size_t n = 0;
    for (const auto& entry : m) {
      size_t j = n++;
      for (; j > 0 && entry.first < on_stack[j - 1]->first; --j) on_stack[j] = on_stack[j - 1];
      on_stack[j] = &entry;
    }
    sorted = std::span<const Entry*>(on_stack, n);
  } else {
    on_heap.reserve(m.size());
    for (const auto& entry : m) on_heap.push_back(&entry);
    std::stable_sort(on_heap.begin(), on_heap.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
    sorted = std::span<const Entry*>(on_heap);
  }
  // Keys sorted: a repeated key (which set() keeps once, with the last value) is next to its
  // twin, so when no two neighbours are equal every key is new and is appended without a search.
  const bool distinct =
      std::adjacent_find(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) { return a->first == b->first; }) ==
      sorted.end();
  tmpl::Value out = tmpl::Value::dict();
  auto& dict = out.as_dict();
  dict.entries.reserve(sorted.size());
  for (const auto* entry : sorted) {
    if (distinct) dict.append_new(pool.get(std::string_view(entry->first)), value_plan(entry->second, pool, scratch));
    else dict.set(pool.get(std::string_view(entry->first)), value_plan(entry->second, pool, scratch));
  }
  return out;
}

/// Entries keyed by names the spec holds (step, function and workflow names, which outlive the
/// builder), in a vector sorted by name: a workflow's few steps are found by a short bisection,
/// without a tree node or a key string per entry, and listed in the order a std::set of the
/// names would give.
template <typename V>
class NameMap {
 public:
  const V* find(std::string_view name) const {
    auto it = lower(entries_, name);
    return it != entries_.end() && it->first == name ? &it->second : nullptr;
  }
  bool contains(std::string_view name) const { return find(name) != nullptr; }
  V& operator[](std::string_view name) {
    auto it = lower(entries_, name);
    if (it == entries_.end() || it->first != name) it = entries_.emplace(it, name, V());
    return it->second;
  }
  auto begin() const { return entries_.begin(); }
  auto end() const { return entries_.end(); }

 private:
  /// The first entry not before NAME, in ENTRIES (this map's, const or not).
  template <typename Entries>
  static auto lower(Entries& entries, std::string_view name) {
    return std::lower_bound(entries.begin(), entries.end(), name,
                            [](const auto& e, std::string_view n) { return e.first < n; });
  }
  std::vector<std::pair<std::string_view, V>> entries_;
};
using NameSet = NameMap<bool>;

void mark_used(const spec::Value& v, NameSet& used) {
  if (v.is_reference()) {
    const auto& r = v.reference();
    if (r.kind == spec::Reference::Kind::kStep || r.kind == spec::Reference::Kind::kStepField) used[r.step] = true;
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
  /// The Python expression of V appended to OUT (a reference through the input parameter or a
  /// step's result variable, or a literal of type TARGET).
  void append_value_expr(std::string& out, const spec::Value& v, const spec::TypeExpr* target);
  /// The `KEY=MODEL(field=value, ...)` (or `KEY=value` of a whole input) argument line of a call
  /// on a line at LINE_INDENT.
  void append_input_arg(std::string& out, std::string_view key, const spec::ResolvedInput& in, const std::string& model,
                        size_t line_indent);
  std::string retry_expr(const spec::RetryPolicy& p);
  /// The call of leaf step S for a line at column LINE_INDENT, its continuation lines indented
  /// for that column; QUEUE: the step's task queue (step_task_queue).
  std::string call_for(const spec::Step& s, size_t line_indent, std::string_view queue);
  void append_retry_arg(std::string& out, const spec::Function& fn, const spec::Step& s, size_t line_indent);
  /// The `start_to_close_timeout=` argument line for SECONDS, laid out once per duration and
  /// column (a workflow's steps repeat one or two timeouts).
  void append_timeout_arg(std::string& out, double seconds, size_t line_indent);
  tmpl::Value step_context(const spec::Step& s);
  tmpl::Value leaf_plan(const spec::Step& s, const std::string& group, std::string_view queue);
  const std::string& result_var(std::string_view step) const {
    if (const std::string* var = result_var_.find(step)) return *var;
    throw std::out_of_range("no result variable for step " + std::string(step));
  }
  /// `log.info("MESSAGE")` for a line at column INDENT (laid out as call_expr would lay it out,
  /// continuation lines indented for that column), MESSAGE being PARTS written one after another.
  template <typename... Parts>
  std::string log_call(size_t indent, const Parts&... parts) {
    message_.clear();
    (message_ += ... += parts);
    const std::string& log = sdk_cached(sdk_log_, "log");
    std::string text;
    text.reserve(log.size() + message_.size() + 9);
    text += log;
    text += ".info(";
    append_python_string(text, message_);
    text += ')';
    if (indent + text.size() <= kLineLength) return text;
    return fit(text, indent, indent, indent);
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
  NameSet used_;                          // steps whose results are read
  NameMap<std::string> result_var_;       // step -> the variable holding its result
  NameMap<std::string> function_local_;   // function -> its name in this module
  std::vector<tmpl::Value> plan_;
  std::string sdk_workflow_, sdk_log_;  // sdk_cached's slots
  /// Buffers reused for every step: a model construction, a value's text, a log message.
  FlatCall flat_;
  std::string scratch_, message_;
  /// The `retry_policy=` argument of a step that only inherits the workflow's policy, as laid
  /// out for a call at line indent 8 (a step) and 12 (a parallel member): the same text for
  /// every such step, laid out once.
  std::string inherited_retry_arg_[2];
  bool inherited_retry_known_[2] = {false, false};
  struct TimeoutArg {
    double seconds;
    size_t line_indent;
    std::string text;
  };
  std::vector<TimeoutArg> timeout_args_;  // append_timeout_arg's lines so far
};

void WorkflowBuilder::append_value_expr(std::string& out, const spec::Value& v, const spec::TypeExpr* target) {
  if (!v.is_reference()) {
    static const spec::TypeExpr any{};
    out += types_.value(v.literal(), target ? *target : any);
    return;
  }
  const auto& r = v.reference();
  switch (r.kind) {
    case spec::Reference::Kind::kInput: out += input_param_; return;
    case spec::Reference::Kind::kInputField:
      out += input_param_;
      out += '.';
      out += r.field;
      return;
    case spec::Reference::Kind::kStep: out += result_var(r.step); return;
    case spec::Reference::Kind::kStepField:
      out += result_var(r.step);
      out += '.';
      out += r.field;
      return;
  }
  out += input_param_;
}

void WorkflowBuilder::append_input_arg(std::string& out, std::string_view key, const spec::ResolvedInput& in,
                                       const std::string& model, size_t line_indent) {
  if (in.mode == spec::ResolvedInput::Mode::kWhole) {
    scratch_.clear();
    append_value_expr(scratch_, in.whole, nullptr);
    append_call_arg(out, key, scratch_, line_indent, line_indent);
    return;
  }
  const spec::Schema* schema = nullptr;
  if (auto it = index_.models.find(model); it != index_.models.end()) {
    schema = it->second.schema;
    if (!schema && !it->second.alias_of.empty())
      if (auto at = index_.models.find(it->second.alias_of); at != index_.models.end()) schema = at->second.schema;
  }
  // The model's name is asked for first (an import of a user name, which takes no fresh name:
  // the values' imports are aliased as they were when the values came first).
  flat_.start(types_.model_name(model));
  for (const auto& [field, value] : in.fields) {
    const spec::Field* f = schema ? find_field(*schema, field) : nullptr;
    append_value_expr(flat_.arg(field), value, f ? &f->type : nullptr);
  }
  flat_.finish();
  append_call_arg(out, key, flat_, line_indent, line_indent);
}

std::string WorkflowBuilder::retry_expr(const spec::RetryPolicy& p) {
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

std::string WorkflowBuilder::call_for(const spec::Step& s, size_t line_indent, std::string_view step_queue) {
  if (s.kind == StepKind::kSleep) {
    return sdk("workflow") + ".sleep(" + python_seconds(s.duration ? s.duration->seconds : 1) + ")";
  }
  // What call_expr(CALLEE, args, line_indent, line_indent, true) gives, re-indented by
  // line_indent, written argument by argument into one string (the values computed in the same
  // order, so that imports take the same names).
  std::string out;
  out.reserve(384);
  if (s.kind == StepKind::kWorkflow) {
    const spec::Workflow& child = index_.workflow(s.target);
    const std::string_view queue = s.task_queue || !child.task_queue ? step_queue : std::string_view(*child.task_queue);
    out += sdk_workflow();
    out += ".child_execute(\n";
    append_call_arg(out, "workflow", s.target, line_indent, line_indent);
    append_call_arg(out, "workflow_id", "f\"{" + sdk("workflow_info") + "().workflow_id}-" + s.name + "\"", line_indent,
                    line_indent);
    if (s.resolved_input.mode != spec::ResolvedInput::Mode::kNone)
      append_input_arg(out, "workflow_input", s.resolved_input, index_.input_model(child), line_indent);
    if (!queue.empty()) append_call_arg(out, "task_queue", python_string(queue), line_indent, line_indent);
    out.append(line_indent, ' ');
    out += ')';
    return out;
  }
  const spec::Function& fn = index_.function(s.target);
  out += sdk_workflow();
  out += ".step(\n";
  const std::string* local = function_local_.find(s.target);
  if (!local) throw std::out_of_range("no import for function " + s.target);
  append_call_arg(out, "function", *local, line_indent, line_indent);
  if (s.resolved_input.mode != spec::ResolvedInput::Mode::kNone)
    append_input_arg(out, "function_input", s.resolved_input, index_.input_model(fn), line_indent);
  double timeout = s.timeout ? s.timeout->seconds
                   : fn.timeout ? fn.timeout->seconds
                   : s.effective_timeout.seconds > 0 ? s.effective_timeout.seconds
                   : w_.step_timeout ? w_.step_timeout->seconds
                   : 120;
  append_timeout_arg(out, timeout, line_indent);
  append_retry_arg(out, fn, s, line_indent);
  if (!step_queue.empty()) {
    scratch_.clear();
    append_python_string(scratch_, step_queue);
    append_call_arg(out, "task_queue", scratch_, line_indent, line_indent);
  }
  out.append(line_indent, ' ');
  out += ')';
  return out;
}

void WorkflowBuilder::append_timeout_arg(std::string& out, double seconds, size_t line_indent) {
  for (const auto& known : timeout_args_) {
    if (known.seconds == seconds && known.line_indent == line_indent) {
      out += known.text;
      return;
    }
  }
  const size_t start = out.size();
  append_call_arg(out, "start_to_close_timeout", types_.timedelta_expr(seconds), line_indent, line_indent);
  timeout_args_.push_back({seconds, line_indent, out.substr(start)});
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
  if (!retry_empty(retry)) append_call_arg(out, "retry_policy", retry_expr(retry), line_indent, line_indent);
  if (inherited) {
    inherited_retry_arg_[slot] = out.substr(start);
    inherited_retry_known_[slot] = true;
  }
}

tmpl::Value WorkflowBuilder::leaf_plan(const spec::Step& s, const std::string& group, std::string_view queue) {
  tmpl::Value in;
  if (s.resolved_input.mode == spec::ResolvedInput::Mode::kWhole)
    in = make_dict({{"mode", "whole"}, {"whole", value_plan(s.resolved_input.whole, pool_, scratch_)}});
  else if (s.resolved_input.mode == spec::ResolvedInput::Mode::kFields)
    in = make_dict({{"fields", mapping_plan(s.resolved_input.fields, pool_, scratch_)}, {"mode", "fields"}});
  else
    in = make_dict({{"mode", "none"}});
  // Keys listed in sorted order: make_dict's insertion sort then only compares neighbours.
  return make_dict(
      {{"group", pool_.get(std::string_view(group))},
       {"input", std::move(in)},
       {"kind", spec::StepKind::kFunction == s.kind ? "function" : s.kind == StepKind::kWorkflow ? "workflow" : "sleep"},
       {"name", pool_.get(std::string_view(s.name))},
       {"seconds", s.duration ? s.duration->seconds : 0.0},
       {"target", s.target},
       {"task_queue", s.kind == StepKind::kSleep ? ContextField::empty_string() : pool_.get(queue)}});
}

tmpl::Value WorkflowBuilder::step_context(const spec::Step& s) {
  std::vector<const spec::Step*> leaves;
  if (s.kind == StepKind::kParallel) for_each_leaf(s.steps, [&](const spec::Step& l) { leaves.push_back(&l); });
  // A view into the project: no string per step.
  auto queue_of = [&](const spec::Step& leaf) {
    return leaf.kind == StepKind::kSleep ? std::string_view() : step_task_queue_view(index_, w_, leaf);
  };
  if (s.kind != StepKind::kParallel || leaves.size() == 1) {
    const spec::Step& leaf = s.kind == StepKind::kParallel ? *leaves[0] : s;
    const std::string_view queue = queue_of(leaf);
    plan_.push_back(leaf_plan(leaf, s.kind == StepKind::kParallel ? s.name : "", queue));
    std::string assign;
    if (used_.contains(leaf.name) && leaf.kind != StepKind::kSleep) {
      std::string& var = result_var_[leaf.name];
      var = locals_.fresh(leaf.name + "_result");
      assign.reserve(var.size() + 3);
      assign += var;
      assign += " = ";
    }
    // Evaluated in this order (log, then call): call_for may add imports after log_call's.
    std::string log = leaf.kind == StepKind::kFunction ? log_call(8, "Step ", leaf.name, ": ", leaf.target)
                      : leaf.kind == StepKind::kWorkflow
                          ? log_call(8, "Step ", leaf.name, ": child workflow ", leaf.target)
                          : log_call(8, "Step ", leaf.name, ": sleep ", leaf.duration ? std::string_view(leaf.duration->text) : "1");
    std::string call = call_for(leaf, 8, queue);
    return make_dict(
        {{"assign", pool_.get(std::move(assign))},
         {"call", std::move(call)},
         {"kind", leaf.kind == StepKind::kSleep ? "sleep" : leaf.kind == StepKind::kWorkflow ? "workflow" : "function"},
         {"log", std::move(log)},
         {"members", make_list()},
         {"name", pool_.get(std::string_view(leaf.name))},
         {"unpack", make_list()}});
  }
  std::vector<std::string> members;
  std::vector<tmpl::Value> unpack;
  std::string results;
  for (size_t i = 0; i < leaves.size(); ++i) {
    const std::string_view queue = queue_of(*leaves[i]);
    plan_.push_back(leaf_plan(*leaves[i], s.name, queue));
    members.push_back(call_for(*leaves[i], 12, queue));  // strings
  }
  bool any_used = false;
  for (const auto* l : leaves) any_used |= used_.contains(l->name) && l->kind != StepKind::kSleep;
  if (any_used) results = locals_.fresh(s.name + "_results");
  for (size_t i = 0; i < leaves.size(); ++i) {
    const auto* l = leaves[i];
    if (!used_.contains(l->name) || l->kind == StepKind::kSleep) continue;
    std::string& var = result_var_[l->name];
    var = locals_.fresh(l->name + "_result");
    unpack.push_back(make_dict({{"index", int64_t(i)}, {"var", pool_.get(std::string_view(var))}}));
  }
  std::string log = log_call(8, "Step ", s.name, ": ", std::to_string(leaves.size()), " steps in parallel");
  std::string gather = top_.module("asyncio") + ".gather";
  return make_dict({{"assign", any_used ? results + " = " : std::string()},
                    {"call", ""},
                    {"gather", std::move(gather)},
                    {"kind", "parallel"},
                    {"log", std::move(log)},
                    {"members", string_list(std::move(members))},
                    {"name", pool_.get(std::string_view(s.name))},
                    {"results_var", results},
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
  if (w_.output_from_last_step && last) used_[last->name] = true;

  std::string decorator = sdk_workflow();
  NameSet fns, children;  // in sorted order, as a std::set of the names would list them
  for_each_leaf(w_.steps, [&](const spec::Step& l) {
    if (l.kind == StepKind::kFunction) fns[l.target] = true;
    if (l.kind == StepKind::kWorkflow) children[l.target] = true;
  });
  for (const auto& [f, unused] : fns) {
    std::string module = "src.functions." + function_module(std::string(f));
    function_local_[f] = f == "import_functions"
                             ? shielded_.user_as(module, std::string(f), scope_.fresh("import_functions_fn"))
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

  // `return ...` for a line at column 8, continuation lines indented for it.
  std::string ret;
  if (!out.empty()) {
    const std::string* last_var = w_.output_from_last_step && last ? result_var_.find(last->name) : nullptr;
    if (last_var) {
      ret = "return " + *last_var;
    } else {
      const spec::Schema* schema = w_.output_schema ? &*w_.output_schema : nullptr;
      std::vector<Arg> args;
      for (const auto& [field, value] : w_.resolved_output) {
        const spec::Field* f = schema ? find_field(*schema, field) : nullptr;
        std::string expr;
        append_value_expr(expr, value, f ? &f->type : nullptr);
        args.push_back({field, std::move(expr)});
      }
      // call_expr(model, args, 8, 8 + 7) is fit(flat_call(model, args), 8, 8 + 7).
      if (args.empty()) ret = "return " + fit(types_.construct(out, false), 8, 8 + 7, 8);
      else ret = "return " + fit(flat_call(types_.model_name(out), args), 8, 8 + 7, 8);
    }
  }

  // Function imports go inside `with import_functions():` next to the models.
  for (const auto& [c, unused] : children) top_.user("src.workflows." + workflow_module(std::string(c)), c);
  std::string import_functions = shielded_.empty() ? "" : sdk("import_functions");
  // Read as views, each line a value at once: no list of strings in between. The lines that
  // open and close a wrapped import repeat in every workflow (the pool's); the others name the
  // workflow's own functions and models.
  std::vector<tmpl::Value> shielded_lines;
  shielded_lines.reserve(16);
  shielded_.for_each_line(
      [&](std::string_view l) {
        if (l.empty()) return;
        shielded_lines.push_back(l == ")" || l.ends_with(" import (") ? pool_.get(l) : tmpl::Value(std::string(l)));
      },
      4);

  tmpl::Value output_plan;
  if (w_.output_from_last_step && last) output_plan = make_dict({{"mode", "last"}, {"step", pool_.get(std::string_view(last->name))}});
  else if (!out.empty()) output_plan = make_dict({{"fields", mapping_plan(w_.resolved_output, pool_, scratch_)}, {"mode", "fields"}});
  else output_plan = make_dict({{"mode", "none"}});

  // In the order the keys were always computed: the import lines are read before log_start
  // and log_end are written (steps imported `log` already).
  std::vector<tmpl::Value> top_lines;
  top_lines.reserve(8);
  top_.for_each_line([&](std::string_view l) { top_lines.push_back(pool_.get(l)); });
  tmpl::Value import_lines = make_list(std::move(top_lines));
  std::string log_start = log_call(8, w_.name, " started");
  std::string log_end = log_call(8, w_.name, " completed");
  NameValues names = name_values(w_.name);
  DescriptionValues described = description_values(w_.description);
  tmpl::Value task_queue = pool_.get(workflow_task_queue(index_, w_));
  tmpl::Value plan = make_dict({{"output", std::move(output_plan)}, {"steps", make_list(std::move(plan_))}});
  // Keys listed in sorted order: make_dict's insertion sort then only compares neighbours.
  return make_dict({{"decorator", pool_.get(decorator + ".defn()")},
                    {"description", std::move(described.one_line)},
                    {"description_md", std::move(described.markdown)},
                    {"doc", std::move(described.doc)},
                    {"import_functions", pool_.get(std::move(import_functions))},
                    {"import_lines", std::move(import_lines)},
                    {"input_model", in},
                    {"log_end", std::move(log_end)},
                    {"log_start", std::move(log_start)},
                    {"module", std::move(names.snake)},
                    {"name", std::move(names.raw)},
                    {"names", std::move(names.styles)},
                    {"output_model", out},
                    {"plan", std::move(plan)},
                    {"return_code", ret},
                    {"run_decorator", pool_.get(std::move(run_decorator))},
                    {"shielded_import_lines", make_list(std::move(shielded_lines))},
                    {"signature", def_signature("async def run", params, returns, 4)},
                    {"steps", make_list(std::move(steps))},
                    {"task_queue", std::move(task_queue)},
                    {"timeout", w_.timeout ? pool_.get(std::string_view(w_.timeout->text)) : ContextField::empty_string()}});
}

}  // namespace

tmpl::Value workflow_context(const ProjectIndex& index, const spec::Workflow& w, StringPool& pool) {
  return WorkflowBuilder(index, w, pool).build();
}

}  // namespace restack::generate
