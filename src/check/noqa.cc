#include "check/noqa.h"

#include <cctype>

namespace restack::check {
namespace {

bool iequals_prefix(std::string_view s, size_t at, std::string_view word) {
  if (s.size() < at + word.size()) return false;
  for (size_t i = 0; i < word.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[at + i])) != word[i]) return false;
  return true;
}

}  // namespace

bool noqa_silences(std::string_view line, std::string_view code) {
  for (size_t hash = line.find('#'); hash != std::string_view::npos; hash = line.find('#', hash + 1)) {
    size_t i = hash + 1;
    while (i < line.size() && line[i] == ' ') ++i;
    if (!iequals_prefix(line, i, "noqa")) continue;
    i += 4;
    while (i < line.size() && line[i] == ' ') ++i;
    if (i >= line.size() || line[i] != ':') return true;  // bare `# noqa`
    ++i;
    // A comma or space separated list of codes.
    for (;;) {
      while (i < line.size() && (line[i] == ' ' || line[i] == ',')) ++i;
      size_t start = i;
      while (i < line.size() && std::isalnum(static_cast<unsigned char>(line[i]))) ++i;
      if (i == start) break;
      if (line.substr(start, i - start) == code) return true;
    }
  }
  return false;
}

}  // namespace restack::check
