#pragma once
// How a hard-coded secret looks: well-known key formats, names that hold credentials, and the
// randomness test that separates a real key from a placeholder or a description.
#include <string>
#include <string_view>

namespace restack::check {

/// A well-known credential format inside S (OpenAI sk-, Cerebras csk-, Groq gsk_, AWS AKIA,
/// GitHub ghp_, Slack xox?-, `Bearer <token>`): its description, or "" when none.
std::string_view known_secret_format(std::string_view s);

/// NAME (a variable, attribute, keyword or dict key) is meant to hold a credential:
/// api_key, OPENAI_API_KEY, authToken, db_password... but not max_tokens, token_count, KEY_NAME.
bool is_secret_name(std::string_view name);

/// S looks like a generated credential: long enough, no spaces, varied characters, high entropy,
/// and not a placeholder ("your-key-here", "sk-...", "<token>", "changeme").
bool is_high_entropy_secret(std::string_view s);

/// S is a placeholder or example value.
bool is_placeholder(std::string_view s);

}  // namespace restack::check
