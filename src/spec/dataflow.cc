// Data flow (spec v1 "Data flow"): checks every reference, fills each step's resolved_input
// and each workflow's resolved_output, and derives the schemas of undescribed functions.
#include <fmt/format.h>

#include <algorithm>
#include <climits>
#include <unordered_map>
#include <unordered_set>
#include <map>
#include <mutex>
#include <set>

#include "common/spelling.h"
#include "spec/codes.h"
#include "spec/names.h"
#include "spec/project_names.h"
#include "spec/type_render.h"
#include "spec/two_threads.h"
#include "spec/type_rules.h"
#include "spec/validator.h"

namespace restack::spec::detail {
namespace {

std::string ref_text(const Reference& r) {
  switch (r.kind) {
    case Reference::Kind::kInput: return "input";
    case Reference::Kind::kInputField: return "input." + r.field;
    case Reference::Kind::kStep: return "steps." + r.step;
    case Reference::Kind::kStepField: return "steps." + r.step + "." + r.field;
  }
  return "";
}

Value make_ref(Reference::Kind kind, std::string step, std::string field, const Loc& loc) {
  Value v;
  v.v = Reference{kind, std::move(step), std::move(field)};
  v.loc = loc;
  return v;
}

bool same_fields(const std::optional<Schema>& a, const std::optional<Schema>& b) {
  if (a.has_value() != b.has_value()) return false;
  if (!a) return true;
  if (a->fields.size() != b->fields.size()) return false;
  for (size_t i = 0; i < a->fields.size(); ++i)
    if (a->fields[i].name != b->fields[i].name ||
        render_annotation(a->fields[i].type) != render_annotation(b->fields[i].type))
      return false;
  return true;
}

// What a step produces, as later references see it.
struct Output {
  enum class Kind { kNoOutput, kNothing, kSchema } kind = Kind::kNothing;  // kNoOutput: sleep/parallel
  const Schema* schema = nullptr;
  // The model name of the whole output, made only when a message or a whole-output reference
  // needs it: OWNER + "Output", OWNER in PascalCase first when it is a function's name. OWNER
  // views a workflow's or a step's string, which outlive the data-flow pass.
  std::string_view owner;
  bool owner_is_function = false;
  std::string model() const { return (owner_is_function ? pascal_case(owner) : std::string(owner)) + "Output"; }
};

struct Flat {
  Step* step;
  int top;  // index of its top-level step: steps in one top-level step run concurrently
  // The callee, looked up once: a described function (function steps) or a workflow.
  const Function* function = nullptr;
  const Workflow* workflow = nullptr;
  bool first_of_name = false;  // the step index_ finds by this step's name
};

// A derivation of an undescribed function's schemas from one call site.
struct Derivation {
  std::optional<Schema> input, output;
  std::optional<std::string> input_same_as, output_same_as;
};

class ProjectFlow {
 public:
  // Every step looks its callee up, several times, in NAMES (p_.functions and p_.workflows
  // stay as they are until run() ends, as NAMES needs).
  ProjectFlow(Project& p, DiagnosticSink& sink, const ProjectNames& names, TwoThreads* threads)
      : p_(p), sink_(sink), names_(names), threads_(threads) {}

  void run() {
    if (threads_ && workflows_independent()) run_in_two_halves();
    else
      for (auto& w : p_.workflows) WorkflowFlow(*this, w, sink_, nullptr).run();
    // The load's last step on two threads: the helper can end while this thread finishes.
    if (threads_) threads_->release();
    // Functions: every function in first-use order, described ones never called at the end.
    // Moved, not copied: nothing looks functions up by name after this (names_ and schemas_
    // view them and are not used again). Names are unique: merge() refused duplicates.
    std::vector<Function> ordered;
    ordered.reserve(p_.functions.size() + derived_.size());
    std::vector<bool> placed(p_.functions.size());  // by index in p_.functions
    std::vector<Function*> used;  // looked up before any move: names_ views the names
    used.reserve(use_order_.size());
    for (std::string_view name : use_order_) {
      if (const Function* f = function(name)) {
        auto k = static_cast<size_t>(f - p_.functions.data());
        placed[k] = true;
        used.push_back(&p_.functions[k]);
      } else if (auto it = derived_.find(std::string(name)); it != derived_.end()) {
        used.push_back(&it->second);
      }
    }
    // Usually every function is described and called in the order written: then the list is
    // in order already (moving 5,000 functions cost a new 2.5 MB list and its page faults).
    bool in_order = used.size() == p_.functions.size();
    for (size_t k = 0; in_order && k < used.size(); ++k) in_order = used[k] == &p_.functions[k];
    if (in_order) return;
    for (Function* f : used) ordered.push_back(std::move(*f));
    for (size_t k = 0; k < p_.functions.size(); ++k)
      if (!placed[k]) {
        Function& f = p_.functions[k];
        report(sink_, Code::kUnusedFunction, f.loc, f.name);
        ordered.push_back(std::move(f));
      }
    p_.functions = std::move(ordered);
  }

