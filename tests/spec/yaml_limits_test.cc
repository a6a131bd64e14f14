// The YAML limits of spec v1: billion laughs, alias cycles, deep nesting and the 16 MiB cap are
// refused with an error, quickly, never expanded or walked.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

#include "common/test_support.h"

#include "spec/yaml_tree.h"
#include "spec_test_support.h"

namespace restack::spec::test {
namespace {

std::string billion_laughs(int levels) {
  std::string s = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i <= levels; ++i) {
    s += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) s += (j ? ", *a" : "*a") + std::to_string(i - 1);
    s += "]\n";
  }
  return s;
}

TEST(YamlLimits, BillionLaughsIsRefusedQuickly) {
  auto start = std::chrono::steady_clock::now();
  Loaded l = load_text(billion_laughs(9));
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(ms, 2000);
  ASSERT_FALSE(l.project);
  ASSERT_EQ(l.sink.error_count(), 1u) << dump(l.sink);
  const Diagnostic& d = l.sink.all()[0];
  EXPECT_EQ(d.code, "E-yaml-alias-expansion");
  EXPECT_NE(d.message.find("1000000"), std::string::npos);
  EXPECT_EQ(d.location.line, 6);  // a5 alone expands to 1,111,111 nodes
}

TEST(YamlLimits, ModestAliasUseIsFine) {
  DiagnosticSink sink;
  auto doc = yaml::parse_document(billion_laughs(3), "x.yaml", sink);
  ASSERT_TRUE(doc) << dump(sink);
  EXPECT_FALSE(sink.has_errors());
  EXPECT_EQ(doc->root()->get("a3")->expanded, 1u + 10 * (1 + 10 * (1 + 10 * 11)));
}

TEST(YamlLimits, AliasCycleIsRefused) {
  Loaded l = load_text("a: &x [1, *x]\n");
  ASSERT_FALSE(l.project);
  const Diagnostic* d = error_at(l.sink, 1, 11);
  ASSERT_NE(d, nullptr) << dump(l.sink);
  EXPECT_EQ(d->code, "E-yaml-alias-cycle");
  EXPECT_NE(d->message.find("*x"), std::string::npos);
}

TEST(YamlLimits, MappingAliasCycleIsRefused) {
  Loaded l = load_text("a: &m\n  b: 1\n  c: *m\n");
  ASSERT_FALSE(l.project);
  EXPECT_NE(error_at(l.sink, 3, 6), nullptr) << dump(l.sink);
}

TEST(YamlLimits, UndefinedAliasIsASyntaxError) {
  Loaded l = load_text("name: *nope\n");
  const Diagnostic* d = error_at(l.sink, 1, 7);
  ASSERT_NE(d, nullptr) << dump(l.sink);
  EXPECT_NE(d->message.find("anchor"), std::string::npos);
}

TEST(YamlLimits, NestingDeeperThan64IsRefused) {
  std::string s;
  for (int i = 0; i < 70; ++i) s += std::string(static_cast<size_t>(i) * 2, ' ') + "k" + std::to_string(i) + ":\n";
  s += std::string(140, ' ') + "end: 1\n";
  Loaded l = load_text(s);
  ASSERT_FALSE(l.project);
  ASSERT_EQ(l.sink.error_count(), 1u) << dump(l.sink);
  EXPECT_EQ(l.sink.all()[0].code, "E-yaml-depth");
  EXPECT_EQ(l.sink.all()[0].location.line, 64);
}

TEST(YamlLimits, DeepFlowNestingIsRefusedWithoutCrash) {
  std::string s = "a: " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  Loaded l = load_text(s);
  ASSERT_FALSE(l.project);
  ASSERT_GE(l.sink.error_count(), 1u);
  EXPECT_EQ(l.sink.all()[0].code, "E-yaml-depth");
}

TEST(YamlLimits, DepthThroughAliasesCounts) {
  // 40 levels, aliased at depth 40: 80 levels once expanded.
  std::string deep = "&d ";
  for (int i = 0; i < 40; ++i) deep += "[";
  for (int i = 0; i < 40; ++i) deep += "]";
  std::string s = "a: " + deep + "\nb: ";
  for (int i = 0; i < 30; ++i) s += "[";
  s += "*d";
  for (int i = 0; i < 30; ++i) s += "]";
  s += "\n";
  Loaded l = load_text(s);
  ASSERT_GE(l.sink.error_count(), 1u);
  EXPECT_EQ(l.sink.all()[0].code, "E-yaml-depth") << dump(l.sink);
}

TEST(YamlLimits, FilesOver16MiBAreRefused) {
  std::string big = "name: W\ndescription: \"";
  big.append((16u << 20), 'x');
  big += "\"\n";
  Loaded l = load_text(big);
  ASSERT_FALSE(l.project);
  ASSERT_EQ(l.sink.error_count(), 1u);
  EXPECT_EQ(l.sink.all()[0].code, "E-file-too-large");
}

TEST(YamlLimits, HugeScalarUnderTheLimitLoads) {
  std::string s = "name: W\ndescription: \"" + std::string(1u << 20, 'x') + "\"\nsteps:\n  - name: s\n    function: f\n";
  Loaded l = load_text(s);
  EXPECT_TRUE(l.project) << dump(l.sink);
}

TEST(YamlLimits, AliasesOfValidValuesWork) {
  Loaded l = load_text(
      "name: W\ndescription: &d \"same text\"\nretry_policy: &rp\n  maximum_attempts: 3\nsteps:\n"
      "  - name: s\n    function: f\n    description: *d\n    retry_policy: *rp\n");
  ASSERT_TRUE(l.project) << dump(l.sink);
  EXPECT_EQ(*l.project->workflows[0].steps[0].description, "same text");
  EXPECT_EQ(*l.project->workflows[0].steps[0].effective_retry->maximum_attempts, 3);
}

TEST(YamlLimits, NonStringKeysAreErrors) {
  Loaded l = load_text("name: W\ndescription: d\n[a, b]: 1\nsteps:\n  - name: s\n    function: f\n");
  const Diagnostic* d = error_at(l.sink, 3, 1);
  ASSERT_NE(d, nullptr) << dump(l.sink);
  EXPECT_NE(d->message.find("must be a string"), std::string::npos);
}

}  // namespace
}  // namespace restack::spec::test

namespace restack::spec::test {
namespace {

// Inputs the fuzzer (fuzz/spec_fuzzer.cc) once crashed on: each must load without throwing
// and report an error.
TEST(FuzzRegressions, EveryKeptInputIsRejectedCleanly) {
  auto dir = restack::test::source_dir() / "tests" / "spec" / "fuzz_regressions";
  size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    Loaded l = load_text(restack::test::read_file(e.path()));
    EXPECT_TRUE(l.sink.has_errors()) << e.path();
    ++n;
  }
  EXPECT_GE(n, 1u);
}

TEST(FuzzRegressions, InvalidUtf8IsAnErrorAtTheByte) {
  Loaded l = load_text("name: W\ndescription: \"a\xff\"\n");
  const Diagnostic* d = error_at(l.sink, 2, 16);
  ASSERT_NE(d, nullptr) << dump(l.sink);
  EXPECT_EQ(d->code, "E-encoding");
}

}  // namespace
}  // namespace restack::spec::test
