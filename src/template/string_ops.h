#pragma once
// Python str operations shared by str methods and filters.
#include <string>
#include <string_view>
#include <vector>

namespace restack::tmpl::strops {

std::string strip(std::string_view s, bool left, bool right, const std::string* chars = nullptr);
/// str.split(sep=None, maxsplit=-1).
std::vector<std::string> split(std::string_view s, const std::string* sep, int64_t maxsplit);
std::vector<std::string> rsplit(std::string_view s, const std::string* sep, int64_t maxsplit);
std::string replace(std::string_view s, std::string_view old, std::string_view repl, int64_t count = -1);
std::string title(std::string_view s);       // str.title()
std::string capitalize(std::string_view s);  // str.capitalize()
std::string swapcase(std::string_view s);
/// str.splitlines(): \n, \r\n, \r, \v, \f, \x1c-\x1e, \x85, \u2028, \u2029.
std::vector<std::string> splitlines(std::string_view s, bool keepends = false);
/// splitlines of ASCII text S as views into S (no copies). S must be ASCII.
std::vector<std::string_view> splitlines_ascii(std::string_view s, bool keepends = false);
/// Whether S may hold a line break splitlines() breaks at: false means S is one line (the
/// bytes of U+0085, U+2028 and U+2029 are checked too, so any UTF-8 text may be given).
bool may_break_line(std::string_view s);
/// The position of the first ASCII line break (as splitlines_ascii breaks) in S at or after
/// FROM, or S.size().
size_t find_line_break_ascii(std::string_view s, size_t from);
/// Calls FN with each line of splitlines_ascii(S + "\n") (Jinja2's indent adds a newline before
/// it splits), as views of S: the text with the newline is never built. S must be ASCII.
template <typename Fn>
void for_each_line_newline_added_ascii(std::string_view s, Fn&& fn) {
  size_t start = 0;
  for (size_t i = find_line_break_ascii(s, 0); i < s.size(); i = find_line_break_ascii(s, start)) {
    fn(s.substr(start, i - start));
    if (s[i] == '\r' && i + 1 == s.size()) return;  // a last "\r" and the added "\n" are one break
    start = s[i] == '\r' && s[i + 1] == '\n' ? i + 2 : i + 1;
  }
  fn(s.substr(start));  // the line the added "\n" ends (empty after a last line break)
}
std::string center(std::string_view s, size_t width, std::string_view fill = " ");
bool starts_with(std::string_view s, std::string_view prefix);
bool ends_with(std::string_view s, std::string_view suffix);

/// Whether S has a byte in [LO, HI] (an ASCII range).
inline bool has_ascii_in(std::string_view s, char lo, char hi) {
  for (char c : s)
    if (c >= lo && c <= hi) return true;
  return false;
}

}  // namespace restack::tmpl::strops