 private:
  friend class WorkflowFlow;

  // The functions a workflow calls, in call order, when noted later (run_in_two_halves).
  using Uses = std::vector<std::pair<const Step*, const Function*>>;

  // Whether each workflow's data flow can be resolved without the others': no step calls a
  // child workflow (whose resolved output a parent may read) or an undescribed function
  // (whose schemas the first call derives for the later ones).
  bool workflows_independent() const {
    std::function<bool(const std::vector<Step>&)> independent = [&](const std::vector<Step>& steps) {
      for (const Step& s : steps) {
        if (s.kind == StepKind::kWorkflow) return false;
        if (s.kind == StepKind::kFunction && !s.target.empty() && !function(s.target)) return false;
        if (!independent(s.steps)) return false;
      }
      return true;
    };
    for (const Workflow& w : p_.workflows)
      if (!independent(w.steps)) return false;
    return true;
  }

  // Independent workflows on two threads, each half with its own sink and list of uses; both
  // are then taken in workflow order, as one thread would have made them.
  void run_in_two_halves() {
    size_t half = p_.workflows.size() / 2;
    DiagnosticSink first_sink, second_sink;
    Uses first_uses, second_uses;
    threads_->run(
        [&] {
          for (size_t i = 0; i < half; ++i) WorkflowFlow(*this, p_.workflows[i], first_sink, &first_uses).run();
        },
        [&] {
          for (size_t i = half; i < p_.workflows.size(); ++i)
            WorkflowFlow(*this, p_.workflows[i], second_sink, &second_uses).run();
        });
    for (DiagnosticSink* s : {&first_sink, &second_sink})
      for (auto& d : s->all()) sink_.add(std::move(d));
    for (const Uses* uses : {&first_uses, &second_uses})
      for (const auto& [step, function] : *uses) note_use(*step, function);
  }

  class WorkflowFlow {
   public:
    // SINK: where this workflow's problems go; USES: where its calls are noted, or null to
    // note them in PF at once.
    WorkflowFlow(ProjectFlow& pf, Workflow& w, DiagnosticSink& sink, Uses* uses)
        : pf_(pf), w_(w), sink_(sink), uses_(uses) {}

    void run() {
      flat_.reserve(w_.steps.size());  // plus the steps of parallel groups, if any
      flatten(w_.steps, -1);
      index_.reserve(flat_.size());
      outputs_.reserve(flat_.size());
      for (size_t i = 0; i < flat_.size(); ++i) {
        Flat& fl = flat_[i];
        fl.first_of_name = index_.emplace(fl.step->name, i).second;
        if (group_start_.size() <= static_cast<size_t>(fl.top)) group_start_.push_back(i);
        if (fl.step->kind == StepKind::kFunction) fl.function = pf_.function(fl.step->target);
        else if (fl.step->kind == StepKind::kWorkflow) fl.workflow = pf_.workflow(fl.step->target);
      }
      // Outputs of described callees are known now; undescribed ones are filled as resolved.
      for (size_t i = 0; i < flat_.size(); ++i) outputs_.push_back(static_output_of(i));
      for (size_t i = 0; i < flat_.size(); ++i) register_providers(i);
      plan_undescribed_outputs();
      for (size_t i = 0; i < flat_.size(); ++i) resolve_step(i);
      resolve_output();
    }

   private:
    void flatten(std::vector<Step>& steps, int top) {
      for (size_t i = 0; i < steps.size(); ++i) {
        int t = top < 0 ? static_cast<int>(i) : top;
        flat_.push_back(Flat{&steps[i], t});
        flatten(steps[i].steps, t);
      }
    }

