// End to end through BodyService: cache, repair loop, concurrency bound, secrets.
#include <gtest/gtest.h>

#include <mutex>

#include "common/exit_codes.h"
#include "common/test_support.h"
#include "llm/body_service.h"
#include "llm/fake_llm_server.h"

namespace restack::llm {
namespace {

using restack::test::FakeLlmServer;
using restack::test::FakeReply;
using restack::test::TempDir;

constexpr const char* kBodyServiceKey = "csk-body-service-secret-0123456789";

/// Renders the prompt templates' contract without a template engine: enough to tell
/// functions and repair rounds apart.
class SimpleRenderer : public PromptRenderer {
 public:
  std::string render(const std::string& name, const nlohmann::json& c) override {
    if (name == "system.j2") return "system v" + c["prompt_version"].get<std::string>();
    if (name == "function_body.j2")
      return "write " + c["function"]["name"].get<std::string>() + ": " + c["function"]["description"].get<std::string>();
    if (name == "repair.j2") return "fix " + c["function"]["name"].get<std::string>() + ": " + c["error"].get<std::string>();
    throw std::runtime_error("unknown template " + name);
  }
};

struct Harness {
  FakeLlmServer server;
  TempDir dir;
  SimpleRenderer renderer;
  std::unique_ptr<AnswerCache> cache;
  std::mutex log_mutex;
  std::string log;

  Harness() {
    std::string error;
    cache = open_cache("sqlite", dir.path(), &error);
  }

