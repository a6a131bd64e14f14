#pragma once
// The HTTP client for OpenAI-compatible chat completions: POST {base}/chat/completions with
// libcurl (dlopen()ed by the first request: curl_library.h), optional SSE streaming, connect
// and total timeouts, retries with exponential backoff and full jitter on 429 / 5xx / timeouts /
// dropped connections / truncated or garbled bodies (honouring Retry-After), cancellation
// through an atomic flag checked by curl's progress callback, and redacted logging (the
// Authorization header never appears, even in curl's verbose trace). complete() is
// thread-safe: each call uses its own curl handle. Without libcurl, complete() fails with
// ChatError::kUnavailable and the install hint, without retrying.
#include <atomic>
#include <string>
#include <vector>

#include "llm/chat_types.h"
#include "llm/log.h"

namespace restack::llm {

class CurlLibrary;
class Metrics;
class RateLimiter;
struct Settings;

struct ClientOptions {
  std::string base_url;  // e.g. https://api.cerebras.ai/v1 (no trailing '/')
  std::string api_key;   // empty: no Authorization header (ollama)
  std::string model;
  double temperature = 0.2;
  int max_tokens = 2048;
  bool stream = false;
  double connect_timeout_s = 10;
  double timeout_s = 120;
  int retries = 4;
  double backoff_initial_s = 0.5;
  double backoff_max_s = 30;
  double retry_after_max_s = 600;  // a longer Retry-After is treated as "give up"

  RateLimiter* limiter = nullptr;              // optional, shared by every worker
  Metrics* metrics = nullptr;                  // optional
  const std::atomic<bool>* cancel = nullptr;   // optional: Ctrl-C
  LogSink log;                                 // optional; lines are already redacted
  bool trace_http = false;                     // curl's verbose trace into log (redacted)
  const CurlLibrary* curl = nullptr;           // null: CurlLibrary::shared() (tests: a missing one)

  static ClientOptions from_settings(const Settings& settings);
};

class ChatClient {
 public:
  explicit ChatClient(ClientOptions options);
  ChatResult complete(const std::vector<ChatMessage>& messages) const;
  const ClientOptions& options() const { return options_; }

 private:
  ClientOptions options_;
};

}  // namespace restack::llm