    bool undescribed(const Step& s) const {
      return s.kind == StepKind::kFunction && !s.target.empty() && !pf_.function(s.target);
    }
    // The same for flat step I, from its cached callee.
    bool undescribed(size_t i) const {
      const Step& s = *flat_[i].step;
      return s.kind == StepKind::kFunction && !s.target.empty() && !flat_[i].function;
    }

    const Schema* callee_input(size_t i, bool& known) const {
      const Flat& fl = flat_[i];
      known = true;
      if (fl.step->kind == StepKind::kFunction) {
        if (const Function* f = fl.function) return f->input_schema ? &*f->input_schema : nullptr;
        known = false;
        return nullptr;
      }
      if (fl.step->kind == StepKind::kWorkflow) {
        if (const Workflow* c = fl.workflow) return c->input_schema ? &*c->input_schema : nullptr;
      }
      known = false;
      return nullptr;
    }

    std::string callee_name(const Step& s) const {
      return s.kind == StepKind::kWorkflow ? "workflow " + s.target : "function `" + s.target + "`";
    }

    const Output& output_of(size_t i) const { return outputs_[i]; }

    // Which steps output a field of each name, in flat order: default data flow looks up the
    // latest one without scanning every earlier step (5,000-step specs stay linear).
    void register_providers(size_t i) {
      const Output& o = outputs_[i];
      if (o.kind != Output::Kind::kSchema) return;
      for (const auto& f : o.schema->fields) {
        auto& list = providers_of(f);
        if (list.empty() || list.back() < i) list.push_back(i);  // the usual case: in flat order
        else list.insert(std::upper_bound(list.begin(), list.end(), i), i);
      }
    }

    // Flat indexes of steps before END whose output has field NAME, latest first.
    std::vector<size_t> providers_before(const std::string& name, size_t end) const {
      std::vector<size_t> out;
      auto it = providers_.find(name);
      if (it == providers_.end()) return out;
      auto stop = std::lower_bound(it->second.begin(), it->second.end(), end);
      for (auto p = stop; p != it->second.begin();) out.push_back(*--p);
      return out;
    }

    // Index just past the last step that runs before top-level step TOP (INT_MAX: all).
    size_t visible_end(int top) const {
      if (top == INT_MAX || static_cast<size_t>(top) >= group_start_.size()) return flat_.size();
      return group_start_[static_cast<size_t>(top)];
    }

    Output static_output_of(size_t i) const {
      const Step& s = *flat_[i].step;
      Output o;
      if (s.kind == StepKind::kSleep || s.kind == StepKind::kParallel) {
        o.kind = Output::Kind::kNoOutput;
        return o;
      }
      if (s.kind == StepKind::kWorkflow) {
        const Workflow* c = flat_[i].workflow;
        if (c && c->output_schema) o = Output{Output::Kind::kSchema, &*c->output_schema, c->name, false};
        return o;
      }
      if (const Function* f = flat_[i].function) {
        if (f->output_schema) o = Output{Output::Kind::kSchema, &*f->output_schema, f->name, true};
        return o;
      }
      return o;  // undescribed: set by resolve_undescribed()
    }

    // ------------------------------------------------------------ undescribed outputs

