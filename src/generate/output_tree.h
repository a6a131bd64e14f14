#pragma once
// The one output seam of the generator: files are rendered into an in-memory OutputTree
// (relative path -> bytes), which tests inspect directly and the CLI hands to one of two
// sinks: the disk writer (atomic, confined to the output folder) or the dry-run lister.
// Nothing is written until the whole tree rendered without error.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
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

/// Writes TREE under DIR (tree_writer.cc). Refuses, before writing anything, an existing
/// non-empty DIR without --force, a DIR that is a file, a symbolic link on the way to any file
/// (it could lead outside DIR) and a generated file whose path is an existing folder. A new DIR
/// appears whole, in one rename; in an existing DIR each file is replaced atomically (temporary
/// file + rename). Returns the error message, or nothing on success.
std::optional<std::string> write_tree(const OutputTree& tree, const std::filesystem::path& dir,
                                      const WriteOptions& options);

/// The dry-run listing: one line per file, `PATH (N bytes)`, sorted.
std::string list_tree(const OutputTree& tree);

}  // namespace restack::generate
