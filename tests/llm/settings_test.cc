// Settings layering: flags > environment > .env > project > user > provider > defaults.
#include <gtest/gtest.h>

#include "common/test_support.h"
#include "llm/settings.h"

namespace restack::llm {
namespace {

using restack::test::TempDir;

const ResolvedValue& value_of(const Settings& s, const std::string& key) {
  for (const auto& [k, v] : s.resolved)
    if (k == key) return v;
  throw std::logic_error("no key " + key);
}

struct Fixture {
  TempDir project, home;
  SettingsInputs in;
  Fixture() {
    in.working_dir = project.path();
    in.user_config = home.path() / "config.yaml";
    in.environment["HOME"] = home.path().string();
  }
  Settings resolve(DiagnosticSink& sink) { return resolve_settings(in, sink); }
};

TEST(Settings, OffWithoutAKeyAndSaysHowToTurnOn) {
  Fixture f;
  DiagnosticSink sink;
  Settings s = f.resolve(sink);
  EXPECT_FALSE(s.enabled());
  EXPECT_NE(s.disabled_hint.find("CEREBRAS_API_KEY"), std::string::npos);
  EXPECT_FALSE(sink.has_errors());
}

TEST(Settings, CerebrasByDefaultWhenItsKeyIsSet) {
  Fixture f;
  f.in.environment["CEREBRAS_API_KEY"] = "csk-0123456789abcdefghijwxyz";
  DiagnosticSink sink;
  Settings s = f.resolve(sink);
  EXPECT_EQ(s.provider, "cerebras");
  EXPECT_EQ(s.base_url, "https://api.cerebras.ai/v1");
  EXPECT_EQ(s.model, "gpt-oss-120b");
  EXPECT_EQ(s.api_key, "csk-0123456789abcdefghijwxyz");
  EXPECT_EQ(s.requests_per_minute, 30);
  EXPECT_EQ(s.tokens_per_minute, 60000);
  EXPECT_EQ(s.jobs, 4);
  EXPECT_EQ(s.max_repairs, 2);
  EXPECT_EQ(value_of(s, "api_key").source, Source::kEnvironment);
  EXPECT_EQ(value_of(s, "api_key").text, "csk-\u2026wxyz");
  EXPECT_EQ(value_of(s, "model").source, Source::kProviderDefault);
  EXPECT_FALSE(s.usability_problem());
}

TEST(Settings, LayersInPrecedenceOrder) {
  Fixture f;
  f.project.write("restack-gen.yaml", "llm:\n  provider: groq\n  model: project-model\n  temperature: 0.5\n  jobs: 6\n");
  restack::test::write_file(f.in.user_config, "llm:\n  model: user-model\n  temperature: 0.9\n  max_tokens: 999\n  max-repairs: 5\n");
  f.project.write(".env", "GROQ_API_KEY=gsk_from_dotenv_0123456789\nRESTACK_GEN_LLM_TEMPERATURE=0.7\nRESTACK_GEN_JOBS=3\n");
  f.in.environment["RESTACK_GEN_JOBS"] = "2";  // the real environment beats .env
  f.in.flags["model"] = "flag-model";
  DiagnosticSink sink;
  Settings s = f.resolve(sink);
  ASSERT_FALSE(sink.has_errors());
  EXPECT_EQ(s.provider, "groq");
  EXPECT_EQ(value_of(s, "provider").source, Source::kProjectConfig);
  EXPECT_NE(value_of(s, "provider").origin.find("restack-gen.yaml:2:13"), std::string::npos);
  EXPECT_EQ(s.model, "flag-model");
  EXPECT_EQ(value_of(s, "model").source, Source::kFlag);
  EXPECT_DOUBLE_EQ(s.temperature, 0.7);
  EXPECT_EQ(value_of(s, "temperature").source, Source::kDotenv);
  EXPECT_EQ(s.jobs, 2);
  EXPECT_EQ(value_of(s, "jobs").source, Source::kEnvironment);
  EXPECT_EQ(s.max_tokens, 999);
  EXPECT_EQ(value_of(s, "max_tokens").source, Source::kUserConfig);
  EXPECT_EQ(s.max_repairs, 5);
  EXPECT_EQ(s.api_key, "gsk_from_dotenv_0123456789");
  EXPECT_EQ(value_of(s, "api_key").source, Source::kDotenv);
  EXPECT_EQ(s.base_url, "https://api.groq.com/openai/v1");
  EXPECT_EQ(value_of(s, "retries").source, Source::kDefault);
}

TEST(Settings, OverridesForBaseUrlAndKey) {
  Fixture f;
  f.in.environment["CEREBRAS_API_KEY"] = "csk-provider-key-0123456789";
  f.in.environment["RESTACK_GEN_LLM_API_KEY"] = "override-key-0123456789abc";
  f.in.environment["RESTACK_GEN_LLM_BASE_URL"] = "http://127.0.0.1:9/v1/";
  DiagnosticSink sink;
  Settings s = f.resolve(sink);
  EXPECT_EQ(s.api_key, "override-key-0123456789abc");
  EXPECT_EQ(s.base_url, "http://127.0.0.1:9/v1");  // trailing slash dropped
  f.in.flags["base_url"] = "http://localhost:1/v1";
  s = f.resolve(sink);
  EXPECT_EQ(s.base_url, "http://localhost:1/v1");
}

TEST(Settings, BadValuesAreErrorsWithTheirOrigin) {
  Fixture f;
  f.project.write("restack-gen.yaml", "llm:\n  provider: cerebrus\n  temprature: 1\n  retries: many\n  api_key: sk-in-a-file\n");
  f.in.environment["RESTACK_GEN_LLM_TIMEOUT"] = "forever";
  DiagnosticSink sink;
  Settings s = f.resolve(sink);
  std::string all;
  for (const auto& d : sink.all()) {
    all += d.location.file + ":" + std::to_string(d.location.line) + ": " + d.message + "\n";
    for (const auto& n : d.notes) all += "  " + n.message + "\n";
  }
  EXPECT_NE(all.find("did you mean 'cerebras'"), std::string::npos) << all;
  EXPECT_NE(all.find("restack-gen.yaml:2: invalid value 'cerebrus'"), std::string::npos) << all;
  EXPECT_NE(all.find("did you mean 'temperature'"), std::string::npos) << all;
  EXPECT_NE(all.find("restack-gen.yaml:4: invalid value 'many' for retries"), std::string::npos) << all;
  EXPECT_NE(all.find("RESTACK_GEN_LLM_TIMEOUT:0: invalid value 'forever'"), std::string::npos) << all;
  EXPECT_NE(all.find("API keys are not read from config files"), std::string::npos) << all;
  EXPECT_EQ(all.find("sk-in-a-file"), std::string::npos) << all;
  EXPECT_EQ(sink.error_count(), 3u);
  EXPECT_EQ(s.retries, 4);  // defaults survive
}

TEST(Settings, OpenAiCompatibleNeedsABaseUrlAndModel) {
  Fixture f;
  f.in.flags["provider"] = "openai-compatible";
  DiagnosticSink sink;
  Settings s = f.resolve(sink);
  ASSERT_TRUE(s.usability_problem());
  EXPECT_NE(s.usability_problem()->find("--llm-base-url"), std::string::npos);
  f.in.flags["base_url"] = "http://127.0.0.1:8080/v1";
  f.in.flags["model"] = "local";
  s = f.resolve(sink);
  EXPECT_FALSE(s.usability_problem());  // no key needed
  EXPECT_EQ(s.requests_per_minute, 0);
}

TEST(Settings, ProviderNeedsItsKey) {
  Fixture f;
  f.in.flags["provider"] = "openai";
  DiagnosticSink sink;
  Settings s = f.resolve(sink);
  ASSERT_TRUE(s.usability_problem());
  EXPECT_NE(s.usability_problem()->find("OPENAI_API_KEY"), std::string::npos);
}

TEST(Settings, ShowRedactsTheKeyInTextAndJson) {
  Fixture f;
  const std::string key = "csk-supersecretvalue-0123456789-tail";
  f.in.environment["CEREBRAS_API_KEY"] = key;
  DiagnosticSink sink;
  Settings s = f.resolve(sink);
  std::string text = settings_to_text(s);
  std::string json = settings_to_json(s).dump();
  for (const auto& out : {text, json}) {
    EXPECT_EQ(out.find("supersecret"), std::string::npos) << out;
    EXPECT_NE(out.find("tail"), std::string::npos) << out;  // the last four characters
  }
  EXPECT_NE(text.find("api_key"), std::string::npos);
  EXPECT_NE(text.find("environment CEREBRAS_API_KEY"), std::string::npos) << text;
}

TEST(Settings, CacheDirFollowsXdg) {
  Fixture f;
  f.in.environment["XDG_CACHE_HOME"] = "/tmp/xdg-cache";
  DiagnosticSink sink;
  EXPECT_EQ(f.resolve(sink).cache_dir, std::filesystem::path("/tmp/xdg-cache/restack-gen"));
  f.in.environment["RESTACK_GEN_CACHE_DIR"] = "/tmp/explicit";
  EXPECT_EQ(f.resolve(sink).cache_dir, std::filesystem::path("/tmp/explicit"));
  f.in.environment.erase("XDG_CACHE_HOME");
  f.in.environment.erase("RESTACK_GEN_CACHE_DIR");
  EXPECT_EQ(f.resolve(sink).cache_dir, f.home.path() / ".cache" / "restack-gen");
}

}  // namespace
}  // namespace restack::llm
