#pragma once
// Byte offsets to 1-based line:column positions. Parsers keep byte offsets (cheap) and turn
// them into positions only when a diagnostic or a model node needs one (ruff's LineIndex).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostic.h"

namespace restack::spec {

class LineIndex {
 public:
  LineIndex() = default;
  explicit LineIndex(std::string_view text);

  /// 1-based line and column of byte OFFSET; the column counts UTF-8 code points.
  SourceLocation locate(size_t offset, const std::string& file) const;
  int line_of(size_t offset) const;

 private:
  std::string_view text_;
  std::vector<uint32_t> starts_;  // byte offset where each line begins
};

}  // namespace restack::spec
