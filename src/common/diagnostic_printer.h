#pragma once
// The one printer for diagnostics: `FILE:LINE:COL: severity: message` lines (ninja/gcc style,
// which editors and CI annotate), or a JSON array for tools.
#include <iosfwd>
#include <string>
#include <vector>

#include "common/diagnostic.h"

namespace restack {

struct PrintOptions {
  bool color = false;
  bool show_code = false;  // append " [code]" to each message
};

void print_text(std::ostream& out, const std::vector<Diagnostic>& diagnostics, const PrintOptions& options = {});
/// JSON array of {file, line, column, end_line, end_column, severity, code, message, notes}.
std::string to_json(const std::vector<Diagnostic>& diagnostics);
std::string format_location(const SourceLocation& loc);

}  // namespace restack
