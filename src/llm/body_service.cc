#include "llm/body_service.h"

#include <fmt/format.h>

#include <stdexcept>

#include "common/exit_codes.h"
#include "llm/answer.h"
#include "llm/cache_key.h"
#include "llm/redact.h"
#include "llm/scheduler.h"

namespace restack::llm {

BodyService::BodyService(ServiceOptions options) : options_(std::move(options)) {
  if (!options_.renderer) throw std::logic_error("BodyService needs a PromptRenderer (ServiceOptions::renderer)");
  if (!options_.validator) options_.validator = python_syntax_validator();
  const Settings& s = options_.settings;
  limiter_ = std::make_unique<RateLimiter>(
      RateLimits{s.requests_per_minute, s.tokens_per_minute, options_.rate_burst_seconds});
  ClientOptions client = ClientOptions::from_settings(s);
  client.limiter = limiter_.get();
  client.metrics = &metrics_;
  client.cancel = options_.cancel;
  client.log = options_.log;
  client.trace_http = options_.trace_http;
  client_ = std::make_unique<ChatClient>(std::move(client));
}

std::vector<ChatMessage> BodyService::prompt_for(const FunctionPromptContext& function) {
  std::lock_guard lock(render_mutex_);
  return build_function_messages(function, *options_.renderer);
}

std::optional<std::string> BodyService::validate(const std::string& body) {
  StageTimer timer(&metrics_, "validate");
  return options_.validator(body);
}

std::vector<BodyResult> BodyService::generate(const std::vector<BodyRequest>& requests) {
  std::vector<BodyResult> results(requests.size());
  std::vector<std::vector<ChatMessage>> prompts(requests.size());
  {
    StageTimer timer(&metrics_, "prompt");
    for (size_t i = 0; i < requests.size(); ++i) prompts[i] = prompt_for(requests[i].function);
  }
  metrics_.functions += static_cast<int64_t>(requests.size());
  for (size_t i = 0; i < requests.size(); ++i) results[i].id = requests[i].id;  // cancelled until run
  run_parallel(
      requests.size(), options_.settings.jobs,
      [&](size_t i) {
        results[i] = generate_one(requests[i], prompts[i]);
        if (options_.progress)
          options_.progress->done(requests[i].function.name, results[i].from_cache, results[i].tokens, results[i].ok());
      },
      options_.cancel);
  for (size_t i = 0; i < requests.size(); ++i)
    if (!results[i].ok() && results[i].reason.empty()) results[i].reason = "cancelled before it started";
  return results;
}

BodyResult BodyService::generate_one(const BodyRequest& request, const std::vector<ChatMessage>& messages) {
  const Settings& s = options_.settings;
  BodyResult result;
  result.id = request.id;
  CacheKeyInputs key_inputs{s.provider, s.model, s.base_url, s.temperature, s.max_tokens, kPromptVersion, messages};
  const std::string key = cache_key(key_inputs);
  AnswerCache* cache = options_.cache_mode == CacheMode::kOff ? nullptr : options_.cache;
  auto log = [&](LogLevel level, const std::string& line) {
    if (options_.log) options_.log(level, redact_text(line, s.api_key));
  };

  if (cache && options_.cache_mode == CacheMode::kUse) {
    std::optional<std::string> hit;
    {
      StageTimer timer(&metrics_, "cache");
      hit = cache->get(key);
    }
    std::string body = hit ? indent_lines(*hit, options_.body_indent) : "";
    if (hit && (!options_.revalidate_cached || !validate(body))) {
      ++metrics_.cache_hits;
      result.status = BodyStatus::kOk;
      result.body = body;
      result.from_cache = true;
      return result;
    }
    if (!hit && !cache->last_error().empty()) log(LogLevel::kWarning, "llm: cache read failed: " + cache->last_error());
  }
  ++metrics_.cache_misses;

  std::vector<ChatMessage> conversation = messages;
  for (int round = 0;; ++round) {
    ChatResult answer;
    {
      StageTimer timer(&metrics_, "llm");
      answer = client_->complete(conversation);
    }
    result.http_status = answer.http_status;
    result.tokens += answer.usage.prompt_tokens + answer.usage.completion_tokens;
    if (!answer.ok()) {
      result.status = answer.error == ChatError::kCancelled ? BodyStatus::kCancelled : BodyStatus::kFailed;
      result.reason = answer.message;
      if (result.status == BodyStatus::kFailed) ++metrics_.failures;
      return result;
    }
    ExtractedBody body = extract_function_body(answer.content, request.function.name, options_.body_indent);
    // The cache holds column-0 bodies, so callers with another indent share entries.
    const std::string stored = dedent(body.body);
    std::optional<std::string> problem = body.ok() ? validate(body.body) : std::optional<std::string>(body.error);
    if (!problem) {
      result.status = BodyStatus::kOk;
      result.body = body.body;
      result.repairs = round;
      if (cache) {
        StageTimer timer(&metrics_, "cache");
        if (!cache->put(key, stored)) log(LogLevel::kWarning, "llm: cache write failed: " + cache->last_error());
      }
      return result;
    }
    if (round >= s.max_repairs) {
      result.status = BodyStatus::kGaveUp;
      result.repairs = round;
      result.reason = fmt::format("no valid body after {} fix{}: {}", round, round == 1 ? "" : "es", *problem);
      ++metrics_.failures;
      return result;
    }
    ++metrics_.repairs;
    log(LogLevel::kInfo, fmt::format("llm: {}: answer rejected ({}); asking for a fix", request.function.name, *problem));
    conversation.push_back({"assistant", answer.content});
    std::lock_guard lock(render_mutex_);
    conversation.push_back(build_repair_message(request.function, *problem, *options_.renderer));
  }
}

int exit_code_for(const std::vector<BodyResult>& results) {
  bool failed = false, gave_up = false;
  for (const auto& r : results) {
    if (r.status == BodyStatus::kCancelled) return kExitInterrupted;
    failed |= r.status == BodyStatus::kFailed;
    gave_up |= r.status == BodyStatus::kGaveUp;
  }
  return failed ? kExitExternal : gave_up ? kExitProblems : kExitOk;
}

}  // namespace restack::llm
