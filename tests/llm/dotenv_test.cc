// .env files read like python-dotenv.
#include <gtest/gtest.h>

#include "llm/dotenv.h"

namespace restack::llm {
namespace {

TEST(Dotenv, ParsesTheCommonForms) {
  auto r = parse_dotenv(
      "# a comment\n"
      "PLAIN=value\n"
      "export EXPORTED=yes\n"
      "SPACED = around  \n"
      "COMMENTED=abc # trailing comment\n"
      "HASH=abc#def\n"
      "SINGLE='lit $x \\n # not a comment'\n"
      "DOUBLE=\"line1\\nline2 \\\"q\\\"\"\n"
      "MULTI=\"a\nb\"\n"
      "EMPTY=\n"
      "BARE\n"
      "\n"
      "CRLF=win\r\n");
  EXPECT_TRUE(r.warnings.empty());
  EXPECT_EQ(r.values["PLAIN"], "value");
  EXPECT_EQ(r.values["EXPORTED"], "yes");
  EXPECT_EQ(r.values["SPACED"], "around");
  EXPECT_EQ(r.values["COMMENTED"], "abc");
  EXPECT_EQ(r.values["HASH"], "abc#def");
  EXPECT_EQ(r.values["SINGLE"], "lit $x \\n # not a comment");
  EXPECT_EQ(r.values["DOUBLE"], "line1\nline2 \"q\"");
  EXPECT_EQ(r.values["MULTI"], "a\nb");
  EXPECT_EQ(r.values["EMPTY"], "");
  EXPECT_EQ(r.values.count("BARE"), 0u);
  EXPECT_EQ(r.values["CRLF"], "win");
}

TEST(Dotenv, BadLinesAreWarningsNotFailures) {
  auto r = parse_dotenv("=nokey\nGOOD=1\nOPEN=\"never closed\n");
  EXPECT_EQ(r.values["GOOD"], "1");
  EXPECT_EQ(r.values.count("OPEN"), 0u);
  ASSERT_EQ(r.warnings.size(), 2u);
  EXPECT_EQ(r.warnings[0].rfind("1:", 0), 0u);
}

}  // namespace
}  // namespace restack::llm
