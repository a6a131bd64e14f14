#pragma once
// The one way the spec module uses a second core: two tasks at once, this thread running one,
// a helper thread the other, and nothing returns before both are done. An exception from
// either is rethrown here (after both ended); without a thread to be had (a process at its
// limit), both run here one after the other, which gives the same result.
#include <exception>
#include <optional>
#include <system_error>
#include <thread>
#include <utility>

namespace restack::spec {

template <typename Here, typename There>
void run_on_two_threads(Here&& here, There&& there) {
  std::exception_ptr there_failed;
  auto guarded = [&] {
    try {
      there();
    } catch (...) {
      there_failed = std::current_exception();
    }
  };
  std::optional<std::thread> helper;
  try {
    helper.emplace(guarded);
  } catch (const std::system_error&) {
    // No thread: THERE runs below, after HERE.
  }
  try {
    here();
  } catch (...) {
    if (helper) helper->join();  // never leave a running thread behind
    throw;
  }
  if (helper) helper->join();
  else guarded();
  if (there_failed) std::rethrow_exception(there_failed);
}

}  // namespace restack::spec
