#pragma once
// THE entry point for the generator: LLM-written function bodies for a whole run.
//
//   restack::llm::BodyService service(options);           // settings, cache, validator, renderer
//   std::vector<BodyResult> results = service.generate(requests);   // all specs' functions at once
//   int code = restack::llm::exit_code_for(results);      // 0, 1 (gave up), 3 (provider), 130
//
// For each request: build the prompt, look in the cache (unless --no-cache/--refresh), else
// call the provider (rate-limited, retried, at most `jobs` in flight across the call), extract
// and re-indent the body, validate it, and send the error back for a fix at most
// `max_repairs` times. Only validated bodies are cached and returned as ok; a body that never
// validated comes back with ok == false and the reason, so the generator writes its
// placeholder with a comment instead. Nothing here writes project files.
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "llm/cache.h"
#include "llm/chat_client.h"
#include "llm/log.h"
#include "llm/metrics.h"
#include "llm/progress.h"
#include "llm/prompts.h"
#include "llm/rate_limiter.h"
#include "llm/settings.h"
#include "llm/validator.h"

namespace restack::llm {

enum class CacheMode {
  kUse,      // read and write (default)
  kRefresh,  // --refresh: never read, write the fresh answers
  kOff,      // --no-cache
};

struct ServiceOptions {
  Settings settings;                       // resolve_settings(); must be enabled() and usable
  CacheMode cache_mode = CacheMode::kUse;
  AnswerCache* cache = nullptr;            // open_cache(settings.cache, settings.cache_dir); may be null
  Validator validator;                     // empty: python_syntax_validator()
  bool revalidate_cached = false;          // run the validator on cache hits too
  PromptRenderer* renderer = nullptr;      // required: renders templates/prompts/*.j2
  const std::atomic<bool>* cancel = nullptr;  // set by the Ctrl-C handler
  LogSink log;                             // already-redacted lines
  bool trace_http = false;                 // -vv: curl's trace, redacted
  Progress* progress = nullptr;            // optional
  std::string body_indent = "    ";         // bodies come back indented by this ("" = column 0)
  double rate_burst_seconds = 60;          // bucket size in seconds of refill (tests: small)
};

struct BodyRequest {
  std::string id;  // the caller's handle, e.g. "specs/orders.yaml:fetch_order"
  FunctionPromptContext function;
};

enum class BodyStatus {
  kOk,         // body is valid and ready to write
  kGaveUp,     // no valid body after max_repairs fixes: write the placeholder (exit 1)
  kFailed,     // the provider failed (HTTP error, retries exhausted): exit 3
  kCancelled,  // Ctrl-C: exit 130
};

struct BodyResult {
  std::string id;
  BodyStatus status = BodyStatus::kCancelled;
  std::string body;    // indented by ServiceOptions::body_indent, when kOk
  std::string reason;  // why not kOk ("line 2: invalid syntax (after 2 fixes)", "HTTP 401: ...")
  bool from_cache = false;
  int repairs = 0;     // fix rounds used
  int http_status = 0;
  int64_t tokens = 0;  // prompt + completion tokens spent on it
  bool ok() const { return status == BodyStatus::kOk; }
};

class BodyService {
 public:
  explicit BodyService(ServiceOptions options);
  /// One result per request, same order. Thread-compatible: call once per run with every
  /// function of every spec, so that `jobs` bounds the whole run.
  std::vector<BodyResult> generate(const std::vector<BodyRequest>& requests);
  /// The messages generate() would send first for FUNCTION (`generate --show-prompts`).
  std::vector<ChatMessage> prompt_for(const FunctionPromptContext& function);
  Metrics& metrics() { return metrics_; }

 private:
  BodyResult generate_one(const BodyRequest& request, const std::vector<ChatMessage>& messages);
  std::optional<std::string> validate(const std::string& body);

  ServiceOptions options_;
  Metrics metrics_;
  std::unique_ptr<RateLimiter> limiter_;
  std::unique_ptr<ChatClient> client_;
  std::mutex render_mutex_;  // the renderer need not be thread-safe
};

/// The process exit code for a run: 130 if cancelled, 3 if the provider failed, 1 if a body
/// was given up on, else 0.
int exit_code_for(const std::vector<BodyResult>& results);

}  // namespace restack::llm
