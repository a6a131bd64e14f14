// Taking a function body out of an LLM answer.
#include <gtest/gtest.h>

#include "llm/answer.h"

namespace restack::llm {
namespace {

TEST(ExtractCode, PlainAnswerIsTheCode) {
  EXPECT_EQ(extract_code("\n\nreturn Out(x=1)\n\n"), "return Out(x=1)");
}

TEST(ExtractCode, PrefersThePythonFence) {
  std::string answer = "Here:\n```json\n{}\n```\nand\n```python\nx = 1\nreturn x\n```\nDone.";
  EXPECT_EQ(extract_code(answer), "x = 1\nreturn x");
  EXPECT_EQ(extract_code("```\nreturn 2\n```"), "return 2");
  EXPECT_EQ(extract_code("```py\nreturn 3\n```"), "return 3");
  // A truncated answer: the fence never closes.
  EXPECT_EQ(extract_code("```python\nreturn 4\n"), "return 4");
}

TEST(Dedent, CommonPrefixOnly) {
  EXPECT_EQ(dedent("    a\n      b\n\n    c"), "a\n  b\n\nc");
  EXPECT_EQ(indent_lines("a\n\n  b", "    "), "    a\n\n      b");
}

TEST(ExtractBody, BareBodyIsReindented) {
  auto b = extract_function_body("```python\nresult = await fetch()\nreturn Out(v=result)\n```", "get");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b.body, "    result = await fetch()\n    return Out(v=result)");
  auto indented = extract_function_body("        x = 1\n        return x", "get");
  EXPECT_EQ(indented.body, "    x = 1\n    return x");
}

TEST(ExtractBody, RestatedFunctionKeepsBodyAndImports) {
  std::string answer =
      "```python\n"
      "import os\n"
      "from restack_ai.function import function\n"
      "\n"
      "class Junk(BaseModel):\n"
      "    a: int\n"
      "\n"
      "@function.defn()\n"
      "async def get_weather(\n"
      "    input: WeatherIn,  # (the input)\n"
      ") -> WeatherOut:\n"
      "    key = os.environ[\"WEATHER_KEY\"]\n"
      "    if key:\n"
      "        return WeatherOut(t=1)\n"
      "    return WeatherOut(t=0)\n"
      "\n"
      "print('trailing top-level code')\n"
      "```";
  auto b = extract_function_body(answer, "get_weather");
  ASSERT_TRUE(b.ok()) << b.error;
  EXPECT_EQ(b.body,
            "    import os\n"
            "    from restack_ai.function import function\n"
            "    key = os.environ[\"WEATHER_KEY\"]\n"
            "    if key:\n"
            "        return WeatherOut(t=1)\n"
            "    return WeatherOut(t=0)");
}

TEST(ExtractBody, OneLineDef) {
  auto b = extract_function_body("def f(x): return x", "f");
  EXPECT_EQ(b.body, "    return x");
}

TEST(ExtractBody, EmptyAnswerIsAnError) {
  EXPECT_FALSE(extract_function_body("", "f").ok());
  EXPECT_FALSE(extract_function_body("```python\n```", "f").ok());
}

}  // namespace
}  // namespace restack::llm
