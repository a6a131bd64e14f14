#include "llm/context_files.h"

#include <glob.h>

#include <set>

#include "common/file_io.h"

namespace restack::llm {
namespace fs = std::filesystem;

std::vector<std::pair<std::string, std::string>> load_context_files(const std::vector<std::string>& globs,
                                                                    const fs::path& base, DiagnosticSink& diagnostics,
                                                                    ContextLimits limits) {
  std::vector<std::pair<std::string, std::string>> files;
  std::set<std::string> seen;
  size_t total = 0;
  for (const auto& pattern : globs) {
    fs::path full = fs::path(pattern).is_absolute() ? fs::path(pattern) : base / pattern;
    glob_t matches{};
    int rc = glob(full.c_str(), GLOB_TILDE, nullptr, &matches);
    struct Free {
      glob_t* g;
      ~Free() { globfree(g); }
    } free_matches{&matches};
    if (rc == GLOB_NOMATCH || matches.gl_pathc == 0) {
      diagnostics.warning({"--context", 0, 0}, "W-context-none", "--context '" + pattern + "' matches no file");
      continue;
    }
    for (size_t i = 0; i < matches.gl_pathc; ++i) {
      fs::path p = matches.gl_pathv[i];
      std::error_code ec;
      if (!fs::is_regular_file(p, ec)) continue;
      std::string shown = p.lexically_relative(base).string();
      if (shown.empty() || shown.rfind("..", 0) == 0) shown = p.string();
      if (!seen.insert(fs::weakly_canonical(p, ec).string()).second) continue;
      auto file = read_text_file(p, limits.max_file_bytes);
      if (!file.ok) {
        diagnostics.warning({shown, 0, 0}, "W-context-read", "context file skipped: " + file.error);
        continue;
      }
      if (total + file.content.size() > limits.max_total_bytes) {
        diagnostics.warning({shown, 0, 0}, "W-context-limit",
                            "context files past " + std::to_string(limits.max_total_bytes / 1024) +
                                " KiB are left out of the prompt; narrow the --context globs");
        return files;
      }
      total += file.content.size();
      files.emplace_back(shown, std::move(file.content));
    }
  }
  return files;
}

}  // namespace restack::llm
