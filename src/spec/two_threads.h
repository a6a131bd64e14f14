#pragma once
// The one way the spec module uses a second core: two tasks at once, this thread running one,
// a helper thread the other, and nothing returns before both are done. An exception from
// either is rethrown here (after both ended); without a thread to be had (a process at its
// limit), both run here one after the other, which gives the same result.
//
// A load keeps one TwoThreads for all its parallel steps (parse, read, check, data flow): one
// helper thread, whose heap (mimalloc gives each thread its own) is warmed once, not per step.
#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>

namespace restack::spec {

class TwoThreads {
 public:
  TwoThreads() = default;
  TwoThreads(const TwoThreads&) = delete;
  TwoThreads& operator=(const TwoThreads&) = delete;
  ~TwoThreads() {
    if (!helper_) return;
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    helper_->join();
  }

  /// Runs HERE on this thread and THERE on the helper (started on first use), returning once
  /// both are done.
  void run(const std::function<void()>& here, const std::function<void()>& there) {
    start();
    if (!helper_) {  // no thread to be had: one after the other
      here();
      there();
      return;
    }
    {
      std::lock_guard lock(mutex_);
      task_ = &there;
      failure_ = nullptr;
    }
    wake_.notify_all();
    std::exception_ptr here_failed;
    try {
      here();
    } catch (...) {
      here_failed = std::current_exception();
    }
    std::exception_ptr there_failed;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return task_ == nullptr; });  // never leave THERE running
      there_failed = failure_;
    }
    if (here_failed) std::rethrow_exception(here_failed);
    if (there_failed) std::rethrow_exception(there_failed);
  }

 private:
  void start() {
    if (helper_ || tried_) return;
    tried_ = true;
    try {
      helper_.emplace([this] { serve(); });
    } catch (const std::system_error&) {
      // No thread: run() does both tasks itself.
    }
  }

  void serve() {
    std::unique_lock lock(mutex_);
    for (;;) {
      wake_.wait(lock, [&] { return stopping_ || task_ != nullptr; });
      if (task_ == nullptr) return;  // stopping, nothing left to do
      const std::function<void()>* task = task_;
      lock.unlock();
      std::exception_ptr failed;
      try {
        (*task)();
      } catch (...) {
        failed = std::current_exception();
      }
      lock.lock();
      failure_ = failed;
      task_ = nullptr;
      wake_.notify_all();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  const std::function<void()>* task_ = nullptr;  // the helper's task, null when it is idle
  std::exception_ptr failure_;
  bool stopping_ = false;
  bool tried_ = false;
  std::optional<std::thread> helper_;  // last: joined (in the destructor) before the rest goes
};

}  // namespace restack::spec
