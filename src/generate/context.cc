#include "generate/context.h"

#include "generate/body_provider.h"
#include "generate/context_internal.h"
#include "generate/parallel.h"
#include "generate/python_literal.h"
#include "template/data.h"

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>
#include <atomic>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <unordered_map>

namespace restack::generate {

const spec::Field* find_field(const spec::Schema& schema, const std::string& name) {
  for (const auto& f : schema.fields)
    if (f.name == name) return &f;
  return nullptr;
}

spec::RetryPolicy merge_retry(const spec::RetryPolicy& base, const spec::RetryPolicy& over) {
  spec::RetryPolicy out = base;
  if (over.initial_interval) out.initial_interval = over.initial_interval;
  if (over.maximum_interval) out.maximum_interval = over.maximum_interval;
  if (over.maximum_attempts) out.maximum_attempts = over.maximum_attempts;
  if (over.backoff_coefficient) out.backoff_coefficient = over.backoff_coefficient;
  if (over.non_retryable_error_types) out.non_retryable_error_types = over.non_retryable_error_types;
  return out;
}

bool retry_empty(const spec::RetryPolicy& p) {
  return !p.initial_interval && !p.maximum_interval && !p.maximum_attempts && !p.backoff_coefficient &&
         !p.non_retryable_error_types;
}

std::string function_module(const std::string& name) { return snake_case(name); }
std::string workflow_module(const std::string& name) { return snake_case(name); }

namespace {

/// The context's dict keys (and a few words it repeats as values), made once and shared by every dict (a project of 5,000 functions has
/// some 400,000 dict entries: one allocation less for each, when building and when freeing).
/// Looked up in a small open-addressing table by a byte hash (keys are short literals): cheaper
/// than std::unordered_map's hashing and bucket walk, done once per entry. Built on first use,
/// never changed afterwards.
class KeyTable {
 public:
  KeyTable() {
    for (std::string_view k :
         {"alias_of", "aliases", "annotation", "assign", "asyncio", "base", "body", "call", "camel", "classes",
          "client", "code", "decorator", "described", "description", "description_md", "description_toml", "doc",
          "fields", "function", "functions", "gather", "generator", "group", "import_functions", "import_lines",
          "index", "input", "input_model", "kebab", "kind", "literal", "log", "log_end", "log_start", "logging",
          "main", "members", "mode", "models_module", "module", "name", "names", "origin", "output", "output_model",
          "package", "pascal", "path", "plan", "project", "pytest", "raw", "ref", "restack_ai", "results_var",
          "return_code", "run", "run_decorator", "run_process", "schedule", "seconds", "services",
          "shielded_import_lines", "signature", "snake", "spec_files", "step", "steps", "sys", "target",
          "task_queue", "tests", "time", "timeout", "title", "unpack", "var", "version", "what", "whole",
          "workflow", "workflows",
          // Values the context repeats (kinds, modes, origins).
          "sleep", "parallel", "none", "last", "placeholder", "llm"}) {
      size_t slot = hash(k) & kMask;
      while (!slots_[slot].text.empty()) slot = (slot + 1) & kMask;
      slots_[slot] = {k, tmpl::Value(k)};
    }
  }
  /// KEY's shared value, or null for a key not in the table.
  const tmpl::Value* find(std::string_view key) const {
    for (size_t slot = hash(key) & kMask;; slot = (slot + 1) & kMask) {
      const Slot& s = slots_[slot];
      if (s.text.empty()) return nullptr;
      if (s.text == key) return &s.value;
    }
  }
  /// KEY's shared value, or a new one for a key not in the table.
  tmpl::Value get(std::string_view key) const {
    const tmpl::Value* shared = find(key);
    return shared ? *shared : tmpl::Value(key);
  }

