#include "check/source_map.h"

#include <algorithm>

namespace restack::check {

void SourceMap::index() const {
  if (!line_starts_.empty()) return;
  line_starts_.push_back(0);
  for (uint32_t i = 0; i < source_.size(); ++i)
    if (source_[i] == '\n') line_starts_.push_back(i + 1);
}

SourceMap::Position SourceMap::position(uint32_t byte) const {
  index();
  byte = std::min<uint32_t>(byte, uint32_t(source_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), byte);
  size_t line = size_t(it - line_starts_.begin());  // 1-based
  uint32_t start = line_starts_[line - 1];
  int column = 1;
  for (uint32_t i = start; i < byte; ++i)
    if ((static_cast<unsigned char>(source_[i]) & 0xC0) != 0x80) ++column;
  return {int(line), column};
}

std::string_view SourceMap::line_text(int line) const {
  index();
  if (line < 1 || size_t(line) > line_starts_.size()) return {};
  uint32_t start = line_starts_[size_t(line) - 1];
  uint32_t end = size_t(line) < line_starts_.size() ? line_starts_[size_t(line)] : uint32_t(source_.size());
  std::string_view s = source_.substr(start, end - start);
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace restack::check
