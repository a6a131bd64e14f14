// Progress lines and the metrics file.
#include <gtest/gtest.h>

#include <sstream>

#include "common/test_support.h"
#include "llm/metrics.h"
#include "llm/progress.h"

namespace restack::llm {
namespace {

TEST(Progress, BarLineShowsCountsTokensAndEta) {
  std::string line = Progress::bar_line(10, 40, 3, 12345, 5.0);
  EXPECT_NE(line.find("[######..................]"), std::string::npos) << line;
  EXPECT_NE(line.find("10/40"), std::string::npos);
  EXPECT_NE(line.find("cached 3"), std::string::npos);
  EXPECT_NE(line.find("tokens 12.3k"), std::string::npos);
  EXPECT_NE(line.find("ETA 15s"), std::string::npos) << line;  // 5 s for 10, 30 to go
}

TEST(Progress, PlainLinesOffATerminal) {
  std::ostringstream out;
  Progress p(2, out, false);
  p.done("fetch", true, 0, true);
  p.done("store", false, 120, false);
  p.finish();
  EXPECT_EQ(out.str(), "llm: 1/2 fetch (cached)\nllm: 2/2 store (120 tokens, FAILED)\n");
}

TEST(Progress, TerminalRedrawsOneLine) {
  std::ostringstream out;
  Progress p(1, out, true);
  p.done("fetch", false, 10, true);
  EXPECT_NE(out.str().find("\r\033[K"), std::string::npos);
  EXPECT_EQ(out.str().find('\n'), std::string::npos);
}

TEST(Metrics, JsonFileAndSummary) {
  Metrics m;
  m.functions = 4;
  m.requests = 5;
  m.retries = 1;
  m.cache_hits = 1;
  m.cache_misses = 3;
  m.prompt_tokens = 100;
  m.completion_tokens = 20;
  m.add_stage("llm", 1.5);
  m.add_stage("llm", 0.5);
  restack::test::TempDir dir;
  ASSERT_FALSE(m.write(dir.path() / "m.json"));
  auto j = nlohmann::json::parse(restack::test::read_file(dir.path() / "m.json"));
  EXPECT_EQ(j["requests"], 5);
  EXPECT_EQ(j["cache"]["hits"], 1);
  EXPECT_EQ(j["cache"]["misses"], 3);
  EXPECT_EQ(j["tokens"]["prompt"], 100);
  EXPECT_DOUBLE_EQ(j["stages_seconds"]["llm"].get<double>(), 2.0);
  EXPECT_EQ(m.summary(2.0), "4 functions: 1 cached, 5 requests (1 retries, 0 repairs), 120 tokens, 0 failed, in 2.0 s");
}

}  // namespace
}  // namespace restack::llm
