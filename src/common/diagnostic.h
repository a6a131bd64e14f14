#pragma once
// One diagnostic value for every module (spec loader, validator, template engine, checker,
// generator): where, how bad, a stable code, what, and optional notes. Modules only produce
// these; the CLI prints them through one printer (diagnostic_printer.h).
#include <string>
#include <vector>

namespace restack {

/// A position in a source file. Lines and columns count from 1; 0 means "unknown".
/// Columns count characters (UTF-8 code points), not bytes.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;

  bool known() const { return line > 0; }
};

enum class Severity { kError, kWarning, kNote };
const char* severity_name(Severity s);

/// A secondary message attached to a diagnostic ("did you mean ...?", "first defined here").
struct DiagnosticNote {
  SourceLocation location;  // may be unknown: then it is printed at the diagnostic's location
  std::string message;
};

struct Diagnostic {
  SourceLocation location;
  SourceLocation end;  // optional end of the span (checker findings); unknown otherwise
  Severity severity = Severity::kError;
  std::string code;  // stable, e.g. "E-yaml-syntax", "RSG101"
  std::string message;
  std::vector<DiagnosticNote> notes;
};

/// Collects diagnostics; loaders and validators append and go on, so a user sees every problem
/// at once rather than one per run.
class DiagnosticSink {
 public:
  Diagnostic& add(Diagnostic d);
  Diagnostic& error(SourceLocation where, std::string code, std::string message);
  Diagnostic& warning(SourceLocation where, std::string code, std::string message);

  const std::vector<Diagnostic>& all() const { return diagnostics_; }
  std::vector<Diagnostic>& all() { return diagnostics_; }
  bool has_errors() const { return errors_ > 0; }
  size_t error_count() const { return errors_; }
  size_t warning_count() const { return warnings_; }
  void clear();

  /// Stable sort by file, line, column (ruff's rendering order).
  void sort();

 private:
  std::vector<Diagnostic> diagnostics_;
  size_t errors_ = 0;
  size_t warnings_ = 0;
};

/// An exception that carries a diagnostic: for the few places where stopping is right
/// (a template syntax error, an I/O failure deep in a writer).
class DiagnosticError : public std::exception {
 public:
  explicit DiagnosticError(Diagnostic d) : diagnostic_(std::move(d)) {}
  const Diagnostic& diagnostic() const { return diagnostic_; }
  const char* what() const noexcept override { return diagnostic_.message.c_str(); }

 private:
  Diagnostic diagnostic_;
};

}  // namespace restack
