#pragma once
// A light scan of the raw text, before the parser, for three mistakes best reported with a
// dedicated code at their start: tabs in indentation, quoted strings and flow collections left
// open at the end of the file (the parser would only notice them at the end of the file).
// It tracks just enough YAML (comments, quotes, flow brackets, block scalars) to know which
// characters are content.
#include <string>
#include <string_view>

#include "common/diagnostic.h"
#include "spec/source_text.h"

namespace restack::spec {

/// Reports problems into SINK; returns false when it found any (the parse should stop).
bool prescan_yaml(std::string_view text, const LineIndex& lines, const std::string& file, DiagnosticSink& sink);

}  // namespace restack::spec
