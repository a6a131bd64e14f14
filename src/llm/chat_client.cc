#include "llm/chat_client.h"

#include <fmt/format.h>

#include <chrono>
#include <memory>
#include <random>

#include "llm/backoff.h"
#include "llm/curl_library.h"
#include "llm/metrics.h"
#include "llm/rate_limiter.h"
#include "llm/redact.h"
#include "llm/settings.h"
#include "llm/sse.h"

namespace restack::llm {
namespace {

// The deleters carry the function they call: libcurl is loaded at run time (curl_library.h).
struct CurlDeleter {
  decltype(CurlApi::easy_cleanup) cleanup = nullptr;
  void operator()(CURL* c) const { cleanup(c); }
};
struct SlistDeleter {
  decltype(CurlApi::slist_free_all) free_all = nullptr;
  void operator()(curl_slist* l) const { free_all(l); }
};
using CurlHandle = std::unique_ptr<CURL, CurlDeleter>;
using HeaderList = std::unique_ptr<curl_slist, SlistDeleter>;

/// What one HTTP attempt produced, before interpretation.
struct Attempt {
  CURLcode code = CURLE_OK;
  long status = 0;
  std::string body;
  std::string retry_after;
  std::string curl_error;
  bool streaming = false;
  SseAccumulator sse;
  const std::atomic<bool>* cancel = nullptr;
  const ClientOptions* options = nullptr;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* a = static_cast<Attempt*>(user);
  size_t n = size * count;
  if (a->body.size() + n > (64u << 20)) return 0;  // a 64 MiB answer is not an answer: abort
  a->body.append(data, n);
  if (a->streaming) a->sse.feed(std::string_view(data, n));
  return n;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* a = static_cast<Attempt*>(user);
  size_t n = size * count;
  std::string_view line(data, n);
  static constexpr std::string_view kName = "retry-after:";
  if (line.size() > kName.size()) {
    bool match = true;
    for (size_t i = 0; i < kName.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(line[i])) != kName[i]) match = false;
    if (match) {
      std::string_view v = line.substr(kName.size());
      while (!v.empty() && (v.back() == '\r' || v.back() == '\n')) v.remove_suffix(1);
      a->retry_after = std::string(v);
    }
  }
  // A new response (after a 100 Continue, say) starts over.
  if (line.rfind("HTTP/", 0) == 0) a->retry_after.clear();
  return n;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* a = static_cast<Attempt*>(user);
  return a->cancel && a->cancel->load() ? 1 : 0;  // non-zero aborts the transfer
}

int on_debug(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  auto* a = static_cast<Attempt*>(user);
  if (!a->options->log) return 0;
  const char* prefix = nullptr;
  switch (type) {
    case CURLINFO_TEXT: prefix = "* "; break;
    case CURLINFO_HEADER_IN: prefix = "< "; break;
    case CURLINFO_HEADER_OUT: prefix = "> "; break;
    default: return 0;  // bodies are not traced: they hold whole prompts
  }
  std::string text = redact_text(std::string_view(data, size), a->options->api_key);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  a->options->log(LogLevel::kDebug, "http: " + std::string(prefix) + text);
  return 0;
}

bool retryable_status(long status) { return status == 408 || status == 409 || status == 429 || status >= 500; }

bool retryable_curl(CURLcode code) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_GOT_NOTHING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_SSL_CONNECT_ERROR:
      return true;
    default:
      return false;
  }
}

/// The provider's own error text from a JSON error body ({"error": {"message": ...}} or
/// {"message": ...} or {"detail": ...}), else the start of the body.
std::string provider_message(const std::string& body) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_object()) {
    if (j.contains("error")) {
      const auto& e = j["error"];
      if (e.is_string()) return e.get<std::string>();
      if (e.is_object() && e.contains("message") && e["message"].is_string()) return e["message"].get<std::string>();
    }
    for (const char* key : {"message", "detail"})
      if (j.contains(key) && j[key].is_string()) return j[key].get<std::string>();
  }
  std::string start = body.substr(0, 300);
  return start.empty() ? "(empty body)" : start;
}

/// One outcome of an attempt: done (ok or fatal) or worth retrying.
struct Verdict {
  bool retry = false;
  ChatResult result;  // filled when !retry; for retry only message/http_status
};

