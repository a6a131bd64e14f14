// NameIndex: the open-addressing name table behind ProjectNames and the per-workflow step
// indexes. The first entry of a name wins (duplicate step names are reported against it).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "spec/project_names.h"

namespace restack::spec {
namespace {

TEST(NameIndex, FirstEntryOfANameWins) {
  NameIndex<int> index;
  EXPECT_EQ(index.find("a"), nullptr);  // empty: no slots yet
  auto [first, added] = index.emplace("step_1", 1);
  EXPECT_TRUE(added);
  EXPECT_EQ(*first, 1);
  auto [again, added_again] = index.emplace("step_1", 2);
  EXPECT_FALSE(added_again);
  EXPECT_EQ(*again, 1);
  ASSERT_NE(index.find("step_1"), nullptr);
  EXPECT_EQ(*index.find("step_1"), 1);
  EXPECT_EQ(index.find("step_2"), nullptr);
  EXPECT_EQ(index.find(""), nullptr);
  EXPECT_EQ(index.size(), 1u);
}

TEST(NameIndex, GrowsPastItsReservationAndFindsEveryName) {
  std::vector<std::string> names;  // the index views these
  for (int i = 0; i < 5000; ++i) names.push_back("step_" + std::to_string(i));
  names.push_back("");  // an empty name is a name like any other
  NameIndex<size_t> index;
  index.reserve(10);
  for (size_t i = 0; i < names.size(); ++i) EXPECT_TRUE(index.emplace(names[i], i).second) << names[i];
  EXPECT_EQ(index.size(), names.size());
  for (size_t i = 0; i < names.size(); ++i) {
    const size_t* at = index.find(names[i]);
    ASSERT_NE(at, nullptr) << names[i];
    EXPECT_EQ(*at, i);
  }
  EXPECT_EQ(index.find("step_5000"), nullptr);
  EXPECT_EQ(index.find("step_"), nullptr);
}

}  // namespace
}  // namespace restack::spec
