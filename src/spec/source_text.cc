#include "spec/source_text.h"

#include <algorithm>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace restack::spec {

LineIndex::LineIndex(std::string_view text) : text_(text) {
  // One pass finds the line starts and whether any byte is >= 0x80: columns count code
  // points, and in an ASCII text (nearly every spec) a column is a subtraction. (Two passes,
  // an OR over words and then memchr per line, cost 2.5 instructions a byte, on the critical
  // path of a large load: nothing else can start before the lines are known.)
  starts_.reserve(text.size() / 20 + 1);
  starts_.push_back(0);
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t size = text.size();
  size_t i = 0;
  unsigned high = 0;  // any byte >= 0x80 seen
#if defined(__SSE2__)
  const __m128i newline = _mm_set1_epi8('\n');
  __m128i high_bits = _mm_setzero_si128();
  for (; i + 16 <= size; i += 16) {
    __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + i));
    high_bits = _mm_or_si128(high_bits, chunk);
    auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, newline)));
    for (; mask != 0; mask &= mask - 1)
      starts_.push_back(static_cast<uint32_t>(i + static_cast<size_t>(__builtin_ctz(mask)) + 1));
  }
  high = static_cast<unsigned>(_mm_movemask_epi8(high_bits));
#endif
  for (; i < size; ++i) {
    high |= bytes[i] & 0x80u;
    if (bytes[i] == '\n') starts_.push_back(static_cast<uint32_t>(i + 1));
  }
  ascii_ = high == 0;
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

LineIndex::Position LineIndex::position_searched(size_t offset, size_t& cursor) const {
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
