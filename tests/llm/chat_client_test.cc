// The HTTP client against the fake service: answers, faults, retries, timeouts, streaming,
// cancellation, and that the key only ever travels in the Authorization header.
#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <thread>

#include "llm/chat_client.h"
#include "llm/fake_llm_server.h"
#include "llm/metrics.h"
#include "llm/rate_limiter.h"

namespace restack::llm {
namespace {

using restack::test::FakeLlmServer;
using restack::test::FakeReply;

constexpr const char* kClientKey = "csk-test-secret-key-0123456789abcdef";

struct Captured {
  std::mutex mutex;
  std::vector<std::string> lines;
  LogSink sink() {
    return [this](LogLevel, const std::string& line) {
      std::lock_guard lock(mutex);
      lines.push_back(line);
    };
  }
  std::string all() {
    std::lock_guard lock(mutex);
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
  }
};

ClientOptions options_for(const FakeLlmServer& server) {
  ClientOptions o;
  o.base_url = server.base_url();
  o.api_key = kClientKey;
  o.model = "fake-model";
  o.connect_timeout_s = 1;
  o.timeout_s = 2;
  o.retries = 3;
  o.backoff_initial_s = 0.01;
  o.backoff_max_s = 0.05;
  return o;
}

const std::vector<ChatMessage> kMessages = {{"system", "be brief"}, {"user", "write it"}};

TEST(ChatClient, PlainAnswerWithUsageAndRequestShape) {
  FakeLlmServer server;
  server.set_default({.content = "return 1", .prompt_tokens = 20, .completion_tokens = 3});
  Metrics metrics;
  auto o = options_for(server);
  o.metrics = &metrics;
  o.temperature = 0.3;
  o.max_tokens = 321;
  ChatResult r = ChatClient(o).complete(kMessages);
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.content, "return 1");
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(r.usage.prompt_tokens, 20);
  EXPECT_EQ(r.usage.completion_tokens, 3);
  EXPECT_EQ(metrics.prompt_tokens.load(), 20);
  auto req = server.received().at(0);
  EXPECT_EQ(req["model"], "fake-model");
  EXPECT_EQ(req["max_tokens"], 321);
  EXPECT_DOUBLE_EQ(req["temperature"].get<double>(), 0.3);
  EXPECT_EQ(req["messages"][1]["content"], "write it");
  EXPECT_FALSE(req.contains("stream"));
  EXPECT_EQ(server.authorization_headers().at(0), std::string("Bearer ") + kClientKey);
}

TEST(ChatClient, NoKeyMeansNoAuthorizationHeader) {
  FakeLlmServer server;
  auto o = options_for(server);
  o.api_key = "";
  ASSERT_TRUE(ChatClient(o).complete(kMessages).ok());
  EXPECT_EQ(server.authorization_headers().at(0), "");
}

TEST(ChatClient, HonoursRetryAfterOn429) {
  FakeLlmServer server;
  server.script({{.status = 429, .body = R"({"error":{"message":"slow down"}})", .headers = {{"Retry-After", "1"}}},
                 {.content = "ok"}});
  auto start = std::chrono::steady_clock::now();
  ChatResult r = ChatClient(options_for(server)).complete(kMessages);
  double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.attempts, 2);
  ASSERT_EQ(r.waits.size(), 1u);
  EXPECT_DOUBLE_EQ(r.waits[0], 1.0);  // the server's figure, not the 0.05 s backoff cap
  EXPECT_GE(took, 0.95);
  EXPECT_EQ(server.requests(), 2);
}

TEST(ChatClient, RetryAfterAsHttpDate) {
  FakeLlmServer server;
  char date[64];
  std::time_t soon = std::time(nullptr) + 1;
  std::tm tm{};
  gmtime_r(&soon, &tm);
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  server.script({{.status = 503, .body = "busy", .headers = {{"Retry-After", date}}}, {.content = "ok"}});
  ChatResult r = ChatClient(options_for(server)).complete(kMessages);
  ASSERT_TRUE(r.ok()) << r.message;
  ASSERT_EQ(r.waits.size(), 1u);
  EXPECT_LE(r.waits[0], 1.0);
  EXPECT_EQ(server.requests(), 2);
}

