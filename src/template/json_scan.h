#pragma once
// The byte-level scanning the JSON reader shares with the structure scan that cuts a large
// document in two for two threads (json_reader.cc, read_json_fast).
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace restack::tmpl::json_scan {

/// Bytes that a string copies as they are: printable ASCII but the quote and the backslash.
inline constexpr auto kPlain = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x80; ++c) plain[size_t(c)] = c != '"' && c != '\\';
  return plain;
}();

/// The end of the run of kPlain bytes from Q on (at most END). Eight bytes at a time while none
/// of them is a quote, a backslash, a control byte or non-ASCII (strings are most of a
/// document's bytes), then byte by byte.
inline const char* skip_plain(const char* q, const char* end) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  auto has_zero = [](uint64_t v) { return (v - kOnes) & ~v & kHighs; };
  while (end - q >= 8) {
    uint64_t w;
    std::memcpy(&w, q, 8);
    uint64_t special = has_zero(w ^ (kOnes * '"')) | has_zero(w ^ (kOnes * '\\')) |
                       ((w - kOnes * 0x20) & ~w & kHighs) |  // a byte below 0x20
                       (w & kHighs);                         // a byte from 0x80 on
    if (special) {
      // Each term's lowest set bit marks a byte that is special (a borrow can only mark bytes
      // above it), so the lowest bit of all marks the first special byte (little-endian loads).
      if constexpr (std::endian::native == std::endian::little) return q + (std::countr_zero(special) >> 3);
      break;
    }
    q += 8;
  }
  while (q < end && kPlain[static_cast<unsigned char>(*q)]) ++q;
  return q;
}

/// JSON's four whitespace bytes.
inline constexpr auto kSpace = [] {
  std::array<bool, 256> space{};
  for (char c : {' ', '\n', '\r', '\t'}) space[static_cast<unsigned char>(c)] = true;
  return space;
}();

/// Where a document's largest array is cut in two (find_split): the second half's elements are
/// read by another thread while this one reads everything else.
struct Split {
  const char* mid = nullptr;    // the first byte of the first element of the second half
  const char* close = nullptr;  // the array's closing bracket
  size_t depth = 0;             // containers open inside the array, itself included
};

/// Finds the document's largest array (at most kMaxSplitDepth containers deep) and the first
/// element boundary past its middle, from the structure only (brackets, braces, commas,
/// strings). False when the text is unbalanced or no array has MIN_BYTES: then one thread reads
/// it all. The result is a hint: the reader checks that it meets the boundary where a read of
/// the whole text would, and reads everything itself otherwise.
bool find_split(std::string_view text, size_t min_bytes, Split& out);

}  // namespace restack::tmpl::json_scan
