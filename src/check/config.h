#pragma once
// Settings from the checked project's pyproject.toml, table [tool.restack-gen.check]:
//   select = ["RSG1", "RSG401"]   ignore = ["RSG205"]   (arrays of strings, may span lines)
// A small reader for that subset of TOML, not a TOML parser: other tables are skipped.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostic.h"

namespace restack::check {

struct ProjectSettings {
  std::optional<std::vector<std::string>> select;
  std::vector<std::string> ignore;
  std::filesystem::path file;  // the pyproject.toml they came from, empty if none
};

/// Parses the [tool.restack-gen.check] table of pyproject text; problems (a value that is not
/// an array of strings) are appended to ERRORS with their position.
ProjectSettings parse_project_settings(std::string_view toml, const std::string& path,
                                       std::vector<Diagnostic>* errors = nullptr);

/// The nearest pyproject.toml at or above DIR, or an empty path.
std::filesystem::path find_pyproject(const std::filesystem::path& dir);

}  // namespace restack::check
