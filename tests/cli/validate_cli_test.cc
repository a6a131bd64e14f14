// `restack-gen validate` and `restack-gen schema` as a user runs them: exit codes, the stderr
// format, JSON output, the summary line, and the schema checked by an independent validator
// (python3-jsonschema) against every example.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "common/test_support.h"

namespace {

namespace fs = std::filesystem;
using restack::test::run_cli;
using restack::test::TempDir;

std::string example(const char* name) { return (restack::test::source_dir() / "examples" / name).string(); }

std::vector<std::string> all_examples() {
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(restack::test::source_dir() / "examples"))
    if (e.path().extension() == ".yaml") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

const char* kBadSpec =
    "name: W\n"
    "description: d\n"
    "timout: 5m\n"
    "steps:\n"
    "  - name: s\n"
    "    function: f\n"
    "    duration: 1m1h\n";

TEST(ValidateCli, ValidSpecPrintsSummaryAndExitsZero) {
  auto r = run_cli({"validate", example("data_processor.yaml")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, example("data_processor.yaml") + ": 1 workflow, 2 steps, 2 functions\n");
  EXPECT_EQ(r.err, "");
}

TEST(ValidateCli, AllExamplesTogetherOneLinePerFile) {
  std::vector<std::string> args = {"validate"};
  auto files = all_examples();
  args.insert(args.end(), files.begin(), files.end());
  auto r = run_cli(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(static_cast<size_t>(std::count(r.out.begin(), r.out.end(), '\n')), files.size());
  EXPECT_NE(r.out.find("billing_project.yaml: 4 workflows, 11 steps, 5 functions\n"), std::string::npos) << r.out;
}

TEST(ValidateCli, ErrorsOnStderrSortedWithNotesAndExitOne) {
  TempDir dir;
  auto spec = dir.write("bad.yaml", kBadSpec).string();
  auto r = run_cli({"--color", "never", "validate", spec});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  std::string expected = spec + ":3:1: error: unknown key `timout` in a single-workflow file\n" + spec +
                         ":3:1: note: did you mean `timeout`?\n" + spec +
                         ":7:5: error: `duration` belongs to sleep steps, but this step's type is `function`\n" + spec +
                         ":7:5: note: a step without `type:` is a function step; add `type: sleep`\n";
  EXPECT_EQ(r.err, expected);
}

TEST(ValidateCli, ColourOnlyWhenAsked) {
  TempDir dir;
  auto spec = dir.write("bad.yaml", kBadSpec).string();
  EXPECT_NE(run_cli({"--color", "always", "validate", spec}).err.find("\033["), std::string::npos);
  EXPECT_EQ(run_cli({"validate", spec}).err.find("\033["), std::string::npos);  // not a terminal
  EXPECT_EQ(run_cli({"--color", "always", "validate", spec}, "", {"NO_COLOR=1"}).err.find("\033[") != std::string::npos,
            true);  // --color always wins over NO_COLOR
}

TEST(ValidateCli, JsonFormat) {
  TempDir dir;
  auto spec = dir.write("bad.yaml", kBadSpec).string();
  auto r = run_cli({"validate", "--format", "json", spec});
  EXPECT_EQ(r.exit_code, 1);
  auto j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j.is_array());
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["file"], spec);
  EXPECT_EQ(j[0]["line"], 3);
  EXPECT_EQ(j[0]["column"], 1);
  EXPECT_EQ(j[0]["severity"], "error");
  EXPECT_EQ(j[0]["code"], "E-unknown-key");
  EXPECT_EQ(j[0]["message"], "unknown key `timout` in a single-workflow file");
  EXPECT_EQ(j[1]["code"], "E-step-key-kind");
  auto ok = run_cli({"validate", "--format", "json", example("data_processor.yaml")});
  EXPECT_EQ(ok.exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(ok.out), nlohmann::json::array());
}

TEST(ValidateCli, MissingFileIsAnErrorWithoutPosition) {
  auto r = run_cli({"--color", "never", "validate", "/no/such/spec.yaml"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "/no/such/spec.yaml: error: cannot read the file: No such file or directory\n");
}

TEST(ValidateCli, WarningsAloneExitZero) {
  TempDir dir;
  auto spec = dir.write("w.yaml", "name: W\ndescription: d\nfunctions:\n  unused: {}\nsteps:\n  - name: s\n    function: f\n").string();
  auto r = run_cli({"--color", "never", "validate", spec});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.err, spec + ":4:3: warning: function `unused` is described but no step calls it\n");
  EXPECT_NE(r.out.find("1 workflow, 1 step, 2 functions"), std::string::npos) << r.out;
}

TEST(ValidateCli, UsageErrors) {
  EXPECT_EQ(run_cli({"validate"}).exit_code, 2);
  EXPECT_EQ(run_cli({"validate", "--format", "xml", example("data_processor.yaml")}).exit_code, 2);
}

TEST(ValidateCli, QuietHidesTheSummary) {
  auto r = run_cli({"-q", "validate", example("data_processor.yaml")});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "");
}

