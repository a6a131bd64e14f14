#include "spec/names.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <utility>

namespace restack::spec {
namespace {

bool upper(char c) { return c >= 'A' && c <= 'Z'; }
bool lower(char c) { return c >= 'a' && c <= 'z'; }
bool digit(char c) { return c >= '0' && c <= '9'; }

// Python 3.11 keyword.kwlist plus the soft keywords that break as names in generated code.
constexpr std::array<std::string_view, 35> kKeywords = {
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield"};
// The shortest and longest keyword: most names are rejected by their length alone.
constexpr std::pair<size_t, size_t> kKeywordLengths = [] {
  std::pair<size_t, size_t> r{SIZE_MAX, 0};
  for (std::string_view k : kKeywords) r = {std::min(r.first, k.size()), std::max(r.second, k.size())};
  return r;
}();

// Public attributes and methods of pydantic.BaseModel in 1.10 and 2.x (model_* is a prefix
// rule below). A field with one of these names shadows it: pydantic raises or misbehaves.
constexpr std::array<std::string_view, 24> kBaseModelAttributes = {
    "Config", "construct", "copy", "dict", "fields", "from_orm", "json", "parse_file", "parse_obj",
    "parse_raw", "schema", "schema_json", "update_forward_refs", "validate", "__fields__",
    "__config__", "__root__", "__validators__", "__fields_set__", "__signature__", "__class_vars__",
    "__private_attributes__", "__post_root_validators__", "__pre_root_validators__"};

// The first bytes of those names: a field name that starts with another (nearly every one of
// a spec's some 30,000 fields) is none of them, without a comparison.
constexpr std::array<bool, 256> kAttributeFirstBytes = [] {
  std::array<bool, 256> first{};
  for (std::string_view a : kBaseModelAttributes) first[static_cast<unsigned char>(a[0])] = true;
  return first;
}();

}  // namespace

bool is_pascal_case(std::string_view s) {
  if (s.empty() || !upper(s[0])) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return upper(c) || lower(c) || digit(c); });
}

bool is_snake_case(std::string_view s) {
  if (s.empty() || !(lower(s[0]) || s[0] == '_')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return lower(c) || digit(c) || c == '_'; });
}

namespace {

// Bytes of a Python identifier by position: 1 may start one, 2 may continue one; any byte of a
// non-ASCII character passes (the text's UTF-8 was checked before). One lookup a byte: every
// field name and every part of a reference comes here.
constexpr std::array<uint8_t, 256> kIdentifierBytes = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c >= 0x80;
    if (letter) t[static_cast<size_t>(c)] = 1 | 2;
    else if (c >= '0' && c <= '9') t[static_cast<size_t>(c)] = 2;
  }
  return t;
}();

}  // namespace

bool is_python_identifier(std::string_view s) {
  if (s.empty() || !(kIdentifierBytes[static_cast<unsigned char>(s[0])] & 1)) return false;
  for (size_t i = 1; i < s.size(); ++i)
    if (!(kIdentifierBytes[static_cast<unsigned char>(s[i])] & 2)) return false;
  return true;
}

static_assert(std::is_sorted(kKeywords.begin(), kKeywords.end()), "kKeywordsByStart needs them sorted");

// Keywords by first byte: [begin, end) into kKeywords (sorted by byte, so each first byte's
// keywords are adjacent); names starting otherwise need no comparison.
constexpr std::array<std::pair<uint8_t, uint8_t>, 256> kKeywordsByStart = [] {
  std::array<std::pair<uint8_t, uint8_t>, 256> r{};
  for (size_t i = 0; i < kKeywords.size(); ++i) {
    auto& range = r[static_cast<unsigned char>(kKeywords[i][0])];
    if (range.first == range.second) range = {static_cast<uint8_t>(i), static_cast<uint8_t>(i)};
    range.second = static_cast<uint8_t>(i + 1);
  }
  return r;
}();

bool is_python_keyword(std::string_view s) {
  if (s.size() < kKeywordLengths.first || s.size() > kKeywordLengths.second) return false;
  auto [begin, end] = kKeywordsByStart[static_cast<unsigned char>(s[0])];
  for (size_t i = begin; i < end; ++i)
    if (kKeywords[i] == s) return true;
  return false;
}

bool is_distribution_name(std::string_view s) {
  if (s.empty() || !lower(s[0])) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return lower(c) || digit(c) || c == '-'; });
}

std::optional<std::string> pydantic_field_problem(std::string_view s) {
  if (!s.empty() && s[0] == '_') return std::string("starts with `_` (pydantic treats it as private)");
  if (s.rfind("model_", 0) == 0) return std::string("uses the prefix `model_`, reserved by pydantic 2");
  if (s.empty() || !kAttributeFirstBytes[static_cast<unsigned char>(s[0])]) return std::nullopt;
  // Length and first byte before the bytes.
  for (std::string_view a : kBaseModelAttributes)
    if (a.size() == s.size() && a[0] == s[0] && a == s) return "shadows the BaseModel attribute `" + std::string(s) + "`";
  return std::nullopt;
}

std::string pascal_case(std::string_view snake) {
  std::string out;
  bool up = true;
  for (char c : snake) {
    if (c == '_') {
      up = true;
      continue;
    }
    out += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    up = false;
  }
  return out;
}

std::string kebab_case(std::string_view pascal) {
  std::string out;
  for (size_t i = 0; i < pascal.size(); ++i) {
    char c = pascal[i];
    if (upper(c)) {
      bool boundary = i > 0 && (lower(pascal[i - 1]) || digit(pascal[i - 1]) ||
                                (i + 1 < pascal.size() && lower(pascal[i + 1]) && upper(pascal[i - 1])));
      if (boundary) out += '-';
      out += static_cast<char>(c - 'A' + 'a');
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace restack::spec
