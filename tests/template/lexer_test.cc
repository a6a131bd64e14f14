#include "template/lexer.h"

#include <gtest/gtest.h>

#include "common/diagnostic.h"

namespace restack::tmpl {
namespace {

std::vector<TokenType> types(const std::string& src, LexerOptions o = {}) {
  std::vector<TokenType> out;
  for (const auto& t : tokenize(src, "t.j2", o)) out.push_back(t.type);
  return out;
}

std::string data_of(const std::string& src, LexerOptions o = {}) {
  std::string out;
  for (const auto& t : tokenize(src, "t.j2", o))
    if (t.type == TokenType::kData) out += t.value + "|";
  return out;
}

TEST(Lexer, SplitsDataVariablesAndBlocks) {
  EXPECT_EQ(types("a{{ x }}b{% if y %}"),
            (std::vector<TokenType>{TokenType::kData, TokenType::kVariableBegin, TokenType::kName, TokenType::kVariableEnd,
                                    TokenType::kData, TokenType::kBlockBegin, TokenType::kName, TokenType::kName,
                                    TokenType::kBlockEnd, TokenType::kEof}));
}

TEST(Lexer, NumbersStringsAndOperators) {
  auto toks = tokenize("{{ 1_000 0x1f 2.5e3 'a\\nb' // ** != }}", "t.j2", {});
  EXPECT_EQ(toks[1].int_value, 1000);
  EXPECT_EQ(toks[2].int_value, 31);
  EXPECT_DOUBLE_EQ(toks[3].float_value, 2500.0);
  EXPECT_EQ(toks[4].value, "a\nb");
  EXPECT_EQ(toks[5].type, TokenType::kFloorDiv);
  EXPECT_EQ(toks[6].type, TokenType::kPow);
  EXPECT_EQ(toks[7].type, TokenType::kNe);
}

TEST(Lexer, MinusStripsWhitespaceAroundTags) {
  EXPECT_EQ(data_of("a  \n {%- if x -%} \n b"), "a|b|");
  EXPECT_EQ(data_of("a {{- x }} b"), "a| b|");
}

TEST(Lexer, TrimBlocksRemovesOneNewlineAfterBlockTags) {
  LexerOptions o;
  o.trim_blocks = true;
  EXPECT_EQ(data_of("{% if x %}\n\nA{{ y }}\nB", o), "\nA|\nB|");
}

TEST(Lexer, LstripBlocksStripsIndentBeforeBlockTagsOnly) {
  LexerOptions o;
  o.lstrip_blocks = true;
  EXPECT_EQ(data_of("x\n   {% if a %}\n   {{ b }}", o), "x\n|\n   |");
  EXPECT_EQ(data_of("x\n   {%+ if a %}", o), "x\n   |");  // + keeps the indent
  EXPECT_EQ(data_of("x {% if a %}", o), "x |");         // text before the tag on the line
}

TEST(Lexer, TrailingNewlineDroppedUnlessKept) {
  EXPECT_EQ(data_of("a\n"), "a|");
  LexerOptions o;
  o.keep_trailing_newline = true;
  EXPECT_EQ(data_of("a\n", o), "a\n|");
  EXPECT_EQ(data_of("a\r\nb"), "a\nb|");
}

TEST(Lexer, RawAndComments) {
  EXPECT_EQ(data_of("{% raw %}{{ x }}{% endraw %}"), "{{ x }}|");
  EXPECT_EQ(data_of("a{# c {{ x }} #}b"), "a|b|");
}

TEST(Lexer, ErrorsCarryTheLine) {
  try {
    tokenize("line\n{{ a ! b }}", "t.j2", {});
    FAIL() << "no error";
  } catch (const DiagnosticError& e) {
    EXPECT_EQ(e.diagnostic().location.file, "t.j2");
    EXPECT_EQ(e.diagnostic().location.line, 2);
    EXPECT_EQ(e.diagnostic().message, "unexpected char '!' at 10");
  }
  EXPECT_THROW(tokenize("{# never closed", "t.j2", {}), DiagnosticError);
  EXPECT_THROW(tokenize("{% raw %} never closed", "t.j2", {}), DiagnosticError);
  EXPECT_THROW(tokenize("{{ (1 }}", "t.j2", {}), DiagnosticError);
}

}  // namespace
}  // namespace restack::tmpl
