#pragma once
// The prompt for one function body, from Jinja2 templates (templates/prompts/system.j2,
// function_body.j2, repair.j2) rendered by a PromptRenderer. The renderer is an interface so
// this module needs no template engine: the generator passes one built on
// restack::tmpl::Environment (which also lets users override the prompt templates like any
// other template). The context names are the templates' contract, listed in docs/llm.md.
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "llm/chat_types.h"

namespace restack::llm {

/// Bumped whenever the bundled prompt templates change meaning; part of every cache key.
inline constexpr const char* kPromptVersion = "1";

/// Everything the model sees about one function. The generator fills it from the spec and
/// the project it is generating.
struct FunctionPromptContext {
  std::string name;         // python name of the function
  std::string description;  // from the spec
  std::string prompt_hint;  // the spec's `prompt:` for this function
  std::string signature;    // "async def fetch(input: FetchInput) -> FetchOutput:"
  std::string input_model;  // python source of the input model (and the models it uses)
  std::string output_model;
  std::string skeleton;     // the whole generated function with its placeholder body
  std::string workflow;     // the workflow(s) that call it
  std::vector<std::string> surrounding_steps;  // "before: validate_order(ValidateInput)" ...
  std::vector<std::string> other_functions;    // signatures of the project's other functions
  std::vector<std::string> other_models;       // names (and fields) of the project's models
  std::vector<std::pair<std::string, std::string>> context_files;  // --context: path, content

  nlohmann::json to_json() const;
};

class PromptRenderer {
 public:
  virtual ~PromptRenderer() = default;
  /// Renders template NAME ("system.j2", ...) with CONTEXT. May throw DiagnosticError.
  virtual std::string render(const std::string& name, const nlohmann::json& context) = 0;
};

/// [system, user] messages for FUNCTION.
std::vector<ChatMessage> build_function_messages(const FunctionPromptContext& function, PromptRenderer& renderer);

/// The follow-up user message after an answer failed validation with ERROR.
ChatMessage build_repair_message(const FunctionPromptContext& function, const std::string& error,
                                 PromptRenderer& renderer);

}  // namespace restack::llm