TEST(ChatClient, RetriesServerErrorsWithJitteredBackoff) {
  FakeLlmServer server;
  server.script({{.status = 500, .body = "oops"}, {.status = 502, .body = "bad gateway"}, {.content = "fine"}});
  Metrics metrics;
  auto o = options_for(server);
  o.metrics = &metrics;
  ChatResult r = ChatClient(o).complete(kMessages);
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.content, "fine");
  EXPECT_EQ(r.attempts, 3);
  ASSERT_EQ(r.waits.size(), 2u);
  EXPECT_LE(r.waits[0], 0.01);  // retry 0: up to initial
  EXPECT_LE(r.waits[1], 0.02);  // retry 1: up to 2 x initial
  EXPECT_EQ(metrics.retries.load(), 2);
  EXPECT_EQ(metrics.requests.load(), 3);
}

TEST(ChatClient, GivesUpAfterTheRetryBudget) {
  FakeLlmServer server;
  server.set_default({.status = 500, .body = R"({"error":{"message":"internal meltdown"}})"});
  ChatResult r = ChatClient(options_for(server)).complete(kMessages);
  EXPECT_EQ(r.error, ChatError::kExhausted);
  EXPECT_EQ(r.attempts, 4);  // 1 + 3 retries
  EXPECT_EQ(server.requests(), 4);
  EXPECT_NE(r.message.find("HTTP 500: internal meltdown"), std::string::npos) << r.message;
  EXPECT_EQ(r.http_status, 500);
}

TEST(ChatClient, ProviderErrorIsNotRetriedAndKeepsStatusAndMessage) {
  FakeLlmServer server;
  server.set_default({.status = 401, .body = R"({"error":{"message":"Wrong API key csk-test-secret-key-0123456789abcdef"}})"});
  ChatResult r = ChatClient(options_for(server)).complete(kMessages);
  EXPECT_EQ(r.error, ChatError::kProvider);
  EXPECT_EQ(r.http_status, 401);
  EXPECT_EQ(server.requests(), 1);
  EXPECT_NE(r.message.find("HTTP 401: Wrong API key"), std::string::npos) << r.message;
  EXPECT_EQ(r.message.find(kClientKey), std::string::npos) << "a provider echoing the key must not leak it";
}

TEST(ChatClient, SlowAnswerTimesOutAndIsRetried) {
  FakeLlmServer server;
  server.script({{.content = "late", .delay_ms = 800}, {.content = "on time"}});
  auto o = options_for(server);
  o.timeout_s = 0.3;
  auto start = std::chrono::steady_clock::now();
  ChatResult r = ChatClient(o).complete(kMessages);
  double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.content, "on time");
  EXPECT_EQ(r.attempts, 2);
  EXPECT_GE(took, 0.3);
  EXPECT_LT(took, 0.75);
}

TEST(ChatClient, MalformedJsonIsRetried) {
  FakeLlmServer server;
  server.script({{.body = "{\"choices\": [oops"}, {.content = "good"}});
  ChatResult r = ChatClient(options_for(server)).complete(kMessages);
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.attempts, 2);
}

TEST(ChatClient, TruncatedBodyIsRetried) {
  FakeLlmServer server;
  server.script({{.content = "cut short", .truncate = true}, {.content = "whole"}});
  ChatResult r = ChatClient(options_for(server)).complete(kMessages);
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.content, "whole");
  EXPECT_EQ(r.attempts, 2);
}

TEST(ChatClient, ConnectionRefusedIsRetriedThenReported) {
  ClientOptions o;
  o.base_url = "http://127.0.0.1:" + std::to_string(restack::test::unused_port()) + "/v1";
  o.model = "m";
  o.retries = 2;
  o.backoff_initial_s = 0.01;
  o.backoff_max_s = 0.01;
  ChatResult r = ChatClient(o).complete(kMessages);
  EXPECT_EQ(r.error, ChatError::kExhausted);
  EXPECT_EQ(r.attempts, 3);
  EXPECT_EQ(r.http_status, 0);
  EXPECT_NE(r.message.find("gave up after 3 attempts"), std::string::npos) << r.message;
  EXPECT_NE(r.message.find("onnect"), std::string::npos) << r.message;
}

TEST(ChatClient, StreamingAnswer) {
  FakeLlmServer server;
  server.set_default({.content = "x = compute()\nreturn Out(x=x)", .sse = true, .prompt_tokens = 9, .completion_tokens = 4});
  auto o = options_for(server);
  o.stream = true;
  ChatResult r = ChatClient(o).complete(kMessages);
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.content, "x = compute()\nreturn Out(x=x)");
  EXPECT_EQ(r.usage.prompt_tokens, 9);
  EXPECT_EQ(r.usage.completion_tokens, 4);
  EXPECT_EQ(server.received().at(0)["stream"], true);
}

