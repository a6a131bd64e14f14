#include "llm/backoff.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <ctime>
#include <string>
#include <thread>

namespace restack::llm {

double full_jitter_delay(int retry, const BackoffPolicy& policy, std::mt19937_64& rng) {
  double ceiling = std::min(policy.max_s, policy.initial_s * std::pow(2.0, std::min(retry, 60)));
  if (ceiling <= 0) return 0;
  return std::uniform_real_distribution<double>(0, ceiling)(rng);
}

std::optional<double> parse_retry_after(std::string_view value, std::chrono::system_clock::time_point now) {
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front()))) value.remove_prefix(1);
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '.'; })) {
    try {
      double s = std::stod(std::string(value));
      return std::isfinite(s) && s >= 0 ? std::optional<double>(s) : std::nullopt;
    } catch (...) {
      return std::nullopt;
    }
  }
  // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT".
  std::tm tm{};
  std::string text(value);
  const char* end = strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (!end || *end != '\0') return std::nullopt;
  time_t when = timegm(&tm);
  double delta = std::difftime(when, std::chrono::system_clock::to_time_t(now));
  return std::max(0.0, delta);
}

bool sleep_unless_cancelled(double seconds, const std::atomic<bool>* cancel) {
  using Clock = std::chrono::steady_clock;
  auto until = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  while (Clock::now() < until) {
    if (cancel && cancel->load()) return false;
    Clock::duration left = until - Clock::now();
    std::this_thread::sleep_for(std::min<Clock::duration>(left, std::chrono::milliseconds(20)));
  }
  return !(cancel && cancel->load());
}

}  // namespace restack::llm
