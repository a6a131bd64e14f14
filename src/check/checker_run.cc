#include "check/checker_run.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "check/checker_internal.h"
#include "check/config.h"
#include "check/discovery.h"
#include "check/noqa.h"
#include "check/project.h"
#include "common/file_io.h"

namespace restack::check {
namespace fs = std::filesystem;
namespace {

/// Per-file rule options: the command line merged with the nearest pyproject.toml. Settings
/// are read once per pyproject (before the threads start, so workers only read).
class SettingsResolver {
 public:
  SettingsResolver(const RunOptions& options, std::vector<Diagnostic>& errors) : options_(options), errors_(errors) {}

  const CheckOptions& for_file(const fs::path& file) {
    if (!options_.use_project_settings) return options_.rules;
    fs::path dir = file.parent_path().empty() ? fs::path(".") : file.parent_path();
    auto cached = by_dir_.find(dir);
    if (cached != by_dir_.end()) return cached->second;
    fs::path pyproject = find_pyproject(dir);
    CheckOptions merged = options_.rules;
    if (!pyproject.empty()) {
      auto it = by_pyproject_.find(pyproject);
      if (it == by_pyproject_.end()) {
        ReadResult r = read_text_file(pyproject, 4u << 20);
        it = by_pyproject_.emplace(pyproject, r.ok ? parse_project_settings(r.content, pyproject.string(), &errors_)
                                                   : ProjectSettings{})
                 .first;
      }
      const ProjectSettings& s = it->second;
      if (!options_.cli_select && s.select) merged.select = *s.select;
      merged.ignore.insert(merged.ignore.end(), s.ignore.begin(), s.ignore.end());
    }
    return by_dir_.emplace(dir, std::move(merged)).first->second;
  }

 private:
  const RunOptions& options_;
  std::vector<Diagnostic>& errors_;
  std::map<fs::path, ProjectSettings> by_pyproject_;
  std::map<fs::path, CheckOptions> by_dir_;
};

}  // namespace

RunResult check_paths(const std::vector<std::string>& paths, const RunOptions& options) {
  RunResult run;
  DiscoveredFiles found = discover_python_files(paths);
  for (const auto& e : found.errors)
    run.errors.push_back(Diagnostic{{e.substr(0, e.find(':')), 0, 0}, {}, Severity::kError, "E-check-path", e, {}});
  const auto& files = found.files;

  SettingsResolver settings(options, run.errors);
  std::vector<const CheckOptions*> file_options;
  file_options.reserve(files.size());
  for (const auto& f : files) file_options.push_back(&settings.for_file(f));

  std::vector<FileResult> results(files.size());
  std::atomic<size_t> next{0};
  auto worker = [&] {
    PythonParser parser;
    for (size_t i = next++; i < files.size(); i = next++) {
      ReadResult r = read_text_file(files[i]);
      if (!r.ok) {
        results[i].read_error = true;
        results[i].diagnostics.push_back(Diagnostic{{files[i].string(), 0, 0}, {}, Severity::kError, "E-check-read",
                                                    files[i].string() + ": cannot read: " + r.error, {}});
        continue;
      }
      results[i] = check_module(parser, files[i].string(), r.content, *file_options[i]);
    }
  };
  unsigned jobs = options.jobs > 0 ? unsigned(options.jobs) : std::max(1u, std::thread::hardware_concurrency());
  jobs = std::min<unsigned>(jobs, std::max<size_t>(files.size(), 1));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < jobs; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();

  std::vector<ProjectFile> project_files;
  for (size_t i = 0; i < files.size(); ++i) {
    if (results[i].read_error) {
      run.errors.insert(run.errors.end(), results[i].diagnostics.begin(), results[i].diagnostics.end());
      continue;
    }
    ++run.files_checked;
    project_files.push_back({files[i].string(), &results[i].summary});
    for (auto& d : results[i].diagnostics) run.findings.push_back(std::move(d));
  }

  // Project-level findings, filtered by the same per-file selection and noqa comments.
  std::map<std::string, size_t> index_of;
  for (size_t i = 0; i < files.size(); ++i) index_of[files[i].string()] = i;
  for (auto& d : find_unregistered_definitions(project_files)) {
    size_t i = index_of[d.location.file];
    if (!rule_enabled(*file_options[i], d.code)) continue;
    if (file_options[i]->respect_noqa) {
      ReadResult r = read_text_file(files[i]);
      SourceMap map(r.content);
      if (noqa_silences(map.line_text(d.location.line), d.code)) continue;
    }
    run.findings.push_back(std::move(d));
  }
  sort_diagnostics(run.findings);
  return run;
}

}  // namespace restack::check