    // The destination type of each explicit reference to an undescribed step's fields.
    void plan_undescribed_outputs() {
      std::map<size_t, std::vector<std::pair<std::string, TypeExpr>>> fields_read;
      std::map<size_t, std::string> whole_read_as;
      auto note_reads = [&](const Mapping& m, const Schema* dest) {
        for (const auto& [field, value] : m) {
          if (!value.is_reference()) continue;
          const Reference& r = value.reference();
          if (r.kind != Reference::Kind::kStep && r.kind != Reference::Kind::kStepField) continue;
          const size_t* at = index_.find(r.step);
          if (!at || !undescribed(*at)) continue;
          const Field* df = dest ? dest->find(field) : nullptr;
          TypeExpr type = df ? df->type : simple_type("Any");
          if (r.kind == Reference::Kind::kStepField) {
            auto& list = fields_read[*at];
            bool seen = false;
            for (const auto& [n, t] : list) seen = seen || n == r.field;
            if (!seen) list.emplace_back(r.field, type);
          } else if (type.kind == TypeExpr::Kind::kModel) {
            whole_read_as.emplace(*at, type.name);
          }
        }
      };
      for (size_t i = 0; i < flat_.size(); ++i) {
        if (!flat_[i].step->input) continue;
        bool known = false;
        const Schema* dest = callee_input(i, known);
        note_reads(*flat_[i].step->input, dest);
      }
      if (w_.output) note_reads(*w_.output, w_.output_schema ? &*w_.output_schema : nullptr);

      for (size_t i = 0; i < flat_.size(); ++i) {
        if (!undescribed(i)) continue;
        Derived d;
        bool last = flat_[i].step == &w_.steps.back();
        if (last && !w_.output && w_.output_schema) {
          d.schema = *w_.output_schema;
          d.same_as = w_.name + "Output";
        } else if (auto it = fields_read.find(i); it != fields_read.end()) {
          Schema s;
          for (const auto& [n, t] : it->second) {
            Field f;
            f.name = n;
            f.type = t;
            s.fields.push_back(std::move(f));
          }
          d.schema = std::move(s);
        } else if (auto wt = whole_read_as.find(i); wt != whole_read_as.end()) {
          if (const Schema* s = pf_.find_schema(wt->second)) {
            d.schema = *s;
            d.same_as = wt->second;
          }
        } else {
          d.same_as_input = true;
        }
        planned_.emplace(i, std::move(d));
      }
    }

    // ------------------------------------------------------------ references

    // The model type named NAME, made once per name (pointers stay valid: a node-based map).
    const TypeExpr* model_type_of(const std::string& name) {
      auto it = model_types_.find(name);
      if (it == model_types_.end()) it = model_types_.emplace(name, model_type(name)).first;
      return &it->second;
    }

    // The type of reference VALUE seen from top-level position TOP (INT_MAX: the workflow's
    // output); reports problems and returns null for a bad reference.
    const TypeExpr* type_of(const Value& value, int top, const Step* here) {
      const Reference& r = value.reference();
      auto text = [&r] { return ref_text(r); };  // only for messages: most references are fine
      if (r.kind == Reference::Kind::kInput || r.kind == Reference::Kind::kInputField) {
        if (!w_.input_schema) {
          report(sink_, Code::kNoInput, value.loc, text(), w_.name);
          return nullptr;
        }
        if (r.kind == Reference::Kind::kInput) return model_type_of(w_.name + "Input");
        if (const Field* f = w_.input_schema->find(r.field)) return &f->type;
        auto& d = report(sink_, Code::kUnknownFieldRef, value.loc, text(), "the input of workflow " + w_.name, r.field);
        suggest_field(d, *w_.input_schema, r.field);
        return nullptr;
      }
      const size_t* at = index_.find(r.step);
      if (!at) {
        auto& d = report(sink_, Code::kUnknownStepRef, value.loc, text(), r.step, w_.name);
        std::vector<std::string> names;
        for (const auto& f : flat_) names.push_back(f.step->name);
        if (auto m = closest_match(r.step, names)) add_note(d, fmt::format("did you mean `{}`?", *m));
        return nullptr;
      }
      const Flat& target = flat_[*at];
      if (target.top >= top) {
        const char* why = target.step == here ? "it is this step"
                          : target.top == top ? "it runs in the same parallel group"
                                              : "it runs later";
        report(sink_, Code::kStepNotEarlier, value.loc, text(), r.step, why);
        return nullptr;
      }
      const Output& o = output_of(*at);
      if (o.kind == Output::Kind::kNoOutput) {
        auto& d = report(sink_, Code::kStepHasNoOutput, value.loc, text(), step_kind_name(target.step->kind));
        if (target.step->kind == StepKind::kParallel) add_note(d, "refer to a step inside the group instead");
        return nullptr;
      }
      if (o.kind == Output::Kind::kNothing) {
        report(sink_, Code::kStepReturnsNothing, value.loc, text(), r.step);
        return nullptr;
      }
      if (r.kind == Reference::Kind::kStep) return model_type_of(o.model());
      if (const Field* f = o.schema->find(r.field)) return &f->type;
      auto& d = report(sink_, Code::kUnknownFieldRef, value.loc, text(), "the output of step `" + r.step + "`", r.field);
      suggest_field(d, *o.schema, r.field);
      return nullptr;
    }

    static void suggest_field(Diagnostic& d, const Schema& s, const std::string& field) {
      std::vector<std::string> names;
      for (const auto& f : s.fields) names.push_back(f.name);
      if (auto m = closest_match(field, names)) add_note(d, fmt::format("did you mean `{}`?", *m));
    }

