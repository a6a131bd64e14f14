#pragma once
// The generator's pipeline steps: template context (context.h) -> rendered files in an
// OutputTree -> self-check of the generated Python files. generate.h runs them in order;
// writing the tree to disk is the caller's (output_tree.h), so nothing is written unless every
// step succeeded.
#include <map>
#include <string>
#include <vector>

#include "common/diagnostic.h"
#include "generate/context.h"
#include "generate/output_tree.h"
#include "generate/template_set.h"
#include "spec/model.h"

namespace restack::generate {

class BodyProvider;

struct RenderResult {
  bool ok = false;
  bool internal = false;  // the failure is a bug in the templates (exit 4), not in the input
};

/// Renders every file of CONTEXT.files with TEMPLATES into TREE; every thread reads the one
/// shared CONTEXT.data. Problems (a template error,
/// a path clash, a checker finding in generated code) go to SINK. TEMPLATES_ARE_OURS: errors in
/// them are internal errors (the embedded set) rather than input errors (`--templates DIR`).
/// Files are rendered on up to JOBS threads (0 = default_jobs(), parallel.h); the tree and the
/// diagnostics are the same for every JOBS.
RenderResult render_project(const Context& context, const std::vector<TemplateSource>& templates,
                            bool templates_are_ours, OutputTree& tree, DiagnosticSink& sink, unsigned jobs = 0);

/// Which generated modules self_check() runs the checker on.
enum class SelfCheckScope {
  /// Modules holding a user's `code:` or an LLM-written body: the only generated text that
  /// does not come from the bundled templates filled with names, annotations and literals the
  /// generator computed. Template-only modules are covered by the test suite, which checks every
  /// file (kAll) of the examples and of random specs (docs/generate.md, "Self-check").
  kUserCode,
  kAll,  // every .py file
};

/// The modules holding a user's `code:` or an LLM-written body: path -> origin ("code" or
/// "llm"), from a built context.
std::map<std::string, std::string> user_code_modules(const Context& context);

/// Runs restack-gen's own checker over the generated .py files of TREE that SCOPE selects.
/// USER_CODE: user_code_modules() of the context TREE was rendered from.
/// Findings in code the templates wrote are errors: a bug in restack-gen when TEMPLATES_ARE_OURS
/// (exit 4), otherwise a problem in the user's --templates (exit 1). Findings in modules holding
/// a user's `code:` or an LLM body are warnings. Returns whether a template-written module has
/// an error. Modules are checked on up to JOBS threads, findings reported in path order.
bool self_check(const OutputTree& tree, const std::map<std::string, std::string>& user_code, DiagnosticSink& sink,
                SelfCheckScope scope = SelfCheckScope::kAll, unsigned jobs = 0, bool templates_are_ours = true);

}  // namespace restack::generate
