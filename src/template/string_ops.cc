#include "template/string_ops.h"

#include <array>
#include <cstdint>
#include <cstring>

#include "template/utf8.h"

namespace restack::tmpl::strops {

std::string strip(std::string_view s, bool left, bool right, const std::string* chars) {
  std::u32string u = utf8::decode(s);
  std::u32string set;
  if (chars) set = utf8::decode(*chars);
  auto strip_it = [&](char32_t c) { return chars ? set.find(c) != std::u32string::npos : utf8::is_space(c); };
  size_t b = 0, e = u.size();
  if (left)
    while (b < e && strip_it(u[b])) ++b;
  if (right)
    while (e > b && strip_it(u[e - 1])) --e;
  return utf8::encode(std::u32string_view(u).substr(b, e - b));
}

std::vector<std::string> split(std::string_view s, const std::string* sep, int64_t maxsplit) {
  std::vector<std::string> out;
  if (sep) {
    size_t pos = 0;
    while (maxsplit < 0 || int64_t(out.size()) < maxsplit) {
      size_t f = s.find(*sep, pos);
      if (f == std::string_view::npos) break;
      out.emplace_back(s.substr(pos, f - pos));
      pos = f + sep->size();
    }
    out.emplace_back(s.substr(pos));
    return out;
  }
  std::u32string u = utf8::decode(s);
  size_t i = 0, n = u.size();
  while (i < n) {
    while (i < n && utf8::is_space(u[i])) ++i;
    if (i >= n) break;
    if (maxsplit >= 0 && int64_t(out.size()) >= maxsplit) {
      size_t e = n;
      while (e > i && utf8::is_space(u[e - 1])) --e;
      out.push_back(utf8::encode(std::u32string_view(u).substr(i, e - i)));
      return out;
    }
    size_t j = i;
    while (j < n && !utf8::is_space(u[j])) ++j;
    out.push_back(utf8::encode(std::u32string_view(u).substr(i, j - i)));
    i = j;
  }
  return out;
}

std::vector<std::string> rsplit(std::string_view s, const std::string* sep, int64_t maxsplit) {
  if (maxsplit < 0) return split(s, sep, maxsplit);
  std::vector<std::string> out;
  if (sep) {
    size_t end = s.size();
    while (int64_t(out.size()) < maxsplit) {
      if (end < sep->size()) break;
      size_t f = s.rfind(*sep, end - sep->size());
      if (f == std::string_view::npos) break;
      out.insert(out.begin(), std::string(s.substr(f + sep->size(), end - f - sep->size())));
      end = f;
    }
    out.insert(out.begin(), std::string(s.substr(0, end)));
    return out;
  }
  std::u32string u = utf8::decode(s);
  int64_t j = int64_t(u.size());
  while (j > 0) {
    while (j > 0 && utf8::is_space(u[size_t(j - 1)])) --j;
    if (j <= 0) break;
    if (int64_t(out.size()) >= maxsplit) {
      int64_t b = 0;
      while (b < j && utf8::is_space(u[size_t(b)])) ++b;
      out.insert(out.begin(), utf8::encode(std::u32string_view(u).substr(size_t(b), size_t(j - b))));
      return out;
    }
    int64_t i = j;
    while (i > 0 && !utf8::is_space(u[size_t(i - 1)])) --i;
    out.insert(out.begin(), utf8::encode(std::u32string_view(u).substr(size_t(i), size_t(j - i))));
    j = i;
  }
  return out;
}

std::string replace(std::string_view s, std::string_view old, std::string_view repl, int64_t count) {
  std::string out;
  if (old.empty()) {
    // Python inserts REPL between every character (and at both ends).
    std::u32string u = utf8::decode(s);
    int64_t done = 0;
    for (size_t i = 0; i <= u.size(); ++i) {
      if (count < 0 || done < count) {
        out += repl;
        ++done;
      }
      if (i < u.size()) utf8::append(out, u[i]);
    }
    return out;
  }
  size_t pos = 0;
  int64_t done = 0;
  while (count < 0 || done < count) {
    size_t f = s.find(old, pos);
    if (f == std::string_view::npos) break;
    out.append(s.substr(pos, f - pos));
    out.append(repl);
    pos = f + old.size();
    ++done;
  }
  out.append(s.substr(pos));
  return out;
}

namespace {
bool is_cased(char32_t c) { return utf8::is_upper(c) || utf8::is_lower(c) || (utf8::is_alpha(c) && c < 0x250); }
}  // namespace

std::string title(std::string_view s) {
  std::string out;
  bool prev_cased = false;
  for (char32_t c : utf8::decode(s)) {
    if (is_cased(c)) {
      utf8::append(out, prev_cased ? utf8::to_lower(c) : utf8::to_upper(c));
      prev_cased = true;
    } else {
      utf8::append(out, c);
      prev_cased = false;
    }
  }
  return out;
}

std::string capitalize(std::string_view s) {
  std::u32string u = utf8::decode(s);
  std::string out;
  for (size_t i = 0; i < u.size(); ++i) utf8::append(out, i == 0 ? utf8::to_upper(u[i]) : utf8::to_lower(u[i]));
  return out;
}

std::string swapcase(std::string_view s) {
  std::string out;
  for (char32_t c : utf8::decode(s))
    utf8::append(out, utf8::is_upper(c) ? utf8::to_lower(c) : utf8::is_lower(c) ? utf8::to_upper(c) : c);
  return out;
}

namespace {
/// The ASCII bytes str.splitlines() breaks at.
constexpr auto kAsciiLineBreak = [] {
  std::array<bool, 256> table{};
  for (int c : {0x0a, 0x0d, 0x0b, 0x0c, 0x1c, 0x1d, 0x1e}) table[size_t(c)] = true;
  return table;
}();
}  // namespace

namespace {

/// The first position at or after FROM of a byte below 0x20 or above 0x7f (or S.size()): every
/// line break is such a byte. Eight bytes at a time while none is.
size_t find_control_or_non_ascii(std::string_view s, size_t from) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  size_t i = from;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t x;
    std::memcpy(&x, s.data() + i, 8);
    // A byte below 0x20 borrows into its high bit when 0x20 is taken from each byte (exact for
    // "is there one"; which one is found byte by byte below), and a non-ASCII byte has it set.
    if ((((x - 0x20 * kOnes) & ~x) | x) & kHigh) break;
  }
  for (; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c > 0x7f) return i;
  }
  return i;
}

}  // namespace