    // Checks that VALUE fits field TARGET (named WHAT). Returns the type of a reference, null
    // for a bad reference or a literal (whose type is type_of_value(value.literal())).
    const TypeExpr* check_value(const Value& value, const Field* target, const std::string& what, int top,
                                const Step* here) {
      if (value.is_reference()) {
        const TypeExpr* t = type_of(value, top, here);
        if (t && target) check_reference_fits(value, *t, *target, what);
        return t;
      }
      if (target) {
        if (auto why = value_misfit(value.literal(), target->type, pf_.lookup())) {
          auto& d = report(sink_, Code::kTypeMismatch, value.loc, "the value `" + value.literal().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "`",
                           render_annotation(type_of_value(value.literal())), what, render_annotation(target->type));
          if (!why->empty()) add_note(d, why->substr(2, why->size() - 3));
        }
      }
      return nullptr;
    }

    void check_reference_fits(const Value& value, const TypeExpr& type, const Field& target, const std::string& what) {
      if (!assignable(type, target.type, pf_.lookup()))
        report(sink_, Code::kTypeMismatch, value.loc, "reference `" + ref_text(value.reference()) + "`",
               render_annotation(type), what, render_annotation(target.type));
    }

    // ------------------------------------------------------------ steps

    void resolve_step(size_t i) {
      Step& s = *flat_[i].step;
      int top = flat_[i].top;
      if (s.kind != StepKind::kFunction && s.kind != StepKind::kWorkflow) return;
      if (s.target.empty()) return;
      if (s.kind == StepKind::kWorkflow && !flat_[i].workflow) return;  // reported
      if (uses_) uses_->emplace_back(&s, flat_[i].function);
      else pf_.note_use(s, flat_[i].function);
      if (undescribed(i)) return resolve_undescribed(i);

      bool known = false;
      const Schema* in = callee_input(i, known);
      ResolvedInput& ri = s.resolved_input;
      if (s.input) {
        ri.mode = ResolvedInput::Mode::kFields;
        for (const auto& [field, value] : *s.input) {
          const Field* target = in ? in->find(field) : nullptr;
          if (!target) {
            auto& d = report(sink_, Code::kUnknownInputField, value.key_loc.known() ? value.key_loc : value.loc,
                             callee_name(s), field);
            if (in) suggest_field(d, *in, field);
            else add_note(d, callee_name(s) + " takes no input");
            continue;
          }
          check_value(value, target, field, top, &s);
          ri.fields.emplace_back(field, value);
        }
        if (in) {
          std::vector<const Field*> missing;
          for (const auto& f : in->fields) {
            bool given = false;
            for (const auto& [name, v] : *s.input) given = given || name == f.name;
            if (!given && !f.default_value) missing.push_back(&f);
          }
          if (!missing.empty()) {
            std::string list;
            for (size_t m = 0; m < missing.size(); ++m) list += (m ? ", `" : "`") + missing[m]->name + "`";
            auto& d = report(sink_, Code::kMissingInputField, s.loc, s.name, missing.size() > 1 ? "s" : "", list,
                             callee_name(s));
            for (const Field* f : missing)
              if (auto ref = find_source(*f, top)) add_note(d, fmt::format("add `{}: {}` to `input:`", f->name, *ref));
          }
        }
        if (ri.fields.empty() && !in) ri.mode = ResolvedInput::Mode::kNone;
        return;
      }
      if (!in) {
        ri.mode = ResolvedInput::Mode::kNone;
        return;
      }
      // Default data flow: each field by name from the latest earlier step, else the input.
      ri.mode = ResolvedInput::Mode::kFields;
      ri.fields.reserve(in->fields.size());
      for (const auto& f : in->fields) {
        Source src = locate_source(providers_of(f), f.name, top);
        if (!src.found) {
          if (!f.default_value) report(sink_, Code::kNeedsExplicitInput, s.loc, s.name, f.name, callee_name(s));
          continue;
        }
        // Built in place: a Value is large, and this runs for most fields of most steps.
        auto& [name, value] = ri.fields.emplace_back();
        name = f.name;
        set_ref(value, src, f.name, s.loc);
        if (src.type) check_reference_fits(value, *src.type, f, f.name);
        else check_value(value, &f, f.name, top, &s);
      }
    }

