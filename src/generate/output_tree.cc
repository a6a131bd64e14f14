#include "generate/output_tree.h"

#include <fmt/format.h>

#include <system_error>

#include "common/file_io.h"

namespace restack::generate {

namespace fs = std::filesystem;

bool safe_relative_path(const std::string& path) {
  if (path.empty() || path.front() == '/' || path.back() == '/') return false;
  if (path.find('\0') != std::string::npos || path.find('\\') != std::string::npos) return false;
  if (path.size() > 1 && path[1] == ':') return false;  // a drive letter
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string part = path.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = end + 1;
    if (end == path.size()) break;
  }
  return true;
}

std::optional<std::string> OutputTree::add(const std::string& path, std::string content) {
  if (!safe_relative_path(path)) return fmt::format("refusing to write '{}': not a plain relative path inside the output folder", path);
  if (files_.count(path)) return fmt::format("two generated files share the path '{}'", path);
  files_.emplace(path, std::move(content));
  return std::nullopt;
}

size_t OutputTree::total_bytes() const {
  size_t n = 0;
  for (const auto& [p, c] : files_) n += c.size();
  return n;
}

namespace {

/// Whether TARGET (an existing path or one to be created) resolves inside ROOT (canonical).
bool inside(const fs::path& root, const fs::path& target) {
  std::error_code ec;
  fs::path resolved = fs::weakly_canonical(target, ec);
  if (ec) return false;
  auto r = root.begin(), t = resolved.begin();
  for (; r != root.end(); ++r, ++t)
    if (t == resolved.end() || *r != *t) return false;
  return true;
}

}  // namespace

std::optional<std::string> write_tree(const OutputTree& tree, const fs::path& dir, const WriteOptions& options) {
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec)) return fmt::format("'{}' exists and is not a folder", dir.string());
    if (!options.force && !fs::is_empty(dir, ec))
      return fmt::format("'{}' exists and is not empty; pass --force to write into it (existing files with the same names are replaced)", dir.string());
  } else {
    fs::create_directories(dir, ec);
    if (ec) return fmt::format("cannot create '{}': {}", dir.string(), ec.message());
  }
  fs::path root = fs::canonical(dir, ec);
  if (ec) return fmt::format("cannot resolve '{}': {}", dir.string(), ec.message());
  // Check every path first, so a refusal writes nothing.
  for (const auto& [rel, content] : tree.files()) {
    if (!safe_relative_path(rel)) return fmt::format("refusing to write '{}': not a plain relative path", rel);
    if (!inside(root, root / rel))
      return fmt::format("refusing to write '{}': it resolves outside '{}' (a symbolic link?)", rel, dir.string());
  }
  for (const auto& [rel, content] : tree.files()) {
    if (auto err = write_file_atomic(root / rel, content)) return fmt::format("cannot write '{}': {}", (dir / rel).string(), *err);
  }
  return std::nullopt;
}

std::string list_tree(const OutputTree& tree) {
  std::string out;
  for (const auto& [rel, content] : tree.files()) out += fmt::format("{} ({} bytes)\n", rel, content.size());
  return out;
}

}  // namespace restack::generate
