#include "llm/template_renderer.h"

#include "template/environment.h"

namespace restack::llm {

TemplatePromptRenderer::TemplatePromptRenderer(const std::vector<std::filesystem::path>& search_paths) {
  tmpl::Options options;
  options.trim_blocks = true;
  options.lstrip_blocks = true;
  env_ = std::make_unique<tmpl::Environment>(options);
  for (const auto& dir : search_paths) env_->add_search_path(dir);
}

TemplatePromptRenderer::~TemplatePromptRenderer() = default;

std::string TemplatePromptRenderer::render(const std::string& name, const nlohmann::json& context) {
  return env_->render(name, context);
}

}  // namespace restack::llm
