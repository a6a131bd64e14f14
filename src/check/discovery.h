#pragma once
// Which files `restack-gen check PATH...` looks at: explicit files as given, folders searched
// recursively for *.py, skipping hidden folders, virtual environments (a pyvenv.cfg, or named
// venv/.venv), __pycache__, node_modules, and what .gitignore files ignore (those of the
// enclosing git repository above the folder, and those found while descending).
#include <filesystem>
#include <string>
#include <vector>

namespace restack::check {

struct DiscoveredFiles {
  std::vector<std::filesystem::path> files;  // sorted, without duplicates
  std::vector<std::string> errors;           // "PATH: no such file or directory"
};

DiscoveredFiles discover_python_files(const std::vector<std::string>& paths);

}  // namespace restack::check
