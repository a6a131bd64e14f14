#pragma once
// Secrets never reach a log line, a cache file, metrics or generated code. Every text that may
// carry the API key (curl's verbose trace, provider error bodies, settings dumps) goes through
// these functions before it leaves the module.
#include <string>
#include <string_view>

namespace restack::llm {

/// A key shown to a human: "csk-…abcd" (its prefix up to the first '-' and the last 4
/// characters) when long enough that this reveals little, "<set>" otherwise, "" when empty.
std::string redact_key(std::string_view key);

/// TEXT with every occurrence of SECRET replaced by its redacted form, and every
/// `Authorization:` header value replaced by "Bearer <redacted>".
std::string redact_text(std::string_view text, std::string_view secret);

}  // namespace restack::llm
