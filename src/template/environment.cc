#include "template/environment.h"

#include "common/file_io.h"
#include "template/data.h"
#include "template/errors.h"
#include "template/objects.h"
#include "template/parser.h"
#include "template/registry.h"
#include "template/renderer.h"

namespace restack::tmpl {

namespace fs = std::filesystem;

namespace {

/// A template name is a relative path that stays inside the search path.
bool is_safe_name(const std::string& name) {
  if (name.empty() || name[0] == '/' || name.find('\0') != std::string::npos) return false;
  fs::path p(name);
  for (const auto& part : p)
    if (part == "..") return false;
  return true;
}

}  // namespace

Value value_from_json(const nlohmann::json& j) { return from_json(j); }

class Environment::Loader : public TemplateLoader {
 public:
  explicit Loader(Environment& env) : env_(env) {}
  std::shared_ptr<const Template> load(const std::string& name) override { return env_.get_template(name); }

 private:
  Environment& env_;
};

Environment::Environment(Options options)
    : options_(options), registry_(std::make_unique<Registry>(Registry::with_builtins())), globals_(builtin_globals()) {}

Environment::~Environment() = default;

void Environment::add_search_path(fs::path dir) { search_paths_.push_back(std::move(dir)); }

void Environment::add_template(std::string name, std::string source) {
  std::unique_lock lock(cache_mutex_);
  cache_.erase(name);
  sources_[std::move(name)] = std::move(source);
}

void Environment::add_filter(std::string name, FilterFunction fn) {
  registry_->add_filter(
      name, [fn = std::move(fn)](Renderer&, const Value& self, CallArgs& args) { return fn(self, args.args, args.kwargs); },
      /*thread_safe=*/false);  // a caller's function may keep state: its templates render serially
  std::unique_lock lock(cache_mutex_);
  cache_.clear();  // parsed templates resolved filters by name
  string_cache_.clear();
}

namespace {

/// Whether V is or holds an object (a callable, a namespace...), which may keep state.
bool holds_object(const Value& v) {
  if (v.is_object()) return true;
  if (v.is_sequence())
    for (const auto& item : v.as_list().items)
      if (holds_object(item)) return true;
  if (v.is_dict())
    for (const auto& [k, item] : v.as_dict().entries)
      if (holds_object(k) || holds_object(item)) return true;
  return false;
}

}  // namespace

void Environment::add_global(std::string name, Value v) {
  if (holds_object(v)) globals_may_keep_state_ = true;  // loops then render serially
  globals_[std::move(name)] = std::move(v);
}

std::shared_ptr<const Template> Environment::parse_source(const std::string& source, const std::string& name) {
  LexerOptions lex{options_.trim_blocks, options_.lstrip_blocks, options_.keep_trailing_newline};
  return parse_template(source, name, lex, *registry_);
}

std::shared_ptr<const Template> Environment::get_template(const std::string& name) {
  {
    std::shared_lock lock(cache_mutex_);
    auto it = cache_.find(name);
    if (it != cache_.end()) return it->second;
  }
  std::string source;
  bool found = false;
  {
    std::shared_lock lock(cache_mutex_);
    auto it = sources_.find(name);
    if (it != sources_.end()) {
      source = it->second;
      found = true;
    }
  }
  if (!found) {
    if (!options_.allow_unsafe_paths && !is_safe_name(name))
      raise_error("template '" + name + "' not found (template names must be relative paths inside the search path)",
                  kNotFoundErrorCode);
    std::vector<fs::path> candidates;
    if (fs::path(name).is_absolute()) candidates.push_back(name);
    for (const auto& dir : search_paths_) candidates.push_back(dir / name);
    for (const auto& path : candidates) {
      std::error_code ec;
      if (!fs::is_regular_file(path, ec)) continue;
      ReadResult r = read_text_file(path, options_.max_output_bytes);
      if (!r.ok) raise_error("cannot read template '" + name + "': " + r.error, kNotFoundErrorCode);
      source = std::move(r.content);
      found = true;
      break;
    }
  }
  if (!found) raise_error("template '" + name + "' not found", kNotFoundErrorCode);
  auto parsed = parse_source(source, name);
  std::unique_lock lock(cache_mutex_);
  auto [it, inserted] = cache_.emplace(name, parsed);
  return it->second;
}

std::string Environment::render_parsed(std::shared_ptr<const Template> t, const Value& context) {
  Loader loader(*this);
  Renderer renderer(options_, *registry_, globals_, loader);
  renderer.allow_parallel_loops(!globals_may_keep_state_);
  return renderer.render(std::move(t), context);
}

std::string Environment::render(const std::string& template_name, const nlohmann::json& context) {
  return render_value(template_name, from_json(context));
}

std::string Environment::render_value(const std::string& template_name, const Value& context) {
  std::shared_ptr<const Template> t;
  try {
    t = get_template(template_name);
  } catch (const DiagnosticError& e) {
    relocate(e, template_name, 0);
  }
  return render_parsed(std::move(t), context);
}

std::string Environment::render_string(const std::string& source, const nlohmann::json& context, const std::string& name) {
  return render_string_value(source, from_json(context), name);
}

std::string Environment::render_string_value(const std::string& source, const Value& context, const std::string& name) {
  std::shared_ptr<const Template> t;
  {
    std::shared_lock lock(cache_mutex_);
    auto it = string_cache_.find(source);
    if (it != string_cache_.end() && it->second->name == name) t = it->second;
  }
  if (!t) {
    t = parse_source(source, name);
    std::unique_lock lock(cache_mutex_);
    if (string_cache_.size() > 256) string_cache_.clear();
    string_cache_[source] = t;
  }
  return render_parsed(std::move(t), context);
}

}  // namespace restack::tmpl
