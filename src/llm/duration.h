#pragma once
// Durations as users write them in flags, environment and config files: "30", "30s", "500ms",
// "2m", "1h", "30d". A bare number means seconds.
#include <optional>
#include <string_view>

namespace restack::llm {

/// Seconds, or nothing when TEXT is not a non-negative duration.
std::optional<double> parse_duration_seconds(std::string_view text);

}  // namespace restack::llm
