// `restack-gen generate` end to end through the built binary.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "generate/generate_helpers.h"

using namespace restack::test;
namespace fs = std::filesystem;

namespace {
std::string example(const char* name) { return (source_dir() / "examples" / name).string(); }
}  // namespace

TEST(CliGenerate, WritesTheProject) {
  TempDir tmp;
  fs::path out = tmp.path() / "dp";
  auto r = run_cli({"generate", example("data_processor.yaml"), "-o", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("wrote 16 files"), std::string::npos) << r.err;
  for (const char* f : {"pyproject.toml", "README.md", ".env.example", "schedule_workflow.py", "src/client.py",
                        "src/services.py", "src/models.py", "src/functions/data_validation.py",
                        "src/workflows/data_processor.py", "tests/test_workflows.py"})
    EXPECT_TRUE(fs::exists(out / f)) << f;
}

TEST(CliGenerate, VerboseRunSaysWhereTheTimeWent) {
  TempDir tmp;
  auto quiet = run_cli({"generate", example("data_processor.yaml"), "-o", (tmp.path() / "a").string()});
  ASSERT_EQ(quiet.exit_code, 0) << quiet.err;
  EXPECT_EQ(quiet.err.find("timings:"), std::string::npos) << quiet.err;  // only with -v
  auto r = run_cli({"-v", "generate", example("data_processor.yaml"), "-o", (tmp.path() / "b").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const size_t at = r.err.find("timings: load ");
  ASSERT_NE(at, std::string::npos) << r.err;
  // Each phase in milliseconds: none longer than the total, and together they make it up.
  double load = -1, bodies = -1, generate = -1, commit = -1, total = -1;
  ASSERT_EQ(std::sscanf(r.err.c_str() + at, "timings: load %lf ms, LLM bodies %lf ms, generate %lf ms, commit %lf ms, total %lf ms",
                        &load, &bodies, &generate, &commit, &total),
            5)
      << r.err;
  for (double phase : {load, bodies, generate, commit}) {
    EXPECT_GE(phase, 0.0);
    EXPECT_LE(phase, total + 0.05);
  }
  EXPECT_GE(total + 0.2, load + bodies + generate + commit);  // each printed to 0.1 ms
}

TEST(CliGenerate, TwoRunsWriteTheSameBytes) {
  TempDir tmp;
  auto a = run_cli({"generate", example("billing_project.yaml"), "-o", (tmp.path() / "a").string()});
  auto b = run_cli({"generate", example("billing_project.yaml"), "-o", (tmp.path() / "b").string()});
  ASSERT_EQ(a.exit_code, 0) << a.err;
  ASSERT_EQ(b.exit_code, 0) << b.err;
  EXPECT_EQ(read_tree(tmp.path() / "a"), read_tree(tmp.path() / "b"));
}

TEST(CliGenerate, RefusesNonEmptyFolderUnlessForced) {
  TempDir tmp;
  tmp.write("existing.txt", "keep");
  auto r = run_cli({"generate", example("data_processor.yaml"), "-o", tmp.path().string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("--force"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(tmp.path() / "src"));
  r = run_cli({"generate", example("data_processor.yaml"), "-o", tmp.path().string(), "--force"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(tmp.path() / "src" / "models.py"));
  EXPECT_EQ(read_file(tmp.path() / "existing.txt"), "keep");
}

TEST(CliGenerate, DryRunListsAndWritesNothing) {
  TempDir tmp;
  fs::path out = tmp.path() / "dry";
  auto r = run_cli({"generate", example("data_processor.yaml"), "-o", out.string(), "--dry-run"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("src/workflows/data_processor.py ("), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(out));
}

TEST(CliGenerate, SpecErrorsArePrintedWithPositionAndNothingIsWritten) {
  TempDir tmp;
  auto spec = tmp.write("bad.yaml", "name: Bad\ndescription: x\nsteps:\n  - name: a\n    function: f\n    bogus: 1\n");
  fs::path out = tmp.path() / "out";
  auto r = run_cli({"generate", spec.string(), "-o", out.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("bad.yaml:6:5: error:"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));
}

TEST(CliGenerate, DumpContextIsJson) {
  auto r = run_cli({"generate", example("lead_enrichment.yaml"), "--dump-context"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto ctx = nlohmann::json::parse(r.out);
  EXPECT_EQ(ctx["workflows"][0]["name"], "LeadEnrichment");
  EXPECT_EQ(ctx["workflows"][0]["steps"][0]["kind"], "parallel");
  EXPECT_EQ(ctx["workflows"][0]["steps"][0]["members"].size(), 4u);
}

TEST(CliGenerate, LlmProviderWithoutKeyIsUsageErrorAndWritesNothing) {
  // The LLM path itself is tested end to end against a fake server in tests/llm.
  if (std::getenv("OPENAI_API_KEY") || std::getenv("RESTACK_GEN_LLM_API_KEY")) GTEST_SKIP() << "an API key is set";
  TempDir tmp;
  auto r = run_cli({"generate", example("data_processor.yaml"), "-o", (tmp.path() / "x").string(), "--llm", "openai"},
                   "", {"XDG_CONFIG_HOME=" + (tmp.path() / "config").string()});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("API key"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(tmp.path() / "x"));
  r = run_cli({"generate", example("data_processor.yaml"), "-o", (tmp.path() / "y").string(), "--llm", "nope"});
  EXPECT_EQ(r.exit_code, 2);
}

TEST(CliGenerate, MissingOutputIsUsageError) {
  auto r = run_cli({"generate", example("data_processor.yaml")});
  EXPECT_EQ(r.exit_code, 2);
}

TEST(CliGenerate, BrokenTemplateOverrideIsAnErrorAndWritesNothing) {
  TempDir tmp;
  fs::path tdir = tmp.path() / "templates";
  for (const auto& e : fs::directory_iterator(source_dir() / "templates" / "python"))
    write_with_dirs(tdir / e.path().filename(), read_file(e.path()));
  write_with_dirs(tdir / "models.py.j2", "{{ no_such_variable }}\n");
  fs::path out = tmp.path() / "out";
  auto r = run_cli({"generate", example("data_processor.yaml"), "-o", out.string(), "--templates", tdir.string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("models.py.j2:1"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));
}

// The default self-check skips modules made only from the bundled templates (the test suite
// proves those); a user's --templates are unproven, so every module is checked then.
TEST(CliGenerate, TemplateOverridesAreSelfCheckedInEveryModule) {
  TempDir tmp;
  fs::path tdir = tmp.path() / "templates";
  for (const auto& e : fs::directory_iterator(source_dir() / "templates" / "python"))
    write_with_dirs(tdir / e.path().filename(), read_file(e.path()));
  write_with_dirs(tdir / "services.py.j2", "def broken(:\n");
  fs::path out = tmp.path() / "out";
  auto r = run_cli({"generate", example("data_processor.yaml"), "-o", out.string(), "--templates", tdir.string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;  // the user's templates, not a restack-gen bug (exit 4)
  EXPECT_NE(r.err.find("src/services.py:1:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--templates"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("bug in restack-gen"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));
}

TEST(CliGenerate, DescriptionsAreEscapedForTomlAndMarkdown) {
  TempDir tmp;
  auto spec = tmp.write("q.yaml",
                        "name: Quoted\n"
                        "description: 'Says \"hi\" | and \\ more'\n"
                        "steps:\n  - name: a\n    function: do_it\n");
  fs::path out = tmp.path() / "out";
  auto r = run_cli({"generate", spec.string(), "-o", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(read_file(out / "pyproject.toml").find("description = \"Says \\\"hi\\\" | and \\\\ more\"\n"), std::string::npos)
      << read_file(out / "pyproject.toml");
  EXPECT_NE(read_file(out / "README.md").find("| `Quoted` | Says \"hi\" \\| and \\ more |"), std::string::npos)
      << read_file(out / "README.md");
  if (have_program("/usr/bin/python3")) {
    auto t = run_program({"/usr/bin/python3", "-c",
                          "import sys, tomllib; print(tomllib.load(open(sys.argv[1], 'rb'))['project']['description'])",
                          (out / "pyproject.toml").string()});
    EXPECT_EQ(t.out, "Says \"hi\" | and \\ more\n") << t.err;
  }
}
