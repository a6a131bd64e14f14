#pragma once
// `--context GLOB`: files the user wants the LLM to see (their own helpers, an API client...).
// Globs are expanded relative to a base folder (glob(3), sorted, no shell); each file is read up
// to a size limit, and the whole set is capped so one careless glob cannot fill a prompt.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "common/diagnostic.h"

namespace restack::llm {

struct ContextLimits {
  size_t max_file_bytes = 64 * 1024;
  size_t max_total_bytes = 256 * 1024;
};

/// (path as matched, content) for every file the globs match, in glob order, without
/// duplicates. A glob matching nothing, an unreadable file or a limit reached is a warning.
std::vector<std::pair<std::string, std::string>> load_context_files(const std::vector<std::string>& globs,
                                                                    const std::filesystem::path& base,
                                                                    DiagnosticSink& diagnostics,
                                                                    ContextLimits limits = {});

}  // namespace restack::llm