Verdict interpret(Attempt& a, const std::string& api_key, const CurlApi& curl) {
  Verdict v;
  v.result.http_status = static_cast<int>(a.status);
  auto fail = [&](ChatError kind, std::string message) {
    v.result.error = kind;
    v.result.message = redact_text(message, api_key);
    return v;
  };
  auto retry = [&](std::string message) {
    v.retry = true;
    v.result.message = redact_text(message, api_key);
    return v;
  };
  if (a.code == CURLE_ABORTED_BY_CALLBACK || (a.cancel && a.cancel->load()))
    return fail(ChatError::kCancelled, "cancelled");
  if (a.code != CURLE_OK) {
    std::string what = fmt::format("{} ({})", curl.easy_strerror(a.code), a.curl_error);
    if (a.status >= 400 && !retryable_status(a.status) && a.code == CURLE_PARTIAL_FILE)
      return fail(ChatError::kProvider, fmt::format("HTTP {}: {}", a.status, what));
    return retryable_curl(a.code) ? retry(what) : fail(ChatError::kExhausted, what);
  }
  if (a.status != 200) {
    std::string message = fmt::format("HTTP {}: {}", a.status, provider_message(a.body));
    return retryable_status(a.status) ? retry(message) : fail(ChatError::kProvider, message);
  }
  if (a.streaming) {
    a.sse.finish();
    if (!a.sse.error().empty()) return retry(a.sse.error());
    if (!a.sse.done()) return retry("the streamed answer ended without [DONE] (connection dropped?)");
    v.result.content = a.sse.content();
    v.result.usage = a.sse.usage();
    return v;
  }
  auto j = nlohmann::json::parse(a.body, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return retry("the provider sent a body that is not JSON: " + a.body.substr(0, 120));
  if (j.contains("error") && !j["error"].is_null())
    return fail(ChatError::kProvider, fmt::format("HTTP {}: {}", a.status, provider_message(a.body)));
  const nlohmann::json* content = nullptr;
  if (j.contains("choices") && j["choices"].is_array() && !j["choices"].empty()) {
    const auto& choice = j["choices"][0];
    if (choice.is_object() && choice.contains("message") && choice["message"].is_object() &&
        choice["message"].contains("content") && choice["message"]["content"].is_string())
      content = &choice["message"]["content"];
  }
  if (!content) return fail(ChatError::kProvider, "HTTP 200 but the answer has no choices[0].message.content");
  v.result.content = content->get<std::string>();
  if (j.contains("usage")) v.result.usage = Usage::from_json(j["usage"]);
  return v;
}

}  // namespace

ClientOptions ClientOptions::from_settings(const Settings& s) {
  ClientOptions o;
  o.base_url = s.base_url;
  o.api_key = s.api_key;
  o.model = s.model;
  o.temperature = s.temperature;
  o.max_tokens = s.max_tokens;
  o.stream = s.stream;
  o.connect_timeout_s = s.connect_timeout_s;
  o.timeout_s = s.timeout_s;
  o.retries = s.retries;
  o.backoff_initial_s = s.backoff_initial_s;
  o.backoff_max_s = s.backoff_max_s;
  return o;
}

ChatClient::ChatClient(ClientOptions options) : options_(std::move(options)) {}

