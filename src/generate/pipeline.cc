#include "generate/pipeline.h"

#include <fmt/format.h>

#include <map>
#include <optional>
#include <utility>

#include "check/checker.h"
#include "generate/parallel.h"
#include "template/environment.h"

namespace restack::generate {

namespace {

/// One file of the plan, rendered (or failed) by a worker; merged in plan order afterwards.
struct RenderedFile {
  std::string text;
  std::optional<Diagnostic> error;
};

/// The data a per-item file is rendered with: "generator", "project" and one function (as
/// "function") or workflow (as "workflow"), shared with the whole context (read only).
tmpl::Value item_context(const tmpl::Value& data, const PlannedFile& file) {
  const bool function = file.item == PlannedFile::Item::kFunction;
  const tmpl::Value& item = context_at(data, function ? "functions" : "workflows").as_list().items.at(file.index);
  tmpl::Value value = tmpl::Value::dict();
  auto& dict = value.as_dict();  // sorted keys, like every context dict
  dict.entries.reserve(3);
  if (function) dict.append_new("function", item);
  dict.append_new("generator", context_at(data, "generator"));
  dict.append_new("project", context_at(data, "project"));
  if (!function) dict.append_new("workflow", item);
  return value;
}

}  // namespace

RenderResult render_project(const Context& ctx, const std::vector<TemplateSource>& templates,
                            bool templates_are_ours, OutputTree& tree, DiagnosticSink& sink, unsigned jobs) {
  tmpl::Options options;
  options.trim_blocks = true;
  options.lstrip_blocks = true;
  options.keep_trailing_newline = true;
  options.strict_undefined = true;
  tmpl::Environment env(options);
  for (const auto& t : templates) env.add_template(t.name, t.text);

  // Work units: each project-wide file on its own (src/models.py and the tests are the largest
  // files), then the per-item files in small batches. Every template is parsed once, by the
  // first render that needs it (the environment's cache is shared by the threads), and every
  // thread reads the same context.
  const auto& files = ctx.files;
  std::vector<std::pair<size_t, size_t>> units;  // [begin, end) of files
  std::vector<std::pair<size_t, size_t>> item_units;
  constexpr size_t kBatch = 32;
  for (size_t i = 0; i < files.size(); ++i) {
    if (files[i].item == PlannedFile::Item::kWhole) {
      units.emplace_back(i, i + 1);
    } else if (item_units.empty() || item_units.back().second != i || item_units.back().second - item_units.back().first == kBatch) {
      item_units.emplace_back(i, i + 1);
    } else {
      ++item_units.back().second;
    }
  }
  units.insert(units.end(), item_units.begin(), item_units.end());
  std::vector<RenderedFile> rendered(files.size());
  parallel_for(units.size(), jobs, [&](size_t unit) {
    for (size_t i = units[unit].first; i < units[unit].second; ++i) {
      try {
        if (files[i].item == PlannedFile::Item::kWhole)
          rendered[i].text = env.render_value(files[i].template_name, ctx.data);
        else
          rendered[i].text = env.render_value(files[i].template_name, item_context(ctx.data, files[i]));
      } catch (const DiagnosticError& e) {
        rendered[i].error = e.diagnostic();
      }
    }
  });

  RenderResult result;
  result.ok = true;
  for (size_t i = 0; i < files.size(); ++i) {
    if (auto& error = rendered[i].error) {
      if (templates_are_ours) {
        error->message = "internal error in the bundled template: " + error->message;
        result.internal = true;
      }
      sink.add(std::move(*error));
      result.ok = false;
    } else if (auto err = tree.add(files[i].path, std::move(rendered[i].text))) {
      sink.error({}, "E-generate-path", *err);
      result.ok = false;
    }
  }
  return result;
}

std::map<std::string, std::string> user_code_modules(const Context& ctx) {
  std::map<std::string, std::string> user_code;  // module path -> origin ("code" or "llm")
  for (const auto& f : context_at(ctx.data, "functions").as_list().items)
    if (const std::string& origin = context_string(f, "origin"); origin != "placeholder")
      user_code["src/functions/" + context_string(f, "module") + ".py"] = origin;
  return user_code;
}

bool self_check(const OutputTree& tree, const std::map<std::string, std::string>& user_code, DiagnosticSink& sink,
                SelfCheckScope scope, unsigned jobs, bool templates_are_ours) {
  std::vector<const std::pair<const std::string, std::string>*> modules;
  for (const auto& file : tree.files()) {
    const std::string& path = file.first;
    if (path.size() < 3 || path.compare(path.size() - 3, 3, ".py") != 0) continue;
    if (scope == SelfCheckScope::kUserCode && !user_code.count(path)) continue;  // see SelfCheckScope
    modules.push_back(&file);
  }
  // Each module is checked on its own (check_source keeps no shared state); findings are merged
  // in path order, so the report does not depend on the thread count.
  std::vector<std::vector<Diagnostic>> findings(modules.size());
  parallel_for(modules.size(), jobs, [&](size_t i) { findings[i] = check::check_source(modules[i]->first, modules[i]->second); });

  bool template_error = false;
  for (size_t i = 0; i < modules.size(); ++i) {
    const std::string& path = modules[i]->first;
    for (auto& d : findings[i]) {
      if (auto origin = user_code.find(path); origin != user_code.end()) {
        d.severity = Severity::kWarning;
        d.message = (origin->second == "llm" ? "in the LLM-written body: " : "in generated code (from the spec's `code:`): ") +
                    d.message;
      } else {
        // Any finding in code the templates wrote is a template bug: ours, or the user's.
        d.severity = Severity::kError;
        d.message = (templates_are_ours ? "internal error: generated code fails restack-gen check: "
                                        : "code from --templates fails restack-gen check: ") +
                    d.message;
        template_error = true;
      }
      sink.add(std::move(d));
    }
  }
  return template_error;
}

}  // namespace restack::generate
