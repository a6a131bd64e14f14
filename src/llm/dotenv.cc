#include "llm/dotenv.h"

#include <cctype>

namespace restack::llm {
namespace {

bool is_key_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-'; }

void skip_blanks(std::string_view t, size_t& i) {
  while (i < t.size() && (t[i] == ' ' || t[i] == '\t')) ++i;
}

int line_of(std::string_view t, size_t pos) {
  int line = 1;
  for (size_t i = 0; i < pos && i < t.size(); ++i)
    if (t[i] == '\n') ++line;
  return line;
}

}  // namespace

DotenvResult parse_dotenv(std::string_view t) {
  DotenvResult result;
  size_t i = 0;
  auto skip_line = [&] {
    while (i < t.size() && t[i] != '\n') ++i;
    if (i < t.size()) ++i;
  };
  while (i < t.size()) {
    size_t line_start = i;
    skip_blanks(t, i);
    if (i >= t.size()) break;
    if (t[i] == '\n' || t[i] == '\r' || t[i] == '#') {
      skip_line();
      continue;
    }
    if (t.compare(i, 7, "export ") == 0) {
      i += 7;
      skip_blanks(t, i);
    }
    size_t key_start = i;
    while (i < t.size() && is_key_char(t[i])) ++i;
    std::string key(t.substr(key_start, i - key_start));
    skip_blanks(t, i);
    if (key.empty() || i >= t.size() || t[i] != '=') {
      // python-dotenv accepts a bare KEY (value None); we have no "unset" value, so ignore it.
      if (!key.empty() && (i >= t.size() || t[i] == '\n' || t[i] == '\r' || t[i] == '#')) {
        skip_line();
        continue;
      }
      result.warnings.push_back(std::to_string(line_of(t, line_start)) + ": expected KEY=VALUE");
      skip_line();
      continue;
    }
    ++i;  // '='
    skip_blanks(t, i);
    std::string value;
    if (i < t.size() && (t[i] == '\'' || t[i] == '"')) {
      char quote = t[i++];
      bool closed = false;
      while (i < t.size()) {
        char c = t[i++];
        if (c == quote) {
          closed = true;
          break;
        }
        if (c == '\\' && i < t.size()) {
          char n = t[i];
          if (quote == '"') {
            ++i;
            switch (n) {
              case 'n': value += '\n'; break;
              case 't': value += '\t'; break;
              case 'r': value += '\r'; break;
              case '"': value += '"'; break;
              case '\\': value += '\\'; break;
              default: value += '\\'; value += n;
            }
            continue;
          }
          if (n == '\'' || n == '\\') {  // single quotes: only \' and \\ are escapes
            ++i;
            value += n;
            continue;
          }
        }
        value += c;
      }
      if (!closed) {
        result.warnings.push_back(std::to_string(line_of(t, line_start)) + ": unterminated quoted value for " + key);
        continue;
      }
      skip_line();  // the rest of the line may only hold a comment
    } else {
      size_t start = i;
      while (i < t.size() && t[i] != '\n') {
        if (t[i] == '#' && i > start && (t[i - 1] == ' ' || t[i - 1] == '\t')) break;
        ++i;
      }
      value = std::string(t.substr(start, i - start));
      while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) value.pop_back();
      skip_line();
    }
    result.values[key] = value;
  }
  return result;
}

}  // namespace restack::llm
