// parallel_for (generate/parallel.h): every index once, errors rethrown, and with
// Teardown::kLeaveToExit (the CLI) the helper threads are left blocked rather than joined, yet
// the call still returns only when every index is done.
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <stdexcept>
#include <vector>

#include "generate/parallel.h"

namespace restack::generate {
namespace {

class ParallelForThreads : public ::testing::TestWithParam<Teardown> {};

TEST_P(ParallelForThreads, CallsEveryIndexOnceAndReturnsWhenAllAreDone) {
  constexpr size_t kCount = 1000;
  std::vector<std::atomic<int>> calls(kCount);
  std::atomic<size_t> finished{0};
  parallel_for(
      kCount, 4,
      [&](size_t i) {
        calls[i].fetch_add(1);
        finished.fetch_add(1);
      },
      GetParam());
  EXPECT_EQ(finished.load(), kCount);  // nothing still running after the return
  for (size_t i = 0; i < kCount; ++i) EXPECT_EQ(calls[i].load(), 1) << i;
}

TEST_P(ParallelForThreads, RethrowsTheFirstErrorAndSkipsTheRest) {
  std::atomic<size_t> calls{0};
  EXPECT_THROW(parallel_for(
                   100000, 3,
                   [&](size_t i) {
                     calls.fetch_add(1);
                     if (i == 10) throw std::runtime_error("index 10");
                   },
                   GetParam()),
               std::runtime_error);
  EXPECT_LT(calls.load(), 100000u);  // the remaining indexes were skipped
}

TEST_P(ParallelForThreads, RunsAgainAfterHelpersWereLeftBlocked) {
  // Helpers left to the process's exit do not hold on to anything of an earlier call.
  for (int round = 0; round < 3; ++round) {
    std::atomic<size_t> sum{0};
    parallel_for(64, 2, [&](size_t i) { sum.fetch_add(i); }, GetParam());
    EXPECT_EQ(sum.load(), 64u * 63u / 2u);
  }
}

TEST_P(ParallelForThreads, EachWorkerIsToldOnceThatItIsOutOfWork) {
  // OUT_OF_WORK runs once on every worker, the calling thread included, after its last index.
  for (unsigned jobs : {1u, 2u, 4u}) {
    std::atomic<size_t> done{0}, told{0}, done_when_told{0};
    const std::function<void()> out_of_work = [&] {
      done_when_told.fetch_add(done.load());
      told.fetch_add(1);
    };
    parallel_for(64, jobs, [&](size_t) { done.fetch_add(1); }, GetParam(), &out_of_work);
    EXPECT_EQ(told.load(), jobs) << jobs;
    EXPECT_EQ(done.load(), 64u);
    EXPECT_GT(done_when_told.load(), 0u);  // told after working, not before
  }
}

TEST_P(ParallelForThreads, AnErrorOutOfWorkIsRethrown) {
  const std::function<void()> out_of_work = [] { throw std::runtime_error("out of work"); };
  EXPECT_THROW(parallel_for(8, 2, [](size_t) {}, GetParam(), &out_of_work), std::runtime_error);
}

INSTANTIATE_TEST_SUITE_P(Teardowns, ParallelForThreads, ::testing::Values(Teardown::kFree, Teardown::kLeaveToExit),
                         [](const auto& info) { return info.param == Teardown::kFree ? "Joined" : "LeftToExit"; });

}  // namespace
}  // namespace restack::generate
