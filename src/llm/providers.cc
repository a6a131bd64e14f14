#include "llm/providers.h"

namespace restack::llm {

const std::vector<ProviderInfo>& providers() {
  // Cerebras retired llama-3.3-70b in 2026; gpt-oss-120b is its recommended replacement.
  static const std::vector<ProviderInfo> table = {
      {"cerebras", "https://api.cerebras.ai/v1", "CEREBRAS_API_KEY", "gpt-oss-120b", 30, 60000},
      {"openai", "https://api.openai.com/v1", "OPENAI_API_KEY", "gpt-4o-mini", 500, 200000},
      {"groq", "https://api.groq.com/openai/v1", "GROQ_API_KEY", "llama-3.3-70b-versatile", 30, 12000},
      {"ollama", "http://localhost:11434/v1", "", "qwen2.5-coder", 0, 0},
      {"openai-compatible", "", "", "", 0, 0},
  };
  return table;
}

const ProviderInfo* find_provider(std::string_view name) {
  for (const auto& p : providers())
    if (p.name == name) return &p;
  return nullptr;
}

}  // namespace restack::llm
