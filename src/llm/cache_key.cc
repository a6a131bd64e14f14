#include "llm/cache_key.h"

#include <nlohmann/json.hpp>

#include "llm/sha256.h"

namespace restack::llm {

std::string canonical_key_json(const CacheKeyInputs& in) {
  // nlohmann::json objects are std::map-backed: keys come out sorted, dump() adds no spaces.
  nlohmann::json j = {
      {"schema", 1},
      {"provider", in.provider},
      {"model", in.model},
      {"base_url", in.base_url},
      {"sampling", {{"temperature", in.temperature}, {"max_tokens", in.max_tokens}}},
      {"prompt_version", in.prompt_version},
      {"messages", to_json(in.messages)},
  };
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string cache_key(const CacheKeyInputs& inputs) { return sha256_hex(canonical_key_json(inputs)); }

}  // namespace restack::llm
