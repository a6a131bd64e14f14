#pragma once
// Byte offsets to 1-based line:column positions. Parsers keep byte offsets (cheap) and turn
// them into positions only when a diagnostic or a model node needs one (ruff's LineIndex).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostic.h"

namespace restack::spec {

/// Line starts of one text, for turning byte offsets into line:column. Lookups update a cache
/// (last_line_), so one LineIndex is for one thread at a time, like the YAML document that owns it;
/// threads that share one pass their own cursor (the *_with overloads) and leave the cache alone.
class LineIndex {
 public:
  struct Position {
    int line = 0;    // 1-based
    int column = 0;  // 1-based, in UTF-8 code points
  };

  LineIndex() = default;
  explicit LineIndex(std::string_view text);

  /// 1-based line and column of byte OFFSET; the column counts UTF-8 code points.
  Position position(size_t offset) const { return position_with(offset, last_line_); }
  /// The same, starting the search at CURSOR (a 0-based line, updated): for a thread that
  /// reads positions of a shared index in its own text order.
  Position position_with(size_t offset, size_t& cursor) const {
    // Inline, the usual case: an ASCII text and OFFSET on the cursor's line or the next one
    // (readers ask for positions nearly in text order, a few per line). The same answer as
    // position_searched, which takes every other case.
    size_t i = cursor;
    if (ascii_ && offset <= text_.size() && i + 2 < starts_.size() && starts_[i] <= offset) {
      if (offset < starts_[i + 1]) return Position{static_cast<int>(i + 1), static_cast<int>(offset - starts_[i]) + 1};
      if (offset < starts_[i + 2]) {
        cursor = i + 1;
        return Position{static_cast<int>(i + 2), static_cast<int>(offset - starts_[i + 1]) + 1};
      }
    }
    return position_searched(offset, cursor);
  }
  /// position_with by the general search (the cursor's line and the few after it, then a
  /// binary search), for any text and offset.
  Position position_searched(size_t offset, size_t& cursor) const;
  SourceLocation locate(size_t offset, const std::string& file) const {
    Position p = position(offset);
    return SourceLocation{file, p.line, p.column};
  }
  int line_of(size_t offset) const { return line_of_with(offset, last_line_); }
  int line_of_with(size_t offset, size_t& cursor) const;
  /// Byte offset where each line begins (the first is 0).
  const std::vector<uint32_t>& line_starts() const { return starts_; }
  /// Whether the text is all ASCII (then it is valid UTF-8 too).
  bool ascii() const { return ascii_; }

 private:
  std::string_view text_;
  std::vector<uint32_t> starts_;  // byte offset where each line begins
  bool ascii_ = false;            // no byte >= 0x80: a column is the byte distance + 1
  // The line of the last lookup: readers ask for positions mostly in text order, so the
  // answer is usually this line or one of the next few (no binary search over every line).
  mutable size_t last_line_ = 0;  // 0-based
};

}  // namespace restack::spec
