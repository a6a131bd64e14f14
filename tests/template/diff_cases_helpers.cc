#include "diff_cases_helpers.h"

#include <algorithm>
#include <sstream>

#include "common/diagnostic.h"
#include "common/test_support.h"
#include "template/data.h"
#include "template/environment.h"

namespace restack::tmpl::testing {

namespace fs = std::filesystem;

std::vector<Case> parse_cases(const fs::path& path) {
  std::string text = test::read_file(path);
  std::vector<std::string> lines;
  std::stringstream ss(text);
  for (std::string line; std::getline(ss, line);) lines.push_back(line);
  std::vector<Case> cases;
  Case* current = nullptr;
  std::string section;
  std::vector<std::string> buf;
  auto flush = [&] {
    if (!current || section.empty()) return;
    std::string body;
    for (size_t i = 0; i < buf.size(); ++i) body += (i ? "\n" : "") + buf[i];
    if (section == "data") current->data = body.find_first_not_of(" \n\t") == std::string::npos ? nlohmann::ordered_json::object() : nlohmann::ordered_json::parse(body);
    else if (section == "template") current->files.emplace_back("t.j2", body);
    else current->files.emplace_back(section, body);
  };
  for (const auto& line : lines) {
    if (line.rfind("=== ", 0) == 0) {
      flush();
      cases.emplace_back();
      current = &cases.back();
      std::stringstream words(line.substr(4));
      words >> current->name;
      for (std::string o; words >> o;) current->options.push_back(o);
      section.clear();
      buf.clear();
    } else if (line.rfind("--- ", 0) == 0 && current) {
      flush();
      std::string word = line.substr(4);
      while (!word.empty() && word.back() == ' ') word.pop_back();
      section = word.rfind("file ", 0) == 0 ? word.substr(5) : word;
      buf.clear();
    } else if (current && !section.empty()) {
      buf.push_back(line);
    }
  }
  flush();
  return cases;
}

std::vector<fs::path> case_files() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(test::source_dir() / "tests/template/diff"))
    if (entry.path().extension() == ".cases") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<Case> shared_conformance_cases(const fs::path& dir) {
  std::vector<Case> cases;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return cases;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_directory() || !fs::exists(entry.path() / "t.j2")) continue;
    Case c;
    c.name = entry.path().filename().string();
    for (const auto& file : fs::directory_iterator(entry.path())) {
      std::string name = file.path().filename().string();
      if (file.path().extension() == ".j2") c.files.emplace_back(name, test::read_file(file.path()));
    }
    if (fs::exists(entry.path() / "data.json")) c.data = nlohmann::ordered_json::parse(test::read_file(entry.path() / "data.json"));
    if (fs::exists(entry.path() / "options.json")) {
      auto options = nlohmann::json::parse(test::read_file(entry.path() / "options.json"));
      for (const auto& [k, v] : options.items())
        if (v.is_boolean() && v.get<bool>()) c.options.push_back(k);
    }
    cases.push_back(std::move(c));
  }
  std::sort(cases.begin(), cases.end(), [](const Case& a, const Case& b) { return a.name < b.name; });
  return cases;
}

Outcome render_case(const Case& c, Options o) {
  for (const auto& opt : c.options) {
    if (opt == "trim_blocks") o.trim_blocks = true;
    if (opt == "lstrip_blocks") o.lstrip_blocks = true;
    if (opt == "keep_trailing_newline") o.keep_trailing_newline = true;
    if (opt == "strict_undefined") o.strict_undefined = true;
  }
  Environment env(o);
  for (const auto& [name, body] : c.files) env.add_template(name, body);
  try {
    return {true, env.render_value("t.j2", from_json(c.data))};
  } catch (const DiagnosticError& e) {
    return {false, e.diagnostic().location.file + ":" + std::to_string(e.diagnostic().location.line) + ": " +
                       e.diagnostic().message};
  }
}

}  // namespace restack::tmpl::testing
