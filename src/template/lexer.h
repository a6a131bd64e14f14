#pragma once
// Splits template source into tokens exactly as Jinja2 3.1's lexer does: data, {{ }}, {% %},
// {# #}, raw blocks, whitespace control (-, +), trim_blocks and lstrip_blocks.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace restack::tmpl {

enum class TokenType : uint8_t {
  kData, kVariableBegin, kVariableEnd, kBlockBegin, kBlockEnd, kName, kString, kInteger, kFloat,
  // operators
  kAdd, kSub, kDiv, kFloorDiv, kMul, kMod, kPow, kTilde, kLBracket, kRBracket, kLParen, kRParen,
  kLBrace, kRBrace, kEq, kNe, kGt, kGtEq, kLt, kLtEq, kAssign, kDot, kColon, kPipe, kComma, kSemicolon,
  kEof
};

struct Token {
  TokenType type = TokenType::kEof;
  int line = 1;
  std::string value;  // data text, name, decoded string literal, or the operator/number spelling
  int64_t int_value = 0;
  double float_value = 0;
  bool int_overflow = false;  // an integer literal beyond int64 (kept as float_value)
};

struct LexerOptions {
  bool trim_blocks = false;
  bool lstrip_blocks = false;
  bool keep_trailing_newline = false;
};

/// Tokenises SOURCE; throws DiagnosticError (at NAME:LINE) on a lexical error.
std::vector<Token> tokenize(std::string_view source, const std::string& name, const LexerOptions& options);

/// Jinja2's description of a token for messages: a name's value, an operator's spelling,
/// "end of print statement"...
std::string describe_token(const Token& t);
std::string describe_token_type(TokenType t);

}  // namespace restack::tmpl
