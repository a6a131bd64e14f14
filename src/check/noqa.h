#pragma once
// `# noqa` (every code) and `# noqa: RSG101, RSG205` (those codes) on the line a finding starts.
#include <string_view>

namespace restack::check {

/// Whether the source line LINE_TEXT silences CODE.
bool noqa_silences(std::string_view line_text, std::string_view code);

}  // namespace restack::check
