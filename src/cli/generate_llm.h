#pragma once
// The `generate --llm PROVIDER` part of the generate command: resolves the LLM settings, asks
// the BodyService for every function body of the project in one run, and hands back a
// BodyProvider answering with those bodies (or the placeholder with the reason).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "generate/llm_body_provider.h"
#include "llm/cli_flags.h"
#include "spec/model.h"

namespace restack::cli {

struct LlmBodies {
  std::vector<llm::BodyResult> results;  // empty: the LLM is off (placeholders)
  int exit_code = 0;                     // exit_code_for(results), once the project is written
  std::optional<int> stop;               // exit now with this code, writing nothing
};

/// PROVIDER: the --llm value ("" = not given: lower settings layers decide).
LlmBodies llm_bodies(const spec::Project& project, const std::string& provider, const llm::LlmFlags& flags,
                     const std::string& templates_dir, const GlobalOptions& global);

}  // namespace restack::cli
