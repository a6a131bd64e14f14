#include "generate/python_names.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>

namespace restack::generate {

namespace {
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower_or_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
// ASCII only, whatever the locale (std::tolower's answer for other bytes depends on it).
char lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
char upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

/// Calls F(word) for every word of NAME, in NAME's own case: words end at '_', '-' and ' ', and
/// before a capital that follows a lowercase letter or digit ("dataProcessor" splits before P)
/// or that starts a lowercase run after capitals ("HTTPPage" splits before the last capital).
/// Views into NAME: the case styles below build each result in one string, without a vector
/// of words (names are cased some 50,000 times for a large project).
template <typename F>
void for_each_word(std::string_view name, F&& f) {
  size_t start = 0;
  bool in_word = false;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c == '_' || c == '-' || c == ' ') {
      if (in_word) f(name.substr(start, i - start));
      in_word = false;
      continue;
    }
    if (in_word && is_upper(c)) {
      char prev = name[i - 1];
      bool next_lower = i + 1 < name.size() && name[i + 1] >= 'a' && name[i + 1] <= 'z';
      if (is_lower_or_digit(prev) || (is_upper(prev) && next_lower)) {
        f(name.substr(start, i - start));
        start = i;
      }
    }
    if (!in_word) {
      in_word = true;
      start = i;
    }
  }
  if (in_word) f(name.substr(start));
}

/// NAME's words lowercased, the first letter of each uppercased when CAPITALIZE(index) says so,
/// joined by SEP ('\0': nothing).
template <typename Capitalize>
std::string join_words(std::string_view name, char sep, Capitalize capitalize) {
  std::string out;
  out.reserve(name.size() + 4);
  size_t index = 0;
  for_each_word(name, [&](std::string_view word) {
    if (index && sep) out += sep;
    const bool cap = capitalize(index++);
    for (size_t i = 0; i < word.size(); ++i) out += i == 0 && cap ? upper(lower(word[i])) : lower(word[i]);
  });
  return out;
}
}  // namespace

std::vector<std::string> split_words(std::string_view name) {
  std::vector<std::string> words;
  for_each_word(name, [&](std::string_view word) {
    std::string w;
    w.reserve(word.size());
    for (char c : word) w += lower(c);
    words.push_back(std::move(w));
  });
  return words;
}

std::string snake_case(std::string_view name) {
  return join_words(name, '_', [](size_t) { return false; });
}
std::string kebab_case(std::string_view name) {
  return join_words(name, '-', [](size_t) { return false; });
}
std::string pascal_case(std::string_view name) {
  return join_words(name, '\0', [](size_t) { return true; });
}
std::string camel_case(std::string_view name) {
  return join_words(name, '\0', [](size_t i) { return i > 0; });
}
std::string title_case(std::string_view name) {
  return join_words(name, ' ', [](size_t) { return true; });
}

CaseStyles case_styles(std::string_view name) {
  // What the five join_words calls give, each word lowercased once for all of them.
  CaseStyles out;
  size_t index = 0;
  for_each_word(name, [&](std::string_view word) {
    if (index) {
      out.snake += '_';
      out.kebab += '-';
      out.title += ' ';
    }
    for (size_t i = 0; i < word.size(); ++i) {
      const char lo = lower(word[i]);
      const char cap = i == 0 ? upper(lo) : lo;
      out.snake += lo;
      out.kebab += lo;
      out.pascal += cap;
      out.title += cap;
      out.camel += index > 0 ? cap : lo;
    }
    ++index;
  });
  return out;
}

bool is_python_keyword(std::string_view word) {
  // Sorted (ASCII order) for a binary search: every generated name and import is checked.
  static constexpr std::array<std::string_view, 35> kKeywords = {
      "False", "None",   "True",    "and",      "as",     "assert", "async", "await",  "break",
      "class", "continue", "def",   "del",      "elif",   "else",   "except", "finally", "for",
      "from",  "global", "if",      "import",   "in",     "is",     "lambda", "nonlocal", "not",
      "or",    "pass",   "raise",   "return",   "try",    "while",  "with",   "yield"};
  static_assert(std::is_sorted(kKeywords.begin(), kKeywords.end()));
  if (word.size() < 2 || word.size() > 8) return false;  // "as" .. "continue", "nonlocal"
  // Most names asked about are no keyword: one whose first letter starts no keyword of its
  // length is answered without the search (per length, bit C - 'A' for each first letter C).
  constexpr std::array<uint64_t, 9> kFirstLetters = [] {
    std::array<uint64_t, 9> bits{};
    for (std::string_view k : kKeywords) bits[k.size()] |= uint64_t{1} << (k[0] - 'A');
    return bits;
  }();
  const char first = word[0];
  if (first < 'A' || first > 'z' || !(kFirstLetters[word.size()] >> (first - 'A') & 1)) return false;
  return std::binary_search(kKeywords.begin(), kKeywords.end(), word);
}

bool NameScope::taken(std::string_view name) const { return has_own(name) || taken_above(name); }

bool NameScope::has_own(std::string_view name) const {
  if (hashed_) return names_.find(name) != names_.end();
  for (const auto& n : few_)
    if (n == name) return true;
  return false;
}

bool NameScope::add_own(std::string_view name) {
  if (!hashed_) {
    for (const auto& n : few_)
      if (n == name) return false;
    if (few_.size() < kFew) {
      if (few_.empty()) few_.reserve(kFew);
      few_.emplace_back(name);
      return true;
    }
    spill(2 * kFew);
  }
  // Looked up first: a repeated claim (the models module claims every field name of some 12,000
  // classes, mostly the same few) then makes no string.
  if (names_.find(name) != names_.end()) return false;
  names_.emplace(name);
  return true;
}

void NameScope::spill(size_t n) {
  names_.reserve(n + few_.size());
  for (auto& name : few_) names_.insert(std::move(name));
  few_.clear();
  few_.shrink_to_fit();
  hashed_ = true;
}

bool NameScope::taken_above(std::string_view name) const {
  return parent_ && (hidden_.empty() || hidden_.find(name) == hidden_.end()) && parent_->taken(name);
}

std::string NameScope::peek_fresh(std::string_view base) const {
  std::string name(base);
  while (taken(name) || is_python_keyword(name)) name += '_';
  return name;
}

std::string NameScope::fresh(std::string_view base) {
  // The cheap checks first (keywords, the parents), then the insertion itself answers whether
  // this scope binds NAME already: no separate lookup before it.
  std::string name(base);
  while (true) {
    if (!is_python_keyword(name) && !taken_above(name)) {
      if (add_own(name)) return name;
    }
    name += '_';
  }
}

}  // namespace restack::generate
