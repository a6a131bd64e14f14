#include "cli/generate_llm.h"

#include <unistd.h>

#include <chrono>
#include <iostream>

#include "common/diagnostic_printer.h"
#include "common/exit_codes.h"
#include "generate/llm_body_provider.h"
#include "llm/body_service.h"
#include "llm/cache.h"
#include "llm/context_files.h"
#include "llm/interrupt.h"
#include "llm/progress.h"
#include "llm/settings.h"

namespace restack::cli {

LlmBodies llm_bodies(const spec::Project& project, const std::string& provider, const llm::LlmFlags& flags,
                     const std::string& templates_dir, const GlobalOptions& global) {
  LlmBodies out;
  if (provider == "off") return out;  // explicit: placeholders, whatever the config says
  PrintOptions print;
  print.color = global.use_color(2);
  auto report = [&](DiagnosticSink& sink) {
    sink.sort();
    print_text(std::cerr, sink.all(), print);
  };

  auto setting_flags = flags.setting_flags();
  if (!provider.empty()) setting_flags["provider"] = provider;
  DiagnosticSink sink;
  llm::Settings settings = llm::resolve_settings(llm::SettingsInputs::from_process(setting_flags), sink);
  if (sink.has_errors() && provider.empty() && !settings.enabled()) {
    // No LLM asked for: a bad LLM setting must not stop placeholder generation.
    for (auto& d : sink.all())
      if (d.severity == Severity::kError) d.severity = Severity::kWarning;
    report(sink);
    return out;
  }
  report(sink);
  if (sink.has_errors()) {
    out.stop = kExitUsage;
    return out;
  }
  if (!settings.enabled()) {
    if (!provider.empty() && global.verbose > 0 && !settings.disabled_hint.empty())
      std::cerr << "restack-gen generate: " << settings.disabled_hint << "\n";
    return out;
  }
  if (auto problem = settings.usability_problem()) {
    std::cerr << "restack-gen generate: error: " << *problem << "\n";
    out.stop = kExitUsage;
    return out;
  }

  // Pass 1 (generate/llm_body_provider.h): the prompt of every function without `code:`.
  std::vector<llm::FunctionPromptContext> prompts = generate::collect_prompts(project, templates_dir, RESTACK_VERSION);
  DiagnosticSink context_sink;
  auto context_files = llm::load_context_files(flags.context_globs, std::filesystem::current_path(), context_sink);
  report(context_sink);
  std::vector<llm::BodyRequest> requests;
  for (auto& p : prompts) {
    p.context_files = context_files;
    requests.push_back({p.name, std::move(p)});
  }

  auto renderer = generate::make_prompt_renderer(templates_dir.empty() ? std::filesystem::path()
                                                                       : std::filesystem::path(templates_dir) / "prompts");
  llm::ServiceOptions options;
  options.settings = settings;
  options.renderer = renderer.get();
  options.validator = generate::checker_validator();
  options.body_indent = "";
  options.trace_http = global.verbose >= 2;

  if (flags.show_prompts) {
    llm::BodyService service(options);
    for (const auto& r : requests) {
      std::cout << "=== " << r.id << " ===\n";
      for (const auto& m : service.prompt_for(r.function)) std::cout << "--- " << m.role << " ---\n" << m.content << "\n";
    }
    out.stop = kExitOk;
    return out;
  }

  std::string error;
  std::unique_ptr<llm::AnswerCache> cache;
  if (!flags.no_cache) {
    cache = llm::open_cache(settings.cache, settings.cache_dir, &error);
    if (!cache && !error.empty()) {
      std::cerr << "restack-gen generate: error: answer cache: " << error
                << " (use --cache off or --no-cache to run without it)\n";
      out.stop = settings.cache.rfind("redis", 0) == 0 ? kExitExternal : kExitProblems;
      return out;
    }
  }

  llm::InterruptScope interrupt;
  llm::Progress progress(requests.size(), std::cerr, !global.quiet && isatty(2));
  options.cache = cache.get();
  options.cache_mode = flags.refresh ? llm::CacheMode::kRefresh
                       : flags.no_cache ? llm::CacheMode::kOff
                                        : llm::CacheMode::kUse;
  options.cancel = llm::InterruptScope::flag();
  if (!global.quiet) options.progress = &progress;
  auto start = std::chrono::steady_clock::now();
  llm::BodyService service(options);
  out.results = service.generate(requests);
  progress.finish();
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!global.quiet) std::cerr << service.metrics().summary(elapsed) << "\n";
  if (!flags.metrics_file.empty())
    if (auto err = service.metrics().write(flags.metrics_file))
      std::cerr << "restack-gen generate: warning: --metrics: " << *err << "\n";
  for (const auto& r : out.results)
    if (!r.ok() && r.status != llm::BodyStatus::kCancelled)
      std::cerr << "restack-gen generate: warning: " << r.id << ": no LLM body, placeholder written: " << r.reason
                << "\n";
  out.exit_code = llm::exit_code_for(out.results);
  if (out.exit_code == kExitInterrupted) {
    std::cerr << "restack-gen generate: interrupted; nothing written\n";
    out.stop = kExitInterrupted;
  }
  return out;
}

}  // namespace restack::cli
