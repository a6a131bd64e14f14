// A text rendering of a whole Project, every field and position, so that two loads can be
// compared as strings (and a difference shown as one).
#include "model_dump_helpers.h"

#include <sstream>

#include "spec/type_render.h"

namespace restack::spec::test {
namespace {

class Dumper {
 public:
  std::string str() const { return out_.str(); }

  void project(const Project& p) {
    out_ << "project " << p.name << " / " << p.package_name << " " << opt(p.description) << " queue=" << opt(p.task_queue)
         << "\n";
    for (const auto& f : p.files) out_ << "file " << f << "\n";
    for (const auto& m : p.models) {
      out_ << "model " << m.name << " " << loc(m.loc) << "\n";
      schema(m.schema);
    }
    for (const auto& f : p.functions) function(f);
    for (const auto& w : p.workflows) workflow(w);
  }

 private:
  static std::string loc(const Loc& l) { return l.file.str() + ":" + std::to_string(l.line) + ":" + std::to_string(l.column); }
  static std::string opt(const std::optional<std::string>& s) { return s ? "'" + *s + "'" : "-"; }

  void type(const TypeExpr& t) {
    out_ << render_annotation(t) << " (" << t.spelling << " @" << loc(t.loc) << ")";
    for (const auto& a : t.args) out_ << " [" << loc(a.loc) << "]";
  }

  void schema(const Schema& s) {
    out_ << "  schema @" << loc(s.loc) << "\n";
    for (const auto& f : s.fields) {
      out_ << "    " << f.name << " @" << loc(f.loc) << ": ";
      type(f.type);
      out_ << " desc=" << opt(f.description);
      if (f.default_value) out_ << " default=" << f.default_value->dump() << " @" << loc(f.default_loc);
      out_ << "\n";
    }
  }

  void schema(const char* what, const std::optional<Schema>& s) {
    out_ << "  " << what << (s ? ":" : ": none") << "\n";
    if (s) schema(*s);
  }

  void duration(const char* what, const std::optional<Duration>& d) {
    if (d) out_ << "  " << what << " " << d->seconds << " '" << d->text << "' @" << loc(d->loc) << "\n";
  }

  void retry(const char* what, const std::optional<RetryPolicy>& r) {
    if (!r) return;
    out_ << "  " << what << " @" << loc(r->loc) << " attempts=" << (r->maximum_attempts ? std::to_string(*r->maximum_attempts) : "-")
         << " backoff=" << (r->backoff_coefficient ? std::to_string(*r->backoff_coefficient) : "-") << "\n";
    duration("    initial", r->initial_interval);
    duration("    maximum", r->maximum_interval);
    if (r->non_retryable_error_types)
      for (const auto& e : *r->non_retryable_error_types) out_ << "    non-retryable " << e << "\n";
  }

  void value(const Value& v) {
    if (v.is_reference()) {
      const Reference& r = v.reference();
      out_ << "ref" << static_cast<int>(r.kind) << "(" << r.step << "." << r.field << ")";
    } else {
      out_ << "literal " << v.literal().dump();
    }
    out_ << " @" << loc(v.loc) << " key@" << loc(v.key_loc);
  }

  void mapping(const char* what, const Mapping& m) {
    for (const auto& [k, v] : m) {
      out_ << "  " << what << " " << k << " = ";
      value(v);
      out_ << "\n";
    }
  }

  void function(const Function& f) {
    out_ << "function " << f.name << " @" << loc(f.loc) << " described=" << f.described << " desc=" << opt(f.description)
         << " code=" << opt(f.code) << " prompt=" << opt(f.prompt) << " queue=" << opt(f.task_queue)
         << " same_as=" << opt(f.input_same_as) << "/" << opt(f.output_same_as) << "\n";
    for (const auto& i : f.imports) out_ << "  import " << i << "\n";
    schema("input", f.input_schema);
    schema("output", f.output_schema);
    duration("timeout", f.timeout);
    retry("retry", f.retry_policy);
  }

  void step(const Step& s, int depth) {
    out_ << std::string(static_cast<size_t>(depth) * 2, ' ') << "step " << s.name << " kind=" << step_kind_name(s.kind)
         << " target=" << s.target << " @" << loc(s.loc) << " name@" << loc(s.name_loc) << " target@" << loc(s.target_loc)
         << " desc=" << opt(s.description) << " queue=" << opt(s.task_queue) << " effective_queue=" << opt(s.effective_task_queue)
         << "\n";
    if (s.input) mapping("input", *s.input);
    duration("timeout", s.timeout);
    duration("sleep", s.duration);
    retry("retry", s.retry_policy);
    retry("effective_retry", s.effective_retry);
    duration("effective_timeout", s.effective_timeout);
    out_ << "  resolved mode=" << static_cast<int>(s.resolved_input.mode) << " whole=";
    value(s.resolved_input.whole);
    out_ << "\n";
    mapping("resolved", s.resolved_input.fields);
    for (const auto& c : s.steps) step(c, depth + 1);
  }

  void workflow(const Workflow& w) {
    out_ << "workflow " << w.name << " @" << loc(w.loc) << " name@" << loc(w.name_loc) << " file=" << w.file
         << " desc='" << w.description << "' queue=" << opt(w.task_queue) << " from_last=" << w.output_from_last_step << "\n";
    schema("input", w.input_schema);
    schema("output", w.output_schema);
    retry("retry", w.retry_policy);
    duration("timeout", w.timeout);
    duration("step_timeout", w.step_timeout);
    if (w.schedule) {
      out_ << "  schedule @" << loc(w.schedule->loc) << " cron=" << opt(w.schedule->cron) << " @" << loc(w.schedule->cron_loc) << "\n";
      duration("every", w.schedule->every);
    }
    for (const auto& s : w.steps) step(s, 1);
    if (w.output) mapping("output", *w.output);
    mapping("resolved_output", w.resolved_output);
  }

  std::ostringstream out_;
};

}  // namespace

std::string dump_project(const Project& p) {
  Dumper d;
  d.project(p);
  return d.str();
}

std::string dump_in_order(const DiagnosticSink& sink) {
  std::string s;
  for (const auto& d : sink.all()) {
    s += d.location.file + ":" + std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + ": " +
         severity_name(d.severity) + ": [" + d.code + "] " + d.message + "\n";
    for (const auto& n : d.notes)
      s += "    note " + n.location.file + ":" + std::to_string(n.location.line) + ":" + std::to_string(n.location.column) +
           ": " + n.message + "\n";
  }
  return s;
}

}  // namespace restack::spec::test
