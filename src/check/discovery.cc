#include "check/discovery.h"

#include <algorithm>

#include "check/gitignore.h"

namespace restack::check {
namespace fs = std::filesystem;
namespace {

bool is_virtualenv(const fs::path& dir) {
  std::error_code ec;
  std::string name = dir.filename().string();
  return name == "venv" || name == ".venv" || fs::exists(dir / "pyvenv.cfg", ec);
}

bool skipped_folder_name(const std::string& name) {
  return (!name.empty() && name[0] == '.') || name == "__pycache__" || name == "node_modules" ||
         name == "site-packages";
}

/// .gitignore files from the enclosing repository root down to DIR (exclusive).
void add_enclosing_gitignores(IgnoreRules& rules, const fs::path& dir) {
  std::vector<fs::path> chain;
  std::error_code ec;
  for (fs::path p = dir.parent_path(); !p.empty(); p = p.parent_path()) {
    chain.push_back(p);
    if (fs::exists(p / ".git", ec) || p == p.root_path()) break;
  }
  bool in_repo = !chain.empty() && fs::exists(chain.back() / ".git", ec);
  if (!in_repo) return;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) rules.add_file_in(*it);
}

void walk_folder(const fs::path& shown_root, std::vector<fs::path>& out) {
  std::error_code abs_ec;
  fs::path root = fs::absolute(shown_root, abs_ec).lexically_normal();
  if (root.filename().empty()) root = root.parent_path();  // "src/" -> "src"
  IgnoreRules rules;
  add_enclosing_gitignores(rules, root);
  // Explicit stack: folder, and how many ignore patterns were active before it added its own.
  struct Frame {
    fs::path dir;
  };
  std::vector<Frame> stack{{root}};
  // Patterns are only added, never removed: a .gitignore's patterns are anchored to its own
  // folder (IgnoreRules skips paths outside a pattern's base), so sibling folders are unaffected.
  while (!stack.empty()) {
    fs::path dir = std::move(stack.back().dir);
    stack.pop_back();
    rules.add_file_in(dir);
    std::error_code ec;
    std::vector<fs::path> subdirs;
    for (fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end;
         it.increment(ec)) {
      const fs::directory_entry& e = *it;
      std::error_code ec2;
      std::string name = e.path().filename().string();
      if (e.is_symlink(ec2)) {
        if (!e.is_regular_file(ec2)) continue;  // never follow folder links (loops)
      }
      if (e.is_directory(ec2)) {
        if (skipped_folder_name(name) || is_virtualenv(e.path()) || rules.ignored(e.path(), true)) continue;
        subdirs.push_back(e.path());
      } else if (e.is_regular_file(ec2) && e.path().extension() == ".py" && !rules.ignored(e.path(), false)) {
        out.push_back((shown_root / e.path().lexically_relative(root)).lexically_normal());
      }
    }
    std::sort(subdirs.rbegin(), subdirs.rend());
    for (auto& s : subdirs) stack.push_back({std::move(s)});
  }
}

}  // namespace

DiscoveredFiles discover_python_files(const std::vector<std::string>& paths) {
  DiscoveredFiles d;
  for (const auto& p : paths) {
    std::error_code ec;
    fs::path path(p);
    if (fs::is_directory(path, ec)) {
      walk_folder(path, d.files);
    } else if (fs::is_regular_file(path, ec)) {
      d.files.push_back(path);  // an explicit file is always checked, whatever its name
    } else {
      d.errors.push_back(p + ": no such file or directory");
    }
  }
  std::sort(d.files.begin(), d.files.end());
  d.files.erase(std::unique(d.files.begin(), d.files.end()), d.files.end());
  return d;
}

}  // namespace restack::check
