#pragma once
// Byte offsets -> 1-based line and character column, computed only when a finding is printed
// (ruff's LineIndex): parsing and rules work on bytes.
#include <cstdint>
#include <string_view>
#include <vector>

namespace restack::check {

class SourceMap {
 public:
  explicit SourceMap(std::string_view source) : source_(source) {}
  struct Position {
    int line;
    int column;  // 1-based, in UTF-8 code points
  };
  Position position(uint32_t byte) const;
  /// The text of the 1-based LINE without its newline ("" past the end).
  std::string_view line_text(int line) const;

 private:
  void index() const;
  std::string_view source_;
  mutable std::vector<uint32_t> line_starts_;
};

}  // namespace restack::check