ChatResult ChatClient::complete(const std::vector<ChatMessage>& messages) const {
  const ClientOptions& o = options_;
  nlohmann::json request = {{"model", o.model},
                            {"messages", to_json(messages)},
                            {"temperature", o.temperature},
                            {"max_tokens", o.max_tokens}};
  if (o.stream) {
    request["stream"] = true;
    request["stream_options"] = {{"include_usage", true}};
  }
  const std::string body = request.dump();
  const std::string url = o.base_url + "/chat/completions";
  const int64_t estimate = estimate_tokens(body.size()) + o.max_tokens;
  std::mt19937_64 rng{std::random_device{}()};
  auto log = [&](LogLevel level, const std::string& line) {
    if (o.log) o.log(level, redact_text(line, o.api_key));
  };

  ChatResult last;
  // libcurl is loaded by the first request, not at process start (curl_library.h); checked
  // before the rate limiter so a missing library spends no budget.
  const CurlLibrary& library = o.curl ? *o.curl : CurlLibrary::shared();
  if (!library.ok()) {
    last.error = ChatError::kUnavailable;
    last.message = library.problem_text();
    log(LogLevel::kDebug, "llm: " + last.message);
    return last;
  }
  const CurlApi& api = library.api();
  for (int attempt = 0;; ++attempt) {
    if (o.limiter) {
      auto wait_start = std::chrono::steady_clock::now();
      bool go = o.limiter->acquire(estimate, o.cancel);
      if (o.metrics)
        o.metrics->rate_limit_wait_ms += std::chrono::duration_cast<std::chrono::milliseconds>(
                                             std::chrono::steady_clock::now() - wait_start).count();
      if (!go) {
        last.error = ChatError::kCancelled;
        last.message = "cancelled";
        return last;
      }
    }
    // One handle per worker thread, reset between requests: curl keeps its connection cache
    // in the handle, so the TLS session to the provider is reused instead of a new handshake
    // per function.
    thread_local CurlHandle curl;
    if (curl) api.easy_reset(curl.get());
    else curl = CurlHandle(api.easy_init(), CurlDeleter{api.easy_cleanup});
    if (!curl) {
      last.error = ChatError::kExhausted;
      last.message = "cannot create a curl handle";
      return last;
    }
    HeaderList headers(nullptr, SlistDeleter{api.slist_free_all});
    curl_slist* list = api.slist_append(nullptr, "Content-Type: application/json");
    list = api.slist_append(list, o.stream ? "Accept: text/event-stream" : "Accept: application/json");
    if (!o.api_key.empty()) list = api.slist_append(list, ("Authorization: Bearer " + o.api_key).c_str());
    headers.reset(list);

    Attempt a;
    a.streaming = o.stream;
    a.cancel = o.cancel;
    a.options = &o;
    char error_buffer[CURL_ERROR_SIZE] = {};
    CURL* h = curl.get();
    api.easy_setopt(h, CURLOPT_URL, url.c_str());
    api.easy_setopt(h, CURLOPT_POST, 1L);
    api.easy_setopt(h, CURLOPT_POSTFIELDS, body.c_str());
    api.easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    api.easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
    api.easy_setopt(h, CURLOPT_USERAGENT, "restack-gen/" RESTACK_VERSION);
    api.easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    api.easy_setopt(h, CURLOPT_WRITEDATA, &a);
    api.easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    api.easy_setopt(h, CURLOPT_HEADERDATA, &a);
    api.easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    api.easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
    api.easy_setopt(h, CURLOPT_XFERINFODATA, &a);
    api.easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // threads: no SIGALRM for DNS timeouts
    api.easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(o.connect_timeout_s * 1000));
    api.easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(o.timeout_s * 1000));
    api.easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer);
    api.easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");  // whatever curl can decode
    if (o.trace_http) {
      api.easy_setopt(h, CURLOPT_VERBOSE, 1L);
      api.easy_setopt(h, CURLOPT_DEBUGFUNCTION, on_debug);
      api.easy_setopt(h, CURLOPT_DEBUGDATA, &a);
    }
    auto started = std::chrono::steady_clock::now();
    a.code = api.easy_perform(h);
    api.easy_getinfo(h, CURLINFO_RESPONSE_CODE, &a.status);
    a.curl_error = error_buffer;
    if (o.metrics) ++o.metrics->requests;
    double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    Verdict verdict = interpret(a, o.api_key, api);
    ChatResult& r = verdict.result;
    r.attempts = attempt + 1;
    r.waited_s = last.waited_s;
    r.waits = last.waits;
    if (o.limiter && !verdict.retry && r.ok())
      o.limiter->settle(estimate, r.usage.prompt_tokens + r.usage.completion_tokens);
    if (!verdict.retry) {
      if (r.ok()) {
        log(LogLevel::kDebug, fmt::format("llm: POST {} -> {} in {:.2f}s ({} prompt + {} completion tokens)", url,
                                          a.status, took, r.usage.prompt_tokens, r.usage.completion_tokens));
        if (o.metrics) {
          o.metrics->prompt_tokens += r.usage.prompt_tokens;
          o.metrics->completion_tokens += r.usage.completion_tokens;
        }
      } else {
        log(LogLevel::kDebug, fmt::format("llm: POST {} failed: {}", url, r.message));
      }
      return r;
    }
    last = r;
    if (attempt >= o.retries) {
      last.error = ChatError::kExhausted;
      last.message = fmt::format("gave up after {} attempts; last error: {}", attempt + 1, r.message);
      return last;
    }
    double wait = full_jitter_delay(attempt, {o.backoff_initial_s, o.backoff_max_s}, rng);
    if (!a.retry_after.empty()) {
      if (auto server_wait = parse_retry_after(a.retry_after, std::chrono::system_clock::now())) {
        if (*server_wait > o.retry_after_max_s) {
          last.error = ChatError::kExhausted;
          last.message = fmt::format("{}; the provider asks to wait {:.0f} s (Retry-After), more than the {:.0f} s limit",
                                     r.message, *server_wait, o.retry_after_max_s);
          return last;
        }
        wait = *server_wait;
      }
    }
    log(LogLevel::kInfo, fmt::format("llm: attempt {} failed ({}); retrying in {:.2f}s", attempt + 1, r.message, wait));
    if (o.metrics) {
      ++o.metrics->retries;
      o.metrics->backoff_wait_ms += static_cast<int64_t>(wait * 1000);
    }
    last.waits.push_back(wait);
    last.waited_s += wait;
    if (!sleep_unless_cancelled(wait, o.cancel)) {
      last.error = ChatError::kCancelled;
      last.message = "cancelled";
      return last;
    }
  }
}

}  // namespace restack::llm
