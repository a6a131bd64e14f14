#pragma once
// Whether a body may be written. The generator plugs in its own check (the body placed into
// the real skeleton, parsed by restack::check); python_syntax_validator() is the stand-alone
// default: the body inside an `async def`, parsed by CPython's ast module.
#include <functional>
#include <optional>
#include <string>

namespace restack::llm {

/// Nothing when BODY is acceptable, else the error to send back to the model
/// ("line 3: invalid syntax"), phrased so that the model can fix it.
using Validator = std::function<std::optional<std::string>(const std::string& body)>;

/// Runs PYTHON (default /usr/bin/python3) with ast.parse on the body wrapped in
/// `async def _restack_body():` (so bodies at column 0 or
/// indented both work); line numbers in the error refer to the body. When PYTHON is
/// missing, every body passes with no check (the generator's own validator is the real gate).
Validator python_syntax_validator(std::string python = "/usr/bin/python3");

struct ProcessResult {
  int exit_code = -1;  // -1: could not run
  std::string out, err;
};
/// Runs ARGV (no shell) with STDIN_TEXT on its stdin; captures stdout and stderr.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& stdin_text);

}  // namespace restack::llm
