// `restack-gen config show` and `restack-gen cache ...` through the built CLI.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "common/test_support.h"

namespace restack::test {
namespace {

constexpr const char* kCliKey = "csk-cli-secret-material-0123456789-wxyz";

RunResult run_in(const TempDir& dir, const std::vector<std::string>& args, std::vector<std::string> env = {}) {
  std::vector<std::string> argv = {RESTACK_GEN_BIN};
  argv.insert(argv.end(), args.begin(), args.end());
  // A clean slate: no key or override from the developer's own environment.
  std::vector<std::string> base = {"CEREBRAS_API_KEY=", "OPENAI_API_KEY=", "GROQ_API_KEY=", "RESTACK_GEN_LLM_API_KEY=",
                                   "RESTACK_GEN_LLM=", "RESTACK_GEN_LLM_BASE_URL=", "RESTACK_GEN_LLM_MODEL=",
                                   "RESTACK_GEN_CACHE=", "RESTACK_GEN_JOBS=",
                                   "HOME=" + dir.path().string(), "XDG_CONFIG_HOME=" + (dir.path() / "xdg").string(),
                                   "RESTACK_GEN_CACHE_DIR=" + (dir.path() / "cache").string()};
  base.insert(base.end(), env.begin(), env.end());
  return run_program(argv, "", base, dir.path());
}

TEST(ConfigShow, OffByDefaultWithAHint) {
  TempDir dir;
  auto r = run_in(dir, {"config", "show"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("provider"), std::string::npos);
  EXPECT_NE(r.out.find("off"), std::string::npos);
  EXPECT_NE(r.out.find("CEREBRAS_API_KEY"), std::string::npos) << r.out;
}

TEST(ConfigShow, SourcesAndRedactionInTextAndJson) {
  TempDir dir;
  dir.write(".env", "export CEREBRAS_API_KEY=\"" + std::string(kCliKey) + "\"\n");
  dir.write("restack-gen.yaml", "llm:\n  temperature: 0.1\n");
  dir.write("xdg/restack-gen/config.yaml", "llm:\n  max_tokens: 1234\n  temperature: 0.9\n");
  auto text = run_in(dir, {"config", "show", "--model", "flag-model"}, {"RESTACK_GEN_JOBS=7"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_EQ(text.out.find("secret-material"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("wxyz"), std::string::npos) << text.out;
  auto json_run = run_in(dir, {"config", "show", "--format", "json", "--model", "flag-model"}, {"RESTACK_GEN_JOBS=7"});
  ASSERT_EQ(json_run.exit_code, 0) << json_run.err;
  EXPECT_EQ(json_run.out.find("secret-material"), std::string::npos);
  auto j = nlohmann::json::parse(json_run.out);
  std::map<std::string, nlohmann::json> by_key;
  for (const auto& s : j["settings"]) by_key[s["key"]] = s;
  EXPECT_EQ(by_key["provider"]["value"], "cerebras");
  EXPECT_EQ(by_key["model"]["value"], "flag-model");
  EXPECT_EQ(by_key["model"]["source"], "flag");
  EXPECT_EQ(by_key["jobs"]["value"], "7");
  EXPECT_EQ(by_key["jobs"]["source"], "environment");
  EXPECT_EQ(by_key["api_key"]["source"], ".env");
  EXPECT_EQ(by_key["temperature"]["source"], "project config");
  EXPECT_EQ(by_key["temperature"]["value"], "0.1");
  EXPECT_EQ(by_key["max_tokens"]["source"], "user config");
  EXPECT_EQ(j["enabled"], true);
}

TEST(ConfigShow, BadValueIsReportedWithItsPosition) {
  TempDir dir;
  dir.write("restack-gen.yaml", "llm:\n  jobs: zero\n");
  auto r = run_in(dir, {"config", "show"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("restack-gen.yaml:2:9: error: invalid value 'zero' for jobs"), std::string::npos) << r.err;
}

TEST(CacheCommand, StatsClearPrune) {
  TempDir dir;
  auto stats = run_in(dir, {"cache", "stats", "--format", "json"});
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  auto j = nlohmann::json::parse(stats.out);
  EXPECT_EQ(j["entries"], 0);
  EXPECT_NE(j["location"].get<std::string>().find("cache/answers.sqlite3"), std::string::npos);
  auto prune = run_in(dir, {"cache", "prune", "--older-than", "30d"});
  EXPECT_EQ(prune.exit_code, 0) << prune.err;
  EXPECT_NE(prune.out.find("removed 0 entries"), std::string::npos) << prune.out;
  EXPECT_EQ(run_in(dir, {"cache", "prune", "--older-than", "soon"}).exit_code, 2);
  EXPECT_EQ(run_in(dir, {"cache", "clear"}).exit_code, 0);
  auto redis = run_in(dir, {"cache", "stats", "--cache", "redis://127.0.0.1:1/0"});
  EXPECT_EQ(redis.exit_code, 3) << redis.err;
  EXPECT_NE(redis.err.find("cannot connect"), std::string::npos) << redis.err;
}

}  // namespace
}  // namespace restack::test
