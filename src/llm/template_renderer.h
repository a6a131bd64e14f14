#pragma once
// The PromptRenderer the CLI uses: templates/prompts/*.j2 rendered by restack's own Jinja2
// engine (restack::tmpl::Environment) with trim_blocks and lstrip_blocks, so that block tags
// on their own lines leave no blank lines. Search paths are tried in order: a user's override
// folder (e.g. `--templates DIR` with a prompts/ subfolder) before the bundled prompts.
#include <filesystem>
#include <memory>
#include <vector>

#include "llm/prompts.h"

namespace restack::tmpl {
class Environment;
}

namespace restack::llm {

class TemplatePromptRenderer : public PromptRenderer {
 public:
  explicit TemplatePromptRenderer(const std::vector<std::filesystem::path>& search_paths);
  ~TemplatePromptRenderer() override;
  std::string render(const std::string& name, const nlohmann::json& context) override;

 private:
  std::unique_ptr<tmpl::Environment> env_;
};

}  // namespace restack::llm
