// `restack-gen render`: flags, data merging, output file, exit codes and error format.
#include <gtest/gtest.h>

#include "common/test_support.h"

namespace restack::test {
namespace {

TEST(CliRender, RendersWithMergedJsonAndYamlData) {
  TempDir dir;
  auto t = dir.write("t.j2", "{{ a }} {{ b }} {{ c }} {% include 'inc.j2' %}\n");
  dir.write("inc/inc.j2", "inc");
  auto j = dir.write("d.json", R"({"a": 1, "b": 2.0})");
  auto y = dir.write("d.yaml", "b: yes\nc: [x, 2]\n");
  RunResult r = run_cli({"render", t.string(), "--data", j.string(), "--data", y.string(), "-I", (dir.path() / "inc").string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "1 True ['x', 2] inc");
}

TEST(CliRender, FlagsAndOutputFile) {
  TempDir dir;
  auto t = dir.write("t.j2", "  {% if true %}\nx\n  {% endif %}\n");
  auto out = dir.path() / "sub" / "out.txt";
  RunResult r = run_cli({"render", t.string(), "--trim-blocks", "--lstrip-blocks", "--keep-trailing-newline", "-o", out.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(read_file(out), "x\n");
}

TEST(CliRender, TemplateErrorsExitOneWithFileAndLine) {
  TempDir dir;
  auto t = dir.write("t.j2", "ok\n{{ nope }}\n");
  RunResult r = run_cli({"render", t.string(), "--strict-undefined"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, t.string() + ":2: error: 'nope' is undefined\n");
  auto bad = dir.write("bad.j2", "{% if %}");
  r = run_cli({"render", bad.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(bad.string() + ":1: error: "), std::string::npos) << r.err;
}

TEST(CliRender, UsageAndDataErrors) {
  EXPECT_EQ(run_cli({"render"}).exit_code, 2);
  EXPECT_EQ(run_cli({"render", "t.j2", "--bogus"}).exit_code, 2);
  TempDir dir;
  auto t = dir.write("t.j2", "x");
  auto bad = dir.write("d.json", "{nope");
  RunResult r = run_cli({"render", t.string(), "--data", bad.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("invalid JSON"), std::string::npos);
  auto list = dir.write("l.json", "[1]");
  EXPECT_EQ(run_cli({"render", t.string(), "--data", list.string()}).exit_code, 1);
  EXPECT_EQ(run_cli({"render", (dir.path() / "missing.j2").string()}).exit_code, 1);
}

TEST(CliRender, ThreadsGiveTheSameOutputAndErrors) {
  // Large enough for both paths that use a second thread: a JSON file over 512 KiB whose array
  // is split, and a loop of thousands of items (docs/cli.md, --threads).
  TempDir dir;
  std::string json = "{\"rows\": [";
  for (int i = 0; i < 6000; ++i)
    json += (i ? ", " : "") + std::string("{\"name\": \"row ") + std::to_string(i) + "\", \"pad\": \"" +
            std::string(80, char('a' + i % 26)) + "\"}";
  json += "]}";
  ASSERT_GT(json.size(), size_t(512) << 10);
  auto data = dir.write("d.json", json);
  auto t = dir.write("t.j2", "{% for r in rows %}{{ loop.index }} {{ r.name|upper }} {{ r.pad|length }}\n{% endfor %}");
  RunResult one = run_cli({"render", t.string(), "--data", data.string(), "--threads", "1"});
  RunResult two = run_cli({"render", t.string(), "--data", data.string(), "--threads", "2"});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  ASSERT_EQ(two.exit_code, 0) << two.err;
  EXPECT_EQ(one.out, two.out);
  EXPECT_NE(one.out.find("6000 ROW 5999 80\n"), std::string::npos);
  // An error late in the loop is the same error, with the same line, on one thread or two.
  auto bad = dir.write("bad.j2", "{% for r in rows %}\n{{ 1 // (5999 - loop.index0) }}\n{% endfor %}");
  RunResult bad_one = run_cli({"render", bad.string(), "--data", data.string(), "--threads", "1"});
  RunResult bad_two = run_cli({"render", bad.string(), "--data", data.string(), "--threads", "2"});
  EXPECT_EQ(bad_one.exit_code, 1);
  EXPECT_EQ(bad_two.exit_code, 1);
  EXPECT_EQ(bad_one.err, bad_two.err);
  EXPECT_NE(bad_one.err.find(bad.string() + ":2: error: "), std::string::npos) << bad_one.err;
  EXPECT_EQ(run_cli({"render", t.string(), "--threads", "65"}).exit_code, 2);
}

}  // namespace
}  // namespace restack::test
