#pragma once
// Builds a Template AST from source, following Jinja2 3.1's grammar and its error messages.
#include <memory>
#include <string>
#include <string_view>

#include "template/ast.h"
#include "template/lexer.h"

namespace restack::tmpl {

class Registry;

/// Parses SOURCE (named NAME in errors). Filters and tests are resolved against REGISTRY;
/// an unknown one is an error unless it sits inside an if (then it fails when run, as in Jinja2).
/// Throws DiagnosticError at NAME:LINE on a syntax error.
std::shared_ptr<Template> parse_template(std::string_view source, const std::string& name,
                                         const LexerOptions& options, const Registry& registry);

}  // namespace restack::tmpl
