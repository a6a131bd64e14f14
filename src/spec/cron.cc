#include "spec/cron.h"

#include <array>
#include <cctype>
#include <charconv>
#include <vector>

namespace restack::spec {
namespace {

struct FieldSpec {
  const char* name;
  int min;
  int max;
  const char* const* names;  // names for min, min+1, ... or nullptr
  int name_count;
};

constexpr const char* kMonths[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr const char* kDays[] = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

constexpr FieldSpec kFields[] = {
    {"minute", 0, 59, nullptr, 0},     {"hour", 0, 23, nullptr, 0},   {"day of month", 1, 31, nullptr, 0},
    {"month", 1, 12, kMonths, 12},     {"day of week", 0, 7, kDays, 7},
};

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i)
    if (i == s.size() || s[i] == sep) {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  return parts;
}

// Parses one value of FIELD into OUT; returns an error or "".
std::string parse_value(std::string_view v, const FieldSpec& field, int& out) {
  if (v.empty()) return std::string("empty value in the ") + field.name + " field";
  if (std::isalpha(static_cast<unsigned char>(v[0]))) {
    std::string upper;
    for (char c : v) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (int i = 0; i < field.name_count; ++i)
      if (upper == field.names[i]) {
        out = field.min + i;
        return "";
      }
    return "`" + std::string(v) + "` is not a valid " + field.name;
  }
  int n = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || end != v.data() + v.size()) return "`" + std::string(v) + "` is not a number";
  if (n < field.min || n > field.max)
    return std::string(field.name) + " " + std::string(v) + " is out of range " + std::to_string(field.min) + "-" +
           std::to_string(field.max);
  out = n;
  return "";
}

std::string check_item(std::string_view item, const FieldSpec& field) {
  std::string_view range = item;
  size_t slash = item.find('/');
  if (slash != std::string_view::npos) {
    range = item.substr(0, slash);
    std::string_view step = item.substr(slash + 1);
    int n = 0;
    auto [end, ec] = std::from_chars(step.data(), step.data() + step.size(), n);
    if (step.empty() || ec != std::errc() || end != step.data() + step.size() || n < 1)
      return "step `/" + std::string(step) + "` in the " + field.name + " field must be a positive number";
    if (range != "*" && range.find('-') == std::string_view::npos)
      return "a step needs `*` or a range before it, as in `*/" + std::string(step) + "` or `0-30/" + std::string(step) + "`";
  }
  if (range == "*") return "";
  size_t dash = range.find('-', 1);
  int a = 0, b = 0;
  if (dash == std::string_view::npos) return parse_value(range, field, a);
  if (auto e = parse_value(range.substr(0, dash), field, a); !e.empty()) return e;
  if (auto e = parse_value(range.substr(dash + 1), field, b); !e.empty()) return e;
  if (a > b) return "range " + std::string(range) + " in the " + field.name + " field goes backwards";
  return "";
}

}  // namespace

std::string check_cron(std::string_view expr) {
  if (!expr.empty() && expr[0] == '@') {
    for (std::string_view m : {"@yearly", "@annually", "@monthly", "@weekly", "@daily", "@hourly"})
      if (expr == m) return "";
    return "unknown macro; use @yearly, @monthly, @weekly, @daily or @hourly";
  }
  std::vector<std::string_view> fields;
  size_t i = 0;
  while (i < expr.size()) {
    while (i < expr.size() && (expr[i] == ' ' || expr[i] == '\t')) ++i;
    size_t start = i;
    while (i < expr.size() && expr[i] != ' ' && expr[i] != '\t') ++i;
    if (i > start) fields.push_back(expr.substr(start, i - start));
  }
  if (fields.size() != 5)
    return "expected 5 fields (minute hour day-of-month month day-of-week), found " + std::to_string(fields.size());
  for (size_t f = 0; f < 5; ++f)
    for (std::string_view item : split(fields[f], ','))
      if (auto e = check_item(item, kFields[f]); !e.empty()) return e;
  return "";
}

}  // namespace restack::spec
