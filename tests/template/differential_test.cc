// Differential test: every case in tests/template/diff/*.cases is rendered by our engine and by
// Python Jinja2 (one /usr/bin/python3 process for all cases) and the results must be identical:
// the same bytes, or both an error.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/diagnostic.h"
#include "common/test_support.h"
#include "template/data.h"
#include "template/environment.h"

namespace restack::tmpl {
namespace {

namespace fs = std::filesystem;

struct Case {
  std::string name;
  std::vector<std::string> options;
  nlohmann::ordered_json data = nlohmann::ordered_json::object();
  std::vector<std::pair<std::string, std::string>> files;  // "t.j2" is the entry point
};

/// The same format render_jinja.py parses (see its docstring).
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

struct Outcome {
  bool ok = false;
  std::string text;  // output, or the error message
};

Outcome render_ours(const Case& c) {
  Options o;
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

std::vector<fs::path> case_files() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(test::source_dir() / "tests/template/diff"))
    if (entry.path().extension() == ".cases") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

TEST(Differential, MatchesPythonJinja2) {
  if (!test::have_program("/usr/bin/python3")) GTEST_SKIP() << "/usr/bin/python3 is not installed";
  auto probe = test::run_program({"/usr/bin/python3", "-c", "import jinja2"});
  if (probe.exit_code != 0) GTEST_SKIP() << "Python Jinja2 is not installed (apt install python3-jinja2)";
  auto files = case_files();
  ASSERT_FALSE(files.empty());
  std::vector<std::string> argv = {"/usr/bin/python3", (test::source_dir() / "tests/template/diff/render_jinja.py").string()};
  for (const auto& f : files) argv.push_back(f.string());
  auto py = test::run_program(argv);
  ASSERT_EQ(py.exit_code, 0) << py.err;
  auto expected = nlohmann::json::parse(py.out);
  size_t total = 0, passed = 0;
  for (const auto& f : files) {
    for (const auto& c : parse_cases(f)) {
      ++total;
      ASSERT_TRUE(expected.contains(c.name)) << c.name;
      const auto& want = expected[c.name];
      Outcome got = render_ours(c);
      if (want["ok"].get<bool>()) {
        EXPECT_TRUE(got.ok) << f.filename().string() << " " << c.name << ": we failed with " << got.text
                            << "\nJinja2 rendered: " << want["out"].get<std::string>();
        if (got.ok) {
          EXPECT_EQ(got.text, want["out"].get<std::string>()) << f.filename().string() << " " << c.name;
          if (got.text == want["out"].get<std::string>()) ++passed;
        }
      } else {
        EXPECT_FALSE(got.ok) << f.filename().string() << " " << c.name << ": Jinja2 failed with "
                             << want["error"].get<std::string>() << " but we rendered: " << got.text;
        if (!got.ok) ++passed;
      }
    }
  }
  std::cout << "[differential] " << passed << " of " << total << " cases identical to Python Jinja2\n";
}

}  // namespace
}  // namespace restack::tmpl