 private:
  static constexpr size_t kSize = 256, kMask = kSize - 1;  // a power of two, over twice the keys
  static size_t hash(std::string_view key) {
    size_t h = key.size();
    for (unsigned char c : key) h = h * 31 + c;
    return h ^ (h >> 7);
  }
  struct Slot {
    std::string_view text;
    tmpl::Value value;
  };
  Slot slots_[kSize];
};

const KeyTable& key_table() {
  static const KeyTable kKeys;
  return kKeys;
}

tmpl::Value dict_key(std::string_view key) { return key_table().get(key); }

/// KEY's shared value. A string literal's value is remembered by the literal's address, in a
/// small direct-mapped cache of each thread (no lock, nothing shared): call sites repeat the
/// same few dozen literals, so after the first few dicts nearly every key is found by one
/// pointer comparison instead of a hash of its text and a comparison with the table's.
tmpl::Value dict_key(const ContextField::Key& key) {
  if (!key.is_literal) return dict_key(key.text);
  // Plain pointers (the table's values live as long as the process): the cache needs no
  // initialisation or destruction per thread.
  struct Cached {
    const char* address;
    const tmpl::Value* value;
  };
  constexpr size_t kCacheSize = 256;  // the top 8 bits of a hash pick the slot (below)
  thread_local Cached cache[kCacheSize];
  const auto address = reinterpret_cast<uintptr_t>(key.text.data());
  // A multiplicative hash's top 8 bits: shifted addresses alone map literals a build happens to
  // place a fixed distance apart to the same slot.
  Cached& slot = cache[(uint64_t(address) * 0x9E3779B97F4A7C15ull) >> 56];
  if (slot.address != key.text.data()) {
    const tmpl::Value* shared = key_table().find(key.text);
    if (!shared) return tmpl::Value(key.text);  // not one of the table's keys: not cached
    slot = {key.text.data(), shared};
  }
  return *slot.value;
}

}  // namespace

tmpl::Value ContextField::literal(std::string_view text) { return text.empty() ? empty_string() : dict_key(text); }

const tmpl::Value& ContextField::empty_string() {
  static const tmpl::Value kEmpty{std::string()};
  return kEmpty;
}

namespace {

/// A call site's keys in sorted order, remembered per thread: make_dict runs some 80,000 times
/// for a large project from a few dozen call sites, each listing the same literal keys every
/// time. A site is recognised by its keys' addresses (literals live for the whole run), so its
/// entries are placed by the remembered order and key values, without sorting or looking up any
/// key again.
struct SiteOrder {
  static constexpr size_t kMaxKeys = 16;  // larger sites are sorted each time
  const char* keys[kMaxKeys];             // the call site's literal keys, in call order
  uint8_t size = 0;                       // 0: an empty slot
  uint8_t order[kMaxKeys];                // call-order index of the I-th key in sorted order
  const tmpl::Value* values[kMaxKeys];    // the I-th sorted key's shared value
};

/// The two slots ENTRIES' call site (1 to kMaxKeys entries) may sit in, in this thread's cache:
/// a set chosen by a multiplicative hash of the first and last keys' addresses and the count.
/// Two ways and a mixed hash because where literals land depends on the build's layout: with
/// one slot chosen by shifted addresses, two busy sites of one build took the same slot and
/// evicted each other on every call (make_dict of the models module 17.5 M -> 45.5 M
/// instructions on the bench spec, seen by callgrind).
SiteOrder* site_set(std::initializer_list<ContextField> entries) {
  constexpr size_t kSets = 32;  // a power of two; a few dozen call sites
  thread_local SiteOrder slots[2 * kSets];
  const auto first = reinterpret_cast<uintptr_t>(entries.begin()->key.text.data());
  const auto last = reinterpret_cast<uintptr_t>((entries.end() - 1)->key.text.data());
  uint64_t h = (uint64_t(first) * 0x9E3779B97F4A7C15ull) ^ (uint64_t(last) + entries.size());
  h *= 0xC2B2AE3D27D4EB4Full;
  return &slots[2 * (h >> 59)];  // the top 5 bits: one of 32 sets
}

/// Whether SLOT holds ENTRIES' call site.
bool holds_site(const SiteOrder& slot, std::initializer_list<ContextField> entries) {
  if (slot.size != entries.size()) return false;
  size_t i = 0;
  for (const auto& e : entries)
    if (!e.key.is_literal || slot.keys[i++] != e.key.text.data()) return false;
  return true;
}

/// Whether ENTRIES' call site can be cached at all (its keys are checked when it is remembered).
bool fits_site_cache(std::initializer_list<ContextField> entries) {
  return entries.size() > 0 && entries.size() <= SiteOrder::kMaxKeys;
}

/// The cached order of ENTRIES' call site, or null when it is not cached: a key that is not a
/// literal, a site not seen yet, or a slot that another site took since.
const SiteOrder* site_order(std::initializer_list<ContextField> entries) {
  const SiteOrder* set = site_set(entries);
  if (holds_site(set[0], entries)) return &set[0];
  if (holds_site(set[1], entries)) return &set[1];
  return nullptr;
}

/// Remembers the SORTED order of ENTRIES for their call site when every key is a literal of
/// the key table (else nothing: such a site is sorted every time).
void remember_site_order(std::initializer_list<ContextField> entries, const ContextField* const* sorted) {
  const size_t n = entries.size();
  SiteOrder site;
  for (size_t i = 0; i < n; ++i) {
    if (!sorted[i]->key.is_literal) return;
    site.values[i] = key_table().find(sorted[i]->key.text);
    if (!site.values[i]) return;
    site.order[i] = uint8_t(sorted[i] - entries.begin());
  }
  size_t i = 0;
  for (const auto& e : entries) site.keys[i++] = e.key.text.data();
  site.size = uint8_t(n);
  // The newest site goes first and the one it displaces second, so the two busiest sites of a
  // set stay (the second way's old site is dropped).
  SiteOrder* set = site_set(entries);
  set[1] = set[0];
  set[0] = site;
}

}  // namespace

tmpl::Value make_dict(std::initializer_list<ContextField> entries) {
  tmpl::Value value = tmpl::Value::dict();
  auto& dict = value.as_dict();
  const size_t n = entries.size();
  dict.entries.reserve(n);
  const bool cacheable = fits_site_cache(entries);
  if (const SiteOrder* site = cacheable ? site_order(entries) : nullptr) {
    const ContextField* fields = entries.begin();
    // A new dict has no hash index (DictData builds one on the first lookup that needs it), so
    // its entries are constructed in place: what append_new does, without moving each key and
    // value through its parameters (some 400,000 entries for a large project).
    for (size_t i = 0; i < n; ++i) dict.entries.emplace_back(*site->values[i], std::move(fields[site->order[i]].value));
    return value;
  }
  // Sorted by insertion into a buffer on the stack (call sites list a few keys, mostly in
  // order already) rather than by std::sort on a new vector.
  constexpr size_t kOnStack = 32;
  const ContextField* on_stack[kOnStack];
  std::vector<const ContextField*> on_heap;
  const ContextField** sorted = on_stack;
  if (n > kOnStack) {
    on_heap.resize(n);
    sorted = on_heap.data();
  }
  size_t count = 0;
  for (const auto& e : entries) {
    size_t j = count++;
    for (; j > 0 && text_less(e.key.text, sorted[j - 1]->key.text); --j) sorted[j] = sorted[j - 1];
    sorted[j] = &e;
  }
  if (cacheable) remember_site_order(entries, sorted);
  for (size_t i = 0; i < n; ++i) dict.append_new(dict_key(sorted[i]->key), std::move(sorted[i]->value));
  return value;
}

tmpl::Value StringPool::get(std::string_view text) {
  if (const tmpl::Value* kept = find(text)) return *kept;
  return keep(tmpl::Value(std::string(text)));
}

tmpl::Value StringPool::get(std::string&& text) {
  if (const tmpl::Value* kept = find(text)) return *kept;
  return keep(tmpl::Value(std::move(text)));
}

const tmpl::Value* StringPool::find(std::string_view text) const {
  if (text.empty()) return &ContextField::empty_string();
  auto it = values_.find(text);
  return it == values_.end() ? nullptr : &it->second;
}

tmpl::Value StringPool::keep(tmpl::Value value) {
  values_.emplace(value.as_string(), value);  // the key views the value's own string
  return value;
}

tmpl::Value string_list(const std::vector<std::string>& items) {
  std::vector<tmpl::Value> values;
  values.reserve(items.size());
  for (const auto& s : items) values.push_back(s.empty() ? ContextField::empty_string() : tmpl::Value(s));
  return tmpl::Value::list(std::move(values));
}

tmpl::Value string_list(std::vector<std::string>&& items) {
  std::vector<tmpl::Value> values;
  values.reserve(items.size());
  for (auto& s : items) values.push_back(s.empty() ? ContextField::empty_string() : tmpl::Value(std::move(s)));
  return tmpl::Value::list(std::move(values));
}

tmpl::Value name_styles(const std::string& name) { return name_values(name).styles; }

NameValues name_values(const std::string& name) {
  NameValues out;
  out.raw = name.empty() ? ContextField::empty_string() : tmpl::Value(name);
  CaseStyles styles = case_styles(name);
  out.snake = styles.snake == name ? out.raw : tmpl::Value(std::move(styles.snake));
  // The other styles: the value of an equal text made before, else a new one.
  auto style = [&](std::string text, std::initializer_list<const tmpl::Value*> made) {
    for (const tmpl::Value* v : made)
      if (v->as_string() == text) return *v;
    return tmpl::Value(std::move(text));
  };
  tmpl::Value pascal = style(std::move(styles.pascal), {&out.raw});
  tmpl::Value camel = style(std::move(styles.camel), {&out.raw, &out.snake});
  tmpl::Value kebab = style(std::move(styles.kebab), {&out.raw, &out.snake});
  tmpl::Value title = style(std::move(styles.title), {&out.raw});
  out.styles = make_dict({{"raw", out.raw},
                          {"snake", out.snake},
                          {"pascal", std::move(pascal)},
                          {"camel", std::move(camel)},
                          {"kebab", std::move(kebab)},
                          {"title", std::move(title)}});
  return out;
}

bool plain_description(std::string_view text) {
  if (!text.empty() && (text.front() == ' ' || text.back() == ' ')) return false;
  char previous = 0;
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == '\\' || c == '"' || c == '|' || (c == ' ' && previous == ' ')) return false;
    previous = c;
  }
  return true;
}

