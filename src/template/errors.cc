#include "template/errors.h"

namespace restack::tmpl {

void raise_error(std::string message, const char* code) {
  Diagnostic d;
  d.code = code;
  d.message = std::move(message);
  throw DiagnosticError(std::move(d));
}

void raise_error_at(const std::string& file, int line, std::string message, const char* code) {
  Diagnostic d;
  d.code = code;
  d.message = std::move(message);
  d.location.file = file;
  d.location.line = line;
  throw DiagnosticError(std::move(d));
}

void relocate(const DiagnosticError& e, const std::string& file, int line) {
  if (e.diagnostic().location.known()) throw e;
  Diagnostic d = e.diagnostic();
  d.location.file = file;
  d.location.line = line;
  throw DiagnosticError(std::move(d));
}

}  // namespace restack::tmpl