    // Where a field named NAME comes from by default: the latest output field of that name
    // visible from TOP (PROVIDERS: providers_ of NAME), else the workflow input's field.
    struct Source {
      bool found = false;
      const Step* step = nullptr;      // null: the workflow input
      const TypeExpr* type = nullptr;  // set when type_of would find this very field without a
                                       // report (it is then not asked again)
    };

    Source locate_source(const std::vector<size_t>& providers, const std::string& name, int top) const {
      Source src;
      size_t end = visible_end(top);
      auto stop = std::lower_bound(providers.begin(), providers.end(), end);
      if (stop != providers.begin()) {
        // A provider ran in an earlier top-level step and outputs NAME; unless an earlier
        // step has the same name, type_of finds this step and this field.
        const Flat& provider = flat_[*(stop - 1)];
        src.found = true;
        src.step = provider.step;
        if (provider.first_of_name)
          if (const Field* of = outputs_[*(stop - 1)].schema->find(name)) src.type = &of->type;
        return src;
      }
      if (w_.input_schema)
        if (const Field* in = w_.input_schema->find(name)) {
          src.found = true;
          src.type = &in->type;
        }
      return src;
    }

    static void set_ref(Value& v, const Source& src, const std::string& name, const Loc& loc) {
      Reference& r = v.v.emplace<Reference>();
      r.kind = src.step ? Reference::Kind::kStepField : Reference::Kind::kInputField;
      if (src.step) r.step = src.step->name;
      r.field = name;
      v.loc = loc;
    }

    // The latest output field (or input field) named NAME visible from TOP, as a reference.
    std::optional<Value> source_by_name(const std::string& name, int top, const Loc& loc) const {
      static const std::vector<size_t> kNone;
      auto it = providers_.find(name);
      Source src = locate_source(it != providers_.end() ? it->second : kNone, name, top);
      if (!src.found) return std::nullopt;
      Value v;
      set_ref(v, src, name, loc);
      return v;
    }

    // A reference text that would fill F (same name, fitting type), for suggestions.
    std::optional<std::string> find_source(const Field& f, int top) const {
      for (size_t j : providers_before(f.name, visible_end(top))) {
        const Field* of = output_of(j).schema->find(f.name);
        if (of && assignable(of->type, f.type, pf_.lookup())) return "steps." + flat_[j].step->name + "." + f.name;
      }
      if (w_.input_schema)
        if (const Field* of = w_.input_schema->find(f.name); of && assignable(of->type, f.type, pf_.lookup()))
          return "input." + f.name;
      return std::nullopt;
    }

    void resolve_undescribed(size_t i) {
      Step& s = *flat_[i].step;
      int top = flat_[i].top;
      Derivation d;
      ResolvedInput& ri = s.resolved_input;
      std::string model_prefix = pascal_case(s.target);
      if (s.input) {
        ri.mode = ResolvedInput::Mode::kFields;
        Schema in;
        for (const auto& [field, value] : *s.input) {
          const TypeExpr* t = check_value(value, nullptr, field, top, &s);
          Field f;
          f.name = field;
          f.type = t ? *t : value.is_reference() ? simple_type("Any") : type_of_value(value.literal());
          f.loc = value.key_loc;
          in.fields.push_back(std::move(f));
          ri.fields.emplace_back(field, value);
        }
        d.input = std::move(in);
      } else {
        // The previous step's whole output (sleeps pass it through); the first: the input.
        int prev_top = top - 1;
        while (prev_top >= 0 && w_.steps[static_cast<size_t>(prev_top)].kind == StepKind::kSleep) --prev_top;
        if (prev_top < 0) {
          if (w_.input_schema) {
            ri.mode = ResolvedInput::Mode::kWhole;
            ri.whole = make_ref(Reference::Kind::kInput, "", "", s.loc);
            d.input = *w_.input_schema;
            d.input_same_as = w_.name + "Input";
          }
        } else {
          const Step& prev = w_.steps[static_cast<size_t>(prev_top)];
          if (prev.kind == StepKind::kParallel) {
            report(sink_, Code::kNeedsInputAfterParallel, s.loc, s.name, s.target, "parallel group `" + prev.name + "`");
          } else {
            size_t j = *index_.find(prev.name);  // every step is in index_
            Output o = output_of(j);
            if (o.kind == Output::Kind::kSchema) {
              ri.mode = ResolvedInput::Mode::kWhole;
              ri.whole = make_ref(Reference::Kind::kStep, prev.name, "", s.loc);
              d.input = *o.schema;
              d.input_same_as = pf_.root_model(o.model());
            }
          }
        }
      }
      // Output, as planned from the references that read it.
      Derived& plan = planned_.at(i);
      if (plan.same_as_input) {
        d.output = d.input;
        d.output_same_as = d.input_same_as ? d.input_same_as : std::optional<std::string>(model_prefix + "Input");
        if (!d.input) d.output_same_as.reset();
      } else {
        d.output = plan.schema;
        d.output_same_as = plan.same_as;
      }
      // The step's output as later references see it.
      const Function& f = pf_.record_derivation(s, std::move(d));
      Output o;
      if (f.output_schema) {
        o.kind = Output::Kind::kSchema;
        o.schema = &*f.output_schema;
        o.owner = s.target;  // model_prefix + "Output"
        o.owner_is_function = true;
      }
      outputs_[i] = o;
      register_providers(i);
    }