TEST(ChatClient, StreamWithoutDoneIsRetried) {
  FakeLlmServer server;
  server.script({{.content = "partial", .sse = true, .sse_done = false}, {.content = "complete", .sse = true}});
  auto o = options_for(server);
  o.stream = true;
  ChatResult r = ChatClient(o).complete(kMessages);
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.content, "complete");
  EXPECT_EQ(r.attempts, 2);
}

TEST(ChatClient, CancellationAbortsAnInFlightRequest) {
  FakeLlmServer server;
  server.set_default({.content = "never", .delay_ms = 3000});
  std::atomic<bool> cancel{false};
  auto o = options_for(server);
  o.timeout_s = 10;
  o.cancel = &cancel;
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    cancel = true;
  });
  auto start = std::chrono::steady_clock::now();
  ChatResult r = ChatClient(o).complete(kMessages);
  double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  stopper.join();
  EXPECT_EQ(r.error, ChatError::kCancelled);
  EXPECT_LT(took, 1.5);
}

TEST(ChatClient, CancellationStopsBackoffSleep) {
  FakeLlmServer server;
  server.set_default({.status = 429, .body = "{}", .headers = {{"Retry-After", "30"}}});
  std::atomic<bool> cancel{false};
  auto o = options_for(server);
  o.cancel = &cancel;
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    cancel = true;
  });
  auto start = std::chrono::steady_clock::now();
  ChatResult r = ChatClient(o).complete(kMessages);
  stopper.join();
  EXPECT_EQ(r.error, ChatError::kCancelled);
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 1.5);
}

TEST(ChatClient, VerboseTraceNeverShowsTheKey) {
  FakeLlmServer server;
  server.script({{.status = 500, .body = "x"}, {.content = "ok"}});
  Captured log;
  auto o = options_for(server);
  o.log = log.sink();
  o.trace_http = true;
  ASSERT_TRUE(ChatClient(o).complete(kMessages).ok());
  std::string all = log.all();
  EXPECT_NE(all.find("Authorization: Bearer <redacted>"), std::string::npos) << all;
  EXPECT_NE(all.find("retrying"), std::string::npos) << all;
  EXPECT_EQ(all.find(kClientKey), std::string::npos) << all;
  EXPECT_EQ(all.find("secret-key"), std::string::npos) << all;
}

TEST(RateLimiter, RequestsPerMinuteHold) {
  // 600/min = 10/s with a bucket of 2: ten requests need at least (10 - 2) / 10 = 0.8 s.
  FakeLlmServer server;
  RateLimiter limiter({600, 0, 0.2});
  auto o = options_for(server);
  o.limiter = &limiter;
  ChatClient client(o);
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < 5; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 2; ++i) ASSERT_TRUE(client.complete(kMessages).ok());
    });
  for (auto& t : threads) t.join();
  double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_GE(took, 0.75);
  EXPECT_LT(took, 2.0);
  // Pacing, not bursts: past the bucket, arrivals are >= ~100 ms apart on average.
  auto arrivals = server.arrivals();
  std::sort(arrivals.begin(), arrivals.end());
  double span = std::chrono::duration<double>(arrivals.back() - arrivals[2]).count();
  EXPECT_GE(span, 0.65);
}

TEST(RateLimiter, TokensPerMinuteHold) {
  // 60000 tokens/min = 1000/s, bucket 100 tokens; five requests of 200 wait ~ (5*200-100)/1000.
  RateLimiter limiter({0, 60000, 0.1});
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(limiter.acquire(200));
  double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_GE(took, 0.35);  // a request larger than the bucket waits for a full bucket (100)
  EXPECT_LT(took, 1.5);
}

}  // namespace
}  // namespace restack::llm

namespace restack::llm {
namespace {

TEST(ChatClient, ReusesAKeptAliveConnection) {
  restack::test::FakeLlmServer server(/*keep_alive=*/true);
  ChatClient client(options_for(server));
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(client.complete(kMessages).ok());
  EXPECT_EQ(server.requests(), 3);
}

}  // namespace
}  // namespace restack::llm
