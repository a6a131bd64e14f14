#pragma once
// The LLM services restack-gen knows by name. All speak the OpenAI chat-completions protocol;
// they differ in base URL, key variable, default model and published free-tier limits.
#include <string>
#include <string_view>
#include <vector>

namespace restack::llm {

struct ProviderInfo {
  std::string name;
  std::string base_url;       // empty: must be given (openai-compatible)
  std::string key_env;        // empty: no key needed (ollama)
  std::string default_model;  // empty: must be given
  int requests_per_minute;    // 0: no client-side limit
  int tokens_per_minute;
};

/// Known providers. Limits are the providers' published free-tier figures (Cerebras: 30 RPM /
/// 60K TPM for gpt-oss-120b, inference-docs.cerebras.ai/support/rate-limits; Groq free tier:
/// 30 RPM / 12K TPM for llama-3.3-70b-versatile; OpenAI has no free API tier, so its usage
/// tier 1 figures for gpt-4o-mini: 500 RPM / 200K TPM). Local and custom services: unlimited.
const std::vector<ProviderInfo>& providers();
const ProviderInfo* find_provider(std::string_view name);

}  // namespace restack::llm
