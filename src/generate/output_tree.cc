#include "generate/output_tree.h"

#include <fmt/format.h>

namespace restack::generate {

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

std::string list_tree(const OutputTree& tree) {
  std::string out;
  for (const auto& [rel, content] : tree.files()) out += fmt::format("{} ({} bytes)\n", rel, content.size());
  return out;
}

}  // namespace restack::generate
