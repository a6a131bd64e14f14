#include "generate/context.h"

#include "generate/body_provider.h"
#include "generate/context_internal.h"
#include "generate/python_literal.h"

#include <fmt/format.h>

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

nlohmann::json name_styles(const std::string& name) {
  return {{"raw", name},
          {"snake", snake_case(name)},
          {"pascal", pascal_case(name)},
          {"camel", camel_case(name)},
          {"kebab", kebab_case(name)},
          {"title", title_case(name)}};
}

ProjectIndex::ProjectIndex(const spec::Project& p) : project(p) {
  for (const auto& m : p.models) {
    models[m.name] = {&m.schema, ""};
    user_names.insert(m.name);
  }
  for (const auto& w : p.workflows) {
    workflows[w.name] = &w;
    user_names.insert(w.name);
    if (w.input_schema) models[w.name + "Input"] = {&*w.input_schema, ""};
    if (w.output_schema) models[w.name + "Output"] = {&*w.output_schema, ""};
    if (w.input_schema) user_names.insert(w.name + "Input");
    if (w.output_schema) user_names.insert(w.name + "Output");
    for_each_leaf(w.steps, [&](const spec::Step& s) {
      if (s.kind == spec::StepKind::kFunction) first_caller.emplace(s.target, &w);
    });
  }
  for (const auto& f : p.functions) {
    functions[f.name] = &f;
    user_names.insert(f.name);
    std::string in = pascal_case(f.name) + "Input", out = pascal_case(f.name) + "Output";
    if (f.input_schema || f.input_same_as) {
      models[in] = {f.input_schema ? &*f.input_schema : nullptr, f.input_same_as.value_or("")};
      user_names.insert(in);
    }
    if (f.output_schema || f.output_same_as) {
      models[out] = {f.output_schema ? &*f.output_schema : nullptr, f.output_same_as.value_or("")};
      user_names.insert(out);
    }
  }
  for (const auto& n : user_names) user_scope.claim(n);
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
std::string ProjectIndex::input_model(const spec::Function& f) const {
  return f.input_schema || f.input_same_as ? pascal_case(f.name) + "Input" : "";
}
std::string ProjectIndex::output_model(const spec::Function& f) const {
  return f.output_schema || f.output_same_as ? pascal_case(f.name) + "Output" : "";
}

std::string step_task_queue(const ProjectIndex& index, const spec::Workflow& w, const spec::Step& s) {
  if (s.task_queue) return *s.task_queue;
  if (s.kind == spec::StepKind::kFunction) {
    auto it = index.functions.find(s.target);
    if (it != index.functions.end() && it->second->task_queue) return *it->second->task_queue;
  }
  if (s.effective_task_queue) return *s.effective_task_queue;
  if (w.task_queue) return *w.task_queue;
  return index.project.task_queue.value_or("");
}

std::string workflow_task_queue(const ProjectIndex& index, const spec::Workflow& w) {
  if (w.task_queue) return *w.task_queue;
  return index.project.task_queue.value_or("");
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

nlohmann::json build_context(const spec::Project& project, BodyProvider& bodies, const ContextOptions& options) {
  ProjectIndex index(project);
  nlohmann::json ctx;
  ctx["generator"] = {{"name", "restack-gen"}, {"version", options.generator_version}};
  std::string description = project.description.value_or(
      project.workflows.size() == 1 ? project.workflows[0].description : "A Restack project generated by restack-gen.");
  ctx["project"] = {{"name", project.name},
                    {"package", project.package_name},
                    {"names", name_styles(project.name)},
                    {"description", one_line(description)},
                    {"description_toml", toml_string(one_line(description))},
                    {"task_queue", project.task_queue.value_or("")},
                    {"spec_files", project.files}};
  ctx["models_module"] = models_module_context(index);
  ctx["functions"] = nlohmann::json::array();
  for (const auto& f : project.functions) ctx["functions"].push_back(function_context(index, f, bodies));
  ctx["workflows"] = nlohmann::json::array();
  for (const auto& w : project.workflows) ctx["workflows"].push_back(workflow_context(index, w));
  ctx["services"] = services_context(index);
  ctx["schedule"] = schedule_context(index);
  ctx["tests"] = tests_context(index);
  return ctx;
}

}  // namespace restack::generate
