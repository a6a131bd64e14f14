#include "common/teardown.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace restack {
namespace {

// Counts its destructions through a pointer shared with the test.
struct Counted {
  explicit Counted(int* destroyed) : destroyed(destroyed) {}
  Counted(Counted&& other) noexcept : destroyed(other.destroyed), payload(std::move(other.payload)) {
    other.destroyed = nullptr;  // a moved-from shell does not count
  }
  ~Counted() {
    if (destroyed) ++*destroyed;
  }
  int* destroyed;
  std::vector<std::string> payload{"a node", "another node"};
};

TEST(Teardown, FreeDestroysNow) {
  int destroyed = 0;
  dispose(Counted(&destroyed), Teardown::kFree);
  EXPECT_EQ(destroyed, 1);
}

TEST(Teardown, LeaveToExitNeverDestroys) {
  int destroyed = 0;
  {
    Counted c(&destroyed);
    dispose(std::move(c), Teardown::kLeaveToExit);
  }
  // The moved-from shell went out of scope; the object itself lives on (and LeakSanitizer,
  // in the sanitizer build, is told so: this test fails there if the mark is missing).
  EXPECT_EQ(destroyed, 0);
}

TEST(Teardown, LeftObjectsStayUsable) {
  auto shared = std::make_shared<std::string>("still here");
  std::weak_ptr<std::string> watch = shared;
  leave_to_exit(std::move(shared));
  ASSERT_FALSE(watch.expired());
  EXPECT_EQ(*watch.lock(), "still here");
}

}  // namespace
}  // namespace restack
