// The output layer: nothing outside DIR, nothing over a non-empty DIR without --force, atomic
// writes, deterministic listing.
#include <gtest/gtest.h>
#include <unistd.h>

#include "common/test_support.h"
#include "generate/output_tree.h"

using namespace restack::generate;
using restack::test::TempDir;
namespace fs = std::filesystem;

TEST(SafeRelativePath, RejectsEscapes) {
  EXPECT_TRUE(safe_relative_path("src/models.py"));
  EXPECT_TRUE(safe_relative_path(".env.example"));
  for (const char* bad : {"", "/etc/passwd", "../x", "a/../../x", "a/./b", "a//b", "a/", "a\\b", "C:/x", "..", "."})
    EXPECT_FALSE(safe_relative_path(bad)) << bad;
  EXPECT_FALSE(safe_relative_path(std::string("a\0b", 3)));
}

TEST(OutputTree, RefusesUnsafeAndDuplicatePaths) {
  OutputTree tree;
  EXPECT_FALSE(tree.add("src/a.py", "x"));
  EXPECT_TRUE(tree.add("src/a.py", "y"));
  EXPECT_TRUE(tree.add("../a.py", "y"));
  EXPECT_EQ(tree.size(), 1u);
  EXPECT_EQ(list_tree(tree), "src/a.py (1 bytes)\n");
}

TEST(WriteTree, WritesIntoNewFolder) {
  TempDir tmp;
  OutputTree tree;
  ASSERT_FALSE(tree.add("src/a.py", "print(1)\n"));
  ASSERT_FALSE(tree.add("README.md", "# x\n"));
  fs::path out = tmp.path() / "new" / "project";
  EXPECT_FALSE(write_tree(tree, out, {}));
  EXPECT_EQ(restack::test::read_file(out / "src/a.py"), "print(1)\n");
  // No temporary files are left behind.
  size_t n = 0;
  for (auto& e : fs::recursive_directory_iterator(out)) n += e.is_regular_file();
  EXPECT_EQ(n, 2u);
}

TEST(WriteTree, RefusesNonEmptyFolderWithoutForce) {
  TempDir tmp;
  tmp.write("keep.txt", "mine");
  OutputTree tree;
  ASSERT_FALSE(tree.add("a.py", "x\n"));
  auto err = write_tree(tree, tmp.path(), {});
  ASSERT_TRUE(err);
  EXPECT_NE(err->find("--force"), std::string::npos);
  EXPECT_FALSE(fs::exists(tmp.path() / "a.py"));
  EXPECT_FALSE(write_tree(tree, tmp.path(), {true}));
  EXPECT_EQ(restack::test::read_file(tmp.path() / "a.py"), "x\n");
  EXPECT_EQ(restack::test::read_file(tmp.path() / "keep.txt"), "mine");
}

TEST(WriteTree, RefusesSymlinkEscapeAndWritesNothing) {
  TempDir tmp, outside;
  fs::create_directories(tmp.path() / "out");
  fs::create_directory_symlink(outside.path(), tmp.path() / "out" / "src");
  OutputTree tree;
  ASSERT_FALSE(tree.add("a.py", "x\n"));
  ASSERT_FALSE(tree.add("src/evil.py", "x\n"));
  auto err = write_tree(tree, tmp.path() / "out", {true});
  ASSERT_TRUE(err);
  EXPECT_NE(err->find("outside"), std::string::npos) << *err;
  EXPECT_FALSE(fs::exists(outside.path() / "evil.py"));
  EXPECT_FALSE(fs::exists(tmp.path() / "out" / "a.py"));  // checked before anything is written
}

TEST(WriteTree, RefusesAFileAsFolder) {
  TempDir tmp;
  auto f = tmp.write("file", "x");
  OutputTree tree;
  ASSERT_FALSE(tree.add("a.py", "x\n"));
  EXPECT_TRUE(write_tree(tree, f, {true}));
}
