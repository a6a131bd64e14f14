#include "llm/chat_types.h"

namespace restack::llm {

nlohmann::json to_json(const std::vector<ChatMessage>& messages) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& m : messages) out.push_back({{"role", m.role}, {"content", m.content}});
  return out;
}

Usage Usage::from_json(const nlohmann::json& u) {
  Usage usage;
  if (!u.is_object()) return usage;
  auto number = [&](const char* key) -> int64_t {
    auto it = u.find(key);
    return it != u.end() && it->is_number() ? it->get<int64_t>() : 0;
  };
  usage.prompt_tokens = number("prompt_tokens");
  usage.completion_tokens = number("completion_tokens");
  return usage;
}

}  // namespace restack::llm
