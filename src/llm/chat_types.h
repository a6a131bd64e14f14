#pragma once
// The OpenAI chat-completions data the module exchanges: messages, usage and call outcomes.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace restack::llm {

struct ChatMessage {
  std::string role;  // "system", "user", "assistant"
  std::string content;
  bool operator==(const ChatMessage&) const = default;
};
nlohmann::json to_json(const std::vector<ChatMessage>& messages);

struct Usage {
  /// From an OpenAI `usage` object; missing or non-numeric fields count 0.
  static Usage from_json(const nlohmann::json& usage);

  int64_t prompt_tokens = 0;
  int64_t completion_tokens = 0;
  Usage& operator+=(const Usage& o) {
    prompt_tokens += o.prompt_tokens;
    completion_tokens += o.completion_tokens;
    return *this;
  }
};

enum class ChatError {
  kNone,
  kProvider,   // the provider refused (4xx other than 429, or an error object): not retried
  kExhausted,  // retryable failures (429, 5xx, timeouts, drops) until the retry budget ran out
  kCancelled,  // the cancel flag was raised (Ctrl-C)
  kUnavailable,  // no HTTP client: libcurl could not be loaded (message says how to install it)
};

struct ChatResult {
  ChatError error = ChatError::kNone;
  std::string content;  // the assistant's answer when error == kNone
  Usage usage;
  int http_status = 0;      // of the last attempt (0: no HTTP response)
  std::string message;      // why it failed: provider message with status, or transport error
  int attempts = 0;         // HTTP attempts made (1 + retries)
  double waited_s = 0;      // total time slept between attempts
  std::vector<double> waits;  // each backoff sleep, in seconds

  bool ok() const { return error == ChatError::kNone; }
};

}  // namespace restack::llm
