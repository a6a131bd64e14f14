#include "llm/interrupt.h"

#include <signal.h>

namespace restack::llm {
namespace {

std::atomic<bool> g_interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free, "a signal handler needs a lock-free flag");

void on_signal(int) { g_interrupted.store(true); }

}  // namespace

struct InterruptScope::Saved {
  struct sigaction int_action {};
  struct sigaction term_action {};
};

InterruptScope::InterruptScope() : saved_(new Saved) {
  g_interrupted.store(false);
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, &saved_->int_action);
  sigaction(SIGTERM, &action, &saved_->term_action);
}

InterruptScope::~InterruptScope() {
  sigaction(SIGINT, &saved_->int_action, nullptr);
  sigaction(SIGTERM, &saved_->term_action, nullptr);
  delete saved_;
}

const std::atomic<bool>* InterruptScope::flag() { return &g_interrupted; }

}  // namespace restack::llm
