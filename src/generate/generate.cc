#include "generate/generate.h"

#include <functional>
#include <string>
#include <string_view>
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

  // Template-only modules are proven by the test suite for the bundled templates only.
  const auto scope = options.check_all || !templates_are_ours ? SelfCheckScope::kAll : SelfCheckScope::kUserCode;
  // Streamed files leave the tree, except those the self-check reads (user_code_modules()).
  const std::function<bool(const PlannedFile&, const tmpl::Value*)> checked = [&](const PlannedFile& file,
                                                                                  const tmpl::Value* item) {
    if (scope == SelfCheckScope::kAll)
      return file.path.size() >= 3 && file.path.compare(file.path.size() - 3, 3, ".py") == 0;
    thread_local ContextKey origin("origin");  // a position hint per rendering thread
    return file.item == PlannedFile::Item::kFunction && item && origin.string(*item) != "placeholder";
  };
  const RenderStream stream{options.output, &checked};
  // Each function's and workflow's file is rendered (and written) as soon as its context is
  // built, by the thread that built it; each project-wide file as soon as the parts of the
  // context its template names are (src/models.py with the models, the README at the end), so
  // that no thread waits for one large file at the end.
  const std::vector<PlannedFile> plan = file_plan(project);
  ProjectRender render(templates, templates_are_ours, plan, options.jobs, options.output ? &stream : nullptr);
  const ItemReady on_item = [&](PlannedFile::Item kind, size_t index, const tmpl::Value& item, const tmpl::Value& generator,
                                const tmpl::Value& project_dict) { render.render_item(kind, index, item, generator, project_dict); };
  const PartReady on_part = [&](std::string_view key, const tmpl::Value& value) { render.part_ready(key, value); };
  // A builder thread out of modules helps write the files still queued (the run's last work).
  const std::function<void()> help_write = [&] {
    if (options.output) options.output->help_write();
  };
  Context context;
  {
    Bodies bodies(options);
    // A provider that is not concurrent builds on one thread: then the files are rendered
    // afterwards, on every thread.
    const bool concurrent = bodies.provider().concurrent();
    ContextOptions context_options{options.generator_version, options.jobs, concurrent ? &on_item : nullptr,
                                   concurrent ? &on_part : nullptr, options.teardown, concurrent ? &help_write : nullptr};
    context_options.plan_files = false;  // `plan` above
    context = build_context(project, bodies.provider(), context_options);
    result.releases.emplace_back(std::move(project), options.teardown);  // everything needed is in the context now
  }
  const auto user_code = user_code_modules(context);
  auto rendered = render.finish(context.data, result.tree, sink);
  // The rendered files are all that is needed now. Freeing the context (some 400,000
  // allocations) is the last work of a run, so its largest parts are freed on threads of their
  // own (the functions, the workflows, the models; the rest with the context).
  for (std::string_view part : {"functions", "workflows", "models_module"}) {
    tmpl::Value value = context_at(context.data, part);
    context.data.as_dict().set(tmpl::Value(part), tmpl::Value());
    result.releases.emplace_back(std::move(value), options.teardown);
  }
  result.releases.emplace_back(std::move(context), options.teardown);
  if (!rendered.ok) {
    result.status = rendered.internal ? GenerateStatus::kBundledTemplateFailed : GenerateStatus::kRenderFailed;
    return result;
  }
  if (self_check(result.tree, user_code, sink, scope, options.jobs, templates_are_ours))
    result.status = templates_are_ours ? GenerateStatus::kGeneratedCodeFailsCheck : GenerateStatus::kUserTemplatesFailCheck;
  return result;
}

std::string project_context_json(const spec::Project& project, const GenerateOptions& options) {
  Bodies bodies(options);
  return context_json(build_context(project, bodies.provider(), {options.generator_version, options.jobs}));
}

}  // namespace restack::generate
