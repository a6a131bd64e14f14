#pragma once
// Shared by the generator's tests: generate a project in memory from spec files, write trees,
// and run the Python checkers (tests/generate/python/) over generated projects.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/test_support.h"
#include "generate/output_tree.h"
#include "spec/model.h"
#include "common/diagnostic.h"

namespace restack::test {

struct Generated {
  bool ok = false;
  std::string diagnostics;  // printed diagnostics when not ok
  nlohmann::json context;   // with "files"
  generate::OutputTree tree;
};

/// Loads FILES (paths relative to the source folder are kept as written, as the CLI does when
/// run from there) and renders the project with the bundled templates, in process.
Generated generate_in_memory(const std::vector<std::string>& files);

/// Loads FILES (paths relative to the source tree, like examples/x.yaml) as one project;
/// nothing when they do not load (the diagnostics then go to SINK).
std::optional<spec::Project> load_from_source_dir(const std::vector<std::string>& files, DiagnosticSink& sink);

/// Writes CONTENT to P, creating its parent folders.
void write_with_dirs(const std::filesystem::path& p, const std::string& content);

/// Every file under DIR, relative path -> bytes.
std::map<std::string, std::string> read_tree(const std::filesystem::path& dir);

/// The example specs (examples/*.yaml), sorted, as paths relative to the source folder.
std::vector<std::string> example_specs();

std::filesystem::path python_dir();  // tests/generate/python
bool have_python_tools();            // /usr/bin/python3 with jinja2, black, pyflakes3, mypy
std::string python_tools_missing();  // which one is missing, for GTEST_SKIP

}  // namespace restack::test
