#pragma once
// The LLM flags shared by `generate` and `config show`, declared once so that both accept the
// same spellings and feed the same settings layer (SettingsInputs::flags).
#include <CLI/CLI.hpp>
#include <map>
#include <string>

namespace restack::llm {

struct LlmFlags {
  // Setting flags: empty means "not given" (lower layers decide).
  std::string provider, model, base_url, temperature, max_tokens, connect_timeout, timeout, retries, rpm, tpm,
      jobs, max_repairs, cache;
  bool stream = false;
  // Run flags (generate only).
  bool no_cache = false;
  bool refresh = false;
  std::string metrics_file;
  std::vector<std::string> context_globs;
  bool show_prompts = false;

  /// setting key -> value for every flag given, for SettingsInputs::flags.
  std::map<std::string, std::string> setting_flags() const;
};

struct LlmFlagOptions {
  bool provider_flag = true;  // declare --llm (generate declares its own)
  bool run_flags = true;      // --no-cache, --refresh, --metrics, --context, --show-prompts
};

void add_llm_flags(CLI::App& app, LlmFlags& flags, LlmFlagOptions options = {});

}  // namespace restack::llm
