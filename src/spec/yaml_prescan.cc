#include "spec/yaml_prescan.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "spec/codes.h"

namespace restack::spec {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// Bytes scan_tokens must look at (everything else is inside a plain scalar): 1 = may start
// or end a token anywhere, 2 = ends a plain scalar's run outside flow collections.
constexpr std::array<uint8_t, 256> kTokenBytes = [] {
  std::array<uint8_t, 256> t{};
  for (unsigned char c : std::string_view("#\"'[{]},:-?|>&!*")) t[c] = 1;
  for (unsigned char c : std::string_view(" \t\r:")) t[c] = 1 | 2;
  return t;
}();

// Bytes that may matter on a line outside flow collections and block scalars: a tab, quotes,
// flow brackets and block scalar indicators. A line with none of them can neither be reported
// nor change what the next lines mean (most lines of a spec): the scan skips such lines whole.
constexpr std::array<bool, 256> kLineBytes = [] {
  std::array<bool, 256> t{};
  for (unsigned char c : std::string_view("\t\"'[]{}|>")) t[c] = true;
  return t;
}();

class Prescanner {
 public:
  Prescanner(std::string_view text, const LineIndex& lines, const std::string& file, DiagnosticSink& sink)
      : text_(text), lines_(lines), file_(file), sink_(sink) {}

  bool run() {
    size_t pos = 0;
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;  // UTF-8 byte order mark
    while (pos < text_.size() && ok_) pos = scan_line(pos);
    if (ok_ && !flows_.empty()) {
      char open = text_[flows_.back()];
      report(Code::kYamlUnterminatedFlow, flows_.back(), open == '[' ? "sequence" : "mapping",
             open == '[' ? "]" : "}");
    }
    return ok_;
  }

 private:
  template <typename... Args>
  void report(Code code, size_t offset, const Args&... args) {
    spec::report(sink_, code, lines_.locate(offset, file_), args...);
    ok_ = false;
  }

  size_t line_end(size_t pos) const {
    size_t e = text_.find('\n', pos);
    return e == std::string_view::npos ? text_.size() : e;
  }

  // Whether the byte at J, one that kLineBytes marks, can matter. Outside flow collections and
  // block scalars, a quote, bracket, brace, `|` or `>` right after a letter, digit or `_` is
  // inside a plain scalar (`List[str]`, `it's`), a comment or an anchor or tag: a quote or
  // indicator counts only at a token's start, and a token starts after a blank, an indicator
  // or the line's start. A tab always matters (it may be in the indentation).
  bool may_matter(size_t j) const {
    if (j == 0 || text_[j] == '\t') return true;
    char before = text_[j - 1];
    bool word = (before >= 'a' && before <= 'z') || (before >= 'A' && before <= 'Z') ||
                (before >= '0' && before <= '9') || before == '_';
    return !word;
  }

  // The first byte at or after POS that kLineBytes marks and may_matter() keeps (or the text's
  // size), across lines. Most of a spec's bytes go through here: 16 at a time where SSE2 is
  // there (every x86-64).
  size_t skip_plain_bytes(size_t i) const {
    const char* data = text_.data();
    const size_t n = text_.size();
#if defined(__SSE2__)
    const __m128i tab = _mm_set1_epi8('\t'), dquote = _mm_set1_epi8('"'), squote = _mm_set1_epi8('\''),
                  bracket_l = _mm_set1_epi8('['), bracket_r = _mm_set1_epi8(']'), brace_l = _mm_set1_epi8('{'),
                  brace_r = _mm_set1_epi8('}'), bar = _mm_set1_epi8('|'), gt = _mm_set1_epi8('>');
    for (; i + 16 <= n; i += 16) {
      __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
      __m128i hit = _mm_or_si128(
          _mm_or_si128(_mm_cmpeq_epi8(b, tab), _mm_or_si128(_mm_cmpeq_epi8(b, dquote), _mm_cmpeq_epi8(b, squote))),
          _mm_or_si128(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(b, bracket_l), _mm_cmpeq_epi8(b, bracket_r)),
                                    _mm_or_si128(_mm_cmpeq_epi8(b, brace_l), _mm_cmpeq_epi8(b, brace_r))),
                       _mm_or_si128(_mm_cmpeq_epi8(b, bar), _mm_cmpeq_epi8(b, gt))));
      for (auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit)); mask != 0; mask &= mask - 1)
        if (size_t j = i + static_cast<size_t>(__builtin_ctz(mask)); may_matter(j)) return j;
    }
