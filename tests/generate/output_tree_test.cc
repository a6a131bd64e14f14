// The output layer: nothing outside DIR, nothing over a non-empty DIR without --force, atomic
// writes, deterministic listing.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <atomic>
#include <set>
#include <thread>
#include <vector>

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
  // No temporary files or staging folders are left behind.
  size_t n = 0;
  for (auto& e : fs::recursive_directory_iterator(out)) n += e.is_regular_file();
  EXPECT_EQ(n, 2u);
  std::vector<std::string> beside;
  for (auto& e : fs::directory_iterator(tmp.path() / "new")) beside.push_back(e.path().filename().string());
  EXPECT_EQ(beside, std::vector<std::string>{"project"});
}

TEST(WriteTree, NewFolderGetsTheUsualPermissions) {
  TempDir tmp;
  OutputTree tree;
  ASSERT_FALSE(tree.add("a.py", "x\n"));
  mode_t mask = ::umask(027);
  auto err = write_tree(tree, tmp.path() / "out", {});
  ::umask(mask);
  ASSERT_FALSE(err) << *err;
  struct stat folder, file;
  ASSERT_EQ(::stat((tmp.path() / "out").c_str(), &folder), 0);
  ASSERT_EQ(::stat((tmp.path() / "out" / "a.py").c_str(), &file), 0);
  EXPECT_EQ(folder.st_mode & 0777, 0750u);  // not the staging folder's private 0700
  EXPECT_EQ(file.st_mode & 0777, 0640u);
}

TEST(WriteTree, ForceReplacesFilesKeepsOthersAndLeavesNoStaging) {
  TempDir tmp;
  tmp.write("src/a.py", "old\n");
  tmp.write("src/mine.py", "mine\n");
  OutputTree tree;
  ASSERT_FALSE(tree.add("src/a.py", "new\n"));
  ASSERT_FALSE(tree.add("src/deep/b.py", "b\n"));
  ASSERT_FALSE(tree.add("top.md", "t\n"));
  ASSERT_FALSE(write_tree(tree, tmp.path(), {true}));
  EXPECT_EQ(restack::test::read_file(tmp.path() / "src/a.py"), "new\n");
  EXPECT_EQ(restack::test::read_file(tmp.path() / "src/deep/b.py"), "b\n");
  EXPECT_EQ(restack::test::read_file(tmp.path() / "src/mine.py"), "mine\n");
  std::set<std::string> all;
  for (auto& e : fs::recursive_directory_iterator(tmp.path())) all.insert(fs::relative(e.path(), tmp.path()).string());
  EXPECT_EQ(all, (std::set<std::string>{"src", "src/a.py", "src/mine.py", "src/deep", "src/deep/b.py", "top.md"}));
}

TEST(WriteTree, EmptyExistingFolderNeedsNoForce) {
  TempDir tmp;
  fs::create_directories(tmp.path() / "out");
  OutputTree tree;
  ASSERT_FALSE(tree.add("a/b.py", "x\n"));
  ASSERT_FALSE(write_tree(tree, tmp.path() / "out", {}));
  EXPECT_EQ(restack::test::read_file(tmp.path() / "out/a/b.py"), "x\n");
}

TEST(WriteTree, RefusesAFileLinkEvenPointingInside) {
  TempDir tmp, outside;
  fs::create_directories(tmp.path() / "out");
  tmp.write("out/real.py", "real\n");
  fs::create_symlink(outside.path() / "target.py", tmp.path() / "out" / "a.py");
  fs::create_symlink("real.py", tmp.path() / "out" / "b.py");
  for (const char* name : {"a.py", "b.py"}) {
    OutputTree tree;
    ASSERT_FALSE(tree.add("0.py", "x\n"));
    ASSERT_FALSE(tree.add(name, "x\n"));
    auto err = write_tree(tree, tmp.path() / "out", {true});
    ASSERT_TRUE(err) << name;
    EXPECT_NE(err->find("symbolic link"), std::string::npos) << *err;
    EXPECT_FALSE(fs::exists(tmp.path() / "out" / "0.py"));
  }
  EXPECT_FALSE(fs::exists(outside.path() / "target.py"));
  EXPECT_EQ(restack::test::read_file(tmp.path() / "out/real.py"), "real\n");
}

TEST(WriteTree, RefusesAFolderWhereAFileGoesAndAFileWhereAFolderGoes) {
  TempDir tmp;
  fs::create_directories(tmp.path() / "out" / "a.py");
  tmp.write("out/src", "a file");
  OutputTree one, two;
  ASSERT_FALSE(one.add("a.py", "x\n"));
  ASSERT_FALSE(two.add("src/b.py", "x\n"));
  auto err = write_tree(one, tmp.path() / "out", {true});
  ASSERT_TRUE(err);
  EXPECT_NE(err->find("folder of that name"), std::string::npos) << *err;
  err = write_tree(two, tmp.path() / "out", {true});
  ASSERT_TRUE(err);
  EXPECT_NE(err->find("not a folder"), std::string::npos) << *err;
}