DescriptionValues description_values(std::string_view description) {
  DescriptionValues out;
  if (plain_description(description)) {  // the usual case: one value, one pass, no other string
    out.one_line = description.empty() ? ContextField::empty_string() : tmpl::Value(description);
    out.markdown = out.doc = out.one_line;
    return out;
  }
  std::string line = one_line(description);
  std::string markdown = markdown_cell(line);  // markdown_cell takes one_line of its text: LINE is that already
  std::string doc = docstring_text(description);
  out.one_line = line.empty() ? ContextField::empty_string() : tmpl::Value(line);
  out.markdown = markdown == line ? out.one_line : tmpl::Value(std::move(markdown));
  out.doc = doc == line ? out.one_line : tmpl::Value(std::move(doc));
  return out;
}

tmpl::Value pooled_string_list(StringPool& pool, std::vector<std::string>&& items) {
  std::vector<tmpl::Value> values;
  values.reserve(items.size());
  for (auto& s : items) values.push_back(pool.get(std::move(s)));
  return tmpl::Value::list(std::move(values));
}

namespace {

/// Whether entry AT of ENTRIES has the str key KEY.
bool key_at(const std::vector<std::pair<tmpl::Value, tmpl::Value>>& entries, size_t at, std::string_view key) {
  const tmpl::Value& k = entries[at].first;
  return k.is_string() && tmpl::same_text(k.as_string(), key);
}

/// The position of the str key KEY in ENTRIES by a scan (entries.size() when missing): a
/// context dict has a few dozen keys at most, and a scan does not make DictData build its hash
/// index for a one-off lookup.
size_t scan_for(const std::vector<std::pair<tmpl::Value, tmpl::Value>>& entries, std::string_view key) {
  size_t at = 0;
  while (at < entries.size() && !key_at(entries, at, key)) ++at;
  return at;
}

[[noreturn]] void throw_missing(std::string_view key) {
  throw std::out_of_range("context has no key '" + std::string(key) + "'");
}

const std::string& string_or_empty(const tmpl::Value& v) {
  static const std::string empty;
  return v.is_string() ? v.as_string() : empty;
}

}  // namespace

