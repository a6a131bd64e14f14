#include "generate/pipeline.h"

#include <fmt/format.h>

#include <map>
#include <optional>
#include <utility>

#include "check/checker.h"
#include "generate/parallel.h"
#include "template/environment.h"

namespace restack::generate {

nlohmann::json file_plan(const nlohmann::json& ctx) {
  nlohmann::json files = nlohmann::json::array();
  auto add = [&](const std::string& path, const std::string& tmpl, const std::string& item = "") {
    files.push_back({{"path", path}, {"template", tmpl}, {"item", item}});
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
  const auto& fns = ctx.at("functions");
  for (size_t i = 0; i < fns.size(); ++i)
    add("src/functions/" + fns[i].at("module").get<std::string>() + ".py", "function.py.j2", fmt::format("functions/{}", i));
  const auto& wfs = ctx.at("workflows");
  for (size_t i = 0; i < wfs.size(); ++i)
    add("src/workflows/" + wfs[i].at("module").get<std::string>() + ".py", "workflow.py.j2", fmt::format("workflows/{}", i));
  add("tests/__init__.py", "package_init.py.j2");
  add("tests/test_workflows.py", "test_workflows.py.j2");
  return files;
}

namespace {

/// One file of the plan, rendered (or failed) by a worker; merged in plan order afterwards.
struct RenderedFile {
  std::string text;
  std::optional<Diagnostic> error;
};

/// The data a per-item file is rendered with: "generator", "project" and one function or
/// workflow, converted from the JSON context by the worker that renders it, so no template
/// value is ever shared between threads.
tmpl::Value item_context(const nlohmann::json& ctx, const std::string& item) {
  auto slash = item.find('/');
  const std::string list = item.substr(0, slash);
  const size_t index = std::stoul(item.substr(slash + 1));
  tmpl::Value value = tmpl::Value::dict();
  auto& dict = value.as_dict();  // keys in the JSON object's (sorted) order
  dict.set(list == "functions" ? "function" : "workflow", tmpl::value_from_json(ctx.at(list).at(index)));
  dict.set("generator", tmpl::value_from_json(ctx.at("generator")));
  dict.set("project", tmpl::value_from_json(ctx.at("project")));
  return value;
}

/// The whole context but "files", converted once for the project-wide files.
tmpl::Value whole_context(const nlohmann::json& ctx) {
  tmpl::Value value = tmpl::Value::dict();
  auto& dict = value.as_dict();
  for (const auto& [key, item] : ctx.items())
    if (key != "files") dict.set(key, tmpl::value_from_json(item));
  return value;
}

}  // namespace

RenderResult render_project(const nlohmann::json& ctx, const std::vector<TemplateSource>& templates,
                            bool templates_are_ours, OutputTree& tree, DiagnosticSink& sink, unsigned jobs) {
  tmpl::Options options;
  options.trim_blocks = true;
  options.lstrip_blocks = true;
  options.keep_trailing_newline = true;
  options.strict_undefined = true;
  tmpl::Environment env(options);
  for (const auto& t : templates) env.add_template(t.name, t.text);

  // Work units: the project-wide files together (they share one conversion of the whole
  // context), then the per-item files in small batches. Every template is parsed once, by the
  // first render that needs it (the environment's cache is shared by the threads).
  const auto& files = ctx.at("files");
  std::vector<size_t> whole_files;
  std::vector<std::pair<size_t, size_t>> units;  // [begin, end) of per-item files
  constexpr size_t kBatch = 32;
  for (size_t i = 0; i < files.size(); ++i) {
    if (files[i].at("item").get_ref<const std::string&>().empty()) {
      whole_files.push_back(i);
    } else if (units.empty() || units.back().second != i || units.back().second - units.back().first == kBatch) {
      units.emplace_back(i, i + 1);
    } else {
      ++units.back().second;
    }
  }
  std::vector<RenderedFile> rendered(files.size());
  auto render_one = [&](size_t i, const tmpl::Value& data) {
    try {
      rendered[i].text = env.render_value(files[i].at("template").get_ref<const std::string&>(), data);
    } catch (const DiagnosticError& e) {
      rendered[i].error = e.diagnostic();
    }
  };
  parallel_for(units.size() + 1, jobs, [&](size_t unit) {
    if (unit == 0) {
      if (whole_files.empty()) return;
      const tmpl::Value whole = whole_context(ctx);
      for (size_t i : whole_files) render_one(i, whole);
      return;
    }
    for (size_t i = units[unit - 1].first; i < units[unit - 1].second; ++i)
      render_one(i, item_context(ctx, files[i].at("item")));
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
    } else if (auto err = tree.add(files[i].at("path"), std::move(rendered[i].text))) {
      sink.error({}, "E-generate-path", *err);
      result.ok = false;
    }
  }
  return result;
}

bool self_check(const OutputTree& tree, const nlohmann::json& ctx, DiagnosticSink& sink, SelfCheckScope scope,
                unsigned jobs, bool templates_are_ours) {
  std::map<std::string, std::string> user_code;  // module path -> origin ("code" or "llm")
  for (const auto& f : ctx.at("functions"))
    if (f.at("origin") != "placeholder")
      user_code["src/functions/" + f.at("module").get<std::string>() + ".py"] = f.at("origin").get<std::string>();
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
