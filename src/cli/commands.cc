#include "cli/command.h"

#include <unistd.h>

#include <cstdlib>

namespace restack::cli {

bool GlobalOptions::use_color(int fd) const {
  if (color == ColorMode::kAlways) return true;
  if (color == ColorMode::kNever) return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  const char* term = std::getenv("TERM");
  if (term && std::string(term) == "dumb") return false;
  return isatty(fd);
}

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      // subcommands are added here as their modules land
      init_command(), validate_command(), schema_command(),
      check_command(),
      render_command(),
      generate_command(),
      config_command(), cache_command(),
  };
  return table;
}

}  // namespace restack::cli