bool may_break_line(std::string_view s) {
  // The ASCII breaks, and the last byte of each non-ASCII one (C2 85, E2 80 A8, E2 80 A9):
  // a byte that is no part of any break rules the break out.
  static constexpr auto kMayBreak = [] {
    std::array<bool, 256> table = kAsciiLineBreak;
    for (int c : {0x85, 0xa8, 0xa9}) table[size_t(c)] = true;
    return table;
  }();
  for (size_t i = find_control_or_non_ascii(s, 0); i < s.size(); i = find_control_or_non_ascii(s, i + 1))
    if (kMayBreak[static_cast<unsigned char>(s[i])]) return true;
  return false;
}

size_t find_line_break_ascii(std::string_view s, size_t from) {
  size_t i = find_control_or_non_ascii(s, from);
  while (i < s.size() && !kAsciiLineBreak[static_cast<unsigned char>(s[i])]) i = find_control_or_non_ascii(s, i + 1);
  return i;
}

std::vector<std::string_view> splitlines_ascii(std::string_view s, bool keepends) {
  std::vector<std::string_view> out;
  size_t start = 0, i = 0;
  const size_t n = s.size();
  while (i < n) {
    i = find_line_break_ascii(s, i);
    if (i == n) break;
    char c = s[i];
    size_t eol = i + 1;
    if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') eol = i + 2;
    out.push_back(s.substr(start, (keepends ? eol : i) - start));
    start = i = eol;
  }
  if (start < s.size()) out.push_back(s.substr(start));
  return out;
}

std::vector<std::string> splitlines(std::string_view s, bool keepends) {
  std::vector<std::string> out;
  if (utf8::is_ascii(s)) {  // fast path: the same line breaks, without decoding
    for (std::string_view line : splitlines_ascii(s, keepends)) out.emplace_back(line);
    return out;
  }
  std::u32string u = utf8::decode(s);
  size_t start = 0, i = 0;
  while (i < u.size()) {
    char32_t c = u[i];
    bool brk = c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || c == 0x1c || c == 0x1d || c == 0x1e || c == 0x85 ||
               c == 0x2028 || c == 0x2029;
    if (!brk) {
      ++i;
      continue;
    }
    size_t eol = i + 1;
    if (c == '\r' && i + 1 < u.size() && u[i + 1] == '\n') eol = i + 2;
    out.push_back(utf8::encode(std::u32string_view(u).substr(start, (keepends ? eol : i) - start)));
    start = i = eol;
  }
  if (start < u.size()) out.push_back(utf8::encode(std::u32string_view(u).substr(start)));
  return out;
}

std::string center(std::string_view s, size_t width, std::string_view fill) {
  size_t len = utf8::length(s);
  if (width <= len) return std::string(s);
  size_t marg = width - len;
  size_t left = marg / 2 + (marg & width & 1);
  std::string out;
  for (size_t i = 0; i < left; ++i) out += fill;
  out += s;
  for (size_t i = 0; i < marg - left; ++i) out += fill;
  return out;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace restack::tmpl::strops
