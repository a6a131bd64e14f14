#pragma once
// Client-side rate limits (requests and tokens per minute) as two token buckets, the algorithm
// the providers themselves use (Cerebras documents continuous replenishment), so that a run
// stays under the published limits instead of collecting 429s. Thread-safe: every worker
// acquires before each HTTP attempt.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace restack::llm {

struct RateLimits {
  int64_t requests_per_minute = 0;  // 0: unlimited
  int64_t tokens_per_minute = 0;    // 0: unlimited
  /// Bucket size as seconds of refill: 60 lets a full minute's budget go at once (what the
  /// providers allow); tests use less to observe pacing quickly.
  double burst_seconds = 60;
};

class RateLimiter {
 public:
  explicit RateLimiter(RateLimits limits);

  /// Blocks until one request estimated at TOKENS may start. A request larger than the whole
  /// token bucket waits for a full bucket. Returns false (taking nothing) when *CANCEL is set.
  bool acquire(int64_t tokens, const std::atomic<bool>* cancel = nullptr);
  /// Charges (or refunds) the difference once the real usage is known.
  void settle(int64_t estimated_tokens, int64_t actual_tokens);
  /// Total time callers spent blocked in acquire().
  double waited_seconds() const;

 private:
  using Clock = std::chrono::steady_clock;
  void refill(Clock::time_point now);

  RateLimits limits_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  double requests_ = 0, tokens_ = 0;  // available now
  double request_capacity_ = 0, token_capacity_ = 0;
  Clock::time_point last_;
  double waited_s_ = 0;
};

/// A rough token count for rate limiting (4 characters per token, as OpenAI suggests).
int64_t estimate_tokens(size_t characters);

}  // namespace restack::llm
