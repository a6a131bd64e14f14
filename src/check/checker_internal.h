#pragma once
// Internals shared by checker.cc, the multi-file runner and the project-level pass.
#include <string>
#include <string_view>
#include <vector>

#include "check/checker.h"
#include "check/semantic_model.h"
#include "check/source_map.h"
#include "check/syntax_tree.h"

namespace restack::check {

class Context;

/// What the project-level pass needs to know about one module, as plain data (no tree nodes:
/// the tree is gone by then).
struct ModuleSummary {
  struct Definition {
    std::string name;
    std::string kind;  // "workflow", "agent", "function"
    SourceLocation begin, end;
  };
  std::vector<Definition> definitions;  // module-level, decorated with *.defn
  /// Module-level imports: local name -> qualified name (relative imports keep leading dots).
  std::vector<std::pair<std::string, std::string>> imports;
  bool is_services = false;  // calls *.start_service(...)
  /// Registered expressions of start_service lists: a qualified name when imported, or the
  /// local name (prefixed with ':') when defined in this module.
  std::vector<std::string> registered;
};

struct FileResult {
  std::vector<Diagnostic> diagnostics;
  ModuleSummary summary;
  bool read_error = false;
};

void run_rules(Context& ctx, const FlatTree& tree, const CheckOptions& options);
void filter_noqa(std::vector<Diagnostic>& diagnostics, const SourceMap& map);
void sort_diagnostics(std::vector<Diagnostic>& diagnostics);
ModuleSummary summarize_module(const SemanticModel& model, TSNode root, const std::string& path, const SourceMap& map);
FileResult check_module(PythonParser& parser, const std::string& path, std::string_view source,
                        const CheckOptions& options);

}  // namespace restack::check
