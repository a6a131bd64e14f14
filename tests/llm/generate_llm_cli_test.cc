// End to end: `restack-gen generate --llm openai-compatible` against the fake OpenAI server.
#include <gtest/gtest.h>

#include <filesystem>

#include "common/test_support.h"
#include "fake_llm_server.h"

namespace restack::test {
namespace {

namespace fs = std::filesystem;

constexpr const char* kKey = "sk-test-SECRET-4242";
constexpr const char* kMarker = "FAKE-LLM-BODY";

std::string fenced(const std::string& body) { return "```python\n" + body + "\n```"; }

class GenerateLlmCli : public ::testing::Test {
 protected:
  TempDir tmp;
  FakeLlmServer server;

  RunResult generate(const std::string& out, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"generate", (source_dir() / "examples/data_processor.yaml").string(),
                                     "-o", (tmp.path() / out).string(), "--llm", "openai-compatible",
                                     "--model", "fake-model", "--llm-base-url", server.base_url(), "--llm-rpm", "0",
                                     "--llm-tpm", "0"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_cli(args, "",
                   {std::string("RESTACK_GEN_LLM_API_KEY=") + kKey, "RESTACK_GEN_CACHE_DIR=" + (tmp.path() / "cache").string(),
                    "XDG_CONFIG_HOME=" + (tmp.path() / "config").string()});
  }

  std::string function_file(const std::string& out, const std::string& name) {
    return read_file(tmp.path() / out / "src/functions" / (name + ".py"));
  }

  void expect_no_key(const std::string& out) {
    for (const auto& e : fs::recursive_directory_iterator(tmp.path() / out)) {
      if (e.is_regular_file()) {
        EXPECT_EQ(read_file(e.path()).find(kKey), std::string::npos) << e.path();
      }
    }
  }

  void expect_valid_python(const std::string& out) {
    if (!fs::exists("/usr/bin/python3")) return;
    for (const char* name : {"data_validation", "data_transformation"}) {
      auto r = run_program({"/usr/bin/python3", "-c", "import ast,sys; ast.parse(open(sys.argv[1]).read())",
                            (tmp.path() / out / "src/functions" / (std::string(name) + ".py")).string()});
      EXPECT_EQ(r.exit_code, 0) << name << ": " << r.err;
    }
  }
};

TEST_F(GenerateLlmCli, WritesTheFakeBodiesThenServesThemFromTheCache) {
  server.set_default({.content = fenced(std::string("log.info(\"") + kMarker + "\")\nreturn None")});
  auto first = generate("one");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(server.requests(), 2);  // data_validation and data_transformation
  for (const char* name : {"data_validation", "data_transformation"}) {
    std::string text = function_file("one", name);
    EXPECT_NE(text.find(kMarker), std::string::npos) << text;
    EXPECT_EQ(text.find("TODO: implement"), std::string::npos) << text;
  }
  expect_no_key("one");
  expect_valid_python("one");
  for (const auto& auth : server.authorization_headers()) EXPECT_EQ(auth, std::string("Bearer ") + kKey);

  auto metrics_file = tmp.path() / "metrics.json";
  auto second = generate("two", {"--metrics", metrics_file.string()});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(server.requests(), 2) << "the second run must be answered from the cache";
  auto metrics = nlohmann::json::parse(read_file(metrics_file));
  EXPECT_EQ(metrics["requests"], 0);
  EXPECT_EQ(metrics["cache"]["hits"], 2);
  EXPECT_EQ(function_file("one", "data_validation"), function_file("two", "data_validation"));
}

TEST_F(GenerateLlmCli, InvalidAnswersGiveThePlaceholderWithTheReasonAndExit1) {
  server.set_default({.content = fenced("def broken(:\n    pass")});
  auto r = generate("out", {"--max-repairs", "1", "--no-cache"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(server.requests(), 4);  // two functions, one fix round each
  for (const char* name : {"data_validation", "data_transformation"}) {
    std::string text = function_file("out", name);
    EXPECT_NE(text.find("# LLM gave up: "), std::string::npos) << text;
    EXPECT_NE(text.find("TODO: implement"), std::string::npos) << text;
  }
  expect_no_key("out");
  expect_valid_python("out");
}

TEST_F(GenerateLlmCli, ShowPromptsPrintsThePromptsAndSendsNothing) {
  auto r = generate("out", {"--show-prompts", "--context", (source_dir() / "examples/data_processor.yaml").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(server.requests(), 0);
  EXPECT_NE(r.out.find("=== data_validation ==="), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("async def data_transformation("), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find(kKey), std::string::npos);
  // Shown relative to the working folder when under it.
  EXPECT_NE(r.out.find("data_processor.yaml:\n```\nname: DataProcessor"), std::string::npos)
      << "the --context file is in the prompt: " << r.err;
  EXPECT_FALSE(fs::exists(tmp.path() / "out"));
}

TEST_F(GenerateLlmCli, LlmOffWritesPlaceholdersAndCallsNothing) {
  auto r = run_cli({"generate", (source_dir() / "examples/data_processor.yaml").string(), "-o",
                    (tmp.path() / "out").string(), "--llm", "off", "--llm-base-url", server.base_url()},
                   "", {std::string("RESTACK_GEN_LLM_API_KEY=") + kKey, "XDG_CONFIG_HOME=" + (tmp.path() / "config").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(server.requests(), 0);
  EXPECT_NE(function_file("out", "data_validation").find("TODO: implement"), std::string::npos);
}

TEST_F(GenerateLlmCli, ProviderDownIsExit3WithPlaceholders) {
  auto r = run_cli({"generate", (source_dir() / "examples/data_processor.yaml").string(), "-o",
                    (tmp.path() / "out").string(), "--llm", "openai-compatible", "--model", "m", "--llm-base-url",
                    "http://127.0.0.1:" + std::to_string(unused_port()) + "/v1", "--llm-retries", "0", "--no-cache"},
                   "", {std::string("RESTACK_GEN_LLM_API_KEY=") + kKey, "XDG_CONFIG_HOME=" + (tmp.path() / "config").string()});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(function_file("out", "data_validation").find("# LLM gave up: "), std::string::npos);
}

}  // namespace
}  // namespace restack::test

namespace restack::test {
namespace {

TEST(GenerateLlmSettings, BadLlmSettingIsAWarningWithoutLlmAndAnErrorWithIt) {
  TempDir tmp;
  std::vector<std::string> env = {"RESTACK_GEN_LLM_TEMPERATURE=banana", "RESTACK_GEN_LLM_API_KEY=k",
                                  "XDG_CONFIG_HOME=" + (tmp.path() / "config").string()};
  std::string spec = (source_dir() / "examples/data_processor.yaml").string();
  auto plain = run_cli({"generate", spec, "-o", (tmp.path() / "a").string()}, "", env);
  EXPECT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_NE(plain.err.find("warning: invalid value 'banana'"), std::string::npos) << plain.err;
  auto with_llm = run_cli({"generate", spec, "-o", (tmp.path() / "b").string(), "--llm", "openai-compatible",
                           "--model", "m", "--llm-base-url", "http://127.0.0.1:9/v1"},
                          "", env);
  EXPECT_EQ(with_llm.exit_code, 2) << with_llm.err;
  EXPECT_NE(with_llm.err.find("error: invalid value 'banana'"), std::string::npos) << with_llm.err;
  EXPECT_FALSE(std::filesystem::exists(tmp.path() / "b"));
}

}  // namespace
}  // namespace restack::test
