#pragma once
// The subcommand table (after ninja's `Tool` table): each subcommand is a name, a one-line
// summary and a setup function that declares its flags on a CLI11 sub-app and returns the
// function to run once parsing succeeded. Subcommands parse flags, call one core function,
// print diagnostics and return an exit code; no logic lives here.
#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

namespace restack::cli {

enum class ColorMode { kAuto, kAlways, kNever };

/// Flags every subcommand shares.
struct GlobalOptions {
  int verbose = 0;
  bool quiet = false;
  ColorMode color = ColorMode::kAuto;

  /// Whether to colour output going to FD (honours NO_COLOR and --color).
  bool use_color(int fd) const;
};

using Runner = std::function<int()>;

struct Command {
  const char* name;
  const char* summary;
  std::function<Runner(CLI::App& sub, const GlobalOptions& global)> setup;
};

/// Every subcommand, in the order `--help` lists them (commands.cc).
const std::vector<Command>& commands();

// One factory per subcommand, each in its own cmd_NAME.cc.
Command init_command();
Command validate_command();
Command schema_command();
Command render_command();
Command generate_command();
Command check_command();
Command config_command();
Command cache_command();

}  // namespace restack::cli