const tmpl::Value& context_at(const tmpl::Value& dict, std::string_view key) {
  if (!dict.is_dict()) throw_missing(key);
  const auto& d = dict.as_dict();
  if (d.size() > 32) {
    if (const tmpl::Value* found = d.find(key)) return *found;
    throw_missing(key);
  }
  const size_t at = scan_for(d.entries, key);
  if (at == d.size()) throw_missing(key);
  return d.entries[at].second;
}

const std::string& context_string(const tmpl::Value& dict, std::string_view key) {
  return string_or_empty(context_at(dict, key));
}

const tmpl::Value& ContextKey::at(const tmpl::Value& dict) {
  if (!dict.is_dict()) throw_missing(key_);
  const auto& entries = dict.as_dict().entries;
  if (position_ < entries.size() && key_at(entries, position_, key_)) return entries[position_].second;
  const size_t at = scan_for(entries, key_);
  if (at == entries.size()) throw_missing(key_);
  position_ = at;
  return entries[at].second;
}

const std::string& ContextKey::string(const tmpl::Value& dict) { return string_or_empty(at(dict)); }

std::string PlannedFile::item_text() const {
  switch (item) {
    case Item::kWhole: return "";
    case Item::kFunction: return fmt::format("functions/{}", index);
    case Item::kWorkflow: return fmt::format("workflows/{}", index);
  }
  return "";
}

