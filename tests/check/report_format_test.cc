// Golden tests of the three output formats, and the SARIF 2.1.0 structure.
#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "common/test_support.h"

namespace restack::check {
namespace {

std::filesystem::path golden_dir() { return test::source_dir() / "tests/check/golden"; }

test::RunResult check_in_golden_dir(const std::string& format) {
  return test::run_program({RESTACK_GEN_BIN, "check", "--format", format, "input.py"}, "", {"NO_COLOR=1"},
                           golden_dir());
}

class OutputGolden : public testing::TestWithParam<std::string> {};

TEST_P(OutputGolden, MatchesSnapshot) {
  const std::string format = GetParam();
  auto r = check_in_golden_dir(format);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  auto expected_path = golden_dir() / ("expected." + format);
  if (std::getenv("UPDATE_GOLDEN")) test::write_file(expected_path, r.out);
  EXPECT_EQ(r.out, test::read_file(expected_path)) << "UPDATE_GOLDEN=1 rewrites the snapshot";
}

INSTANTIATE_TEST_SUITE_P(Formats, OutputGolden, testing::Values("text", "json", "sarif"));

TEST(OutputJson, EveryFindingHasTheDocumentedFields) {
  auto r = check_in_golden_dir("json");
  auto j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j.is_array());
  ASSERT_FALSE(j.empty());
  for (const auto& f : j) {
    for (const char* key : {"file", "line", "column", "end_line", "end_column", "code", "severity", "message"})
      EXPECT_TRUE(f.contains(key)) << key;
    EXPECT_TRUE(f["severity"] == "error" || f["severity"] == "warning");
    EXPECT_GE(f["end_line"].get<int>(), f["line"].get<int>());
  }
}

/// The properties SARIF 2.1.0 requires (sarif-schema-2.1.0.json "required" lists), plus the rule
/// metadata code-scanning tools display.
TEST(OutputSarif, HasRequiredStructureAndRuleMetadata) {
  auto r = check_in_golden_dir("sarif");
  auto s = nlohmann::json::parse(r.out);
  EXPECT_EQ(s["version"], "2.1.0");
  ASSERT_TRUE(s["runs"].is_array());
  ASSERT_EQ(s["runs"].size(), 1u);
  const auto& run = s["runs"][0];
  const auto& driver = run["tool"]["driver"];
  EXPECT_TRUE(driver["name"].is_string());
  ASSERT_TRUE(driver["rules"].is_array());
  EXPECT_GE(driver["rules"].size(), 29u);
  for (const auto& rule : driver["rules"]) {
    EXPECT_TRUE(rule["id"].is_string());
    EXPECT_TRUE(rule["name"].is_string());
    EXPECT_TRUE(rule["shortDescription"]["text"].is_string());
    EXPECT_TRUE(rule["fullDescription"]["text"].is_string());
    EXPECT_TRUE(rule["help"]["text"].is_string());
    std::string level = rule["defaultConfiguration"]["level"];
    EXPECT_TRUE(level == "error" || level == "warning");
  }
  ASSERT_TRUE(run["results"].is_array());
  ASSERT_FALSE(run["results"].empty());
  for (const auto& res : run["results"]) {
    EXPECT_TRUE(res["message"]["text"].is_string());  // message is required
    EXPECT_TRUE(res["ruleId"].is_string());
    size_t index = res["ruleIndex"];
    EXPECT_EQ(driver["rules"][index]["id"], res["ruleId"]);
    const auto& loc = res["locations"][0]["physicalLocation"];
    EXPECT_TRUE(loc["artifactLocation"]["uri"].is_string());
    EXPECT_GE(loc["region"]["startLine"].get<int>(), 1);
    EXPECT_GE(loc["region"]["startColumn"].get<int>(), 1);
  }
}

TEST(RulesDoc, DocsRulesMdIsGeneratedFromTheRuleMetadata) {
  auto r = test::run_cli({"check", "--explain-all", "--format", "markdown"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto doc = test::source_dir() / "docs/rules.md";
  if (std::getenv("UPDATE_GOLDEN")) test::write_file(doc, r.out);
  EXPECT_EQ(r.out, test::read_file(doc))
      << "docs/rules.md is stale: restack-gen check --explain-all --format markdown > docs/rules.md";
}

}  // namespace
}  // namespace restack::check
