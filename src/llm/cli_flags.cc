#include "llm/cli_flags.h"

namespace restack::llm {

std::map<std::string, std::string> LlmFlags::setting_flags() const {
  std::map<std::string, std::string> out;
  auto put = [&](const char* key, const std::string& v) {
    if (!v.empty()) out[key] = v;
  };
  put("provider", provider);
  put("model", model);
  put("base_url", base_url);
  put("temperature", temperature);
  put("max_tokens", max_tokens);
  put("connect_timeout", connect_timeout);
  put("timeout", timeout);
  put("retries", retries);
  put("requests_per_minute", rpm);
  put("tokens_per_minute", tpm);
  put("jobs", jobs);
  put("max_repairs", max_repairs);
  put("cache", cache);
  if (stream) out["stream"] = "true";
  if (no_cache) out["cache"] = "off";
  return out;
}

void add_llm_flags(CLI::App& app, LlmFlags& f, LlmFlagOptions options) {
  const char* group = "LLM";
  if (options.provider_flag)
    app.add_option("--llm", f.provider, "LLM provider: cerebras, openai, groq, ollama, openai-compatible or off")->group(group);
  app.add_option("--model", f.model, "Model name (default: the provider's)")->group(group);
  app.add_option("--llm-base-url", f.base_url, "Base URL of the OpenAI-compatible API (overrides the provider's)")->group(group);
  app.add_option("--temperature", f.temperature, "Sampling temperature, 0 to 2 (default 0.2)")->group(group);
  app.add_option("--max-tokens", f.max_tokens, "Most tokens per answer (default 2048)")->group(group);
  app.add_option("--llm-connect-timeout", f.connect_timeout, "Connect timeout, e.g. 10s (default 10s)")->group(group);
  app.add_option("--llm-timeout", f.timeout, "Total timeout per request, e.g. 2m (default 120s)")->group(group);
  app.add_option("--llm-retries", f.retries, "Retries on 429/5xx/timeouts (default 4)")->group(group);
  app.add_option("--llm-rpm", f.rpm, "Requests per minute, 0 = unlimited (default: provider free tier)")->group(group);
  app.add_option("--llm-tpm", f.tpm, "Tokens per minute, 0 = unlimited (default: provider free tier)")->group(group);
  app.add_option("-j,--jobs", f.jobs, "Requests in flight at once across the run (default 4)")->group(group);
  app.add_option("--max-repairs", f.max_repairs, "Fix rounds for an answer that does not parse (default 2)")->group(group);
  app.add_option("--cache", f.cache, "Answer cache: sqlite (default), sqlite:PATH, redis://HOST:PORT/DB or off")->group(group);
  app.add_flag("--llm-stream", f.stream, "Stream answers (server-sent events)")->group(group);
  if (options.run_flags) {
    app.add_flag("--no-cache", f.no_cache, "Neither read nor write the answer cache")->group(group);
    app.add_flag("--refresh", f.refresh, "Ask the LLM again even when an answer is cached (and store the new one)")->group(group);
    app.add_option("--metrics", f.metrics_file, "Write timings, requests, retries, cache hits and tokens to FILE.json")->group(group);
    app.add_option("--context", f.context_globs, "Files (globs) the LLM should see, e.g. 'lib/*.py' (repeatable)")->group(group);
    app.add_flag("--show-prompts", f.show_prompts, "Print the prompts that would be sent; call nothing")->group(group);
  }
}

}  // namespace restack::llm
