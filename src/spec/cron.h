#pragma once
// Cron expressions (spec v1 "schedule"): five fields (minute hour day-of-month month
// day-of-week), each `*`, a value, a range `a-b`, a list `a,b`, or a step `*/n` / `a-b/n`;
// months JAN-DEC and weekdays SUN-SAT by name; or one of @yearly @monthly @weekly @daily @hourly.
#include <string>
#include <string_view>

namespace restack::spec {

/// An empty string when EXPR is valid, else why not ("hour 24 is out of range 0-23").
std::string check_cron(std::string_view expr);

}  // namespace restack::spec
