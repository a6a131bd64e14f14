#pragma once
// A `.env` file read the way python-dotenv reads it: `KEY=VALUE` lines, an optional `export `
// prefix, single quotes (literal), double quotes (with \n \t \" \\ escapes, may span lines),
// unquoted values ending at ` #` comments, blank and `#` lines skipped. Values never override
// variables already set in the real environment (that merge happens in settings.cc).
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace restack::llm {

struct DotenvResult {
  std::map<std::string, std::string> values;
  std::vector<std::string> warnings;  // "LINE: why", for lines that could not be parsed
};

DotenvResult parse_dotenv(std::string_view text);

}  // namespace restack::llm
