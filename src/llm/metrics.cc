#include "llm/metrics.h"

#include <fmt/format.h>

#include "common/file_io.h"

namespace restack::llm {

void Metrics::add_stage(const std::string& name, double seconds) {
  std::lock_guard lock(mutex_);
  stages_[name] += seconds;
}

std::map<std::string, double> Metrics::stages() const {
  std::lock_guard lock(mutex_);
  return stages_;
}

nlohmann::json Metrics::to_json() const {
  nlohmann::json stages = nlohmann::json::object();
  for (const auto& [name, seconds] : this->stages()) stages[name] = seconds;
  return {
      {"functions", functions.load()},
      {"requests", requests.load()},
      {"retries", retries.load()},
      {"repairs", repairs.load()},
      {"failures", failures.load()},
      {"cache", {{"hits", cache_hits.load()}, {"misses", cache_misses.load()}}},
      {"tokens", {{"prompt", prompt_tokens.load()}, {"completion", completion_tokens.load()}}},
      {"waits_seconds", {{"backoff", backoff_wait_ms.load() / 1000.0}, {"rate_limit", rate_limit_wait_ms.load() / 1000.0}}},
      {"stages_seconds", stages},
  };
}

std::optional<std::string> Metrics::write(const std::filesystem::path& path) const {
  return write_file_atomic(path, to_json().dump(2) + "\n");
}

namespace {
std::string short_count(int64_t n) {
  if (n >= 1'000'000) return fmt::format("{:.1f}M", n / 1e6);
  if (n >= 10'000) return fmt::format("{:.1f}k", n / 1e3);
  return std::to_string(n);
}
}  // namespace

std::string Metrics::summary(double elapsed_s) const {
  return fmt::format("{} functions: {} cached, {} requests ({} retries, {} repairs), {} tokens, {} failed, in {:.1f} s",
                     functions.load(), cache_hits.load(), requests.load(), retries.load(), repairs.load(),
                     short_count(prompt_tokens.load() + completion_tokens.load()), failures.load(), elapsed_s);
}

}  // namespace restack::llm
