#include "llm/redact.h"

#include <algorithm>
#include <cctype>

namespace restack::llm {

std::string redact_key(std::string_view key) {
  if (key.empty()) return "";
  // Under 20 characters, the last four would be a fifth of the secret: show nothing.
  if (key.size() < 20) return "<set>";
  std::string prefix;
  auto dash = key.find('-');
  if (dash != std::string_view::npos && dash <= 4) prefix = std::string(key.substr(0, dash + 1));
  return prefix + "\u2026" + std::string(key.substr(key.size() - 4));
}

namespace {

bool iequal_prefix(std::string_view text, size_t at, std::string_view word) {
  if (text.size() - at < word.size()) return false;
  for (size_t i = 0; i < word.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[at + i])) != std::tolower(static_cast<unsigned char>(word[i])))
      return false;
  return true;
}

}  // namespace

std::string redact_text(std::string_view text, std::string_view secret) {
  std::string out;
  out.reserve(text.size());
  static constexpr std::string_view kHeader = "authorization:";
  for (size_t i = 0; i < text.size();) {
    if (!secret.empty() && text.compare(i, secret.size(), secret) == 0) {
      out += "<redacted>";
      i += secret.size();
      continue;
    }
    if ((i == 0 || text[i - 1] == '\n' || text[i - 1] == ' ' || text[i - 1] == '"') && iequal_prefix(text, i, kHeader)) {
      out.append(text.substr(i, kHeader.size()));
      out += " Bearer <redacted>";
      i += kHeader.size();
      while (i < text.size() && text[i] != '\n' && text[i] != '\r') ++i;  // drop the value
      continue;
    }
    out.push_back(text[i]);
    ++i;
  }
  return out;
}

}  // namespace restack::llm