TEST(WriteTree, RefusesADanglingLinkAsFolder) {
  TempDir tmp;
  fs::create_directory_symlink(tmp.path() / "missing", tmp.path() / "out");
  OutputTree tree;
  ASSERT_FALSE(tree.add("a.py", "x\n"));
  auto err = write_tree(tree, tmp.path() / "out", {});
  ASSERT_TRUE(err);
  EXPECT_NE(err->find("symbolic link"), std::string::npos) << *err;
  EXPECT_FALSE(fs::exists(tmp.path() / "missing"));
}

TEST(WriteTree, OutputFolderMayItselfBeALink) {
  TempDir tmp;
  fs::create_directories(tmp.path() / "real");
  fs::create_directory_symlink(tmp.path() / "real", tmp.path() / "out");
  OutputTree tree;
  ASSERT_FALSE(tree.add("src/a.py", "x\n"));
  ASSERT_FALSE(write_tree(tree, tmp.path() / "out", {}));
  EXPECT_EQ(restack::test::read_file(tmp.path() / "real/src/a.py"), "x\n");
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
  EXPECT_TRUE(fs::is_empty(outside.path()));
  EXPECT_FALSE(fs::exists(tmp.path() / "out" / "a.py"));  // checked before anything is written
}

TEST(WriteTree, RefusesAFileAsFolder) {
  TempDir tmp;
  auto f = tmp.write("file", "x");
  OutputTree tree;
  ASSERT_FALSE(tree.add("a.py", "x\n"));
  EXPECT_TRUE(write_tree(tree, f, {true}));
}

namespace {

/// File I of thread T in the tests below that add from several threads: a path and content
/// that differ per file, so that a file written twice or with another's bytes shows.
std::string threaded_path(int t, int i) { return fmt::format("src/functions/f{}_{}.py", t, i); }
std::string threaded_content(int t, int i, size_t spread) {
  return std::string(size_t(i) * 7 % spread, char('a' + t)) + threaded_path(t, i);
}

/// THREADS threads add FILES files each to STAGED at once (threaded_path, threaded_content).
void add_from_threads(StagedTree& staged, int threads, int files, size_t spread) {
  std::vector<std::thread> running;
  for (int t = 0; t < threads; ++t)
    running.emplace_back([&, t] {
      for (int i = 0; i < files; ++i) EXPECT_FALSE(staged.add(threaded_path(t, i), threaded_content(t, i, spread)));
    });
  for (auto& r : running) r.join();
}

/// Every file add_from_threads added is in OUT with its own content.
void expect_threaded_files(const fs::path& out, int threads, int files, size_t spread) {
  for (int t = 0; t < threads; ++t)
    for (int i = 0; i < files; ++i)
      EXPECT_EQ(restack::test::read_file(out / threaded_path(t, i)), threaded_content(t, i, spread)) << t << " " << i;
}

}  // namespace

TEST(StagedTree, FilesAddedFromSeveralThreadsAppearOnlyAtCommit) {
  TempDir tmp;
  fs::path out = tmp.path() / "out";
  std::string error;
  auto staged = StagedTree::open(out, {}, error);
  ASSERT_TRUE(staged) << error;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) EXPECT_FALSE(staged->add(fmt::format("src/d{}/f{}.py", i % 3, t * 50 + i), "x\n"));
    });
  for (auto& t : threads) t.join();
  EXPECT_FALSE(fs::exists(out));  // staged, not yet in place
  EXPECT_EQ(staged->size(), 200u);
  EXPECT_EQ(staged->total_bytes(), 400u);
  ASSERT_FALSE(staged->commit());
  EXPECT_EQ(restack::test::read_file(out / "src/d1/f199.py"), "x\n");
  size_t n = 0;
  for (auto& e : fs::recursive_directory_iterator(out)) n += e.is_regular_file();
  EXPECT_EQ(n, 200u);
  std::vector<std::string> beside;
  for (auto& e : fs::directory_iterator(tmp.path())) beside.push_back(e.path().filename().string());
  EXPECT_EQ(beside, std::vector<std::string>{"out"});  // no staging folder left
}

