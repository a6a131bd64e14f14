#include "spec/duration.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace restack::spec {
namespace {

struct Unit {
  std::string_view name;
  double seconds;
};
// Largest first: the order the parts must appear in.
constexpr Unit kUnits[] = {{"d", 86400}, {"h", 3600}, {"m", 60}, {"s", 1}, {"ms", 0.001}};

}  // namespace

DurationParse parse_duration_text(std::string_view text) {
  DurationParse r;
  if (text.empty()) {
    r.error = "it is empty";
    return r;
  }
  double total = 0;
  int last_unit = -1;
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) ++i;
    if (i == start) {
      r.error = text[i] == '-' ? "a duration must be greater than zero"
                               : "expected a number at `" + std::string(text.substr(i)) + "`; write e.g. 30s, 1m30s, 1.5h";
      return r;
    }
    std::string number(text.substr(start, i - start));
    if (std::count(number.begin(), number.end(), '.') > 1 || number.front() == '.' || number.back() == '.') {
      r.error = "`" + number + "` is not a number";
      return r;
    }
    size_t unit_start = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    std::string_view unit = text.substr(unit_start, i - unit_start);
    if (unit.empty()) {
      r.error = i < text.size() ? "unexpected `" + std::string(1, text[i]) + "`; write parts like 1m30s without spaces"
                                : "`" + number + "` has no unit (ms, s, m, h or d); a bare number of seconds is written without quotes";
      return r;
    }
    int index = -1;
    for (int u = 0; u < 5; ++u)
      if (kUnits[u].name == unit) index = u;
    if (index < 0) {
      r.error = "unknown unit `" + std::string(unit) + "`; use ms, s, m, h or d";
      return r;
    }
    if (index <= last_unit) {
      r.error = index == last_unit ? "the unit `" + std::string(unit) + "` appears twice"
                                   : "units must go from largest to smallest (d, h, m, s, ms)";
      return r;
    }
    last_unit = index;
    total += std::strtod(number.c_str(), nullptr) * kUnits[index].seconds;
  }
  if (!(total > 0)) {
    r.error = "a duration must be greater than zero";
    return r;
  }
  if (!std::isfinite(total)) {
    r.error = "it is too large";
    return r;
  }
  r.seconds = total;
  return r;
}

std::string timedelta_arguments(double seconds) {
  double whole = std::floor(seconds);
  if (whole == seconds && std::fmod(seconds, 86400) == 0) return fmt::format("days={}", seconds / 86400);
  if (whole == seconds && std::fmod(seconds, 3600) == 0) return fmt::format("hours={}", seconds / 3600);
  if (whole == seconds && std::fmod(seconds, 60) == 0) return fmt::format("minutes={}", seconds / 60);
  if (whole == seconds) return fmt::format("seconds={}", seconds);
  return fmt::format("milliseconds={}", std::round(seconds * 1000));
}

}  // namespace restack::spec
