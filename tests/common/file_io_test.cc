// read_text_file sizes its buffer from fstat; these cases cover the sizes around that buffer,
// files whose reported size is wrong (procfs), the limit, and errors.
#include "common/file_io.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "common/test_support.h"

namespace restack {
namespace {

namespace fs = std::filesystem;

std::string pattern(size_t n) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = char('a' + (i * 7 + i / 13) % 26);
  return s;
}

TEST(ReadTextFile, ReadsWholeFilesOfManySizes) {
  test::TempDir dir;
  for (size_t n : {size_t(0), size_t(1), size_t(4095), size_t(4096), size_t(4097), size_t(65536), size_t(3u << 20)}) {
    fs::path p = dir.path() / ("f" + std::to_string(n));
    std::string text = pattern(n);
    ASSERT_FALSE(write_file_atomic(p, text).has_value());
    ReadResult r = read_text_file(p);
    ASSERT_TRUE(r.ok) << n << ": " << r.error;
    EXPECT_EQ(r.content.size(), n);
    EXPECT_TRUE(r.content == text) << "content differs for a file of " << n << " bytes";
  }
}

TEST(ReadTextFile, ReadsFilesThatReportNoSize) {
  // procfs files say st_size 0 but have content: the buffer must grow past its first guess.
  ReadResult r = read_text_file("/proc/self/maps");
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_GT(r.content.size(), 100u);
  EXPECT_NE(r.content.find('\n'), std::string::npos);
}

TEST(ReadTextFile, RefusesFilesOverTheLimit) {
  test::TempDir dir;
  fs::path p = dir.path() / "big";
  ASSERT_FALSE(write_file_atomic(p, pattern((2u << 20) + 1)).has_value());
  ReadResult r = read_text_file(p, 2u << 20);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, "file is larger than 2 MiB");
  EXPECT_TRUE(r.content.empty());

  ASSERT_FALSE(write_file_atomic(p, pattern(2u << 20)).has_value());
  r = read_text_file(p, 2u << 20);
  EXPECT_TRUE(r.ok) << "exactly at the limit is allowed";
  EXPECT_EQ(r.content.size(), size_t(2u << 20));
}

TEST(ReadTextFile, RefusesProcfsFilesOverTheLimit) {
  // No size from fstat: the limit must still hold while the buffer grows.
  ReadResult r = read_text_file("/proc/self/maps", 16);
  EXPECT_FALSE(r.ok);
  EXPECT_TRUE(r.content.empty());
}

TEST(ReadTextFile, SaysWhyAFileCannotBeRead) {
  test::TempDir dir;
  ReadResult r = read_text_file(dir.path() / "missing.yaml");
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, "No such file or directory");
  r = read_text_file(dir.path());  // a folder: open works, read fails
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, "Is a directory");
}

TEST(WriteFileAtomic, CreatesFoldersAndLeavesNoTemporaryFile) {
  test::TempDir dir;
  fs::path p = dir.path() / "a" / "b" / "c.txt";
  ASSERT_FALSE(write_file_atomic(p, "one").has_value());
  ASSERT_FALSE(write_file_atomic(p, "two").has_value());
  EXPECT_EQ(read_text_file(p).content, "two");
  size_t entries = 0;
  for (const auto& e : fs::directory_iterator(p.parent_path())) {
    (void)e;
    ++entries;
  }
  EXPECT_EQ(entries, 1u) << "a temporary sibling was left behind";
}

}  // namespace
}  // namespace restack
