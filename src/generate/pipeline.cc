#include "generate/pipeline.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "check/checker.h"
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

RenderResult render_project(const nlohmann::json& ctx, const std::vector<TemplateSource>& templates,
                            bool templates_are_ours, OutputTree& tree, DiagnosticSink& sink) {
  tmpl::Options options;
  options.trim_blocks = true;
  options.lstrip_blocks = true;
  options.keep_trailing_newline = true;
  options.strict_undefined = true;
  tmpl::Environment env(options);
  for (const auto& t : templates) env.add_template(t.name, t.text);

  RenderResult result;
  result.ok = true;
  // The whole context is converted once; per-item files get a small context of their own.
  nlohmann::json whole = ctx;
  whole.erase("files");
  tmpl::Value whole_value = tmpl::value_from_json(whole);
  for (const auto& file : ctx.at("files")) {
    const std::string path = file.at("path"), name = file.at("template"), item = file.at("item");
    try {
      std::string text;
      if (item.empty()) {
        text = env.render_value(name, whole_value);
      } else {
        auto slash = item.find('/');
        std::string list = item.substr(0, slash);
        size_t index = std::stoul(item.substr(slash + 1));
        nlohmann::json small = {{"generator", ctx.at("generator")},
                                {"project", ctx.at("project")},
                                {list == "functions" ? "function" : "workflow", ctx.at(list).at(index)}};
        text = env.render(name, small);
      }
      if (auto err = tree.add(path, std::move(text))) {
        sink.error({}, "E-generate-path", *err);
        result.ok = false;
      }
    } catch (const DiagnosticError& e) {
      Diagnostic d = e.diagnostic();
      if (templates_are_ours) {
        d.message = "internal error in the bundled template: " + d.message;
        result.internal = true;
      }
      sink.add(std::move(d));
      result.ok = false;
    }
  }
  return result;
}

bool self_check(const OutputTree& tree, const nlohmann::json& ctx, DiagnosticSink& sink) {
  std::map<std::string, std::string> user_code;  // module path -> origin ("code" or "llm")
  for (const auto& f : ctx.at("functions"))
    if (f.at("origin") != "placeholder")
      user_code["src/functions/" + f.at("module").get<std::string>() + ".py"] = f.at("origin").get<std::string>();
  bool internal = false;
  for (const auto& [path, content] : tree.files()) {
    if (path.size() < 3 || path.compare(path.size() - 3, 3, ".py") != 0) continue;
    for (auto& d : check::check_source(path, content)) {
      if (user_code.count(path)) {
        d.severity = Severity::kWarning;
        d.message = (user_code[path] == "llm" ? "in the LLM-written body: " : "in generated code (from the spec's `code:`): ") +
                    d.message;
      } else {
        // Any finding in code the generator wrote is a template bug.
        d.severity = Severity::kError;
        d.message = "internal error: generated code fails restack-gen check: " + d.message;
        internal = true;
      }
      sink.add(std::move(d));
    }
  }
  return internal;
}

}  // namespace restack::generate
