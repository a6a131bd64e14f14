// Per-rule fixtures (ruff's resources/test/fixtures): tests/check/fixtures/<CODE>.py holds code
// that must trigger the rule, marked `# error: CODE` on the line where the finding starts, and
// close look-alikes that must not. Each rule runs alone on its fixture; the findings' lines must
// equal the marked lines exactly.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <sstream>

#include "check/checker.h"
#include "check/registry.h"
#include "common/test_support.h"

namespace restack::check {
namespace {

std::filesystem::path fixture_dir() { return test::source_dir() / "tests/check/fixtures"; }

std::multiset<int> marked_lines(const std::string& source, const std::string& code) {
  std::multiset<int> lines;
  std::istringstream in(source);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n)
    if (line.find("# error: " + code) != std::string::npos) lines.insert(n);
  return lines;
}

class RuleFixture : public testing::TestWithParam<std::string> {};

TEST_P(RuleFixture, FindingsMatchMarkers) {
  const std::string code = GetParam();
  auto path = fixture_dir() / (code + ".py");
  ASSERT_TRUE(std::filesystem::exists(path)) << "every rule needs a fixture: " << path;
  std::string source = test::read_file(path);
  CheckOptions options;
  options.select = {code};
  auto findings = check_source(path.filename().string(), source, options);
  std::multiset<int> got;
  std::string listing;
  for (const auto& d : findings) {
    EXPECT_EQ(d.code, code);
    got.insert(d.location.line);
    listing += std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + " " + d.message + "\n";
  }
  auto want = marked_lines(source, code);
  EXPECT_FALSE(want.empty()) << "fixture has no `# error: " << code << "` marker";
  EXPECT_EQ(got, want) << "findings:\n" << listing;
}

std::vector<std::string> fixture_codes() {
  std::vector<std::string> codes;
  for (const Rule* r : all_rules())
    if (r->check) codes.emplace_back(r->meta.code);  // RSG204 is project-level: project_test.cc
  return codes;
}

INSTANTIATE_TEST_SUITE_P(Rules, RuleFixture, testing::ValuesIn(fixture_codes()),
                         [](const testing::TestParamInfo<std::string>& info) { return info.param; });

TEST(RuleMetadata, EveryRuleIsDocumentedAndCodesAreUnique) {
  std::set<std::string_view> codes, names;
  for (const Rule* r : all_rules()) {
    const RuleMeta& m = r->meta;
    EXPECT_TRUE(codes.insert(m.code).second) << m.code;
    EXPECT_TRUE(names.insert(m.name).second) << m.name;
    EXPECT_EQ(m.code.substr(0, 3), "RSG");
    EXPECT_EQ(m.code.size(), 6u);
    EXPECT_FALSE(m.summary.empty()) << m.code;
    EXPECT_GT(m.rationale.size(), 40u) << m.code;
    EXPECT_FALSE(m.bad.empty()) << m.code;
    EXPECT_FALSE(m.good.empty()) << m.code;
    EXPECT_EQ(find_rule(m.code), r);
  }
  EXPECT_EQ(find_rule("RSG999"), nullptr);
}

/// The rule's own "bad" example triggers it and its "good" example does not, so the docs cannot
/// drift from the behaviour. Snippet examples get the imports they leave out.
TEST(RuleMetadata, ExamplesBehaveAsDocumented) {
  const std::string prelude =
      "import asyncio, os, pickle, subprocess, yaml, requests, httpx, logging\n"
      "from datetime import timedelta\n"
      "from restack_ai.workflow import workflow, import_functions, log\n"
      "from restack_ai.function import function\n";
  for (const Rule* r : all_rules()) {
    if (!r->check) continue;
    CheckOptions only;
    only.select = {std::string(r->meta.code)};
    auto good = check_source("good.py", prelude + std::string(r->meta.good), only);
    EXPECT_TRUE(good.empty()) << r->meta.code << " fires on its own good example: " << good[0].message;
    auto bad = check_source("bad.py", prelude + std::string(r->meta.bad), only);
    EXPECT_FALSE(bad.empty()) << r->meta.code << " does not fire on its own bad example";
  }
}

}  // namespace
}  // namespace restack::check
