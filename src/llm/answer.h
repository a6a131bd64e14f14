#pragma once
// Turning an LLM answer into a function body: take the code (from a ```python fence, a bare
// ``` fence, or the whole answer), and if the answer restates the function (`async def NAME(`),
// keep only its body (plus imports it placed above the def); then dedent and re-indent.
#include <string>
#include <string_view>

namespace restack::llm {

struct ExtractedBody {
  std::string body;   // indented with INDENT, no trailing newline; empty on error
  std::string error;  // "the answer holds no code", ...
  bool ok() const { return error.empty(); }
};

/// The code part of ANSWER: the first python-tagged fence, else the first fence, else the
/// whole answer. An unclosed fence (a truncated answer) yields what follows it.
std::string extract_code(std::string_view answer);

/// Removes the common leading whitespace of the non-blank lines (Python's textwrap.dedent).
std::string dedent(std::string_view code);
/// Prefixes every non-blank line with INDENT.
std::string indent_lines(std::string_view code, std::string_view indent);

/// extract_code + isolating FUNCTION_NAME's body when the answer restates the def + re-indent.
ExtractedBody extract_function_body(std::string_view answer, std::string_view function_name,
                                    std::string_view indent = "    ");

}  // namespace restack::llm
