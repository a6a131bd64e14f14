#pragma once
// The lexical half of our YAML parser: a cursor over the text that knows YAML's character
// classes, skips blanks and comments, and decodes the four scalar styles (plain, single- and
// double-quoted, block literal/folded) with YAML 1.2's line folding and escapes. It knows
// nothing of mappings or sequences; yaml_parser.cc decides the structure from what it sees.
//
// Positions are byte offsets; line:column is computed only for diagnostics (LineIndex).
//
// Scalars come back as views: of the text when the value is its source bytes, else of a
// string kept in the StringStore given to the constructor (which must outlive the views).
#include <cstddef>
#include <string>
#include <string_view>

#include "spec/byte_scan.h"
#include "spec/yaml_tree.h"

namespace restack::spec::yaml {

/// Malformed YAML found while scanning or parsing: parse_document reports it as
/// E-yaml-syntax at OFFSET. Thrown only inside the parser and caught at its entry point.
struct SyntaxError {
  size_t offset;
  std::string message;
};

inline bool is_blank(char c) { return c == ' ' || c == '\t'; }
inline bool is_break(char c) { return c == '\n' || c == '\r'; }
inline bool is_flow_indicator(char c) { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'; }

class Scanner {
 public:
  Scanner(std::string_view text, StringStore& store);

  /// A saved position, to look ahead (e.g. past a line break) and come back.
  struct Mark {
    size_t pos;
    size_t line_start;
  };

  size_t pos() const { return pos_; }
  Mark mark() const { return Mark{pos_, line_start_}; }
  void reset(Mark m) {
    pos_ = m.pos;
    line_start_ = m.line_start;
  }
  bool at_end() const { return pos_ >= text_.size(); }
  /// The character at pos()+AHEAD, or '\0' past the end.
  char peek(size_t ahead = 0) const { return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0'; }
  /// Column of pos() in bytes from the start of its line (indentation is ASCII spaces).
  int column() const { return static_cast<int>(pos_ - line_start_); }
  std::string_view text() const { return text_; }
  void advance(size_t n = 1) { pos_ += n; }

  /// Whether the character AHEAD of pos() is a blank, a line break or the end.
  bool blank_or_end_at(size_t ahead) const;
  /// `---` or `...` at the start of a line, followed by a blank, a break or the end.
  bool at_document_marker() const;

  /// Skips blanks on this line and a comment after them. Returns true when the cursor then
  /// stands at a line break or the end (nothing else on the line).
  bool skip_blanks_and_comment();
  /// Skips blanks, comments and line breaks to the next token. Returns whether it crossed a
  /// line break. Column() is then the token's indentation when it starts its line.
  bool skip_to_token();

  // Scalars. Each starts at the scalar's first character (or quote / indicator) and leaves the
  // cursor just after its last character.

  /// A plain scalar on this line only (an implicit-key candidate); stops before `: `, ` #`,
  /// trailing blanks and, in FLOW context, flow indicators.
  std::string_view scan_plain_line(bool flow);
  /// Continues a plain scalar whose first line VALUE was just scanned onto the following
  /// lines (folded with spaces / newlines); VALUE then views the whole folded text. In block
  /// context, continuation lines must be indented more than MIN_INDENT - 1.
  void continue_plain(std::string_view& value, bool flow, int min_indent);
  /// A quick look that spares continue_plain (block context) in the usual case: true when the
  /// cursor is at a `\n` and the next line holds text indented less than MIN_INDENT, so that
  /// continue_plain would find nothing to add. False means: call continue_plain.
  bool next_line_ends_plain(int min_indent) const {
    const char* p = text_.data() + pos_;
    const char* end = text_.data() + text_.size();
    if (p >= end || *p != '\n') return false;
    ++p;
    const char* q = p + (skip_space_bytes(p, 0, static_cast<size_t>(end - p)));
    return q < end && q - p < min_indent && !is_blank(*q) && !is_break(*q);
  }
  std::string_view scan_single_quoted();
  std::string_view scan_double_quoted();
  /// `|` or `>` with its header; PARENT_INDENT is the indentation of the enclosing block node.
  std::string_view scan_block_scalar(int parent_indent);
  /// An anchor or alias name after `&` / `*` (the cursor is on the indicator).
  std::string_view scan_anchor_name();
  /// A tag (`!`, `!!str`, `!foo`, `!<verbatim>`), returned as written.
  std::string_view scan_tag();

 private:
  [[noreturn]] void fail(size_t offset, std::string message) const;
  /// Moves past one line break (\n, \r\n or \r) at pos().
  void skip_break();
  /// Skips blanks and empty lines after a line break; returns how many more breaks it passed
  /// and leaves the cursor on the first non-blank of the next non-empty line.
  int skip_folded_breaks();
  /// Line folding, shared by plain and quoted scalars: a single break becomes a space, each
  /// further (empty) line a newline.
  static void append_folded_break(std::string& out, int empty_lines);
  /// Blanks and breaks inside a quoted scalar, at pos(): kept within a line, folded across lines.
  void scan_quoted_whitespace(std::string& out);
  /// Block scalars: skips up to INDENT spaces and empty lines; returns the breaks passed.
  int skip_block_breaks(int indent);
  /// End of the plain text on the line starting at FROM (trailing blanks excluded).
  size_t plain_line_end(size_t from, bool flow) const;
  void append_escape(std::string& out);
  std::string scan_single_quoted_slow();
  std::string scan_double_quoted_slow();
  /// A quoted scalar written as is (no escape, doubled quote or line break inside): the view
  /// of its bytes, the cursor after the closing quote. Nothing when it needs decoding.
  bool scan_quoted_as_is(char quote, std::string_view& out);

  std::string_view text_;
  StringStore& store_;
  size_t pos_ = 0;
  size_t line_start_ = 0;
};

}  // namespace restack::spec::yaml
