#pragma once
// Shared between the context builder's files: lookups over the project that the spec model's
// own helpers would give, kept here so the generator links without the validator's sources.
#include <initializer_list>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "template/value.h"

#include "generate/python_names.h"
#include "generate/python_types.h"
#include "spec/project_names.h"
#include "spec/model.h"

namespace restack::generate {

class BodyProvider;

const spec::Field* find_field(const spec::Schema& schema, const std::string& name);
spec::RetryPolicy merge_retry(const spec::RetryPolicy& base, const spec::RetryPolicy& over);
bool retry_empty(const spec::RetryPolicy& policy);

/// What every module builder needs: the project, its model catalog, and every user name (which
/// each module's NameScope claims so our own imports are the ones aliased on a clash).
struct ProjectIndex {
  const spec::Project& project;
  ModelCatalog models;
  spec::ProjectNames names;  // functions and workflows by name, hashed
  NameScope user_scope;  // claims every user name (models, functions, workflows); every module scope's parent
  std::unordered_map<std::string, const spec::Workflow*> first_caller;  // function -> workflow
  /// The model names of each function of the project (by index): computed once, asked for by
  /// every module that uses the function.
  struct FunctionModels {
    std::string input, output;  // "" when it takes no input / returns nothing
  };
  std::vector<FunctionModels> function_models;

  explicit ProjectIndex(const spec::Project& p);
  /// The callee of a validated project's step; std::out_of_range if the project has no such
  /// name (only an unvalidated project can lack one).
  const spec::Function& function(std::string_view name) const;
  const spec::Workflow& workflow(std::string_view name) const;
  /// A scope claiming every user name except EXCEPT (names the module imports under an alias
  /// instead, see the workflow builder).
  NameScope module_scope(const std::set<std::string>& except = {}) const;
  /// Model names of a workflow / function: "" when it takes no input / returns nothing.
  std::string input_model(const spec::Workflow& w) const;
  std::string output_model(const spec::Workflow& w) const;
  std::string input_model(const spec::Function& f) const;
  std::string output_model(const spec::Function& f) const;
  /// F's model names; F must be one of the project's functions (std::out_of_range otherwise).
  const FunctionModels& models_of(const spec::Function& f) const;
};

/// The module name (file stem) of a function or workflow.
std::string function_module(const std::string& name);
std::string workflow_module(const std::string& name);

/// TEXT on one line with `|` escaped, for a Markdown table cell (README).
std::string markdown_cell(const std::string& text);

/// A < B in std::string's order (unsigned bytes), inline: faster than memcmp calls for the
/// short names the context sorts (some 10,000 for src/services.py).
inline bool text_less(std::string_view a, std::string_view b) {
  const size_t n = a.size() < b.size() ? a.size() : b.size();
  for (size_t i = 0; i < n; ++i)
    if (a[i] != b[i]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[i]);
  return a.size() < b.size();
}

/// Sorts NAMES in std::string's order (text_less): by their first eight bytes as one
/// big-endian number (zero-padded), and by text_less only between names that share those, so
/// a sort of some 5,000 function names (src/services.py) compares words, not bytes one by one.
void sort_texts(std::vector<std::string_view>& names);

/// One entry of make_dict: a key and its value. Empty strings (the value of some 60,000 entries
/// of a large project) and the context's own words ("function", "fields"...) share one value
/// each instead of an allocation each.
struct ContextField {
  /// A dict key as a call site writes it. A string literal (the usual case) is marked so: its
  /// address names it for the whole run, so make_dict finds its shared value by address
  /// instead of hashing and comparing its text (some 600,000 keys for a large project).
  /// consteval: only a constant array (a literal, of static storage) is taken by address; a
  /// char buffer whose text may change is refused at compile time (pass a std::string_view).
  struct Key {
    template <size_t N>
    consteval Key(const char (&literal)[N]) : text(literal, N - 1), is_literal(true) {}
    Key(std::string_view t) : text(t) {}
    Key(const std::string& t) : text(t) {}
    std::string_view text;
    bool is_literal = false;
  };

  ContextField(Key k, tmpl::Value v) : key(k), value(std::move(v)) {}
  ContextField(Key k, std::string s) : key(k), value(s.empty() ? empty_string() : tmpl::Value(std::move(s))) {}
  ContextField(Key k, const char* s) : key(k), value(literal(s)) {}
  template <typename T, std::enable_if_t<std::is_arithmetic_v<T>, int> = 0>
  ContextField(Key k, T v) : key(k), value(v) {}

  /// The shared "" (a built context is read only, so sharing a value is safe).
  static const tmpl::Value& empty_string();
  /// TEXT as a value: shared when it is one of the words the context repeats (keys, kinds, modes).
  static tmpl::Value literal(std::string_view text);

