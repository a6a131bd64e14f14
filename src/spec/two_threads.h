#pragma once
// The one way the spec module uses a second core: two tasks at once, this thread running one,
// a helper thread the other, and nothing returns before both are done. An exception from
// either is rethrown here (after both ended); without a thread to be had (a process at its
// limit), both run here one after the other, which gives the same result.
//
// A load keeps one TwoThreads for all its parallel steps (parse, read, check, data flow): one
// helper thread, whose heap (mimalloc gives each thread its own) is warmed once, not per step.
// Between steps the helper can also take work nobody waits for (post(): freeing a parsed tree).
#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <utility>

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
      stopping_ = true;  // the helper ends once a posted task is done
    }
    wake_.notify_all();
    helper_->join();
  }

  /// Runs HERE on this thread and THERE on the helper (started on first use), returning once
  /// both are done.
  void run(const std::function<void()>& here, const std::function<void()>& there) {
    start();
    if (!helper_ || released_) {  // no thread to be had: one after the other
      here();
      there();
      return;
    }
    hand_over([&there] { there(); });
    std::exception_ptr here_failed;
    try {
      here();
    } catch (...) {
      here_failed = std::current_exception();
    }
    std::exception_ptr there_failed;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return !task_; });  // never leave THERE running
      there_failed = std::exchange(failure_, nullptr);
    }
    if (here_failed) std::rethrow_exception(here_failed);
    if (there_failed) std::rethrow_exception(there_failed);
  }

  /// Gives TASK to the helper and returns at once: for work nothing waits for, such as
  /// freeing a parsed tree while this thread goes on. The next run() (or the destructor) waits
  /// for it first; an exception from it is rethrown by the next run(). Without a helper
  /// thread, TASK runs here and now.
  void post(std::function<void()> task) {
    start();
    if (!helper_ || released_) {
      task();
      return;
    }
    hand_over(std::move(task));
  }

  /// No more tasks for the helper: it ends (after a posted task) while this thread goes on,
  /// so that its exit (mimalloc walks the thread's pages as it abandons its heap: some 7 M
  /// instructions after a large load) overlaps this thread's last serial work instead of
  /// delaying the destructor's join. Later run() and post() calls do their tasks here.
  void release() {
    tried_ = true;  // never start a helper after this
    if (!helper_ || released_) return;
    released_ = true;
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
  }

 private:
  void start() {
    if (helper_ || tried_) return;
    tried_ = true;
    try {
      helper_.emplace([this] { serve(); });
    } catch (const std::system_error&) {
      // No thread: run() and post() do the tasks themselves.
    }
  }

  // Waits for the helper's previous task, then gives it TASK.
  void hand_over(std::function<void()> task) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return !task_; });
      task_ = std::move(task);
    }
    wake_.notify_all();
  }

  void serve() {
    std::unique_lock lock(mutex_);
    for (;;) {
      wake_.wait(lock, [&] { return stopping_ || task_; });
      if (!task_) return;  // stopping, nothing left to do
      lock.unlock();
      std::exception_ptr failed;
      try {
        task_();  // only this thread touches task_ until it is cleared below
      } catch (...) {
        failed = std::current_exception();
      }
      lock.lock();
      if (failed) failure_ = failed;  // kept for the next run(), after a posted task too
      task_ = nullptr;
      wake_.notify_all();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::function<void()> task_;  // the helper's task, empty when it is idle
  std::exception_ptr failure_;  // of a helper task since the last run() returned
  bool stopping_ = false;
  bool tried_ = false;
  bool released_ = false;  // release() was called (only the owner's thread reads it)
  std::optional<std::thread> helper_;  // last: joined (in the destructor) before the rest goes
};

}  // namespace restack::spec
