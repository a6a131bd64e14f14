#pragma once
// File reading with a size limit, and atomic writes (a temporary file in the same folder,
// renamed into place), so that no reader ever sees a half-written file.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

namespace restack {

struct ReadResult {
  bool ok = false;
  std::string content;
  std::string error;  // "no such file", "larger than 16 MiB"...
};

ReadResult read_text_file(const std::filesystem::path& path, size_t max_bytes = 16u << 20);

/// Writes CONTENT to PATH through a temporary sibling and rename(2). Creates parent folders.
/// Returns an error message, or nothing on success.
std::optional<std::string> write_file_atomic(const std::filesystem::path& path, const std::string& content);

}  // namespace restack
