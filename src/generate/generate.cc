#include "generate/generate.h"

#include <utility>

#include "generate/body_provider.h"
#include "generate/context.h"
#include "generate/llm_body_provider.h"
#include "generate/pipeline.h"
#include "generate/template_set.h"

namespace restack::generate {

namespace {

/// Where bodies come from: `code:`, else the LLM's answer (when there are answers), else the
/// placeholder.
class Bodies {
 public:
  explicit Bodies(const GenerateOptions& options)
      : llm_(placeholder_, options.llm_results ? *options.llm_results : no_results_), code_(llm_) {}
  BodyProvider& provider() { return code_; }

 private:
  const std::vector<llm::BodyResult> no_results_;
  PlaceholderBodyProvider placeholder_;
  LlmBodyProvider llm_;
  CodeBodyProvider code_;
};

}  // namespace

GenerateResult generate_project(spec::Project project, const GenerateOptions& options, DiagnosticSink& sink) {
  GenerateResult result;
  const bool templates_are_ours = options.templates_dir.empty();
  std::vector<TemplateSource> templates = embedded_templates();
  if (!templates_are_ours) {
    if (auto err = load_template_dir(options.templates_dir, templates)) {
      result.status = GenerateStatus::kTemplateDirUnreadable;
      result.error = std::move(*err);
      return result;
    }
  }

  Context context;
  {
    Bodies bodies(options);
    context = build_context(project, bodies.provider(), {options.generator_version, options.jobs});
    result.releases.emplace_back(std::move(project));  // everything needed is in the context now
  }
  const auto user_code = user_code_modules(context);
  auto rendered = render_project(context, templates, templates_are_ours, result.tree, sink, options.jobs);
  result.releases.emplace_back(std::move(context));  // the rendered files are all that is needed now
  if (!rendered.ok) {
    result.status = rendered.internal ? GenerateStatus::kBundledTemplateFailed : GenerateStatus::kRenderFailed;
    return result;
  }
  // Template-only modules are proven by the test suite for the bundled templates only.
  auto scope = options.check_all || !templates_are_ours ? SelfCheckScope::kAll : SelfCheckScope::kUserCode;
  if (self_check(result.tree, user_code, sink, scope, options.jobs, templates_are_ours))
    result.status = templates_are_ours ? GenerateStatus::kGeneratedCodeFailsCheck : GenerateStatus::kUserTemplatesFailCheck;
  return result;
}

std::string project_context_json(const spec::Project& project, const GenerateOptions& options) {
  Bodies bodies(options);
  return context_json(build_context(project, bodies.provider(), {options.generator_version, options.jobs}));
}

}  // namespace restack::generate
