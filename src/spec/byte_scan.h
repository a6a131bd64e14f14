#pragma once
// The YAML scanner's innermost loops, 16 bytes at a time where SSE2 is available (every x86-64):
// runs of blanks (indentation and separating blanks, on every line) and runs of ordinary plain
// scalar characters (every key and most values). Each function gives exactly what its byte-by-
// byte loop (the tail, and the whole of it elsewhere) gives: tests/spec/yaml_scalars_test.cc
// checks both against a plain loop at every offset of random texts.
#include <cstddef>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace restack::spec::yaml {

/// The first index at or after I (and before N) whose byte is neither a space nor a tab, or N.
inline size_t skip_blank_bytes(const char* data, size_t i, size_t n) {
  if (i < n && data[i] != ' ' && data[i] != '\t') return i;  // no blank at all: the usual case at a line's end
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(' ');
  const __m128i tab = _mm_set1_epi8('\t');
  for (; i + 16 <= n; i += 16) {
    __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
    __m128i blank = _mm_or_si128(_mm_cmpeq_epi8(chunk, space), _mm_cmpeq_epi8(chunk, tab));
    auto other = static_cast<unsigned>(~_mm_movemask_epi8(blank)) & 0xFFFFu;
    if (other != 0) return i + static_cast<size_t>(__builtin_ctz(other));
  }
#endif
  while (i < n && (data[i] == ' ' || data[i] == '\t')) ++i;
  return i;
}

/// The first index at or after I (and before N) whose byte is not a space, or N.
inline size_t skip_space_bytes(const char* data, size_t i, size_t n) {
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(' ');
  for (; i + 16 <= n; i += 16) {
    __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
    auto other = static_cast<unsigned>(~_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, space))) & 0xFFFFu;
    if (other != 0) return i + static_cast<size_t>(__builtin_ctz(other));
  }
#endif
  while (i < n && data[i] == ' ') ++i;
  return i;
}

/// Whether a plain scalar's scan must stop at C to look: a break, a blank or `:` (a comment
/// or the value indicator may follow), and in FLOW context `,[]{}` too.
inline bool is_plain_stop(char c, bool flow) {
  switch (c) {
    case '\n': case '\r': case ':': case ' ': case '\t': return true;
    case ',': case '[': case ']': case '{': case '}': return flow;
    default: return false;
  }
}

/// The first index at or after I (and before N) whose byte is_plain_stop(FLOW), or N.
inline size_t find_plain_stop(const char* data, size_t i, size_t n, bool flow) {
#if defined(__SSE2__)
  const __m128i newline = _mm_set1_epi8('\n');
  const __m128i carriage_return = _mm_set1_epi8('\r');
  const __m128i colon = _mm_set1_epi8(':');
  const __m128i space = _mm_set1_epi8(' ');
  const __m128i tab = _mm_set1_epi8('\t');
  for (; i + 16 <= n; i += 16) {
    __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
    __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(chunk, newline), _mm_cmpeq_epi8(chunk, carriage_return)),
                                _mm_or_si128(_mm_cmpeq_epi8(chunk, colon), _mm_cmpeq_epi8(chunk, space)));
    stop = _mm_or_si128(stop, _mm_cmpeq_epi8(chunk, tab));
    if (flow) {
      stop = _mm_or_si128(stop, _mm_or_si128(_mm_cmpeq_epi8(chunk, _mm_set1_epi8('[')),
                                             _mm_cmpeq_epi8(chunk, _mm_set1_epi8(']'))));
      stop = _mm_or_si128(stop, _mm_or_si128(_mm_cmpeq_epi8(chunk, _mm_set1_epi8('{')),
                                             _mm_cmpeq_epi8(chunk, _mm_set1_epi8('}'))));
      stop = _mm_or_si128(stop, _mm_cmpeq_epi8(chunk, _mm_set1_epi8(',')));
    }
    auto mask = static_cast<unsigned>(_mm_movemask_epi8(stop));
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(mask));
  }
#endif
  while (i < n && !is_plain_stop(data[i], flow)) ++i;
  return i;
}

}  // namespace restack::spec::yaml
