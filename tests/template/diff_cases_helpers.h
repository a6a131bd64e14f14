#pragma once
// Jinja2 cases the template tests render: tests/template/diff/*.cases (the format
// render_jinja.py parses) and the shared conformance folders (../shared/conformance/jinja/*).
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "template/options.h"

namespace restack::tmpl::testing {

struct Case {
  std::string name;
  std::vector<std::string> options;  // trim_blocks, lstrip_blocks, keep_trailing_newline, strict_undefined
  nlohmann::ordered_json data = nlohmann::ordered_json::object();
  std::vector<std::pair<std::string, std::string>> files;  // "t.j2" is the entry point
};

/// The cases of one .cases file.
std::vector<Case> parse_cases(const std::filesystem::path& path);
/// tests/template/diff/*.cases, sorted.
std::vector<std::filesystem::path> case_files();
/// Every case of every shared conformance folder under DIR (each with t.j2, data.json,
/// options.json and any other templates), sorted by name; empty when DIR does not exist.
std::vector<Case> shared_conformance_cases(const std::filesystem::path& dir);

/// What rendering a case gives: the output, or the error as "FILE:LINE: MESSAGE".
struct Outcome {
  bool ok = false;
  std::string text;
};
/// Renders C with BASE's limits and thread settings plus the case's own options.
Outcome render_case(const Case& c, Options base = {});

}  // namespace restack::tmpl::testing
