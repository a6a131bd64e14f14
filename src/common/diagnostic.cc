#include "common/diagnostic.h"

#include <algorithm>
#include <tuple>

namespace restack {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kNote: return "note";
  }
  return "error";
}

Diagnostic& DiagnosticSink::add(Diagnostic d) {
  if (d.severity == Severity::kError) ++errors_;
  if (d.severity == Severity::kWarning) ++warnings_;
  diagnostics_.push_back(std::move(d));
  return diagnostics_.back();
}

Diagnostic& DiagnosticSink::error(SourceLocation where, std::string code, std::string message) {
  return add(Diagnostic{std::move(where), {}, Severity::kError, std::move(code), std::move(message), {}});
}

Diagnostic& DiagnosticSink::warning(SourceLocation where, std::string code, std::string message) {
  return add(Diagnostic{std::move(where), {}, Severity::kWarning, std::move(code), std::move(message), {}});
}

void DiagnosticSink::clear() {
  diagnostics_.clear();
  errors_ = warnings_ = 0;
}

void DiagnosticSink::sort() {
  std::stable_sort(diagnostics_.begin(), diagnostics_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.location.file, a.location.line, a.location.column) <
           std::tie(b.location.file, b.location.line, b.location.column);
  });
}

}  // namespace restack
