#pragma once
// When to try again: exponential backoff with full jitter (AWS architecture blog, "Exponential
// Backoff And Jitter": sleep = random(0, min(cap, base * 2^attempt))), unless the server said
// when with Retry-After (delta seconds or an HTTP-date, RFC 9110 10.2.3).
#include <atomic>
#include <chrono>
#include <optional>
#include <random>
#include <string_view>

namespace restack::llm {

struct BackoffPolicy {
  double initial_s = 0.5;
  double max_s = 30;
};

/// The sleep before retry number RETRY (0 for the first retry).
double full_jitter_delay(int retry, const BackoffPolicy& policy, std::mt19937_64& rng);

/// Seconds to wait from a Retry-After header value, or nothing when it is not parseable.
/// A date in the past gives 0.
std::optional<double> parse_retry_after(std::string_view value, std::chrono::system_clock::time_point now);

/// Sleeps SECONDS, waking early (returning false) when *CANCEL becomes true.
bool sleep_unless_cancelled(double seconds, const std::atomic<bool>* cancel);

}  // namespace restack::llm
