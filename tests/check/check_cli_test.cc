// `restack-gen check` end to end: discovery, exit codes, flags, pyproject settings, corpora.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/test_support.h"

namespace restack::check {
namespace {

using test::run_cli;
using test::TempDir;

const char* kBadWorkflow = R"PY(import random
from restack_ai.workflow import workflow

@workflow.defn()
class W:
    @workflow.run
    async def run(self):
        return random.random()
)PY";

TEST(CheckCli, ExitCodesAndTextFormat) {
  TempDir dir;
  dir.write("clean.py", "def f():\n    return 1\n");
  auto clean = run_cli({"check", (dir.path() / "clean.py").string()});
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  EXPECT_EQ(clean.out, "");
  dir.write("bad.py", kBadWorkflow);
  auto bad = run_cli({"check", "--color", "never", dir.path().string()});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.out.find("bad.py:8:16: RSG103 `random.random` is random in workflow code"), std::string::npos)
      << bad.out;
  EXPECT_NE(bad.out.find("  hint: "), std::string::npos);
  auto zero = run_cli({"check", "--exit-zero", dir.path().string()});
  EXPECT_EQ(zero.exit_code, 0);
  EXPECT_EQ(zero.out, bad.out);
}

TEST(CheckCli, UsageErrors) {
  EXPECT_EQ(run_cli({"check"}).exit_code, 2);
  EXPECT_EQ(run_cli({"check", "--format", "xml", "."}).exit_code, 2);
  auto missing = run_cli({"check", "/nonexistent/path.py"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("/nonexistent/path.py: no such file or directory"), std::string::npos);
  auto unknown = run_cli({"check", "--explain", "RSG999"});
  EXPECT_EQ(unknown.exit_code, 2);
}

TEST(CheckCli, ExplainPrintsRationaleAndExamples) {
  auto r = run_cli({"check", "--explain", "RSG101"});
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("RSG101 wall-clock-in-workflow (error)"), std::string::npos);
  EXPECT_NE(r.out.find("Bad:"), std::string::npos);
  EXPECT_NE(r.out.find("workflow.now()"), std::string::npos);
}

TEST(CheckCli, SelectIgnoreAndJobs) {
  TempDir dir;
  dir.write("a.py", std::string(kBadWorkflow) + "eval('1')\n");
  auto sel = run_cli({"check", "--format", "json", "--select", "RSG4", dir.path().string()});
  auto j = nlohmann::json::parse(sel.out);
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["code"], "RSG403");
  auto ign = run_cli({"check", "--format", "json", "--ignore", "RSG403,RSG1", dir.path().string()});
  EXPECT_EQ(ign.exit_code, 0) << ign.out;
  for (int i = 0; i < 30; ++i) dir.write("m" + std::to_string(i) + ".py", kBadWorkflow);
  auto one = run_cli({"check", "-j", "1", dir.path().string()});
  auto four = run_cli({"check", "-j", "4", dir.path().string()});
  EXPECT_EQ(one.out, four.out);
  EXPECT_EQ(one.exit_code, 1);
}

TEST(CheckCli, DiscoverySkipsHiddenVenvsAndGitignored) {
  TempDir dir;
  const auto& root = dir.path();
  dir.write("proj/.git/HEAD", "ref: refs/heads/main\n");
  dir.write("proj/.gitignore", "# comment\nbuild/\n*.gen.py\n/generated_*.py\n!keep.gen.py\n");
  dir.write("proj/src/app.py", kBadWorkflow);
  dir.write("proj/src/x.gen.py", kBadWorkflow);
  dir.write("proj/src/keep.gen.py", kBadWorkflow);
  dir.write("proj/generated_a.py", kBadWorkflow);
  dir.write("proj/src/generated_b.py", kBadWorkflow);  // `/generated_*` is anchored to proj/
  dir.write("proj/build/out.py", kBadWorkflow);
  dir.write("proj/.hidden/h.py", kBadWorkflow);
  dir.write("proj/venv/lib.py", kBadWorkflow);
  dir.write("proj/env2/pyvenv.cfg", "home = /usr\n");
  dir.write("proj/env2/lib.py", kBadWorkflow);
  dir.write("proj/notes.txt", "not python");
  auto r = run_cli({"check", "--format", "json", (root / "proj/src").string(), (root / "proj").string()});
  auto j = nlohmann::json::parse(r.out);
  std::set<std::string> files;
  for (const auto& f : j) files.insert(std::filesystem::path(f["file"].get<std::string>()).filename().string());
  EXPECT_EQ(files, (std::set<std::string>{"app.py", "keep.gen.py", "generated_b.py"})) << r.out;
  // An explicit file is always checked.
  auto explicit_file = run_cli({"check", (root / "proj/build/out.py").string()});
  EXPECT_EQ(explicit_file.exit_code, 1);
}