namespace {

/// The plan of a project of NF functions and NW workflows; FUNCTION_MODULE(i) and
/// WORKFLOW_MODULE(i) name their modules.
template <typename FunctionModule, typename WorkflowModule>
std::vector<PlannedFile> plan_files(size_t nf, size_t nw, FunctionModule function_module, WorkflowModule workflow_module) {
  std::vector<PlannedFile> files;
  files.reserve(13 + nf + nw);
  auto add = [&](std::string path, std::string tmpl, PlannedFile::Item item = PlannedFile::Item::kWhole, size_t i = 0) {
    files.push_back({std::move(path), std::move(tmpl), item, i});
  };
  add("pyproject.toml", "pyproject.toml.j2");
  add("README.md", "README.md.j2");
  add(".env.example", "env.example.j2");
  add(".gitignore", "gitignore.j2");
  add("schedule_workflow.py", "schedule_workflow.py.j2");
  add("src/__init__.py", "package_init.py.j2");
  add("src/client.py", "client.py.j2");
  add("src/models.py", "models.py.j2");
  add("src/services.py", "services.py.j2");
  add("src/functions/__init__.py", "package_init.py.j2");
  add("src/workflows/__init__.py", "package_init.py.j2");
  for (size_t i = 0; i < nf; ++i)
    add("src/functions/" + function_module(i) + ".py", "function.py.j2", PlannedFile::Item::kFunction, i);
  for (size_t i = 0; i < nw; ++i)
    add("src/workflows/" + workflow_module(i) + ".py", "workflow.py.j2", PlannedFile::Item::kWorkflow, i);
  add("tests/__init__.py", "package_init.py.j2");
  add("tests/test_workflows.py", "test_workflows.py.j2");
  return files;
}

}  // namespace

std::vector<PlannedFile> file_plan(const tmpl::Value& data) {
  const auto& fns = context_at(data, "functions").as_list().items;
  const auto& wfs = context_at(data, "workflows").as_list().items;
  ContextKey function_module("module"), workflow_module("module");
  return plan_files(
      fns.size(), wfs.size(), [&](size_t i) { return function_module.string(fns[i]); },
      [&](size_t i) { return workflow_module.string(wfs[i]); });
}

std::vector<PlannedFile> file_plan(const spec::Project& project) {
  // The modules' names as function_context and workflow_context give them.
  return plan_files(
      project.functions.size(), project.workflows.size(), [&](size_t i) { return function_module(project.functions[i].name); },
      [&](size_t i) { return workflow_module(project.workflows[i].name); });
}

std::string context_json(const Context& context) {
  nlohmann::json json = tmpl::to_json(context.data);
  nlohmann::json files = nlohmann::json::array();
  for (const auto& f : context.files)
    files.push_back({{"path", f.path}, {"template", f.template_name}, {"item", f.item_text()}});
  json["files"] = std::move(files);
  return json.dump(2);
}

