#pragma once
// Progress of a run of LLM calls: on a terminal one redrawn line (bar, done/total, cache hits,
// tokens, elapsed, ETA); otherwise one plain line per finished function, for CI logs.
#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <mutex>
#include <string>

namespace restack::llm {

class Progress {
 public:
  Progress(size_t total, std::ostream& out, bool terminal);
  /// One function finished (thread-safe).
  void done(const std::string& name, bool cache_hit, int64_t tokens, bool ok);
  /// Clears the bar (terminal) so a summary line can follow.
  void finish();

  /// The bar line for a state, without escape codes (also used by tests).
  static std::string bar_line(size_t done, size_t total, size_t hits, int64_t tokens, double elapsed_s);

 private:
  std::mutex mutex_;
  size_t total_, done_ = 0, hits_ = 0;
  int64_t tokens_ = 0;
  std::ostream& out_;
  bool terminal_;
  std::chrono::steady_clock::time_point start_, last_draw_{};
};

}  // namespace restack::llm
