#pragma once
// The output seam of the generator: files are rendered into an in-memory OutputTree
// (relative path -> bytes), which tests inspect directly and front ends hand to the disk writer
// (write_tree: atomic, confined to the output folder) or the dry-run lister; or they are
// written, as soon as each is rendered, into a StagedTree, which puts them in place only when
// committed. Either way nothing is written until the whole tree rendered without error.
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace restack::generate {

class OutputTree {
 public:
  /// Adds a file; returns an error when PATH is not a safe relative path (see safe_relative_path)
  /// or was already added.
  std::optional<std::string> add(const std::string& path, std::string content);
  const std::map<std::string, std::string>& files() const { return files_; }
  size_t size() const { return files_.size(); }
  size_t total_bytes() const;

 private:
  std::map<std::string, std::string> files_;  // sorted: deterministic order everywhere
};

/// Whether PATH is relative, normalised, non-empty, uses '/' and has no `.`/`..` component, no
/// NUL, and no backslash (so a spec name can never address a file outside the output folder).
bool safe_relative_path(const std::string& path);

struct WriteOptions {
  bool force = false;  // allow writing into an existing non-empty folder
};

/// A project being written under DIR while it is generated (tree_writer.cc): each file is
/// written into a private staging folder as soon as it is added, from any thread; commit() puts
/// them all in place with write_tree's guarantees. Destroyed without a successful commit, it
/// removes the staging folder: nothing is written.
class StagedTree {
 public:
  /// Refuses DIR as write_tree does (an existing non-empty DIR without --force, a file, a
  /// dangling link) and creates the staging folder; null and ERROR on failure.
  static std::unique_ptr<StagedTree> open(const std::filesystem::path& dir, const WriteOptions& options, std::string& error);
  ~StagedTree();
  StagedTree(const StagedTree&) = delete;
  StagedTree& operator=(const StagedTree&) = delete;

  /// Writes CONTENT at PATH in the staging folder. Safe to call from several threads at once
  /// (each PATH once); while another thread is writing files, the file is queued and that
  /// thread writes it (one thread creates files at a time, see tree_writer.cc), so a file that
  /// cannot be written is reported by commit(). An error here when PATH is not
  /// safe_relative_path.
  std::optional<std::string> add(const std::string& path, std::string content);
  /// Writes files still queued by add() on the calling thread, beside the thread that is
  /// writing, until the queue is empty. For a thread that has nothing else to do (a second
  /// thread creating files in the same folder costs CPU in the kernel, and saves wall time only
  /// when that CPU is idle anyway).
  void help_write();
  /// Puts every added file in place: a new DIR is the staging folder renamed in one step; in an
  /// existing DIR every path is checked first (write_tree), then each file is renamed into
  /// place. Call once, after every add() returned. The error of the first file that could not
  /// be written, if any (then nothing is put in place).
  std::optional<std::string> commit();
  size_t size() const;  // files added
  size_t total_bytes() const;

 private:
  StagedTree();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Writes TREE under DIR (tree_writer.cc, through a StagedTree). Refuses, before writing anything, an existing
/// non-empty DIR without --force, a DIR that is a file, a symbolic link on the way to any file
/// (it could lead outside DIR) and a generated file whose path is an existing folder. A new DIR
/// appears whole, in one rename; in an existing DIR each file is replaced atomically (temporary
/// file + rename). Returns the error message, or nothing on success.
std::optional<std::string> write_tree(const OutputTree& tree, const std::filesystem::path& dir,
                                      const WriteOptions& options);

/// The dry-run listing: one line per file, `PATH (N bytes)`, sorted.
std::string list_tree(const OutputTree& tree);

}  // namespace restack::generate