TEST(StagedTree, DroppedWithoutCommitLeavesNothingNotEvenNewParents) {
  TempDir tmp;
  std::string error;
  auto staged = StagedTree::open(tmp.path() / "a" / "b" / "out", {}, error);
  ASSERT_TRUE(staged) << error;
  ASSERT_FALSE(staged->add("src/x.py", "x\n"));
  EXPECT_TRUE(staged->add("../escape.py", "x\n"));
  staged.reset();
  EXPECT_TRUE(fs::is_empty(tmp.path()));
}

TEST(StagedTree, ExistingFolderChecksPathsAtCommit) {
  TempDir tmp, outside;
  fs::create_directories(tmp.path() / "out");
  std::string error;
  auto staged = StagedTree::open(tmp.path() / "out", {true}, error);
  ASSERT_TRUE(staged) << error;
  ASSERT_FALSE(staged->add("a.py", "x\n"));
  ASSERT_FALSE(staged->add("src/evil.py", "x\n"));
  // A link swapped in while the files were being generated is refused at commit.
  fs::create_directory_symlink(outside.path(), tmp.path() / "out" / "src");
  auto err = staged->commit();
  ASSERT_TRUE(err);
  EXPECT_NE(err->find("symbolic link"), std::string::npos) << *err;
  staged.reset();
  EXPECT_TRUE(fs::is_empty(outside.path()));
  std::set<std::string> left;
  for (auto& e : fs::directory_iterator(tmp.path() / "out")) left.insert(e.path().filename().string());
  EXPECT_EQ(left, std::set<std::string>{"src"});  // the link only: nothing written, no staging left
}

TEST(StagedTree, OpenRefusesWhatWriteTreeRefuses) {
  TempDir tmp;
  tmp.write("keep.txt", "mine");
  std::string error;
  EXPECT_FALSE(StagedTree::open(tmp.path(), {}, error));
  EXPECT_NE(error.find("--force"), std::string::npos) << error;
  EXPECT_FALSE(StagedTree::open(tmp.path() / "keep.txt", {true}, error));
  EXPECT_NE(error.find("not a folder"), std::string::npos) << error;
}

TEST(StagedTree, EachFileKeepsItsOwnContentWhenThreadsQueueForTheWriter) {
  // One thread at a time creates files; the others queue theirs (tree_writer.cc): every file
  // must still end up with exactly the content it was added with.
  TempDir tmp;
  fs::path out = tmp.path() / "out";
  std::string error;
  auto staged = StagedTree::open(out, {}, error);
  ASSERT_TRUE(staged) << error;
  add_from_threads(*staged, 4, 100, 300);
  EXPECT_EQ(staged->size(), 400u);
  ASSERT_FALSE(staged->commit());
  expect_threaded_files(out, 4, 100, 300);
}

TEST(StagedTree, ThreadsHelpingTheWriterWriteEachQueuedFileOnce) {
  // help_write: threads with nothing else to do take queued files beside the writing thread.
  TempDir tmp;
  fs::path out = tmp.path() / "out";
  std::string error;
  auto staged = StagedTree::open(out, {}, error);
  ASSERT_TRUE(staged) << error;
  staged->help_write();  // nothing queued: returns at once
  // Three threads add while two others help the writer until every file is added.
  std::atomic<bool> adding{true};
  std::vector<std::thread> helpers;
  for (int h = 0; h < 2; ++h)
    helpers.emplace_back([&] {
      while (adding.load()) staged->help_write();
      staged->help_write();
    });
  add_from_threads(*staged, 3, 200, 50);
  adding.store(false);
  for (auto& h : helpers) h.join();
  ASSERT_FALSE(staged->commit());
  size_t n = 0;
  for (auto& e : fs::recursive_directory_iterator(out)) n += e.is_regular_file();
  EXPECT_EQ(n, 600u);
  expect_threaded_files(out, 3, 200, 50);
}

TEST(StagedTree, AFileThatCannotBeWrittenIsReportedByCommitAndNothingAppears) {
  // A file may be written by another thread than the one adding it, so a failure is reported
  // by commit(), which then puts nothing in place.
  TempDir tmp;
  fs::path out = tmp.path() / "out";
  std::string error;
  auto staged = StagedTree::open(out, {}, error);
  ASSERT_TRUE(staged) << error;
  ASSERT_FALSE(staged->add("a", "a file\n"));
  ASSERT_FALSE(staged->add("a/b.py", "x\n"));  // under a file: cannot be created
  ASSERT_FALSE(staged->add("c.py", "x\n"));
  auto err = staged->commit();
  ASSERT_TRUE(err);
  EXPECT_NE(err->find("cannot write"), std::string::npos) << *err;
  EXPECT_NE(err->find("b.py"), std::string::npos) << *err;
  staged.reset();
  EXPECT_TRUE(fs::is_empty(tmp.path()));  // no project, no staging folder
}