#endif
    while (i < n && !(kLineBytes[static_cast<unsigned char>(data[i])] && may_matter(i))) ++i;
    return i;
  }

  // Returns the offset of the next line to scan.
  size_t scan_line(size_t pos) {
    if (!block_scalar_ && flows_.empty()) {
      // Lines without a byte that matters are skipped unseen: go on from the line of the next
      // such byte (once per line, this test cost more than the rest of the scan).
      size_t i = skip_plain_bytes(pos);
      if (i >= text_.size()) return text_.size() + 1;  // the rest is plain lines
      if (const void* nl = memrchr(text_.data() + pos, '\n', i - pos))
        pos = static_cast<size_t>(static_cast<const char*>(nl) - text_.data()) + 1;
    }
    size_t end = line_end(pos);
    int indent = 0;
    while (pos + indent < end && text_[pos + indent] == ' ') ++indent;
    size_t first = pos + static_cast<size_t>(indent);
    while (first < end && is_blank(text_[first])) ++first;
    bool blank_line = first == end;

    if (block_scalar_) {
      if (blank_line) return end + 1;
      if (block_indent_ < 0 && indent > block_parent_indent_) block_indent_ = indent;
      if (block_indent_ >= 0 && indent >= block_indent_) return end + 1;  // content
      block_scalar_ = false;
    }
    if (blank_line) return end + 1;
    if (flows_.empty()) {
      for (size_t i = pos + static_cast<size_t>(indent); i < first; ++i)  // spaces before it
        if (text_[i] == '\t') {
          report(Code::kYamlTab, i);
          return end + 1;
        }
    }
    line_indent_ = indent;
    return scan_tokens(first, end);
  }

  size_t scan_tokens(size_t pos, size_t end) {
    bool token_start = true;
    bool after_space = true;
    while (pos < end) {
      char c = text_[pos];
      if (!kTokenBytes[static_cast<unsigned char>(c)]) {  // the usual case: plain scalar text
        after_space = false;
        token_start = false;
        ++pos;
        if (flows_.empty())
          while (pos < end && !(kTokenBytes[static_cast<unsigned char>(text_[pos])] & 2)) ++pos;
        continue;
      }
      if (c == '#' && after_space) return end + 1;  // comment to end of line
      if (is_blank(c)) {
        after_space = true;
        ++pos;
        continue;
      }
      after_space = false;
      if ((c == '"' || c == '\'') && token_start) {
        size_t close = find_quote_end(pos);
        if (close == std::string_view::npos) {
          report(Code::kYamlUnterminatedQuote, pos, c == '"' ? "double" : "single", c == '"' ? "`\"`" : "`'`");
          return text_.size();
        }
        pos = close + 1;
        if (close >= end) end = line_end(close);  // the string spanned lines
        token_start = false;
        continue;
      }
      if ((c == '[' || c == '{') && (token_start || !flows_.empty())) {
        flows_.push_back(pos++);
        token_start = true;
        continue;
      }
      if ((c == ']' || c == '}') && !flows_.empty()) {
        flows_.pop_back();
        ++pos;
        token_start = false;
        continue;
      }
      if (c == ',' && !flows_.empty()) {
        ++pos;
        token_start = true;
        continue;
      }
      bool next_blank = pos + 1 >= end || is_blank(text_[pos + 1]);
      if (c == ':' && (next_blank || (!flows_.empty() && std::string_view(",]}").find(text_[pos + 1]) != std::string_view::npos))) {
        ++pos;
        token_start = true;
        continue;
      }
      if ((c == '-' || c == '?') && token_start && next_blank) {
        ++pos;
        continue;
      }
      if ((c == '|' || c == '>') && token_start && flows_.empty()) {
        block_scalar_ = true;
        block_indent_ = -1;
        block_parent_indent_ = line_indent_;
        return end + 1;  // the header's rest is indicators and a comment
      }
      if ((c == '&' || c == '!' || c == '*') && token_start) {
        while (pos < end && !is_blank(text_[pos]) && (flows_.empty() || std::string_view(",]}").find(text_[pos]) == std::string_view::npos))
          ++pos;
        token_start = c != '*';
        continue;
      }
      token_start = false;  // inside a plain scalar
      ++pos;
      // Outside flow collections, only a blank or a `:` can end a plain scalar's run (a `#`
      // needs a blank before it): skip the rest of the run at once.
      if (flows_.empty())
        while (pos < end && !(kTokenBytes[static_cast<unsigned char>(text_[pos])] & 2)) ++pos;
    }
    return end + 1;
  }

  // The offset of the closing quote of the string opening at OPEN, or npos.
  size_t find_quote_end(size_t open) const {
    char q = text_[open];
    for (size_t i = open + 1; i < text_.size(); ++i) {
      char c = text_[i];
      if (q == '"' && c == '\\') {
        ++i;
        continue;
      }
      if (c == q) {
        if (q == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'') {
          ++i;  // '' is an escaped quote
          continue;
        }
        return i;
      }
    }
    return std::string_view::npos;
  }

  std::string_view text_;
  const LineIndex& lines_;
  const std::string& file_;
  DiagnosticSink& sink_;
  bool ok_ = true;
  std::vector<size_t> flows_;  // offsets of open `[` / `{`
  bool block_scalar_ = false;
  int block_indent_ = -1;
  int block_parent_indent_ = 0;
  int line_indent_ = 0;
};

}  // namespace

bool prescan_yaml(std::string_view text, const LineIndex& lines, const std::string& file, DiagnosticSink& sink) {
  return Prescanner(text, lines, file, sink).run();
}

}  // namespace restack::spec
