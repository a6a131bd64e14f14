#pragma once
// Durations (spec v1 "Values"): a number of seconds > 0, or `NUMBER UNIT` parts with units
// ms, s, m, h, d, largest first, each at most once ("500ms", "1m30s", "1.5h").
#include <optional>
#include <string>
#include <string_view>

namespace restack::spec {

struct DurationParse {
  std::optional<double> seconds;  // set on success
  std::string error;              // why not, for the message
};

DurationParse parse_duration_text(std::string_view text);
/// Python `timedelta(...)` arguments for SECONDS, e.g. "minutes=1, seconds=30" (for generators).
std::string timedelta_arguments(double seconds);

}  // namespace restack::spec
