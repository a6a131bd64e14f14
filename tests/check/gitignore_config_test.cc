// The .gitignore subset and the pyproject.toml reader.
#include <gtest/gtest.h>

#include "check/config.h"
#include "check/gitignore.h"

namespace restack::check {
namespace {

TEST(Glob, StarsQuestionMarksAndClasses) {
  EXPECT_TRUE(glob_match("*.py", "a.py"));
  EXPECT_FALSE(glob_match("*.py", "dir/a.py"));
  EXPECT_TRUE(glob_match("**/a.py", "x/y/a.py"));
  EXPECT_TRUE(glob_match("**/a.py", "a.py"));
  EXPECT_TRUE(glob_match("a/**/b", "a/x/y/b"));
  EXPECT_TRUE(glob_match("a/**/b", "a/b"));
  EXPECT_TRUE(glob_match("file?.py", "file1.py"));
  EXPECT_FALSE(glob_match("file?.py", "file10.py"));
  EXPECT_TRUE(glob_match("[abc].py", "b.py"));
  EXPECT_FALSE(glob_match("[!abc].py", "b.py"));
  EXPECT_TRUE(glob_match("[a-c]x", "bx"));
  EXPECT_TRUE(glob_match("\\*lit", "*lit"));
  EXPECT_FALSE(glob_match(std::string(100, '*') + "x", std::string(100, 'a')));  // bounded, no blow-up
}

TEST(Gitignore, NegationDirectoriesAndAnchoring) {
  IgnoreRules rules;
  rules.add("# c\n\n*.log\n!keep.log\nbuild/\n/top.py\nsub/*.tmp\n", "/r");
  EXPECT_TRUE(rules.ignored("/r/a.log", false));
  EXPECT_TRUE(rules.ignored("/r/x/a.log", false));
  EXPECT_FALSE(rules.ignored("/r/keep.log", false));
  EXPECT_TRUE(rules.ignored("/r/x/build", true));
  EXPECT_FALSE(rules.ignored("/r/x/build", false));  // `build/` matches folders only
  EXPECT_TRUE(rules.ignored("/r/top.py", false));
  EXPECT_FALSE(rules.ignored("/r/x/top.py", false));
  EXPECT_TRUE(rules.ignored("/r/sub/a.tmp", false));
  EXPECT_FALSE(rules.ignored("/r/other/sub/a.tmp", false));
  EXPECT_FALSE(rules.ignored("/elsewhere/a.log", false));  // outside the .gitignore's folder
}

TEST(ProjectSettings, ReadsSelectAndIgnoreFromItsTableOnly) {
  auto s = parse_project_settings(
      "[tool.ruff]\nselect = [\"E\"]\n[tool.restack-gen.check]\nselect = ['RSG1', \"RSG4\"]  # comment\n"
      "ignore = [\n  \"RSG205\", # noisy\n  \"RSG3\",\n]\n[tool.other]\nignore = [\"X\"]\n",
      "pyproject.toml");
  ASSERT_TRUE(s.select.has_value());
  EXPECT_EQ(*s.select, (std::vector<std::string>{"RSG1", "RSG4"}));
  EXPECT_EQ(s.ignore, (std::vector<std::string>{"RSG205", "RSG3"}));
  std::vector<Diagnostic> errors;
  auto bad = parse_project_settings("[tool.restack-gen.check]\n\nignore = 3\n", "p.toml", &errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].location.line, 3);
  EXPECT_FALSE(parse_project_settings("", "p.toml").select.has_value());
}

}  // namespace
}  // namespace restack::check
