#include "check/gitignore.h"

#include <vector>

#include "common/file_io.h"

namespace restack::check {
namespace fs = std::filesystem;

namespace {

/// Matches a bracket expression at P[pi] against C; sets END past the closing bracket.
bool match_class(std::string_view p, size_t pi, char c, size_t& end) {
  size_t i = pi + 1;
  bool negate = i < p.size() && (p[i] == '!' || p[i] == '^');
  if (negate) ++i;
  bool matched = false;
  size_t start = i;
  while (i < p.size() && (p[i] != ']' || i == start)) {
    if (i + 2 < p.size() && p[i + 1] == '-' && p[i + 2] != ']') {
      if (c >= p[i] && c <= p[i + 2]) matched = true;
      i += 3;
    } else {
      if (p[i] == c) matched = true;
      ++i;
    }
  }
  if (i >= p.size()) {  // no closing bracket: a literal '['
    end = pi + 1;
    return c == '[';
  }
  end = i + 1;
  return matched != negate && c != '/';
}

/// Memoised matcher: each (pattern, text) position pair is decided once, so `*****x` against a
/// long name stays O(|pattern| * |text|) instead of exponential.
class Matcher {
 public:
  Matcher(std::string_view p, std::string_view t) : p_(p), t_(t), memo_((p.size() + 1) * (t.size() + 1), 0) {}
  bool match(size_t pi, size_t ti) {
    char& m = memo_[pi * (t_.size() + 1) + ti];
    if (m) return m == 2;
    bool r = compute(pi, ti);
    m = r ? 2 : 1;
    return r;
  }

 private:
  bool compute(size_t pi, size_t ti) {
    if (pi == p_.size()) return ti == t_.size();
    char pc = p_[pi];
    if (pc == '*') {
      bool double_star = pi + 1 < p_.size() && p_[pi + 1] == '*';
      if (double_star) {
        size_t next = pi + 2;
        if (next < p_.size() && p_[next] == '/') {
          // `**/` matches zero or more whole folders.
          for (size_t k = ti; k <= t_.size(); ++k)
            if ((k == ti || t_[k - 1] == '/') && match(next + 1, k)) return true;
          return false;
        }
        for (size_t k = ti; k <= t_.size(); ++k)
          if (match(next, k)) return true;
        return false;
      }
      // `*` matches nothing, or one more non-slash character.
      if (match(pi + 1, ti)) return true;
      return ti < t_.size() && t_[ti] != '/' && match(pi, ti + 1);
    }
    if (ti >= t_.size()) return false;
    if (pc == '?') return t_[ti] != '/' && match(pi + 1, ti + 1);
    if (pc == '[') {
      size_t end = 0;
      return match_class(p_, pi, t_[ti], end) && match(end, ti + 1);
    }
    if (pc == '\\' && pi + 1 < p_.size()) return p_[pi + 1] == t_[ti] && match(pi + 2, ti + 1);
    return pc == t_[ti] && match(pi + 1, ti + 1);
  }

  std::string_view p_, t_;
  std::vector<char> memo_;  // 0 unknown, 1 no, 2 yes
};

}  // namespace

bool glob_match(std::string_view pattern, std::string_view text) {
  if (pattern.size() > 4096 || text.size() > 4096) return false;  // not a real .gitignore line or path
  return Matcher(pattern, text).match(0, 0);
}

void IgnoreRules::add(std::string_view content, const fs::path& base) {
  size_t pos = 0;
  while (pos <= content.size()) {
    size_t nl = content.find('\n', pos);
    std::string_view line = content.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? content.size() + 1 : nl + 1;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    Pattern p;
    p.base = base;
    if (line[0] == '!') {
      p.negate = true;
      line.remove_prefix(1);
    } else if (line[0] == '\\') {
      line.remove_prefix(1);
    }
    if (!line.empty() && line.back() == '/') {
      p.dir_only = true;
      line.remove_suffix(1);
    }
    if (line.empty()) continue;
    if (line[0] == '/') {
      p.anchored = true;
      line.remove_prefix(1);
    } else if (line.find('/') != std::string_view::npos) {
      p.anchored = true;  // an inner slash anchors the pattern too
    }
    if (line.substr(0, 3) == "**/") {
      p.anchored = false;  // `**/foo` = `foo` at any depth
      line.remove_prefix(3);
      if (line.find('/') != std::string_view::npos) p.anchored = true, p.glob = "**/";
    }
    p.glob += std::string(line);
    patterns_.push_back(std::move(p));
  }
}

void IgnoreRules::add_file_in(const fs::path& base) {
  std::error_code ec;
  fs::path file = base / ".gitignore";
  if (!fs::is_regular_file(file, ec)) return;
  ReadResult r = read_text_file(file, 1u << 20);
  if (r.ok) add(r.content, base);
}

bool IgnoreRules::ignored(const fs::path& path, bool is_dir) const {
  bool result = false;
  std::string name = path.filename().string();
  for (const Pattern& p : patterns_) {
    if (p.dir_only && !is_dir) continue;
    if (p.negate != result) continue;  // only a pattern that could flip the answer matters
    fs::path rel = path.lexically_relative(p.base);
    std::string r = rel.generic_string();
    if (r.empty() || r == "." || r.rfind("..", 0) == 0) continue;
    bool m = p.anchored ? glob_match(p.glob, r) : glob_match(p.glob, name);
    if (m) result = !p.negate;
  }
  return result;
}

}  // namespace restack::check
