// restack-gen: the command-line front end. It only parses arguments and dispatches to the
// subcommand table; every subcommand calls the library.
#include <cstdio>
#include <iostream>
#include <string_view>

#include "cli/command.h"
#include "cli/heap_tuning.h"
#include "common/exit_codes.h"

namespace {

using restack::cli::ColorMode;

int run(int argc, char** argv) {
  // Scripts and editors call `--version` to probe for the tool; answering before the CLI11 tree
  // of every subcommand is built is a third of its start-up cost (issue #3: under 5 ms).
  if (argc == 2 && std::string_view(argv[1]) == "--version") {
    std::fputs("restack-gen " RESTACK_VERSION "\n", stdout);
    return restack::kExitOk;
  }
  restack::cli::tune_heap_for_batch_run();
  CLI::App app{"restack-gen: turns a YAML workflow specification into a runnable, checked Restack project.",
               "restack-gen"};
  app.set_version_flag("--version", std::string("restack-gen ") + RESTACK_VERSION);
  app.require_subcommand(0, 1);
  app.fallthrough();

  restack::cli::GlobalOptions global;
  app.add_flag("-v,--verbose", global.verbose, "More output (repeat for more)");
  app.add_flag("-q,--quiet", global.quiet, "Only errors");
  std::string color_name = "auto";
  app.add_option("--color", color_name, "Colour output: auto (default; honours NO_COLOR), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->each([&](const std::string& v) {
        global.color = v == "always" ? ColorMode::kAlways : v == "never" ? ColorMode::kNever : ColorMode::kAuto;
      });

  std::vector<std::pair<CLI::App*, restack::cli::Runner>> runners;
  for (const auto& cmd : restack::cli::commands()) {
    CLI::App* sub = app.add_subcommand(cmd.name, cmd.summary);
    runners.emplace_back(sub, cmd.setup(*sub, global));
  }

  std::string help_topic;
  CLI::App* help = app.add_subcommand("help", "Show help for a subcommand");
  help->add_option("SUBCOMMAND", help_topic, "The subcommand to explain");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    // CLI11 returns 0 for --help/--version and its own codes for errors; ours is 2 for usage.
    return code == 0 ? restack::kExitOk : restack::kExitUsage;
  }

  if (help->parsed()) {
    if (help_topic.empty()) {
      std::cout << app.help();
      return restack::kExitOk;
    }
    for (auto& [sub, runner] : runners) {
      if (sub->get_name() == help_topic) {
        std::cout << sub->help();
        return restack::kExitOk;
      }
    }
    std::cerr << "restack-gen: error: no subcommand '" << help_topic << "' (see restack-gen --help)\n";
    return restack::kExitUsage;
  }
  for (auto& [sub, runner] : runners)
    if (sub->parsed()) return runner();
  std::cout << app.help();
  return restack::kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "restack-gen: internal error: " << e.what()
              << "\nThis is a bug in restack-gen; please report it with the command you ran.\n";
    return restack::kExitInternal;
  } catch (...) {
    std::cerr << "restack-gen: internal error (unknown exception)\n";
    return restack::kExitInternal;
  }
}
