#pragma once
// Helpers for the spec tests: load YAML text in memory and look for diagnostics.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "common/diagnostic.h"
#include "spec/load.h"

namespace restack::spec::test {

struct Loaded {
  DiagnosticSink sink;
  std::optional<Project> project;
};

inline Loaded load_text(const std::string& text, const std::string& name = "spec.yaml") {
  Loaded l;
  l.project = load_project_from_texts({SourceText{name, text}}, l.sink);
  l.sink.sort();
  return l;
}

inline Loaded load_texts(const std::vector<SourceText>& sources) {
  Loaded l;
  l.project = load_project_from_texts(sources, l.sink);
  l.sink.sort();
  return l;
}

inline std::string dump(const DiagnosticSink& sink) {
  std::string s;
  for (const auto& d : sink.all()) {
    s += d.location.file + ":" + std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + ": " +
         severity_name(d.severity) + ": " + d.message + " [" + d.code + "]\n";
    for (const auto& n : d.notes) s += "    note: " + n.message + "\n";
  }
  return s;
}

/// The first error at LINE:COLUMN, or nullptr.
inline const Diagnostic* error_at(const DiagnosticSink& sink, int line, int column) {
  for (const auto& d : sink.all())
    if (d.severity == Severity::kError && d.location.line == line && d.location.column == column) return &d;
  return nullptr;
}

}  // namespace restack::spec::test
