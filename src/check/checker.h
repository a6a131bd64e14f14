#pragma once
// Public API of `restack-gen check`, the linter for Restack Python code. The generator calls
// check_source() on every file it writes; the CLI calls check_paths() (checker_run.h).
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostic.h"

namespace restack::check {

struct CheckOptions {
  /// Rule codes or code prefixes to run ("RSG1" = every determinism rule, "ALL"); empty = all.
  std::vector<std::string> select;
  /// Codes or prefixes to skip; wins over select.
  std::vector<std::string> ignore;
  /// Honour `# noqa` / `# noqa: CODE` comments.
  bool respect_noqa = true;
};

/// Checks one Python module. PATH is only used in the diagnostics. Never throws on any input;
/// findings are sorted by position. Project-level rules (RSG204) need check_paths().
std::vector<Diagnostic> check_source(const std::string& path, std::string_view source,
                                     const CheckOptions& options = {});

/// Whether OPTIONS enable the rule CODE.
bool rule_enabled(const CheckOptions& options, std::string_view code);

}  // namespace restack::check