  Key key;
  /// Mutable so that make_dict moves it into the dict (an initializer_list's elements are
  /// const): one reference-count increment and decrement less per entry.
  mutable tmpl::Value value;
};

/// Shares the values of texts that repeat in what one thread builds (field names, annotations,
/// field code such as "record_id: str", import lines, step names): each distinct text is one
/// string value however many dicts hold it. A built context is read only, so sharing a string
/// is safe; containers are never shared. Used by one thread at a time; the values it hands out
/// outlive it.
class StringPool {
 public:
  /// TEXT as a value: the one made for an equal text before, or a new one kept for later.
  tmpl::Value get(std::string_view text);
  tmpl::Value get(std::string&& text);

 private:
  /// The value kept for TEXT (the shared "" for an empty one), or null.
  const tmpl::Value* find(std::string_view text) const;
  /// Keeps VALUE (a string) for later requests of its text.
  tmpl::Value keep(tmpl::Value value);
  // Keys view into the pooled values' own strings, which never move.
  std::unordered_map<std::string_view, tmpl::Value> values_;
};

/// A context dict of ENTRIES, inserted in sorted key order (the order --dump-context prints, so
/// our renderer and the Python reference see the same order).
tmpl::Value make_dict(std::initializer_list<ContextField> entries);
/// A context list.
inline tmpl::Value make_list(std::vector<tmpl::Value> items = {}) { return tmpl::Value::list(std::move(items)); }
/// A list of strings (the empty ones share one value); ITEMS moved from when given as an rvalue.
tmpl::Value string_list(const std::vector<std::string>& items);
tmpl::Value string_list(std::vector<std::string>&& items);

/// A description's three spellings: one line (`description`), a Markdown table cell
/// (`description_md`) and a docstring body (`doc`). Usually the same text: then one value.
struct DescriptionValues {
  tmpl::Value one_line, markdown, doc;
};
DescriptionValues description_values(std::string_view description);
/// Whether one_line, docstring_text and markdown_cell all give TEXT back unchanged: no spaces
/// at either end or twice in a row, no control characters, nothing a docstring or a Markdown
/// cell escapes. Most descriptions are such a text (then they need no rewriting pass).
bool plain_description(std::string_view text);

/// The names of NAME in every case style.
tmpl::Value name_styles(const std::string& name);
/// name_styles(NAME) with its raw and snake_case values, which a function's or workflow's
/// context also holds as "name" and "module": one value each, shared (and styles that spell
/// the same text share one value too).
struct NameValues {
  tmpl::Value raw, snake, styles;
};
NameValues name_values(const std::string& name);
/// string_list(ITEMS) with each text through POOL (import lines that most modules repeat).
tmpl::Value pooled_string_list(StringPool& pool, std::vector<std::string>&& items);

/// Visits every leaf step (function, workflow, sleep) of STEPS in order, parallel children
/// included.
template <typename F>
void for_each_leaf(const std::vector<spec::Step>& steps, F&& f) {
  for (const auto& s : steps) {
    if (s.kind == spec::StepKind::kParallel) for_each_leaf(s.steps, f);
    else f(s);
  }
}

/// Where a function step runs: the step's queue, else the function's, else the workflow's or
/// the project's (as the validator resolved it). Empty: the default queue.
std::string step_task_queue(const ProjectIndex& index, const spec::Workflow& w, const spec::Step& s);
/// The queue a workflow's service runs on ("" = default).
std::string workflow_task_queue(const ProjectIndex& index, const spec::Workflow& w);
/// The same two as views into the project (no copy: services.py asks for some 10,000).
std::string_view step_task_queue_view(const ProjectIndex& index, const spec::Workflow& w, const spec::Step& s);
std::string_view workflow_task_queue_view(const ProjectIndex& index, const spec::Workflow& w);

/// `async def NAME(PARAMS) -> RETURNS:` on one line, or exploded the way black keeps it.
std::string def_signature(const std::string& prefix, const std::vector<std::string>& params,
                          const std::string& returns, size_t indent);

tmpl::Value models_module_context(const ProjectIndex& index);
/// POOL: the building thread's own, shared by the functions and workflows it builds.
tmpl::Value function_context(const ProjectIndex& index, const spec::Function& f, BodyProvider& bodies, StringPool& pool);
tmpl::Value workflow_context(const ProjectIndex& index, const spec::Workflow& w, StringPool& pool);
tmpl::Value services_context(const ProjectIndex& index);
tmpl::Value schedule_context(const ProjectIndex& index);
tmpl::Value tests_context(const ProjectIndex& index);

}  // namespace restack::generate
