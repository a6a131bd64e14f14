#pragma once
// Template errors are restack::DiagnosticError values. Deep code (filters, operators) raises
// them without a position; the renderer adds the template name and line of the node being
// evaluated as the error passes by, so the innermost template wins (an include, a macro in an
// imported file), as in Jinja2's tracebacks.
#include <string>

#include "common/diagnostic.h"

namespace restack::tmpl {

inline constexpr const char* kSyntaxErrorCode = "E-template-syntax";
inline constexpr const char* kRuntimeErrorCode = "E-template-runtime";
inline constexpr const char* kNotFoundErrorCode = "E-template-not-found";
inline constexpr const char* kLimitErrorCode = "E-template-limit";

/// Throws a DiagnosticError without a location (the renderer fills it in).
[[noreturn]] void raise_error(std::string message, const char* code = kRuntimeErrorCode);
/// Throws a DiagnosticError at FILE:LINE.
[[noreturn]] void raise_error_at(const std::string& file, int line, std::string message,
                                 const char* code = kRuntimeErrorCode);
/// Rethrows E with FILE:LINE when it has no location yet, unchanged otherwise.
[[noreturn]] void relocate(const DiagnosticError& e, const std::string& file, int line);

}  // namespace restack::tmpl
