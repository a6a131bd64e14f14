// The generated projects are right and run: every .py file of every example passes
// py_compile, black --check, pyflakes and mypy --strict (with our restack_ai stubs); every
// workflow runs in process on the restack_ai stand-in exactly as its spec says; and each
// project's own tests pass under pytest with the stand-in on PYTHONPATH.
#include <gtest/gtest.h>

#include "generate/generate_helpers.h"

using namespace restack::test;
namespace fs = std::filesystem;

namespace {

struct Written {
  std::vector<std::string> dirs, contexts, user_code;
};

/// Writes every example project (and its context) under TMP.
Written write_examples(const TempDir& tmp) {
  Written w;
  for (const auto& spec : example_specs()) {
    auto g = generate_in_memory({spec});
    EXPECT_TRUE(g.ok) << g.diagnostics;
    std::string name = fs::path(spec).stem().string();
    fs::path dir = tmp.path() / name;
    for (const auto& [path, content] : g.tree.files()) write_with_dirs(dir / path, content);
    w.dirs.push_back(dir.string());
    w.contexts.push_back(tmp.write(name + ".json", g.context.dump()).string());
    for (const auto& f : g.context["functions"])
      if (f["origin"] == "code") w.user_code.push_back((dir / "src/functions" / (f["module"].get<std::string>() + ".py")).string());
  }
  return w;
}

}  // namespace

TEST(SlowGeneratedPython, ExamplesPassCompileBlackPyflakesMypy) {
  if (!have_python_tools()) GTEST_SKIP() << python_tools_missing();
  TempDir tmp;
  auto w = write_examples(tmp);
  std::vector<std::string> argv = {"/usr/bin/python3", (python_dir() / "check_projects.py").string()};
  for (const auto& u : w.user_code) {
    argv.push_back("--user-code");
    argv.push_back(u);
  }
  argv.insert(argv.end(), w.dirs.begin(), w.dirs.end());
  auto r = run_program(argv);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find(" 0 problems"), std::string::npos) << r.out;
}

TEST(SlowGeneratedPython, EveryExampleWorkflowRunsAsSpecified) {
  if (!have_python_tools()) GTEST_SKIP() << python_tools_missing();
  TempDir tmp;
  auto w = write_examples(tmp);
  std::vector<std::string> argv = {"/usr/bin/python3", (python_dir() / "run_workflows.py").string()};
  for (size_t i = 0; i < w.dirs.size(); ++i) {
    argv.push_back(w.dirs[i]);
    argv.push_back(w.contexts[i]);
  }
  auto r = run_program(argv);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out.find("FAILED"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("OrderFulfillment: 4 steps ok"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("LeadEnrichment: 6 steps ok"), std::string::npos) << r.out;
}

TEST(SlowGeneratedPython, StandInCatchesAWrongDataFlow) {
  // The runnable check is only worth something if it fails on a wrong project: swap two
  // steps' inputs in a generated workflow and expect a failure naming the step.
  if (!have_python_tools()) GTEST_SKIP() << python_tools_missing();
  TempDir tmp;
  auto g = generate_in_memory({"examples/order_fulfillment.yaml"});
  ASSERT_TRUE(g.ok) << g.diagnostics;
  fs::path dir = tmp.path() / "p";
  for (auto [path, content] : g.tree.files()) {
    if (path == "src/workflows/order_fulfillment.py") {
      auto pos = content.find("express=workflow_input.express");
      ASSERT_NE(pos, std::string::npos);
      content.replace(pos, 30, "express=not workflow_input.express");
    }
    write_with_dirs(dir / path, content);
  }
  auto ctx = tmp.write("p.json", g.context.dump());
  auto r = run_program({"/usr/bin/python3", (python_dir() / "run_workflows.py").string(), dir.string(), ctx.string()});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("step ship input.express"), std::string::npos) << r.out;
}

TEST(SlowGeneratedPython, GeneratedProjectTestsPassUnderPytest) {
  if (!have_python_tools()) GTEST_SKIP() << python_tools_missing();
  TempDir tmp;
  auto w = write_examples(tmp);
  std::string standin = (python_dir() / "standin").string();
  for (const auto& dir : w.dirs) {
    auto r = run_program({"/usr/bin/python3", "-m", "pytest", "-q", "-p", "no:cacheprovider"}, "",
                         {"PYTHONPATH=" + standin, "PYTHONDONTWRITEBYTECODE=1"}, dir);
    EXPECT_EQ(r.exit_code, 0) << dir << "\n" << r.out << r.err;
    EXPECT_NE(r.out.find("passed"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("skipped"), std::string::npos) << r.out;
  }
}
