// Property test: random valid specs (tests/generate/python/random_specs.py, seeded: names that
// clash with our imports, every type form, every step kind, explicit and default data flow)
// all generate projects that pass every Python check and run as specified on the stand-in.
#include <gtest/gtest.h>

#include "generate/generate_helpers.h"

using namespace restack::test;
namespace fs = std::filesystem;

TEST(SlowGenerateProperty, RandomSpecsGenerateCheckedRunnableProjects) {
  if (!have_python_tools()) GTEST_SKIP() << python_tools_missing();
  constexpr int kSpecs = 12;  // mypy runs once per project (~3 s each): keep the suite fast
  TempDir tmp;
  auto r = run_program({"/usr/bin/python3", (python_dir() / "random_specs.py").string(), "7", std::to_string(kSpecs),
                        (tmp.path() / "specs").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> check = {"/usr/bin/python3", (python_dir() / "check_projects.py").string()};
  std::vector<std::string> run = {"/usr/bin/python3", (python_dir() / "run_workflows.py").string()};
  size_t workflows = 0;
  for (int i = 0; i < kSpecs; ++i) {
    std::string name = "random_" + std::string(i < 10 ? "00" : "0") + std::to_string(i);
    fs::path spec = tmp.path() / "specs" / (name + ".yaml");
    auto g = generate_in_memory({spec.string()});
    ASSERT_TRUE(g.ok) << spec << "\n" << g.diagnostics << "\n" << read_file(spec);
    fs::path dir = tmp.path() / name;
    for (const auto& [path, content] : g.tree.files()) write_with_dirs(dir / path, content);
    check.push_back(dir.string());
    run.push_back(dir.string());
    run.push_back(tmp.write(name + ".json", g.context.dump()).string());
    workflows += g.context["workflows"].size();
  }
  auto checked = run_program(check);
  EXPECT_EQ(checked.exit_code, 0) << checked.out << checked.err;
  auto ran = run_program(run);
  EXPECT_EQ(ran.exit_code, 0) << ran.out << ran.err;
  EXPECT_GE(workflows, static_cast<size_t>(kSpecs));
}
