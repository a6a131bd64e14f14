#pragma once
// What a run cost: per-stage timings, requests, retries, cache hits and misses, tokens. Counters
// are atomics because every worker thread updates them; `--metrics FILE.json` writes them.
// Holds no secret by construction: only numbers and stage names.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace restack::llm {

class Metrics {
 public:
  std::atomic<int64_t> functions{0};       // bodies asked for
  std::atomic<int64_t> requests{0};        // HTTP attempts
  std::atomic<int64_t> retries{0};         // attempts after the first, per call
  std::atomic<int64_t> repairs{0};         // follow-up "fix this" rounds
  std::atomic<int64_t> failures{0};        // bodies that ended without valid code
  std::atomic<int64_t> cache_hits{0};
  std::atomic<int64_t> cache_misses{0};
  std::atomic<int64_t> prompt_tokens{0};
  std::atomic<int64_t> completion_tokens{0};
  std::atomic<int64_t> backoff_wait_ms{0};     // slept between retries
  std::atomic<int64_t> rate_limit_wait_ms{0};  // waited for the client-side rate limiter

  /// Adds SECONDS to stage NAME ("prompt", "cache", "llm", "validate", ...).
  void add_stage(const std::string& name, double seconds);
  std::map<std::string, double> stages() const;

  nlohmann::json to_json() const;
  /// Writes to_json() atomically; an error message on failure.
  std::optional<std::string> write(const std::filesystem::path& path) const;
  /// "40 functions: 12 cached, 28 requests (3 retries), 51.2k tokens in 4.1 s"
  std::string summary(double elapsed_s) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, double> stages_;
};

/// Adds the time between construction and destruction to one stage.
class StageTimer {
 public:
  StageTimer(Metrics* metrics, std::string stage)
      : metrics_(metrics), stage_(std::move(stage)), start_(std::chrono::steady_clock::now()) {}
  ~StageTimer() {
    if (metrics_)
      metrics_->add_stage(stage_, std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count());
  }
  StageTimer(const StageTimer&) = delete;
  StageTimer& operator=(const StageTimer&) = delete;

 private:
  Metrics* metrics_;
  std::string stage_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace restack::llm
