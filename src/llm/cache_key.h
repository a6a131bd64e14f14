#pragma once
// The cache key: SHA-256 of a canonical JSON (sorted keys, no spaces) of provider, model, base
// URL, sampling settings, prompt-template version and the exact messages. The API key is not
// an input, so a rotated key keeps the cache and no key can be recovered from it.
#include <string>
#include <vector>

#include "llm/chat_types.h"

namespace restack::llm {

struct CacheKeyInputs {
  std::string provider;
  std::string model;
  std::string base_url;
  double temperature = 0;
  int max_tokens = 0;
  std::string prompt_version;
  std::vector<ChatMessage> messages;
};

std::string canonical_key_json(const CacheKeyInputs& inputs);
std::string cache_key(const CacheKeyInputs& inputs);

}  // namespace restack::llm
