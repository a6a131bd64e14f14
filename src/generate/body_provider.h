#pragma once
// Where function bodies come from. The pipeline asks a BodyProvider once per function for the
// statements of its `async def`; everything around the body (decorator, signature, imports of
// the function's models, the models themselves) is the generator's job and not the provider's.
//
// Providers:
//   - PlaceholderBodyProvider (`--llm off`): logs, returns the output model filled with
//     defaults or zero values, and says in a TODO comment what to implement. Always runnable.
//   - CodeBodyProvider: the spec's `code:` verbatim (re-indented); functions without `code:` go
//     to the provider it wraps (placeholder now, the LLM-backed provider once src/llm lands).
// An LLM-backed provider implements the same interface; when it cannot answer (service down,
// bad answer) it should fall back to the placeholder itself so generation still succeeds.
#include <memory>
#include <string>
#include <vector>

#include "spec/model.h"

namespace restack::generate {

class PythonTypes;

/// Everything a provider may use to write one function's body.
struct BodyRequest {
  const spec::Project& project;
  const spec::Function& function;
  /// The first workflow that calls the function (context for an LLM prompt); may be null.
  const spec::Workflow* caller = nullptr;
  /// Python names the body must use (aliased where they clash with a project name).
  std::string input_model;   // empty: the function takes no input
  std::string output_model;  // empty: the function returns nothing
  std::string log_name;      // the module's name for restack_ai.function.log
  /// Renders values of spec types; names it uses are imported into the function's module.
  PythonTypes& types;
};

/// One function body: statements indented at column 0 (the generator indents them into the
/// `async def`), plus the import lines the body needs.
struct FunctionBody {
  std::string code;
  std::vector<std::string> imports;  // verbatim import statements (from `imports:`)
  std::string origin;                // "placeholder", "code" or "llm" (shown in the context)
};

class BodyProvider {
 public:
  virtual ~BodyProvider() = default;
  virtual FunctionBody body(const BodyRequest& request) = 0;
  /// Whether body() may be called from several threads at once (build_context then builds
  /// function modules in parallel). False unless a provider says so.
  virtual bool concurrent() const { return false; }
};

class PlaceholderBodyProvider : public BodyProvider {
 public:
  FunctionBody body(const BodyRequest& request) override;
  bool concurrent() const override { return true; }  // no state
};

/// `code:` bodies verbatim; other functions go to FALLBACK (not owned).
class CodeBodyProvider : public BodyProvider {
 public:
  explicit CodeBodyProvider(BodyProvider& fallback) : fallback_(fallback) {}
  FunctionBody body(const BodyRequest& request) override;
  bool concurrent() const override { return fallback_.concurrent(); }

 private:
  BodyProvider& fallback_;
};

/// Removes the common leading whitespace of all non-blank lines (Python's textwrap.dedent),
/// trailing whitespace of each line and blank lines at both ends.
std::string dedent(const std::string& code);

}  // namespace restack::generate
