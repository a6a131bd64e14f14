#pragma once
// The common subset of .gitignore: comments, `!` negation, trailing `/` (directories only),
// leading or inner `/` (anchored to the .gitignore's folder), `*`, `?`, `**`, `[abc]`/`[a-z]`/`[!a]`.
// The last matching pattern wins, as in git.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace restack::check {

/// fnmatch-like match: `*` and `?` do not cross `/`, `**` does.
bool glob_match(std::string_view pattern, std::string_view text);

class IgnoreRules {
 public:
  /// Adds the patterns of the .gitignore text CONTENT, relative to folder BASE.
  void add(std::string_view content, const std::filesystem::path& base);
  /// Adds BASE/.gitignore when it exists.
  void add_file_in(const std::filesystem::path& base);
  /// Whether PATH (absolute or relative like the bases) is ignored.
  bool ignored(const std::filesystem::path& path, bool is_dir) const;
  size_t size() const { return patterns_.size(); }

 private:
  struct Pattern {
    std::string glob;
    std::filesystem::path base;
    bool negate = false;
    bool dir_only = false;
    bool anchored = false;
  };
  std::vector<Pattern> patterns_;
};

}  // namespace restack::check
