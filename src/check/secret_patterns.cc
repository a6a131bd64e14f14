#include "check/secret_patterns.h"

#include <array>
#include <cctype>
#include <cmath>
#include <vector>

namespace restack::check {
namespace {

bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
char lower(char c) { return char(std::tolower(static_cast<unsigned char>(c))); }

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = lower(c);
  return out;
}

/// Length of the run of characters from AT that satisfy OK.
template <class Pred>
size_t run_length(std::string_view s, size_t at, Pred ok) {
  size_t n = 0;
  while (at + n < s.size() && ok(s[at + n])) ++n;
  return n;
}

bool has_digit_and_letter(std::string_view s) {
  bool d = false, a = false;
  for (char c : s) {
    d = d || std::isdigit(static_cast<unsigned char>(c));
    a = a || std::isalpha(static_cast<unsigned char>(c));
  }
  return d && a;
}

/// A token body after a known prefix: long enough, mixed letters and digits, not a placeholder.
bool plausible_token(std::string_view body, size_t min_len) {
  return body.size() >= min_len && has_digit_and_letter(body) && !is_placeholder(body);
}

bool at_word_start(std::string_view s, size_t i) { return i == 0 || !is_alnum(s[i - 1]); }

double entropy(std::string_view s) {
  std::array<int, 256> counts{};
  for (char c : s) ++counts[static_cast<unsigned char>(c)];
  double h = 0;
  for (int n : counts)
    if (n) {
      double p = double(n) / double(s.size());
      h -= p * std::log2(p);
    }
  return h;
}

std::vector<std::string> words_of(std::string_view name) {
  std::vector<std::string> words;
  std::string cur;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (!is_alnum(c)) {
      if (!cur.empty()) words.push_back(cur), cur.clear();
      continue;
    }
    // camelCase boundary: lower followed by upper.
    if (std::isupper(static_cast<unsigned char>(c)) && i > 0 && std::islower(static_cast<unsigned char>(name[i - 1])) &&
        !cur.empty())
      words.push_back(cur), cur.clear();
    cur += lower(c);
  }
  if (!cur.empty()) words.push_back(cur);
  return words;
}

}  // namespace

bool is_placeholder(std::string_view s) {
  std::string l = lowercase(s);
  for (std::string_view p : {"xxx", "your", "example", "placeholder", "changeme", "change-me", "change_me", "dummy",
                             "fake", "sample", "replace", "insert", "redacted", "<", ">", "...", "***", "todo", "${",
                             "secret-key-here", "key-here", "here", "{", "}"})
    if (l.find(p) != std::string::npos) return true;
  // The same character over and over ("aaaaaaaa", "00000000").
  if (!s.empty() && s.find_first_not_of(s[0]) == std::string_view::npos) return true;
  return false;
}

std::string_view known_secret_format(std::string_view s) {
  auto key_char = [](char c) { return is_alnum(c) || c == '-' || c == '_'; };
  for (size_t i = 0; i + 4 < s.size(); ++i) {
    if (!at_word_start(s, i)) continue;
    std::string_view rest = s.substr(i);
    if (rest.substr(0, 3) == "sk-" && plausible_token(rest.substr(3, run_length(s, i + 3, key_char)), 20))
      return "an OpenAI/Anthropic-style API key (sk-...)";
    if (rest.substr(0, 4) == "csk-" && plausible_token(rest.substr(4, run_length(s, i + 4, key_char)), 20))
      return "a Cerebras API key (csk-...)";
    if (rest.substr(0, 4) == "gsk_" && plausible_token(rest.substr(4, run_length(s, i + 4, key_char)), 20))
      return "a Groq API key (gsk_...)";
    if ((rest.substr(0, 4) == "AKIA" || rest.substr(0, 4) == "ASIA") &&
        run_length(s, i + 4, [](char c) { return std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)); }) == 16 &&
        has_digit_and_letter(rest.substr(4, 16)) && !is_placeholder(rest.substr(0, 20)))
      return "an AWS access key id (AKIA...)";
    for (std::string_view gh : {"ghp_", "gho_", "ghu_", "ghs_", "ghr_"})
      if (rest.substr(0, 4) == gh && plausible_token(rest.substr(4, run_length(s, i + 4, key_char)), 36))
        return "a GitHub token (ghp_...)";
    if (rest.substr(0, 11) == "github_pat_" && plausible_token(rest.substr(11, run_length(s, i + 11, key_char)), 22))
      return "a GitHub token (github_pat_...)";
    if (rest.substr(0, 3) == "xox" && rest.size() > 4 && rest[4] == '-' &&
        plausible_token(rest.substr(5, run_length(s, i + 5, key_char)), 20))
      return "a Slack token (xox?-...)";
    if (rest.substr(0, 7) == "Bearer ") {
      auto tok = [](char c) { return is_alnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '+' || c == '/' || c == '='; };
      std::string_view body = rest.substr(7, run_length(s, i + 7, tok));
      if (plausible_token(body, 20) && entropy(body) >= 3.5) return "a Bearer token";
    }
  }
  return {};
}

bool is_secret_name(std::string_view name) {
  std::vector<std::string> words = words_of(name);
  bool secret = false;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (w == "token" || w == "secret" || w == "password" || w == "passwd" || w == "pwd" || w == "apikey" ||
        w == "credential" || w == "credentials" || w == "passphrase")
      secret = true;
    // "key" alone is too common (dict keys, sort keys): only api/access/secret/private/auth keys.
    if (w == "key" && i > 0)
      for (std::string_view q : {"api", "access", "secret", "private", "auth", "encryption", "signing", "client"})
        if (words[i - 1] == q) secret = true;
  }
  if (!secret) return false;
  for (const auto& w : words)
    for (std::string_view neutral : {"name", "names", "env", "var", "path", "file", "url", "uri", "header", "prefix",
                                     "type", "count", "len", "length", "max", "min", "limit", "field", "param", "id",
                                     "pattern", "regex", "format", "template", "label", "help", "description", "hint",
                                     "tokens", "endpoint", "usage", "expires", "expiry", "ttl", "mask", "placeholder"})
      if (w == neutral) return false;
  return true;
}

bool is_high_entropy_secret(std::string_view s) {
  if (s.size() < 16 || s.size() > 512) return false;
  for (char c : s)
    if (std::isspace(static_cast<unsigned char>(c))) return false;
  if (s.find("://") != std::string_view::npos || is_placeholder(s)) return false;
  // An environment variable or constant name ("OPENAI_API_KEY"), a dotted or slashed path.
  bool upper_name = true;
  for (char c : s) upper_name = upper_name && (std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_');
  if (upper_name) return false;
  int classes = 0;
  bool lo = false, up = false, di = false, sy = false;
  for (char c : s) {
    lo = lo || std::islower(static_cast<unsigned char>(c));
    up = up || std::isupper(static_cast<unsigned char>(c));
    di = di || std::isdigit(static_cast<unsigned char>(c));
    sy = sy || (!is_alnum(c));
  }
  classes = int(lo) + int(up) + int(di) + int(sy);
  if (!di || classes < 2) return false;
  return entropy(s) >= 3.3;
}

}  // namespace restack::check
