#pragma once
// UTF-8 helpers: Python strings count code points, templates store UTF-8 bytes.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace restack::tmpl::utf8 {

/// Decodes S into code points; invalid bytes decode as themselves (U+0080..U+00FF) so that
/// nothing is lost and no input crashes.
std::u32string decode(std::string_view s);
void append(std::string& out, char32_t c);
std::string encode(std::u32string_view s);
/// Number of code points.
size_t length(std::string_view s);
bool is_ascii(std::string_view s);

bool is_space(char32_t c);  // Python str.isspace()
bool is_alpha(char32_t c);  // letters (ASCII, Latin-1, Latin Extended, Greek, Cyrillic)
bool is_digit(char32_t c);
bool is_alnum(char32_t c);
bool is_word(char32_t c);   // regex \w
bool is_upper(char32_t c);
bool is_lower(char32_t c);
char32_t to_upper(char32_t c);
char32_t to_lower(char32_t c);

std::string upper(std::string_view s);
std::string lower(std::string_view s);

}  // namespace restack::tmpl::utf8
