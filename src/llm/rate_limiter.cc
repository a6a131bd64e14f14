#include "llm/rate_limiter.h"

#include <algorithm>

namespace restack::llm {

RateLimiter::RateLimiter(RateLimits limits) : limits_(limits), last_(Clock::now()) {
  double burst = std::max(limits_.burst_seconds, 0.001) / 60.0;
  request_capacity_ = std::max(1.0, limits_.requests_per_minute * burst);
  token_capacity_ = std::max(1.0, limits_.tokens_per_minute * burst);
  requests_ = request_capacity_;
  tokens_ = token_capacity_;
}

void RateLimiter::refill(Clock::time_point now) {
  double dt = std::chrono::duration<double>(now - last_).count();
  last_ = now;
  if (limits_.requests_per_minute > 0)
    requests_ = std::min(request_capacity_, requests_ + dt * limits_.requests_per_minute / 60.0);
  if (limits_.tokens_per_minute > 0) tokens_ = std::min(token_capacity_, tokens_ + dt * limits_.tokens_per_minute / 60.0);
}

bool RateLimiter::acquire(int64_t tokens, const std::atomic<bool>* cancel) {
  if (limits_.requests_per_minute <= 0 && limits_.tokens_per_minute <= 0) return !(cancel && cancel->load());
  auto start = Clock::now();
  std::unique_lock lock(mutex_);
  double need_tokens = std::min<double>(static_cast<double>(std::max<int64_t>(tokens, 0)), token_capacity_);
  for (;;) {
    if (cancel && cancel->load()) return false;
    refill(Clock::now());
    bool requests_ok = limits_.requests_per_minute <= 0 || requests_ >= 1.0;
    bool tokens_ok = limits_.tokens_per_minute <= 0 || tokens_ >= need_tokens;
    if (requests_ok && tokens_ok) {
      if (limits_.requests_per_minute > 0) requests_ -= 1.0;
      if (limits_.tokens_per_minute > 0) tokens_ -= need_tokens;
      waited_s_ += std::chrono::duration<double>(Clock::now() - start).count();
      return true;
    }
    double wait = 0;
    if (!requests_ok) wait = std::max(wait, (1.0 - requests_) * 60.0 / limits_.requests_per_minute);
    if (!tokens_ok) wait = std::max(wait, (need_tokens - tokens_) * 60.0 / limits_.tokens_per_minute);
    // Wake at least every 20 ms to notice cancellation.
    changed_.wait_for(lock, std::chrono::duration<double>(std::min(wait, 0.02)));
  }
}

void RateLimiter::settle(int64_t estimated_tokens, int64_t actual_tokens) {
  if (limits_.tokens_per_minute <= 0) return;
  std::lock_guard lock(mutex_);
  refill(Clock::now());
  // May go negative: an underestimate is paid back before the next request starts.
  tokens_ = std::min(token_capacity_, tokens_ + static_cast<double>(estimated_tokens - actual_tokens));
  changed_.notify_all();
}

double RateLimiter::waited_seconds() const {
  std::lock_guard lock(mutex_);
  return waited_s_;
}

int64_t estimate_tokens(size_t characters) { return static_cast<int64_t>(characters / 4 + 1); }

}  // namespace restack::llm
