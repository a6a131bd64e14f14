#include "generate/python_names.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace restack::generate {

namespace {
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower_or_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }
char upper(char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); }

std::string join(const std::vector<std::string>& words, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i) out += sep;
    out += words[i];
  }
  return out;
}

std::string capitalized(const std::string& w) {
  std::string s = w;
  if (!s.empty()) s[0] = upper(s[0]);
  return s;
}
}  // namespace

std::vector<std::string> split_words(std::string_view name) {
  std::vector<std::string> words;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) words.push_back(std::move(cur));
    cur.clear();
  };
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c == '_' || c == '-' || c == ' ') {
      flush();
      continue;
    }
    if (is_upper(c) && !cur.empty()) {
      char prev = name[i - 1];
      bool next_lower = i + 1 < name.size() && name[i + 1] >= 'a' && name[i + 1] <= 'z';
      // "dataProcessor" splits before P; "HTTPPage" splits before the last capital of a run.
      if (is_lower_or_digit(prev) || (is_upper(prev) && next_lower)) flush();
    }
    cur += lower(c);
  }
  flush();
  return words;
}

std::string snake_case(std::string_view name) { return join(split_words(name), "_"); }
std::string kebab_case(std::string_view name) { return join(split_words(name), "-"); }

std::string pascal_case(std::string_view name) {
  std::string out;
  for (const auto& w : split_words(name)) out += capitalized(w);
  return out;
}

std::string camel_case(std::string_view name) {
  auto words = split_words(name);
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) out += i == 0 ? words[i] : capitalized(words[i]);
  return out;
}

std::string title_case(std::string_view name) {
  std::vector<std::string> words;
  for (const auto& w : split_words(name)) words.push_back(capitalized(w));
  return join(words, " ");
}

bool is_python_keyword(std::string_view word) {
  static constexpr std::array<std::string_view, 35> kKeywords = {
      "False", "None",   "True",    "and",      "as",     "assert", "async", "await",  "break",
      "class", "continue", "def",   "del",      "elif",   "else",   "except", "finally", "for",
      "from",  "global", "if",      "import",   "in",     "is",     "lambda", "nonlocal", "not",
      "or",    "pass",   "raise",   "return",   "try",    "while",  "with",   "yield"};
  return std::find(kKeywords.begin(), kKeywords.end(), word) != kKeywords.end();
}

bool NameScope::taken(const std::string& name) const {
  if (names_.count(name)) return true;
  return parent_ && !hidden_.count(name) && parent_->taken(name);
}

std::string NameScope::peek_fresh(const std::string& base) const {
  std::string name = base;
  while (taken(name) || is_python_keyword(name)) name += '_';
  return name;
}

std::string NameScope::fresh(const std::string& base) {
  std::string name = base;
  while (taken(name) || is_python_keyword(name)) name += '_';
  names_.insert(name);
  return name;
}

}  // namespace restack::generate
