// `restack-gen config show`: the effective LLM settings and where each came from (flag,
// environment, .env, project restack-gen.yaml, user config, defaults), the API key redacted.
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "common/diagnostic_printer.h"
#include "common/exit_codes.h"
#include "llm/cli_flags.h"
#include "llm/settings.h"

namespace restack::cli {

Command config_command() {
  return Command{
      "config", "Show the effective LLM settings and where each one comes from",
      [](CLI::App& sub, const GlobalOptions& global) -> Runner {
        sub.require_subcommand(1, 1);
        CLI::App* show = sub.add_subcommand("show", "Print every LLM setting with its source (keys redacted)");
        auto flags = std::make_shared<llm::LlmFlags>();
        auto format = std::make_shared<std::string>("text");
        show->add_option("--format", *format, "Output format: text (default) or json")
            ->check(CLI::IsMember({"text", "json"}));
        llm::add_llm_flags(*show, *flags, {.provider_flag = true, .run_flags = false});
        return [flags, format, &global] {
          DiagnosticSink sink;
          llm::Settings settings =
              llm::resolve_settings(llm::SettingsInputs::from_process(flags->setting_flags()), sink);
          sink.sort();
          print_text(std::cerr, sink.all(), {.color = global.use_color(2), .show_code = false});
          if (*format == "json") std::cout << llm::settings_to_json(settings).dump(2) << "\n";
          else std::cout << llm::settings_to_text(settings);
          return static_cast<int>(sink.has_errors() ? kExitProblems : kExitOk);
        };
      }};
}

}  // namespace restack::cli