  ServiceOptions options(int jobs = 4, int max_repairs = 2) {
    ServiceOptions o;
    o.settings.provider = "cerebras";
    o.settings.model = "fake-model";
    o.settings.base_url = server.base_url();
    o.settings.api_key = kBodyServiceKey;
    o.settings.jobs = jobs;
    o.settings.max_repairs = max_repairs;
    o.settings.retries = 2;
    o.settings.backoff_initial_s = 0.01;
    o.settings.backoff_max_s = 0.02;
    o.settings.timeout_s = 5;
    o.cache = cache.get();
    o.renderer = &renderer;
    // Fast, deterministic validator for most tests: "valid" unless the body says INVALID.
    o.validator = [](const std::string& body) -> std::optional<std::string> {
      if (body.find("INVALID") != std::string::npos) return "line 1: INVALID is not Python";
      return std::nullopt;
    };
    o.trace_http = true;
    o.log = [this](LogLevel, const std::string& line) {
      std::lock_guard lock(log_mutex);
      log += line + "\n";
    };
    return o;
  }
};

std::vector<BodyRequest> functions(int n, const std::string& description = "does things") {
  std::vector<BodyRequest> out;
  for (int i = 0; i < n; ++i) {
    BodyRequest r;
    r.id = "spec.yaml:f" + std::to_string(i);
    r.function.name = "f" + std::to_string(i);
    r.function.description = description;
    out.push_back(r);
  }
  return out;
}

TEST(BodyService, FencedAnswerIsReindentedAndCachedSoASecondRunSendsNothing) {
  Harness h;
  h.server.set_default({.content = "Sure!\n```python\nvalue = 1\nreturn Out(v=value)\n```"});
  {
    BodyService service(h.options());
    auto results = service.generate(functions(5));
    ASSERT_EQ(results.size(), 5u);
    for (const auto& r : results) {
      ASSERT_TRUE(r.ok()) << r.reason;
      EXPECT_EQ(r.body, "    value = 1\n    return Out(v=value)");
      EXPECT_FALSE(r.from_cache);
    }
    EXPECT_EQ(results[3].id, "spec.yaml:f3");
    EXPECT_EQ(h.server.requests(), 5);
    EXPECT_EQ(service.metrics().cache_misses.load(), 5);
    EXPECT_EQ(exit_code_for(results), kExitOk);
  }
  BodyService again(h.options());
  auto results = again.generate(functions(5));
  EXPECT_EQ(h.server.requests(), 5) << "a cached re-run must send zero requests";
  for (const auto& r : results) EXPECT_TRUE(r.ok() && r.from_cache);
  EXPECT_EQ(again.metrics().cache_hits.load(), 5);
  EXPECT_EQ(again.metrics().requests.load(), 0);
}

TEST(BodyService, ChangingOneFunctionSendsExactlyOneRequest) {
  Harness h;
  BodyService(h.options()).generate(functions(6));
  ASSERT_EQ(h.server.requests(), 6);
  auto changed = functions(6);
  changed[4].function.description = "does other things";
  BodyService service(h.options());
  auto results = service.generate(changed);
  EXPECT_EQ(h.server.requests(), 7);
  EXPECT_EQ(service.metrics().cache_hits.load(), 5);
  EXPECT_FALSE(results[4].from_cache);
}

TEST(BodyService, RefreshAndNoCache) {
  Harness h;
  BodyService(h.options()).generate(functions(2));
  auto refresh = h.options();
  refresh.cache_mode = CacheMode::kRefresh;
  BodyService(refresh).generate(functions(2));
  EXPECT_EQ(h.server.requests(), 4);  // --refresh asks again
  auto off = h.options();
  off.cache_mode = CacheMode::kOff;
  BodyService(off).generate(functions(3, "new"));
  EXPECT_EQ(h.server.requests(), 7);
  BodyService(h.options()).generate(functions(3, "new"));
  EXPECT_EQ(h.server.requests(), 10) << "--no-cache must not have stored anything";
}

TEST(BodyService, InvalidAnswerIsSentBackForAFix) {
  Harness h;
  h.server.script({{.content = "```python\nINVALID stuff\n```"}, {.content = "return Out()"}});
  BodyService service(h.options());
  auto results = service.generate(functions(1));
  ASSERT_TRUE(results[0].ok()) << results[0].reason;
  EXPECT_EQ(results[0].body, "    return Out()");
  EXPECT_EQ(results[0].repairs, 1);
  ASSERT_EQ(h.server.requests(), 2);
  auto second = h.server.received().at(1)["messages"];
  ASSERT_EQ(second.size(), 4u);  // system, user, assistant (the bad answer), user (the fix request)
  EXPECT_EQ(second[2]["role"], "assistant");
  EXPECT_EQ(second[2]["content"], "```python\nINVALID stuff\n```");
  EXPECT_EQ(second[3]["content"], "fix f0: line 1: INVALID is not Python");
  EXPECT_EQ(service.metrics().repairs.load(), 1);
  // The validated answer is cached under the original prompt.
  BodyService(h.options()).generate(functions(1));
  EXPECT_EQ(h.server.requests(), 2);
}

TEST(BodyService, GivesUpAfterMaxRepairsAndCachesNothing) {
  Harness h;
  h.server.set_default({.content = "INVALID forever"});
  auto results = BodyService(h.options(4, 2)).generate(functions(1));
  EXPECT_EQ(results[0].status, BodyStatus::kGaveUp);
  EXPECT_EQ(h.server.requests(), 3);  // the answer + 2 fixes
  EXPECT_NE(results[0].reason.find("no valid body after 2 fixes: line 1: INVALID"), std::string::npos) << results[0].reason;
  EXPECT_EQ(results[0].body, "");
  EXPECT_EQ(exit_code_for(results), kExitProblems);
  BodyService(h.options(4, 0)).generate(functions(1));
  EXPECT_EQ(h.server.requests(), 4) << "an invalid answer must never be cached";
}

TEST(BodyService, DefaultValidatorIsCPython) {
  if (!restack::test::have_program("/usr/bin/python3")) GTEST_SKIP() << "/usr/bin/python3 is missing";
  Harness h;
  h.server.script({{.content = "```python\nreturn Out(x=(1,\n```"}, {.content = "```python\nreturn Out(x=1)\n```"}});
  auto o = h.options();
  o.validator = nullptr;  // the default: ast.parse in /usr/bin/python3
  auto results = BodyService(o).generate(functions(1));
  ASSERT_TRUE(results[0].ok()) << results[0].reason;
  auto fix = h.server.received().at(1)["messages"][3]["content"].get<std::string>();
  EXPECT_NE(fix.find("line 1:"), std::string::npos) << fix;
  EXPECT_NE(fix.find("never closed"), std::string::npos) << fix;
}

TEST(BodyService, NeverMoreThanJobsInFlight) {
  Harness h;
  h.server.set_default({.content = "return 1", .delay_ms = 60});
  auto o = h.options(3);
  o.cache_mode = CacheMode::kOff;
  auto results = BodyService(o).generate(functions(12));
  for (const auto& r : results) ASSERT_TRUE(r.ok()) << r.reason;
  EXPECT_EQ(h.server.requests(), 12);
  EXPECT_LE(h.server.max_in_flight(), 3);
  EXPECT_EQ(h.server.max_in_flight(), 3) << "the pool should actually use its 3 slots";
}

TEST(BodyService, ProviderErrorFailsWithExit3) {
  Harness h;
  h.server.set_default({.status = 403, .body = R"({"error":{"message":"model not allowed"}})"});
  auto results = BodyService(h.options()).generate(functions(2));
  EXPECT_EQ(results[0].status, BodyStatus::kFailed);
  EXPECT_EQ(results[0].http_status, 403);
  EXPECT_NE(results[0].reason.find("HTTP 403: model not allowed"), std::string::npos);
  EXPECT_EQ(exit_code_for(results), kExitExternal);
}

TEST(BodyService, CancelledRunExits130) {
  Harness h;
  h.server.set_default({.content = "return 1", .delay_ms = 2000});
  std::atomic<bool> cancel{false};
  auto o = h.options(2);
  o.cancel = &cancel;
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    cancel = true;
  });
  auto results = BodyService(o).generate(functions(6));
  stopper.join();
  EXPECT_EQ(exit_code_for(results), kExitInterrupted);
  EXPECT_LE(h.server.requests(), 2);  // nothing new starts after Ctrl-C
}

TEST(BodyService, TheKeyNeverLeaksIntoLogsCacheOrMetrics) {
  Harness h;
  h.server.script({{.status = 500, .body = std::string("{\"error\":{\"message\":\"bad key ") + kBodyServiceKey + "\"}}"},
                   {.content = "INVALID"},
                   {.content = "return 1"}});
  BodyService service(h.options());
  auto results = service.generate(functions(1));
  ASSERT_TRUE(results[0].ok()) << results[0].reason;
  TempDir out;
  ASSERT_FALSE(service.metrics().write(out.path() / "metrics.json"));
  std::string metrics = restack::test::read_file(out.path() / "metrics.json");
  EXPECT_NE(metrics.find("\"requests\": 3"), std::string::npos) << metrics;
  std::string secret = kBodyServiceKey;
  EXPECT_EQ(metrics.find(secret), std::string::npos);
  EXPECT_NE(h.log.find("Authorization: Bearer <redacted>"), std::string::npos);
  EXPECT_EQ(h.log.find(secret), std::string::npos) << h.log;
  for (const auto& entry : std::filesystem::directory_iterator(h.dir.path())) {
    std::string bytes = restack::test::read_file(entry.path());
    EXPECT_EQ(bytes.find(secret), std::string::npos) << entry.path();
  }
  for (const auto& r : results) EXPECT_EQ(r.reason.find(secret), std::string::npos);
}

}  // namespace
}  // namespace restack::llm
