#include "spec/load.h"

#include "common/file_io.h"
#include "spec/codes.h"
#include "spec/reader.h"
#include "spec/validator.h"
#include "spec/yaml_tree.h"

namespace restack::spec {

Project load_project_partial(const std::vector<SourceText>& sources, DiagnosticSink& sink) {
  std::vector<ParsedFile> parsed;
  for (const auto& src : sources) {
    // The model copies what it needs: each YAML tree is freed before the next file is parsed
    // and before validation, so their memory is reused rather than held to the end.
    auto doc = yaml::parse_document_view(src.text, src.name, sink);  // SRC outlives the tree
    if (!doc) continue;
    if (auto file = read_spec(*doc, sink)) parsed.push_back(std::move(*file));
  }
  return build_project(std::move(parsed), sink);
}

std::optional<Project> load_project_from_texts(const std::vector<SourceText>& sources, DiagnosticSink& sink) {
  size_t errors_before = sink.error_count();
  Project p = load_project_partial(sources, sink);
  if (sink.error_count() > errors_before) return std::nullopt;
  return p;
}

std::optional<Project> load_project(const std::vector<std::string>& files, DiagnosticSink& sink) {
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
  auto p = load_project_from_texts(sources, sink);
  if (unreadable) return std::nullopt;
  return p;
}

}  // namespace restack::spec
