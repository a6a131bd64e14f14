#include "generate/generate_helpers.h"

#include <algorithm>
#include <sstream>

#include "common/diagnostic_printer.h"
#include "generate/generate.h"
#include "spec/load.h"

namespace restack::test {

namespace fs = std::filesystem;

std::optional<spec::Project> load_from_source_dir(const std::vector<std::string>& files, DiagnosticSink& sink) {
  fs::path old = fs::current_path();
  fs::current_path(source_dir());
  auto project = spec::load_project(files, sink);
  fs::current_path(old);
  return project;
}

Generated generate_in_memory(const std::vector<std::string>& files) {
  Generated g;
  DiagnosticSink sink;
  auto project = load_from_source_dir(files, sink);
  std::ostringstream err;
  if (!project) {
    print_text(err, sink.all());
    g.diagnostics = err.str();
    return g;
  }
  generate::GenerateOptions options;
  options.generator_version = RESTACK_VERSION_FOR_TEST;
  options.check_all = true;  // the test suite checks every module (docs/generate.md, "Self-check")
  g.context = nlohmann::json::parse(generate::project_context_json(*project, options));
  auto r = generate::generate_project(std::move(*project), options, sink);
  g.tree = std::move(r.tree);
  print_text(err, sink.all());
  g.diagnostics = err.str();
  g.ok = r.status == generate::GenerateStatus::kOk;
  return g;
}

void write_with_dirs(const fs::path& p, const std::string& content) {
  fs::create_directories(p.parent_path());
  write_file(p, content);
}

std::map<std::string, std::string> read_tree(const fs::path& dir) {
  std::map<std::string, std::string> out;
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::string rel = fs::relative(e.path(), dir).generic_string();
    if (rel.find("__pycache__") != std::string::npos) continue;
    out[rel] = read_file(e.path());
  }
  return out;
}

std::vector<std::string> example_specs() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(source_dir() / "examples"))
    if (e.path().extension() == ".yaml") out.push_back("examples/" + e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

fs::path python_dir() { return source_dir() / "tests" / "generate" / "python"; }

std::string python_tools_missing() {
  for (const char* p : {"/usr/bin/python3", "/usr/bin/black", "/usr/bin/pyflakes3", "/usr/bin/mypy"})
    if (!have_program(p)) return std::string(p) + " is not installed";
  auto r = run_program({"/usr/bin/python3", "-c", "import jinja2, pydantic, pytest, mypy, yaml"});
  if (r.exit_code != 0) return "python3 modules jinja2/pydantic/pytest/mypy/yaml missing: " + r.err;
  return "";
}

bool have_python_tools() { return python_tools_missing().empty(); }

}  // namespace restack::test
