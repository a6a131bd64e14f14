#include "spec/source_text.h"

#include <algorithm>

namespace restack::spec {

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') starts_.push_back(static_cast<uint32_t>(i + 1));
}

int LineIndex::line_of(size_t offset) const {
  auto it = std::upper_bound(starts_.begin(), starts_.end(), static_cast<uint32_t>(offset));
  return static_cast<int>(it - starts_.begin());  // 1-based: the count of starts <= offset
}

SourceLocation LineIndex::locate(size_t offset, const std::string& file) const {
  if (offset > text_.size()) offset = text_.size();
  int line = line_of(offset);
  size_t start = starts_[static_cast<size_t>(line - 1)];
  int column = 1;
  for (size_t i = start; i < offset; ++i)
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;  // skip continuation bytes
  return SourceLocation{file, line, column};
}

}  // namespace restack::spec
