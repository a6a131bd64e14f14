// RSG001 syntax-error: code tree-sitter cannot parse, at the exact position of the ERROR or
// MISSING node.
#include <string>

#include "check/rules/rule_helpers.h"
#include "check/rules/rules.h"

namespace restack::check {
namespace syntax_error_impl {

std::string describe(std::string_view token) {
  if (token.size() > 30) token = token.substr(0, 30);
  std::string s;
  for (char c : token) s += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  return s;
}

void check(Context& ctx, TSNode node) {
  if (ts_node_is_missing(node)) {
    uint32_t at = ts_node_start_byte(node);
    ctx.report_span(at, at, "syntax error: expected `" + describe(ts_node_type(node)) + "`",
                    "Python cannot import this file; fix the syntax first");
    return;
  }
  // An ERROR node can swallow many valid statements around the real problem: follow the first
  // child that contains an error down to the innermost one, then point at its first token.
  for (int depth = 0; depth < 256; ++depth) {
    TSNode inner{};
    uint32_t n = ts_node_child_count(node);
    for (uint32_t i = 0; i < n && ts_node_is_null(inner); ++i) {
      TSNode c = ts_node_child(node, i);
      if (ts_node_has_error(c)) inner = c;
    }
    if (ts_node_is_null(inner)) break;
    if (ts_node_is_missing(inner)) {
      uint32_t at = ts_node_start_byte(inner);
      ctx.report_span(at, at, "syntax error: expected `" + describe(ts_node_type(inner)) + "`",
                      "Python cannot import this file; fix the syntax first");
      return;
    }
    node = inner;
  }
  TSNode first = ts_node_child(node, 0);
  while (!ts_node_is_null(first) && ts_node_child_count(first) > 0) first = ts_node_child(first, 0);
  std::string_view token = ctx.text(ts_node_is_null(first) ? node : first);
  std::string msg = token.empty() ? "syntax error" : "syntax error: unexpected `" + describe(token) + "`";
  ctx.report(node, msg, "Python cannot import this file; fix the syntax first");
}

}  // namespace syntax_error_impl

const Rule& syntax_error_rule() {
  static const Rule rule{{"RSG001", "syntax-error", Severity::kError, "Python code that does not parse",
                          "A module with a syntax error cannot be imported: the worker fails at start-up, or, "
                          "for a workflow file, at the first replay. Every other rule needs a parse tree.",
                          "def greet(name:\n    return f\"Hello {name}\"\n",
                          "def greet(name: str) -> str:\n    return f\"Hello {name}\"\n"},
                         {Kind::kError},
                         syntax_error_impl::check};
  return rule;
}

}  // namespace restack::check