    // ------------------------------------------------------------ workflow output

    void resolve_output() {
      if (w_.output) {
        if (!w_.output_schema) {
          if (!w_.output->empty()) report(sink_, Code::kNoOutput, w_.output->front().second.key_loc, w_.name);
          return;
        }
        for (const auto& [field, value] : *w_.output) {
          const Field* target = w_.output_schema->find(field);
          if (!target) {
            auto& d = report(sink_, Code::kUnknownOutputField, value.key_loc, w_.name, field);
            suggest_field(d, *w_.output_schema, field);
            continue;
          }
          check_value(value, target, field, INT_MAX, nullptr);
          w_.resolved_output.emplace_back(field, value);
        }
        for (const auto& f : w_.output_schema->fields) {
          bool given = false;
          for (const auto& [name, v] : *w_.output) given = given || name == f.name;
          if (!given && !f.default_value) report(sink_, Code::kMissingOutputField, w_.output_schema->loc, w_.name, f.name);
        }
        return;
      }
      if (!w_.output_schema) return;
      if (!w_.steps.empty() && undescribed(w_.steps.back()) && !w_.steps.back().target.empty()) {
        w_.output_from_last_step = true;
        return;
      }
      for (const auto& f : w_.output_schema->fields) {
        std::optional<Value> source = source_by_name(f.name, INT_MAX, w_.output_schema->loc);
        if (!source) {
          if (!f.default_value) report(sink_, Code::kMissingOutputField, w_.name_loc.known() ? w_.name_loc : w_.loc, w_.name, f.name);
          continue;
        }
        check_value(*source, &f, f.name, INT_MAX, nullptr);
        w_.resolved_output.emplace_back(f.name, std::move(*source));
      }
    }

    struct Derived {
      std::optional<Schema> schema;
      std::optional<std::string> same_as;
      bool same_as_input = false;
    };

    ProjectFlow& pf_;
    Workflow& w_;
    DiagnosticSink& sink_;
    Uses* uses_;
    std::vector<Flat> flat_;
    NameIndex<size_t> index_;  // step name -> flat index (first of each name)
    std::map<size_t, Derived> planned_;
    std::vector<Output> outputs_;       // per flat index
    std::vector<size_t> group_start_;   // flat index of each top-level step
    std::unordered_map<std::string, std::vector<size_t>> providers_;
    std::unordered_map<std::string, TypeExpr> model_types_;  // model_type_of's
    // providers_[f.name] for each field object asked about (entries of providers_ never move).
    std::unordered_map<const Field*, std::vector<size_t>*> providers_by_field_;

    std::vector<size_t>& providers_of(const Field& f) {
      auto [it, fresh] = providers_by_field_.try_emplace(&f, nullptr);
      if (fresh) it->second = &providers_[f.name];
      return *it->second;
    }
  };

  SchemaLookup lookup() const {
    return [this](const std::string& n) { return find_schema(n); };
  }