TEST(CheckCli, PyprojectSettingsApplyToTheirProject) {
  TempDir dir;
  dir.write("p/pyproject.toml",
            "[project]\nname = \"p\"\n\n[tool.restack-gen.check]\n# ignore the random rule\nignore = [\n  \"RSG103\",  # no\n]\n"
            "[tool.other]\nselect = [\"RSG9\"]\n");
  dir.write("p/src/a.py", std::string(kBadWorkflow) + "eval('1')\n");
  dir.write("q/a.py", kBadWorkflow);
  auto r = run_cli({"check", "--format", "json", (dir.path() / "p").string(), (dir.path() / "q").string()});
  auto j = nlohmann::json::parse(r.out);
  std::vector<std::string> codes;
  for (const auto& f : j) codes.push_back(f["code"]);
  EXPECT_EQ(codes, (std::vector<std::string>{"RSG403", "RSG103"})) << r.out;
  auto no_config = run_cli({"check", "--no-config", "--format", "json", (dir.path() / "p").string()});
  EXPECT_EQ(nlohmann::json::parse(no_config.out).size(), 2u);
  dir.write("p/pyproject.toml", "[tool.restack-gen.check]\nselect = \"RSG1\"\n");
  auto bad_config = run_cli({"check", (dir.path() / "p").string()});
  EXPECT_NE(bad_config.err.find("pyproject.toml:2:1: error: [tool.restack-gen.check] select must be an array"),
            std::string::npos)
      << bad_config.err;
}

TEST(CheckCorpus, IdiomaticRestackProjectsGiveNoFinding) {
  auto r = test::run_program({RESTACK_GEN_BIN, "check", "--format", "json", "tests/check/corpus/good"}, "", {},
                             test::source_dir());
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out).size(), 0u) << r.out;
}

TEST(CheckCorpus, KnownBadProjectGivesExactlyTheExpectedFindings) {
  auto r = test::run_program({RESTACK_GEN_BIN, "check", "--color", "never", "tests/check/corpus/bad"}, "",
                             {"NO_COLOR=1"}, test::source_dir());
  EXPECT_EQ(r.exit_code, 1);
  auto expected = test::source_dir() / "tests/check/corpus/bad/expected.txt";
  if (std::getenv("UPDATE_GOLDEN")) test::write_file(expected, r.out);
  EXPECT_EQ(r.out, test::read_file(expected));
}

TEST(CheckProject, RegistrationFollowsReexportsAliasesAndRelativeImports) {
  TempDir dir;
  dir.write("app/pyproject.toml", "[project]\nname = \"app\"\n");
  dir.write("app/src/__init__.py", "");
  dir.write("app/src/functions/__init__.py", "from .greet import greet as greet\nfrom . import farewell\n");
  dir.write("app/src/functions/greet.py",
            "from restack_ai.function import function\n\n@function.defn()\nasync def greet(x: str) -> str:\n    return x\n");
  dir.write("app/src/functions/farewell.py",
            "from restack_ai.function import function\n\n@function.defn()\nasync def bye(x: str) -> str:\n    return x\n\n"
            "@function.defn()\nasync def forgotten(x: str) -> str:  # a function nobody registers\n    return x\n");
  dir.write("app/src/workflows/flow.py",
            "from restack_ai.workflow import workflow\n\n@workflow.defn()\nclass Flow:\n    @workflow.run\n"
            "    async def run(self):\n        return 1\n\n@workflow.defn()\nclass Orphan:\n    @workflow.run\n"
            "    async def run(self):\n        return 1\n");
  dir.write("app/src/services.py",
            "from src.functions import greet as hello, farewell\nfrom src.workflows.flow import Flow\n"
            "async def main(client):\n    await client.start_service(workflows=[Flow], functions=[hello, farewell.bye])\n");
  auto r = run_cli({"check", "--format", "json", "--select", "RSG204", (dir.path() / "app").string()});
  auto j = nlohmann::json::parse(r.out);
  std::set<std::string> flagged;
  for (const auto& f : j) flagged.insert(f["message"].get<std::string>().substr(0, 30));
  EXPECT_EQ(j.size(), 2u) << r.out;
  EXPECT_NE(r.out.find("function `forgotten` is not registered"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("workflow `Orphan` is not registered"), std::string::npos) << r.out;
  // Without the services file among the paths, nothing is known about registration.
  auto partial = run_cli({"check", "--select", "RSG204", (dir.path() / "app/src/workflows").string()});
  EXPECT_EQ(partial.exit_code, 0) << partial.out;
}

}  // namespace
}  // namespace restack::check
