#include "spec/source_text.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace restack::spec {

LineIndex::LineIndex(std::string_view text) : text_(text) {
  // Columns count code points; in an ASCII text (nearly every spec) that is a subtraction.
  uint64_t high = 0;
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    high |= word;
  }
  for (; i < text.size(); ++i) high |= static_cast<unsigned char>(text[i]);
  ascii_ = (high & 0x8080808080808080ull) == 0;
  starts_.reserve(text.size() / 32 + 1);
  starts_.push_back(0);
  const char* begin = text.data();
  const char* end = begin + text.size();
  for (const char* p = begin; p < end;) {
    const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p));
    if (!nl) break;
    p = static_cast<const char*>(nl) + 1;
    starts_.push_back(static_cast<uint32_t>(p - begin));
  }
}

int LineIndex::line_of_with(size_t offset, size_t& cursor) const {
  // Offsets past the last start belong to the last line; the count of starts <= OFFSET is the
  // 1-based line. Try the cached line and the few after it before searching.
  size_t n = starts_.size();
  if (n == 0) return 1;
  size_t i = cursor < n ? cursor : 0;
  if (starts_[i] <= offset) {
    for (size_t k = 0; k < 8; ++k, ++i) {
      if (i + 1 >= n || starts_[i + 1] > offset) {
        cursor = i;
        return static_cast<int>(i + 1);
      }
    }
  }
  auto it = std::upper_bound(starts_.begin(), starts_.end(), static_cast<uint32_t>(offset));
  cursor = static_cast<size_t>(it - starts_.begin()) - 1;
  return static_cast<int>(it - starts_.begin());
}

LineIndex::Position LineIndex::position_with(size_t offset, size_t& cursor) const {
  if (offset > text_.size()) offset = text_.size();
  if (starts_.empty()) return Position{1, 1};
  int line = line_of_with(offset, cursor);
  size_t start = starts_[static_cast<size_t>(line - 1)];
  if (ascii_) return Position{line, static_cast<int>(offset - start) + 1};
  int column = 1;
  for (size_t i = start; i < offset; ++i)
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;  // skip continuation bytes
  return Position{line, column};
}

}  // namespace restack::spec
