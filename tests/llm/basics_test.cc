// Small pure pieces: SHA-256, durations, Retry-After, backoff, redaction, SSE parsing.
#include <gtest/gtest.h>

#include <chrono>
#include <random>

#include "llm/backoff.h"
#include "llm/duration.h"
#include "llm/redact.h"
#include "llm/sha256.h"
#include "llm/sse.h"

namespace restack::llm {
namespace {

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // 56 bytes: the padding needs a second block.
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Duration, Units) {
  EXPECT_DOUBLE_EQ(*parse_duration_seconds("30"), 30);
  EXPECT_DOUBLE_EQ(*parse_duration_seconds("500ms"), 0.5);
  EXPECT_DOUBLE_EQ(*parse_duration_seconds("2m"), 120);
  EXPECT_DOUBLE_EQ(*parse_duration_seconds("30d"), 30 * 86400);
  EXPECT_DOUBLE_EQ(*parse_duration_seconds(" 1.5s "), 1.5);
  EXPECT_FALSE(parse_duration_seconds("-1"));
  EXPECT_FALSE(parse_duration_seconds("ten"));
  EXPECT_FALSE(parse_duration_seconds("5 parsecs"));
  EXPECT_FALSE(parse_duration_seconds(""));
}

TEST(RetryAfter, SecondsAndHttpDate) {
  auto now = std::chrono::system_clock::from_time_t(784111777);  // Sun, 06 Nov 1994 08:49:37 GMT
  EXPECT_DOUBLE_EQ(*parse_retry_after("7", now), 7);
  EXPECT_DOUBLE_EQ(*parse_retry_after(" 0.25 ", now), 0.25);
  EXPECT_DOUBLE_EQ(*parse_retry_after("Sun, 06 Nov 1994 08:49:47 GMT", now), 10);
  EXPECT_DOUBLE_EQ(*parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now), 0);  // past
  EXPECT_FALSE(parse_retry_after("soon", now));
  EXPECT_FALSE(parse_retry_after("", now));
}

TEST(Backoff, FullJitterStaysUnderTheExponentialCeiling) {
  std::mt19937_64 rng(42);
  BackoffPolicy p{0.5, 4};
  double max_seen[6] = {};
  for (int i = 0; i < 2000; ++i)
    for (int retry = 0; retry < 6; ++retry) {
      double d = full_jitter_delay(retry, p, rng);
      ASSERT_GE(d, 0);
      ASSERT_LE(d, std::min(4.0, 0.5 * (1 << retry)));
      max_seen[retry] = std::max(max_seen[retry], d);
    }
  EXPECT_GT(max_seen[0], 0.45);  // jitter spans the range
  EXPECT_GT(max_seen[5], 3.9);   // capped at max, and reaches it
}

TEST(Redact, KeysAndHeaders) {
  EXPECT_EQ(redact_key(""), "");
  EXPECT_EQ(redact_key("short"), "<set>");
  EXPECT_EQ(redact_key("csk-abcdefghijklmnopqrstuvwxyz1234"), "csk-\u20261234");
  std::string key = "sk-secretsecretsecret42";
  std::string text = "> POST /v1/chat/completions\r\n> Authorization: Bearer " + key + "\r\n> Host: x\r\nbody " + key;
  std::string red = redact_text(text, key);
  EXPECT_EQ(red.find(key), std::string::npos);
  EXPECT_EQ(red.find("secret"), std::string::npos);
  EXPECT_NE(red.find("Authorization: Bearer <redacted>"), std::string::npos);
  EXPECT_NE(red.find("Host: x"), std::string::npos);
  // Any Authorization header, even one carrying a key we were not told about.
  EXPECT_EQ(redact_text("authorization: Basic dXNlcjpwYXNz", "").find("dXNl"), std::string::npos);
}

TEST(Sse, AccumulatesDeltasAcrossArbitrarySplits) {
  std::string stream =
      "data: {\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}\n\n"
      ": keep-alive\n\n"
      "data: {\"choices\":[{\"delta\":{\"content\":\"return \"}}]}\r\n\r\n"
      "data: {\"choices\":[{\"delta\":{\"content\":\"42\"}}]}\n\n"
      "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2}}\n\n"
      "data: [DONE]\n\n";
  for (size_t split = 1; split < stream.size(); split += 7) {
    SseAccumulator sse;
    for (size_t i = 0; i < stream.size(); i += split) sse.feed(std::string_view(stream).substr(i, split));
    sse.finish();
    EXPECT_EQ(sse.content(), "return 42");
    EXPECT_TRUE(sse.done());
    EXPECT_EQ(sse.usage().prompt_tokens, 5);
    EXPECT_EQ(sse.usage().completion_tokens, 2);
    EXPECT_EQ(sse.error(), "");
  }
}

TEST(Sse, ReportsMalformedEventsAndErrorObjects) {
  SseAccumulator bad;
  bad.feed("data: {not json\n\n");
  EXPECT_NE(bad.error(), "");
  SseAccumulator err;
  err.feed("data: {\"error\":{\"message\":\"model overloaded\"}}\n\n");
  EXPECT_EQ(err.error(), "model overloaded");
  SseAccumulator cut;
  cut.feed("data: {\"choices\":[{\"delta\":{\"content\":\"x\"}}]}\n\n");
  cut.finish();
  EXPECT_FALSE(cut.done());
}

}  // namespace
}  // namespace restack::llm
