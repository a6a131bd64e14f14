#include "spec/load.h"

#include <memory>
#include <thread>

#include "common/file_io.h"
#include "spec/codes.h"
#include "spec/reader.h"
#include "spec/two_threads.h"
#include "spec/validator.h"
#include "spec/yaml_tree.h"

namespace restack::spec {

LoadOptions LoadOptions::for_this_machine() {
  LoadOptions o;
  if (std::thread::hardware_concurrency() < 2) o.parallel_min_bytes = SIZE_MAX;  // 0 means unknown: try
  return o;
}

Project load_project_partial(const std::vector<SourceText>& sources, DiagnosticSink& sink, const LoadOptions& options) {
  std::vector<ParsedFile> parsed;
  TwoThreads threads;  // one helper thread for every step of this load (started when needed)
  yaml::ParseOptions parse_options{options.parallel_min_bytes, options.yaml_pieces, &threads};
  bool large = false;  // a project with a large file is checked on two threads
  for (const auto& src : sources) {
    bool parallel = options.parallel(src.text.size());
    large = large || parallel;
    // The model copies what it needs: each YAML tree is freed before the next file is parsed
    // and before validation, so their memory is reused rather than held to the end.
    auto doc = yaml::parse_document_view(src.text, src.name, sink, parse_options);  // SRC outlives the tree
    if (!doc) continue;
    if (auto file = read_spec(*doc, sink, parallel ? &threads : nullptr)) parsed.push_back(std::move(*file));
    // A large tree (some 100,000 nodes in 2 MB) is freed by the helper while this thread
    // merges and checks: nothing reads it any more.
    if (parallel) threads.post([tree = std::shared_ptr<yaml::Document>(std::move(doc))]() mutable { tree.reset(); });
  }
  return build_project(std::move(parsed), sink, large ? &threads : nullptr);
}

std::optional<Project> load_project_from_texts(const std::vector<SourceText>& sources, DiagnosticSink& sink,
                                               const LoadOptions& options) {
  size_t errors_before = sink.error_count();
  Project p = load_project_partial(sources, sink, options);
  if (sink.error_count() > errors_before) return std::nullopt;
  return p;
}

std::optional<Project> load_project(const std::vector<std::string>& files, DiagnosticSink& sink, const LoadOptions& options) {
  std::vector<SourceText> sources;
  bool unreadable = false;
  for (const auto& f : files) {
    ReadResult r = read_text_file(f, yaml::kMaxFileBytes);
    if (!r.ok) {
      bool too_large = r.error.find("larger") != std::string::npos;
      if (too_large) report(sink, Code::kFileTooLarge, SourceLocation{f, 0, 0});
      else report(sink, Code::kFileUnreadable, SourceLocation{f, 0, 0}, r.error);
      unreadable = true;
      continue;
    }
    sources.push_back(SourceText{f, std::move(r.content)});
  }
  auto p = load_project_from_texts(sources, sink, options);
  if (unreadable) return std::nullopt;
  return p;
}

}  // namespace restack::spec
