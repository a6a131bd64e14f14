#pragma once
// Ctrl-C for a run of LLM calls: while an InterruptScope lives, SIGINT (and SIGTERM) set a flag
// that the HTTP client's progress callback and the scheduler check, so in-flight requests abort
// at once and no new one starts; the previous handlers come back when the scope ends. A signal
// handler can only reach static storage, hence the one process-wide flag behind flag().
#include <atomic>

namespace restack::llm {

class InterruptScope {
 public:
  InterruptScope();
  ~InterruptScope();
  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;

  /// The flag to pass as ServiceOptions::cancel.
  static const std::atomic<bool>* flag();
  static bool interrupted() { return flag()->load(); }

 private:
  struct Saved;
  Saved* saved_;
};

}  // namespace restack::llm