ProjectIndex::ProjectIndex(const spec::Project& p) : project(p), names(p) {
  // Every user name is claimed in the shared scope directly (a hashed set that ignores repeats):
  // a project of 5,000 functions has some 18,000 of them, and this runs before any thread starts.
  const size_t n_names = p.models.size() + 3 * (p.workflows.size() + p.functions.size());
  user_scope.reserve(n_names);
  models.reserve(n_names);
  first_caller.reserve(p.functions.size());
  function_models.reserve(p.functions.size());
  for (const auto& m : p.models) {
    models[m.name] = {&m.schema, ""};
    user_scope.claim(m.name);
  }
  for (const auto& w : p.workflows) {
    user_scope.claim(w.name);
    if (w.input_schema) {
      std::string in = w.name + "Input";
      user_scope.claim(in);
      models[std::move(in)] = {&*w.input_schema, ""};
    }
    if (w.output_schema) {
      std::string out = w.name + "Output";
      user_scope.claim(out);
      models[std::move(out)] = {&*w.output_schema, ""};
    }
    for_each_leaf(w.steps, [&](const spec::Step& s) {
      if (s.kind == spec::StepKind::kFunction) first_caller.emplace(s.target, &w);
    });
  }
  for (const auto& f : p.functions) {
    user_scope.claim(f.name);
    const std::string pascal = pascal_case(f.name);
    FunctionModels& fm = function_models.emplace_back();
    if (f.input_schema || f.input_same_as) {
      fm.input = pascal + "Input";
      models[fm.input] = {f.input_schema ? &*f.input_schema : nullptr, f.input_same_as.value_or("")};
      user_scope.claim(fm.input);
    }
    if (f.output_schema || f.output_same_as) {
      fm.output = pascal + "Output";
      models[fm.output] = {f.output_schema ? &*f.output_schema : nullptr, f.output_same_as.value_or("")};
      user_scope.claim(fm.output);
    }
  }
}

NameScope ProjectIndex::module_scope(const std::set<std::string>& except) const {
  // A child of the shared scope: building a module's scope costs nothing per user name, which
  // keeps generation linear in the project's size.
  NameScope scope(&user_scope);
  for (const auto& n : except) scope.unclaim_inherited(n);
  return scope;
}

std::string ProjectIndex::input_model(const spec::Workflow& w) const { return w.input_schema ? w.name + "Input" : ""; }
std::string ProjectIndex::output_model(const spec::Workflow& w) const { return w.output_schema ? w.name + "Output" : ""; }
const ProjectIndex::FunctionModels& ProjectIndex::models_of(const spec::Function& f) const {
  const auto& all = project.functions;
  if (!all.empty() && &f >= &all.front() && &f <= &all.back()) return function_models[size_t(&f - &all.front())];
  throw std::out_of_range("function '" + f.name + "' is not one of the project's");
}
std::string ProjectIndex::input_model(const spec::Function& f) const { return models_of(f).input; }
const spec::Function& ProjectIndex::function(std::string_view name) const {
  if (const spec::Function* f = names.function(name)) return *f;
  throw std::out_of_range("no function named '" + std::string(name) + "'");
}
const spec::Workflow& ProjectIndex::workflow(std::string_view name) const {
  if (const spec::Workflow* w = names.workflow(name)) return *w;
  throw std::out_of_range("no workflow named '" + std::string(name) + "'");
}
std::string ProjectIndex::output_model(const spec::Function& f) const { return models_of(f).output; }

std::string_view step_task_queue_view(const ProjectIndex& index, const spec::Workflow& w, const spec::Step& s) {
  if (s.task_queue) return *s.task_queue;
  if (s.kind == spec::StepKind::kFunction) {
    const spec::Function* f = index.names.function(s.target);
    if (f && f->task_queue) return *f->task_queue;
  }
  if (s.effective_task_queue) return *s.effective_task_queue;
  return workflow_task_queue_view(index, w);
}

std::string_view workflow_task_queue_view(const ProjectIndex& index, const spec::Workflow& w) {
  if (w.task_queue) return *w.task_queue;
  if (index.project.task_queue) return *index.project.task_queue;
  return {};
}

std::string step_task_queue(const ProjectIndex& index, const spec::Workflow& w, const spec::Step& s) {
  return std::string(step_task_queue_view(index, w, s));
}

std::string workflow_task_queue(const ProjectIndex& index, const spec::Workflow& w) {
  return std::string(workflow_task_queue_view(index, w));
}

