#include "llm/prompts.h"

namespace restack::llm {

nlohmann::json FunctionPromptContext::to_json() const {
  nlohmann::json files = nlohmann::json::array();
  for (const auto& [path, content] : context_files) files.push_back({{"path", path}, {"content", content}});
  return {
      {"prompt_version", kPromptVersion},
      {"function",
       {{"name", name},
        {"description", description},
        {"prompt", prompt_hint},
        {"signature", signature},
        {"input_model", input_model},
        {"output_model", output_model},
        {"skeleton", skeleton}}},
      {"workflow", workflow},
      {"surrounding_steps", surrounding_steps},
      {"other_functions", other_functions},
      {"other_models", other_models},
      {"context_files", files},
  };
}

namespace {
std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  size_t start = s.find_first_not_of('\n');
  return start == std::string::npos ? "" : s.substr(start);
}
}  // namespace

std::vector<ChatMessage> build_function_messages(const FunctionPromptContext& function, PromptRenderer& renderer) {
  nlohmann::json context = function.to_json();
  return {{"system", trimmed(renderer.render("system.j2", context))},
          {"user", trimmed(renderer.render("function_body.j2", context))}};
}

ChatMessage build_repair_message(const FunctionPromptContext& function, const std::string& error,
                                 PromptRenderer& renderer) {
  nlohmann::json context = function.to_json();
  context["error"] = error;
  return {"user", trimmed(renderer.render("repair.j2", context))};
}

}  // namespace restack::llm
