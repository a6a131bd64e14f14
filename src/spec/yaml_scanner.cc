#include "spec/yaml_scanner.h"

#include "spec/byte_scan.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

namespace restack::spec::yaml {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Characters that end a run of ordinary quoted text. (Not strchr: it would match a NUL byte
// with the string's terminator and stop without advancing.)
bool is_single_quoted_special(char c) { return c == '\'' || is_blank(c) || is_break(c); }
bool is_double_quoted_special(char c) { return c == '"' || c == '\\' || is_blank(c) || is_break(c); }

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

Scanner::Scanner(std::string_view text, StringStore& store) : text_(text), store_(store) {
  // A UTF-8 byte order mark is not content; columns on the first line count from after it.
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = line_start_ = 3;
}

void Scanner::fail(size_t offset, std::string message) const { throw SyntaxError{offset, std::move(message)}; }

bool Scanner::blank_or_end_at(size_t ahead) const {
  char c = peek(ahead);
  return c == '\0' ? pos_ + ahead >= text_.size() : is_blank(c) || is_break(c);
}

bool Scanner::at_document_marker() const {
  if (pos_ != line_start_ || text_.size() - pos_ < 3) return false;
  std::string_view three = text_.substr(pos_, 3);
  return (three == "---" || three == "...") && blank_or_end_at(3);
}

void Scanner::skip_break() {
  if (peek() == '\r') ++pos_;
  if (peek() == '\n') ++pos_;
  line_start_ = pos_;
}

bool Scanner::skip_blanks_and_comment() {
  // In locals: the loop runs over every indentation and separating blank of the file.
  const char* data = text_.data();
  const size_t n = text_.size();
  size_t p = skip_blank_bytes(data, pos_, n);
  // `#` starts a comment only after a blank or at the start of a line (`a#b` is a scalar).
  if (p < n && data[p] == '#' && (p == line_start_ || is_blank(data[p - 1]))) {
    const void* nl = std::memchr(data + p, '\n', n - p);
    p = nl ? static_cast<size_t>(static_cast<const char*>(nl) - data) : n;
    if (p > 0 && p < n && data[p - 1] == '\r') --p;
  }
  pos_ = p;
  return p >= n || is_break(data[p]);
}

bool Scanner::skip_to_token() {
  bool crossed = false;
  while (skip_blanks_and_comment() && !at_end()) {
    skip_break();
    crossed = true;
  }
  return crossed;
}

// ---------------------------------------------------------------- plain scalars

size_t Scanner::plain_line_end(size_t from, bool flow) const {
  const char* data = text_.data();
  size_t i = from, end = from, n = text_.size();
  for (;;) {
    // Ordinary characters, most of any scalar, 16 at a time (byte_scan.h).
    size_t run = i;
    i = find_plain_stop(data, i, n, flow);
    if (i > run) end = i;
    if (i >= n) break;
    char c = data[i];
    if (is_break(c)) break;
    if (c == ':') {
      char next = i + 1 < n ? data[i + 1] : ' ';
      if (is_blank(next) || is_break(next) || (flow && is_flow_indicator(next))) break;
      end = ++i;
    } else if (is_blank(c)) {
      ++i;
      if (i < n && data[i] == '#') break;  // ` #` starts a comment
    } else {
      break;  // a flow indicator, in flow context
    }
  }
  return end;
}

std::string_view Scanner::scan_plain_line(bool flow) {
  size_t start = pos_;
  pos_ = plain_line_end(pos_, flow);
  return text_.substr(start, pos_ - start);
}

int Scanner::skip_folded_breaks() {
  int breaks = 0;
  for (;;) {
    while (is_blank(peek())) ++pos_;
    if (!is_break(peek())) return breaks;
    skip_break();
    ++breaks;
  }
}

void Scanner::append_folded_break(std::string& out, int empty_lines) {
  if (empty_lines == 0) out += ' ';
  else out.append(static_cast<size_t>(empty_lines), '\n');
}

void Scanner::scan_quoted_whitespace(std::string& out) {
  size_t ws = pos_;
  while (is_blank(peek())) ++pos_;
  if (!is_break(peek())) {  // blanks inside a line are content
    out.append(text_.substr(ws, pos_ - ws));
    return;
  }
  skip_break();  // trailing blanks go, the break folds
  append_folded_break(out, skip_folded_breaks());
}

void Scanner::continue_plain(std::string_view& value, bool flow, int min_indent) {
  std::string out;  // the folded text, once a second line is found
  bool folded = false;
  for (;;) {
    Mark end_of_content = mark();
    while (is_blank(peek())) ++pos_;
    if (!is_break(peek())) {  // a comment, `: `, a flow indicator or the end: the scalar ends
      reset(end_of_content);
      if (folded) value = store_.keep(std::move(out));
      return;
    }
    skip_break();
    int empty_lines = skip_folded_breaks();
    // The cheap tests first: in block context the next line is usually a key indented less.
    bool continues = !at_end() && (flow || column() >= min_indent) && !at_document_marker() && peek() != '#';
    size_t end = continues ? plain_line_end(pos_, flow) : pos_;
    if (!continues || end <= pos_) {
      reset(end_of_content);
      if (folded) value = store_.keep(std::move(out));
      return;
    }
    if (!folded) out.assign(value), folded = true;
    append_folded_break(out, empty_lines);
    out.append(text_.substr(pos_, end - pos_));
    pos_ = end;
  }
}

// ---------------------------------------------------------------- quoted scalars

bool Scanner::scan_quoted_as_is(char quote, std::string_view& out) {
  size_t i = pos_ + 1, n = text_.size();
  while (i < n) {
    char c = text_[i];
    if (c == quote) {
      if (quote == '\'' && i + 1 < n && text_[i + 1] == '\'') return false;  // '' is an escape
      out = text_.substr(pos_ + 1, i - pos_ - 1);
      pos_ = i + 1;
      return true;
    }
    if (is_break(c) || (c == '\\' && quote == '"')) return false;
    ++i;
  }
  return false;  // unterminated: the slow path reports it
}

std::string_view Scanner::scan_single_quoted() {
  std::string_view v;
  if (scan_quoted_as_is('\'', v)) return v;
  return store_.keep(scan_single_quoted_slow());
}

std::string_view Scanner::scan_double_quoted() {
  std::string_view v;
  if (scan_quoted_as_is('"', v)) return v;
  return store_.keep(scan_double_quoted_slow());
}

std::string Scanner::scan_single_quoted_slow() {
  size_t open = pos_++;
  std::string out;
  for (;;) {
    if (at_end()) fail(open, "the file ends inside a single-quoted string");
    char c = peek();
    if (c == '\'') {
      if (peek(1) != '\'') {
        ++pos_;
        return out;
      }
      out += '\'';  // '' is an escaped quote
      pos_ += 2;
    } else if (is_blank(c) || is_break(c)) {
      scan_quoted_whitespace(out);
    } else {
      size_t start = pos_;
      while (pos_ < text_.size() && !is_single_quoted_special(text_[pos_])) ++pos_;
      out.append(text_.substr(start, pos_ - start));
    }
  }
}

std::string Scanner::scan_double_quoted_slow() {
  size_t open = pos_++;
  std::string out;
  for (;;) {
    if (at_end()) fail(open, "the file ends inside a double-quoted string");
    char c = peek();
    if (c == '"') {
      ++pos_;
      return out;
    }
    if (c == '\\') {
      if (is_break(peek(1))) {  // an escaped line break joins the lines without a space
        ++pos_;
        skip_break();
        while (is_blank(peek())) ++pos_;
        continue;
      }
      append_escape(out);
    } else if (is_blank(c) || is_break(c)) {
      scan_quoted_whitespace(out);
    } else {
      size_t start = pos_;
      while (pos_ < text_.size() && !is_double_quoted_special(text_[pos_])) ++pos_;
      out.append(text_.substr(start, pos_ - start));
    }
  }
}

void Scanner::append_escape(std::string& out) {
  size_t at = pos_;
  char e = peek(1);
  pos_ += 2;
  int hex_digits = 0;
  switch (e) {
    case '0': out += '\0'; return;
    case 'a': out += '\a'; return;
    case 'b': out += '\b'; return;
    case 't':
    case '\t': out += '\t'; return;
    case 'n': out += '\n'; return;
    case 'v': out += '\v'; return;
    case 'f': out += '\f'; return;
    case 'r': out += '\r'; return;
    case 'e': out += '\x1b'; return;
    case ' ': out += ' '; return;
    case '"': out += '"'; return;
    case '/': out += '/'; return;
    case '\\': out += '\\'; return;
    case 'N': append_utf8(out, 0x85); return;
    case '_': append_utf8(out, 0xA0); return;
    case 'L': append_utf8(out, 0x2028); return;
    case 'P': append_utf8(out, 0x2029); return;
    case 'x': hex_digits = 2; break;
    case 'u': hex_digits = 4; break;
    case 'U': hex_digits = 8; break;
    default:
      fail(at, "unknown escape `\\" + std::string(1, e) + "` in a double-quoted string (write `\\\\` for a backslash)");
  }
  auto read_hex = [&](size_t from) -> uint32_t {
    uint32_t cp = 0;
    for (int i = 0; i < hex_digits; ++i) {
      int v = hex_value(from + i < text_.size() ? text_[from + i] : '\0');
      if (v < 0) fail(at, "the escape `\\" + std::string(1, e) + "` needs " + std::to_string(hex_digits) + " hexadecimal digits");
      cp = cp * 16 + static_cast<uint32_t>(v);
    }
    return cp;
  };
  uint32_t cp = read_hex(pos_);
  pos_ += static_cast<size_t>(hex_digits);
  // A UTF-16 surrogate pair written as two \u escapes (as JSON does) is one character.
  if (e == 'u' && cp >= 0xD800 && cp <= 0xDBFF && peek() == '\\' && peek(1) == 'u') {
    uint32_t low = read_hex(pos_ + 2);
    if (low >= 0xDC00 && low <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      pos_ += 6;
    }
  }
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) fail(at, "the escape does not name a Unicode character");
  append_utf8(out, cp);
}

// ---------------------------------------------------------------- block scalars

int Scanner::skip_block_breaks(int indent) {
  int breaks = 0;
  for (;;) {
    while (column() < indent && peek() == ' ') ++pos_;
    if (!is_break(peek())) return breaks;
    skip_break();
    ++breaks;
  }
}

// After PyYAML's scan_block_scalar, so both agree on indentation, folding and chomping.
std::string_view Scanner::scan_block_scalar(int parent_indent) {
  bool folded = peek() == '>';
  ++pos_;
  int chomping = 0;  // -1 strip, 0 clip, +1 keep
  int increment = 0;
  for (int i = 0; i < 2; ++i) {
    char c = peek();
    if ((c == '+' || c == '-') && chomping == 0) {
      chomping = c == '+' ? 1 : -1;
    } else if (c >= '1' && c <= '9' && increment == 0) {
      increment = c - '0';
    } else if (c == '0') {
      fail(pos_, "a block scalar's indentation indicator must be 1 to 9");
    } else {
      break;
    }
    ++pos_;
  }
  if (!is_blank(peek()) && !is_break(peek()) && !at_end())
    fail(pos_, "unexpected text after the block scalar indicator (only `+`, `-`, a digit 1-9 and a comment may follow)");
  if (!skip_blanks_and_comment())
    fail(pos_, "unexpected text after the block scalar indicator (the content starts on the next line)");
  if (!at_end()) skip_break();

  int min_indent = std::max(parent_indent + 1, 1);
  int indent;
  int breaks = 0;
  if (increment == 0) {
    // Auto-detected: the first non-empty line's indentation (or deeper leading empty lines').
    int max_indent = 0;
    for (;;) {
      while (peek() == ' ') ++pos_;
      max_indent = std::max(max_indent, column());
      if (!is_break(peek())) break;
      skip_break();
      ++breaks;
    }
    indent = std::max(min_indent, max_indent);
  } else {
    indent = min_indent + increment - 1;
    breaks = skip_block_breaks(indent);
  }

  std::string out;
  bool line_break = false;  // the last content line ended with a break
  while (column() == indent && !at_end()) {
    out.append(static_cast<size_t>(breaks), '\n');
    bool leading_non_space = !is_blank(peek());
    size_t start = pos_;
    const void* nl = std::memchr(text_.data() + pos_, '\n', text_.size() - pos_);
    pos_ = nl ? static_cast<size_t>(static_cast<const char*>(nl) - text_.data()) : text_.size();
    size_t end = pos_;
    if (end > start && text_[end - 1] == '\r') --end;
    out.append(text_.substr(start, end - start));
    line_break = !at_end();
    if (line_break) skip_break();
    breaks = skip_block_breaks(indent);
    if (column() != indent || at_end()) break;
    // Folding joins two "normal" lines with a space; more-indented lines keep their breaks.
    if (folded && line_break && leading_non_space && !is_blank(peek())) {
      if (breaks == 0) out += ' ';
    } else if (line_break) {
      out += '\n';
    }
  }
  if (chomping >= 0 && line_break) out += '\n';
  if (chomping > 0) out.append(static_cast<size_t>(breaks), '\n');
  return store_.keep(std::move(out));
}

// ---------------------------------------------------------------- properties

std::string_view Scanner::scan_anchor_name() {
  size_t indicator = pos_++;
  size_t start = pos_;
  while (!at_end() && !is_blank(peek()) && !is_break(peek()) && !is_flow_indicator(peek())) ++pos_;
  if (pos_ == start) fail(indicator, std::string(text_[indicator] == '&' ? "an anchor" : "an alias") + " needs a name right after `" + text_[indicator] + "`");
  return text_.substr(start, pos_ - start);
}

std::string_view Scanner::scan_tag() {
  size_t start = pos_++;
  if (peek() == '<') {  // verbatim: !<tag:yaml.org,2002:str>
    while (!at_end() && peek() != '>' && !is_break(peek())) ++pos_;
    if (peek() != '>') fail(start, "a verbatim tag `!<...>` is missing its closing `>`");
    ++pos_;
  } else {
    while (!at_end() && !is_blank(peek()) && !is_break(peek()) && !is_flow_indicator(peek())) ++pos_;
  }
  return text_.substr(start, pos_ - start);
}

}  // namespace restack::spec::yaml