TEST(ValidateCli, HelpMentionsFormats) {
  auto r = run_cli({"help", "validate"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("--format"), std::string::npos);
}

// ---------------------------------------------------------------- schema

const char* kCheckScript = R"PY(
import json, sys, yaml
from jsonschema import Draft202012Validator
schema = json.load(open(sys.argv[1]))
Draft202012Validator.check_schema(schema)
validator = Draft202012Validator(schema)
mode = sys.argv[2]
status = 0
for path in sys.argv[3:]:
    errors = list(validator.iter_errors(yaml.safe_load(open(path))))
    if mode == "valid" and errors:
        print(path, errors[0].message); status = 1
    if mode == "invalid" and not errors:
        print(path, "accepted"); status = 1
sys.exit(status)
)PY";

bool have_jsonschema() {
  auto r = restack::test::run_program({"/usr/bin/python3", "-c", "import jsonschema, yaml"});
  return r.exit_code == 0;
}

TEST(SchemaCli, PrintsDraft202012Schema) {
  auto r = run_cli({"schema"});
  EXPECT_EQ(r.exit_code, 0);
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["$schema"], "https://json-schema.org/draft/2020-12/schema");
  EXPECT_EQ(j["oneOf"].size(), 2u);
  EXPECT_EQ(j["$defs"]["step"]["oneOf"].size(), 4u);
  EXPECT_EQ(j["$defs"]["workflow"]["additionalProperties"], false);
  // Generated from the key tables: every key of a function step is a property.
  auto props = j["$defs"]["step"]["oneOf"][0]["properties"];
  for (const char* k : {"name", "type", "description", "function", "input", "timeout", "retry_policy", "task_queue"})
    EXPECT_TRUE(props.contains(k)) << k;
}

TEST(SchemaCli, WritesToOutputFile) {
  TempDir dir;
  auto out = (dir.path() / "schema.json").string();
  auto r = run_cli({"schema", "-o", out});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(restack::test::read_file(out), run_cli({"schema"}).out);
}

TEST(SchemaCli, EveryExampleValidatesAndUnknownKeysAreRejected) {
  if (!have_jsonschema()) GTEST_SKIP() << "python3-jsonschema (or python3-yaml) is not installed";
  TempDir dir;
  auto schema = dir.path() / "schema.json";
  ASSERT_EQ(run_cli({"schema", "-o", schema.string()}).exit_code, 0);
  auto script = dir.write("check.py", kCheckScript).string();
  std::vector<std::string> valid = {"/usr/bin/python3", script, schema.string(), "valid"};
  auto files = all_examples();
  valid.insert(valid.end(), files.begin(), files.end());
  auto ok = restack::test::run_program(valid);
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;

  const char* base = "name: W\ndescription: d\nsteps:\n  - name: s\n    function: f\n";
  std::vector<std::string> invalid = {
      std::string(base) + "timout: 5m\n",                                           // unknown top-level key
      "name: W\ndescription: d\nsteps:\n  - name: s\n    function: f\n    duration: 5s\n",  // key of another kind
      "name: W\ndescription: d\nsteps:\n  - name: s\n    type: sleep\n",                  // missing duration
      std::string(base) + "retry_policy:\n  max_attempts: 3\n",                      // unknown retry key
      "project: p\nworkflows:\n  - name: W\n    description: d\n    extra: 1\n    steps:\n      - name: s\n        function: f\n",
      "project: p\nname: W\nworkflows: []\n",                                        // both forms
      std::string(base) + "input_schema:\n  a:\n    type: int\n    descr: x\n",          // unknown field key
      std::string(base) + "schedule:\n  cron: '@daily'\n  every: 1h\n",              // both cron and every
  };
  std::vector<std::string> args = {"/usr/bin/python3", script, schema.string(), "invalid"};
  for (size_t i = 0; i < invalid.size(); ++i) args.push_back(dir.write("bad" + std::to_string(i) + ".yaml", invalid[i]).string());
  auto bad = restack::test::run_program(args);
  EXPECT_EQ(bad.exit_code, 0) << bad.out << bad.err;
}

}  // namespace
