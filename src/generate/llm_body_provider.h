#pragma once
// LLM-written function bodies for `generate --llm PROVIDER`, in two passes so that one
// llm::BodyService::generate call covers the whole run (its `jobs` bound the whole run):
//
//   1. build_context with a PromptCollector (placeholder bodies, and a record of every function
//      without `code:`), render that project, and complete_prompts() from the rendered files
//      (skeleton = the real function module with its placeholder, model sources, signatures);
//   2. BodyService::generate(all requests), then build_context again with an LlmBodyProvider
//      that answers by function name: the validated body, or the placeholder with
//      `# <reason>` when the LLM gave up or failed.
// Functions with `code:` never reach the collector (CodeBodyProvider answers them first).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "generate/body_provider.h"
#include "generate/context.h"
#include "generate/output_tree.h"
#include "generate/template_set.h"
#include "llm/body_service.h"
#include "llm/prompts.h"
#include "llm/validator.h"

namespace restack::generate {

/// Pass 1: answers with FALLBACK (the placeholder) and records each function it was asked for.
class PromptCollector : public BodyProvider {
 public:
  explicit PromptCollector(BodyProvider& fallback) : fallback_(fallback) {}
  FunctionBody body(const BodyRequest& request) override;
  /// One per function asked for, in context order; name/description/prompt/workflow filled.
  std::vector<llm::FunctionPromptContext>& prompts() { return prompts_; }

 private:
  BodyProvider& fallback_;
  std::vector<llm::FunctionPromptContext> prompts_;
};

/// Fills signature, skeleton, model sources, other functions and models of PROMPTS from the
/// pass-1 CONTEXT and the project TREE rendered from it.
void complete_prompts(std::vector<llm::FunctionPromptContext>& prompts, const Context& context,
                      const OutputTree& tree);

/// Pass 1 as one call: builds and renders PROJECT with placeholder bodies (with the bundled
/// templates, or those of TEMPLATES_DIR when not empty; errors are ignored here, the real pass
/// reports them) and returns the prompt of every function without `code:`, completed.
std::vector<llm::FunctionPromptContext> collect_prompts(const spec::Project& project, const std::string& templates_dir,
                                                        const std::string& generator_version);

/// Pass 2: the BodyService results by function name; not-ok results give FALLBACK's body with
/// a comment saying why.
class LlmBodyProvider : public BodyProvider {
 public:
  LlmBodyProvider(BodyProvider& fallback, const std::vector<llm::BodyResult>& results);
  FunctionBody body(const BodyRequest& request) override;
  bool concurrent() const override { return fallback_.concurrent(); }  // results_ is only read

 private:
  BodyProvider& fallback_;
  std::map<std::string, llm::BodyResult> results_;
};

/// The generator's validator: the body (at column 0) placed into a function module like the
/// generated ones, parsed and checked by restack::check; the first error as "line N: message"
/// with N counted in the body.
llm::Validator checker_validator();

/// The prompt renderer: templates/prompts/*.j2 embedded in the binary; a file of the same name
/// in OVERRIDE_DIR (`--templates DIR` → DIR/prompts) replaces the bundled one.
std::unique_ptr<llm::PromptRenderer> make_prompt_renderer(const std::filesystem::path& override_dir);

/// The prompt templates compiled into this binary.
const std::vector<TemplateSource>& embedded_prompts();

namespace detail {
const std::vector<TemplateSource>& embedded_prompt_table();  // generated
}

}  // namespace restack::generate
