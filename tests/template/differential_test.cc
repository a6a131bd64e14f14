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
#include "diff_cases_helpers.h"
#include "template/data.h"
#include "template/environment.h"

namespace restack::tmpl {
namespace {

using testing::case_files;
using testing::Outcome;
using testing::parse_cases;

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
      Outcome got = testing::render_case(c);
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
