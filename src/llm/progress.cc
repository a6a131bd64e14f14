#include "llm/progress.h"

#include <fmt/format.h>

#include <ostream>

namespace restack::llm {

Progress::Progress(size_t total, std::ostream& out, bool terminal)
    : total_(total), out_(out), terminal_(terminal), start_(std::chrono::steady_clock::now()) {}

std::string Progress::bar_line(size_t done, size_t total, size_t hits, int64_t tokens, double elapsed_s) {
  constexpr int kWidth = 24;
  int filled = total ? static_cast<int>(kWidth * done / total) : kWidth;
  std::string bar = std::string(filled, '#') + std::string(kWidth - filled, '.');
  std::string eta = "-";
  if (done > 0 && done < total) eta = fmt::format("{:.0f}s", elapsed_s / done * (total - done));
  else if (done >= total) eta = "0s";
  std::string tok = tokens >= 10000 ? fmt::format("{:.1f}k", tokens / 1000.0) : std::to_string(tokens);
  return fmt::format("llm [{}] {}/{}  cached {}  tokens {}  {:.1f}s  ETA {}", bar, done, total, hits, tok, elapsed_s, eta);
}

void Progress::done(const std::string& name, bool cache_hit, int64_t tokens, bool ok) {
  std::lock_guard lock(mutex_);
  ++done_;
  if (cache_hit) ++hits_;
  tokens_ += tokens;
  auto now = std::chrono::steady_clock::now();
  double elapsed = std::chrono::duration<double>(now - start_).count();
  if (terminal_) {
    // Redraw at most 10 times a second, and always for the last one.
    if (done_ < total_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    out_ << "\r\033[K" << bar_line(done_, total_, hits_, tokens_, elapsed) << std::flush;
  } else {
    out_ << fmt::format("llm: {}/{} {} ({}{})\n", done_, total_, name, cache_hit ? "cached" : fmt::format("{} tokens", tokens),
                        ok ? "" : ", FAILED")
         << std::flush;
  }
}

void Progress::finish() {
  std::lock_guard lock(mutex_);
  if (terminal_) out_ << "\r\033[K" << std::flush;
}

}  // namespace restack::llm
