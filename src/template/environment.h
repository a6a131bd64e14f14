#pragma once
// The template engine's public entry point: a Jinja2 3.1-compatible Environment.
//
//   restack::tmpl::Environment env({.trim_blocks = true});
//   env.add_search_path("templates");
//   std::string out = env.render("model.py.j2", context_json);
//
// Templates are parsed once and cached (thread-safe); every render gets its own state, so one
// Environment can render from several threads once it is set up (add_* calls are not meant to
// race with renders). Errors are restack::DiagnosticError at TEMPLATE:LINE.
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <shared_mutex>
#include <string>
#include <vector>

#include "template/options.h"
#include "template/value.h"

namespace restack::tmpl {

struct Template;
class Registry;

/// Keyword arguments of a filter call, in call order.
using Kwargs = std::vector<std::pair<std::string, Value>>;
/// A filter written in C++: `{{ x | name(a, b=c) }}` calls fn(x, {a}, {{"b", c}}).
using FilterFunction = std::function<Value(const Value& self, const std::vector<Value>& args, const Kwargs& kwargs)>;

class Environment {
 public:
  explicit Environment(Options options = {});
  ~Environment();
  Environment(const Environment&) = delete;
  Environment& operator=(const Environment&) = delete;

  /// A folder searched (in the order added) for include/import/extends and render(name).
  void add_search_path(std::filesystem::path dir);
  /// An in-memory template, found before the search paths.
  void add_template(std::string name, std::string source);
  void add_filter(std::string name, FilterFunction fn);
  void add_global(std::string name, Value v);

  /// Renders the template NAME (loaded and parsed once, then cached) with CONTEXT (an object).
  std::string render(const std::string& template_name, const nlohmann::json& context);
  /// Renders SOURCE directly; NAME is used in error messages and for its own cache entry.
  std::string render_string(const std::string& source, const nlohmann::json& context, const std::string& name = "<string>");
  /// Same, with data already converted (YAML data, or values built in C++).
  std::string render_value(const std::string& template_name, const Value& context);
  std::string render_string_value(const std::string& source, const Value& context, const std::string& name = "<string>");

  /// Parses (or returns the cached) template NAME; throws DiagnosticError if missing or invalid.
  std::shared_ptr<const Template> get_template(const std::string& name);
  const Options& options() const { return options_; }

 private:
  class Loader;
  std::string render_parsed(std::shared_ptr<const Template> t, const Value& context);
  std::shared_ptr<const Template> parse_source(const std::string& source, const std::string& name);

  Options options_;
  std::unique_ptr<Registry> registry_;
  std::map<std::string, Value> globals_;
  bool globals_may_keep_state_ = false;  // add_global was given an object: no loop splits
  std::vector<std::filesystem::path> search_paths_;
  std::map<std::string, std::string> sources_;  // add_template
  mutable std::shared_mutex cache_mutex_;
  std::map<std::string, std::shared_ptr<const Template>> cache_;
  std::map<std::string, std::shared_ptr<const Template>> string_cache_;  // render_string, by source
};

/// Converts JSON data to template values (ints stay ints, floats stay floats).
Value value_from_json(const nlohmann::json& j);

}  // namespace restack::tmpl
