// Golden tests: every example spec generates exactly the tree checked in under
// tests/golden/<example>/ (regenerate with `make golden`, then review the diff). Also: the
// output is deterministic, and Python Jinja2 renders our templates to the same bytes.
#include <gtest/gtest.h>

#include "generate/generate_helpers.h"

using namespace restack::test;
namespace fs = std::filesystem;

namespace {

std::string stem(const std::string& spec) { return fs::path(spec).stem().string(); }

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, GeneratedTreeMatchesByteForByte) {
  auto g = generate_in_memory({GetParam()});
  ASSERT_TRUE(g.ok) << g.diagnostics;
  fs::path dir = source_dir() / "tests" / "golden" / stem(GetParam());
  auto expected = read_tree(dir);
  ASSERT_FALSE(expected.empty()) << "no golden tree at " << dir << "; run `make golden` and review it";
  for (const auto& [path, content] : g.tree.files()) {
    auto it = expected.find(path);
    if (it == expected.end()) {
      ADD_FAILURE() << path << " is generated but not in the golden tree (run `make golden`)";
      continue;
    }
    EXPECT_EQ(content, it->second) << path << " differs from " << (dir / path);
  }
  for (const auto& [path, content] : expected)
    EXPECT_TRUE(g.tree.files().count(path)) << path << " is in the golden tree but no longer generated";
}

TEST_P(Golden, DeterministicAcrossRuns) {
  auto a = generate_in_memory({GetParam()});
  auto b = generate_in_memory({GetParam()});
  ASSERT_TRUE(a.ok) << a.diagnostics;
  EXPECT_EQ(a.tree.files(), b.tree.files());
  EXPECT_EQ(a.context.dump(), b.context.dump());
}

INSTANTIATE_TEST_SUITE_P(Examples, Golden, ::testing::ValuesIn(example_specs()),
                         [](const auto& info) { return stem(info.param); });

TEST(GoldenCatalog, EveryExampleHasAGoldenTreeAndViceVersa) {
  std::set<std::string> examples, goldens;
  for (const auto& s : example_specs()) examples.insert(stem(s));
  for (const auto& e : fs::directory_iterator(source_dir() / "tests" / "golden"))
    if (e.is_directory()) goldens.insert(e.path().filename().string());
  EXPECT_EQ(examples, goldens);
  EXPECT_GE(examples.size(), 8u);
}

// Our template engine and Python Jinja2 render the bundled templates from the same context to
// the same bytes (the templates use only what both implement).
TEST(TemplatesDifferential, PythonJinja2RendersTheSameBytes) {
  if (!have_program("/usr/bin/python3") || run_program({"/usr/bin/python3", "-c", "import jinja2"}).exit_code != 0)
    GTEST_SKIP() << "needs /usr/bin/python3 with python3-jinja2";
  TempDir tmp;
  for (const auto& spec : example_specs()) {
    auto g = generate_in_memory({spec});
    ASSERT_TRUE(g.ok) << g.diagnostics;
    auto ctx = tmp.write(stem(spec) + ".json", g.context.dump());
    fs::path out = tmp.path() / stem(spec);
    auto r = run_program({"/usr/bin/python3", (python_dir() / "render_reference.py").string(), ctx.string(),
                          (source_dir() / "templates" / "python").string(), out.string()});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(read_tree(out), g.tree.files()) << spec;
  }
}

}  // namespace