  // The models, and the input and output models of every workflow and function, by name:
  // indexed at the first lookup (only a model type or a whole-output reference asks, and
  // many projects have neither), by whichever thread asks first.
  void index_schemas() const {
    std::call_once(schemas_indexed_, [this] {
      for (const auto& m : p_.models) schemas_[m.name] = &m.schema;
      for (const auto& w : p_.workflows) {
        if (w.input_schema) schemas_[w.name + "Input"] = &*w.input_schema;
        if (w.output_schema) schemas_[w.name + "Output"] = &*w.output_schema;
      }
      for (const auto& f : p_.functions) {
        if (f.input_schema) schemas_[pascal_case(f.name) + "Input"] = &*f.input_schema;
        if (f.output_schema) schemas_[pascal_case(f.name) + "Output"] = &*f.output_schema;
      }
    });
  }

  const Schema* find_schema(const std::string& name) const {
    index_schemas();
    auto it = schemas_.find(name);
    return it == schemas_.end() ? nullptr : it->second;
  }

  // A derived model that is exactly another model names the original.
  std::string root_model(const std::string& model) const {
    std::string m = model;
    for (int guard = 0; guard < 64; ++guard) {
      auto it = same_as_.find(m);
      if (it == same_as_.end()) break;
      m = it->second;
    }
    return m;
  }

  // DESCRIBED: the step's callee when it is a described function (names are unique: merge()
  // refused duplicates, so a flag per described function replaces hashing its name).
  void note_use(const Step& s, const Function* described) {
    // Each function once, at its first use (the steps outlive this pass).
    if (s.kind != StepKind::kFunction) return;
    if (described) {
      auto k = static_cast<size_t>(described - p_.functions.data());
      if (used_described_[k]) return;
      used_described_[k] = true;
    } else if (!used_.insert(s.target).second) {
      return;
    }
    use_order_.push_back(s.target);
  }

  const Function& record_derivation(const Step& s, Derivation d) {
    auto it = derived_.find(s.target);
    std::string prefix = pascal_case(s.target);
    if (it == derived_.end()) {
      Function f;
      f.name = s.target;
      f.described = false;
      f.loc = s.target_loc;
      f.input_schema = std::move(d.input);
      f.output_schema = std::move(d.output);
      if (d.input_same_as) f.input_same_as = root_model(*d.input_same_as);
      if (d.output_same_as) f.output_same_as = root_model(*d.output_same_as);
      it = derived_.emplace(s.target, std::move(f)).first;
      Function& fn = it->second;
      index_schemas();  // the described ones first: a derived model replaces one of the same name
      if (fn.input_schema) schemas_[prefix + "Input"] = &*fn.input_schema;
      if (fn.output_schema) schemas_[prefix + "Output"] = &*fn.output_schema;
      if (fn.input_same_as) same_as_[prefix + "Input"] = *fn.input_same_as;
      if (fn.output_same_as) same_as_[prefix + "Output"] = *fn.output_same_as;
      return fn;
    }
    Function& f = it->second;
    if (!same_fields(f.input_schema, d.input)) {
      auto& diag = report(sink_, Code::kConflictingDerivedSchema, s.target_loc, s.target, "input");
      add_note(diag, "first called here", f.loc);
    } else if (!same_fields(f.output_schema, d.output)) {
      auto& diag = report(sink_, Code::kConflictingDerivedSchema, s.target_loc, s.target, "output");
      add_note(diag, "first called here", f.loc);
    }
    return f;
  }

  Project& p_;
  DiagnosticSink& sink_;
  // By name; nothing iterates them, so hashed (a std::map compared strings ~14 times per
  // insertion, 12,000 insertions on a 5,000-function spec).
  mutable std::unordered_map<std::string, const Schema*> schemas_;  // see index_schemas()
  mutable std::once_flag schemas_indexed_;
  const ProjectNames& names_;
  TwoThreads* threads_;

  const Function* function(std::string_view name) const { return names_.function(name); }
  const Workflow* workflow(std::string_view name) const { return names_.workflow(name); }
  std::unordered_map<std::string, std::string> same_as_;
  std::unordered_map<std::string, Function> derived_;  // node-based: schemas_ points into it
  std::vector<std::string_view> use_order_;  // called functions, first use first (steps' names)
  std::unordered_set<std::string_view> used_;  // undescribed functions noted
  std::vector<bool> used_described_ = std::vector<bool>(p_.functions.size());  // by index in p_.functions
};

}  // namespace

void resolve_data_flow(Project& project, DiagnosticSink& sink, const ProjectNames& names, TwoThreads* threads) {
  ProjectFlow(project, sink, names, threads).run();
}

}  // namespace restack::spec::detail
