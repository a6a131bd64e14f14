#pragma once
// Python source text for values, written the way black 23 leaves them, so generated files are
// black-stable without running black: string quotes chosen by black's rule, floats as Python's
// repr, calls either on one line or exploded one argument per line with a trailing comma.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace restack::generate {

/// black's line length: generated lines stay within it wherever the code allows a break.
inline constexpr size_t kLineLength = 88;

/// A Python string literal: double quotes unless single quotes need fewer escapes (black's
/// normalize_string_quotes), control characters escaped, other UTF-8 kept as is.
std::string python_string(std::string_view text);
/// python_string(TEXT) appended to OUT (no string of its own).
void append_python_string(std::string& out, std::string_view text);

/// repr() of a Python float: shortest round trip, always with a '.' or an exponent.
std::string python_float(double value);

/// A JSON value as a Python literal (dict/list/str/int/float/bool/None), on one line.
std::string python_literal(const nlohmann::json& value);

/// The text of a docstring body: one line, whitespace collapsed, quotes and backslashes escaped
/// so that `"""` + result + `"""` is valid and black-stable.
std::string docstring_text(std::string_view description);

/// TEXT on one line (a comment): whitespace runs collapsed to one space, control characters
/// dropped, trimmed.
std::string one_line(std::string_view text);

/// One keyword (or positional, when key is empty) argument of a call.
struct Arg {
  std::string key;
  std::string value;  // may span several lines, indented relative to the argument's own line
};

/// `callee(a=1, b=2)` on one line, whatever its length.
std::string flat_call(std::string_view callee, const std::vector<Arg>& args);

/// Lays out a one-line expression the way black leaves it: unchanged when it fits in the line
/// (USED columns of the first line are taken: the line's indentation BASE, what precedes the
/// expression and what follows it, such as a trailing comma), otherwise its last bracket pair
/// is exploded one item per line with a magic trailing comma (black keeps that form), items
/// laid out recursively. Continuation lines are indented relative to BASE (the caller's line),
/// so a template re-indents the whole text with Jinja2's `indent` filter; INDENT_REST spaces
/// before each line but the first place it at once (what `indent(INDENT_REST)` would give).
std::string fit(std::string_view expr, size_t base, size_t used, size_t indent_rest = 0);

/// A call laid out by fit(); FORCE_EXPLODE always puts one argument per line (step calls read
/// better that way and black keeps them).
std::string call_expr(std::string_view callee, const std::vector<Arg>& args, size_t base, size_t used,
                      bool force_explode = false);

/// One argument line of an exploded call, as call_expr(..., FORCE_EXPLODE) writes each: four
/// spaces, `KEY=` (nothing when KEY is empty), VALUE laid out by fit() for a call on a line
/// indented by BASE, and ",\n". For callers that write a call piece by piece (step calls).
void append_call_arg(std::string& out, std::string_view key, std::string_view value, size_t base);
/// The same with INDENT spaces before the argument's line and each of its continuation lines:
/// the call's text as it stands in a file at column INDENT (no `indent` filter to apply).
void append_call_arg(std::string& out, std::string_view key, std::string_view value, size_t base, size_t indent);

/// A one-line call `callee(key=value, ...)` written by its caller with where each argument
/// starts and ends, so that laying it out needs no scan for its brackets and commas. CALLEE must
/// hold no bracket, quote or comma, and each value must be one expression (what flat_call's
/// arguments are): then append_call_arg below gives what it gives for the call's text.
class FlatCall {
 public:
  /// Starts `CALLEE(` (the object is reused: its buffers keep their room).
  void start(std::string_view callee);
  /// Starts an argument (`, ` before all but the first, `KEY=` unless KEY is empty) and returns
  /// the text to append its value to; the argument ends where the next starts or at finish().
  std::string& arg(std::string_view key);
  void finish();
  std::string_view text() const { return text_; }

 private:
  friend void append_call_arg(std::string& out, std::string_view key, const FlatCall& call, size_t base, size_t indent);
  std::string text_;
  size_t open_ = 0;  // position of '('
  std::vector<std::pair<size_t, size_t>> items_;  // [begin, end) of each argument
};

/// append_call_arg(OUT, KEY, CALL.text(), BASE, INDENT), with CALL's brackets and commas known
/// instead of found by a scan (step calls lay out some 5,000 model constructions).
void append_call_arg(std::string& out, std::string_view key, const FlatCall& call, size_t base, size_t indent);

/// Re-indents every line after the first by N spaces (Jinja2's `indent` filter semantics).
std::string indent_rest(std::string_view text, size_t n);

}  // namespace restack::generate