namespace {

/// A TOML basic string ("..."): backslash, quote and control characters escaped.
std::string toml_string(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7f) {
      out += fmt::format("\\u{:04x}", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

}  // namespace

/// Text for a Markdown table cell: `|` escaped so it does not end the cell.
std::string markdown_cell(const std::string& text) {
  std::string out;
  for (char c : one_line(text)) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

Context build_context(const spec::Project& project, BodyProvider& bodies, const ContextOptions& options) {
  unsigned jobs = bodies.concurrent() ? options.jobs : 1;
  ProjectIndex index(project);
  std::string description = project.description.value_or(
      project.workflows.size() == 1 ? project.workflows[0].description : "A Restack project generated by restack-gen.");
  // Every function and workflow module, and each project-wide module, is built on its own
  // (they share only the read-only index), on up to options.jobs threads; the values land by
  // index, so the context does not depend on the thread count.
  const size_t nf = project.functions.size(), nw = project.workflows.size();
  tmpl::Value generator = make_dict({{"name", "restack-gen"}, {"version", options.generator_version}});
  tmpl::Value project_dict = make_dict({{"name", project.name},
                                        {"package", project.package_name},
                                        {"names", name_styles(project.name)},
                                        {"description", one_line(description)},
                                        {"description_toml", toml_string(one_line(description))},
                                        {"task_queue", project.task_queue.value_or("")},
                                        {"spec_files", string_list(project.files)}});
  std::vector<tmpl::Value> functions(nf), workflows(nw);
  tmpl::Value models, services, schedule, tests, function_list, workflow_list;
  auto part_ready = [&](std::string_view key, const tmpl::Value& value) {
    if (options.on_part) (*options.on_part)(key, value);
  };
  part_ready("generator", generator);
  part_ready("project", project_dict);
  constexpr size_t kWhole = 4;
  constexpr size_t kBatch = 64;
  const size_t function_units = (nf + kBatch - 1) / kBatch, workflow_units = (nw + kBatch - 1) / kBatch;
  // The lists are complete when their last batch is: the thread that finishes it makes the list
  // (acq_rel: it sees every other batch's items).
  std::atomic<size_t> function_units_left{function_units}, workflow_units_left{workflow_units};
  if (function_units == 0) part_ready("functions", function_list = make_list());
  if (workflow_units == 0) part_ready("workflows", workflow_list = make_list());
  parallel_for(kWhole + function_units + workflow_units, jobs, [&](size_t unit) {
    // The longest units first.
    switch (unit) {
      case 0: part_ready("models_module", models = models_module_context(index)); return;
      case 1: part_ready("services", services = services_context(index)); return;
      case 2: part_ready("tests", tests = tests_context(index)); return;
      case 3: part_ready("schedule", schedule = schedule_context(index)); return;
      default: break;
    }
    unit -= kWhole;
    // One pool per batch: the texts its items repeat are shared without a lock.
    StringPool pool;
    // Workflows first: the files that wait for all of them (the tests, the schedule script) are
    // then rendered while the other threads still build functions, instead of on one thread
    // after everything else.
    if (unit < workflow_units) {
      for (size_t i = unit * kBatch; i < std::min(nw, (unit + 1) * kBatch); ++i) {
        workflows[i] = workflow_context(index, project.workflows[i], pool);
        if (options.on_item) (*options.on_item)(PlannedFile::Item::kWorkflow, i, workflows[i], generator, project_dict);
      }
      if (workflow_units_left.fetch_sub(1, std::memory_order_acq_rel) == 1)
        part_ready("workflows", workflow_list = make_list(std::move(workflows)));
      return;
    }
    unit -= workflow_units;
    for (size_t i = unit * kBatch; i < std::min(nf, (unit + 1) * kBatch); ++i) {
      functions[i] = function_context(index, project.functions[i], bodies, pool);
      if (options.on_item) (*options.on_item)(PlannedFile::Item::kFunction, i, functions[i], generator, project_dict);
    }
    if (function_units_left.fetch_sub(1, std::memory_order_acq_rel) == 1)
      part_ready("functions", function_list = make_list(std::move(functions)));
  }, options.threads, options.out_of_work);
  Context context;
  context.data = make_dict(
      {{"generator", std::move(generator)},
       {"project", std::move(project_dict)},
       {"models_module", std::move(models)},
       {"functions", std::move(function_list)},
       {"workflows", std::move(workflow_list)},
       {"services", std::move(services)},
       {"schedule", std::move(schedule)},
       {"tests", std::move(tests)}});
  if (options.plan_files) context.files = file_plan(context.data);
  return context;
}

}  // namespace restack::generate
