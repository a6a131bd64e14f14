// The pieces of `generate --llm` that need no server: the checker-based validator, the
// provider answering by name, and the embedded prompt templates.
#include "generate/llm_body_provider.h"

#include <gtest/gtest.h>

namespace restack::generate {
namespace {

TEST(CheckerValidator, AcceptsAValidBodyAtColumnZeroOrIndented) {
  auto validate = checker_validator();
  EXPECT_EQ(validate("log.info(\"x\")\nreturn None"), std::nullopt);
  EXPECT_EQ(validate("    import json\n    return json.dumps({})"), std::nullopt);
  EXPECT_EQ(validate(""), std::nullopt);
}

TEST(CheckerValidator, ReportsASyntaxErrorWithTheBodyLine) {
  auto error = checker_validator()("x = 1\nif x\n    pass");
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->rfind("line 2: ", 0), 0u) << *error;
}

TEST(EmbeddedPrompts, HoldTheThreeBundledTemplates) {
  std::vector<std::string> names;
  for (const auto& t : embedded_prompts()) {
    names.push_back(t.name);
    EXPECT_FALSE(t.text.empty()) << t.name;
  }
  EXPECT_EQ(names, (std::vector<std::string>{"function_body.j2", "repair.j2", "system.j2"}));
}

TEST(EmbeddedPrompts, RenderTheFunctionName) {
  auto renderer = make_prompt_renderer({});
  llm::FunctionPromptContext f;
  f.name = "fetch_order";
  f.signature = "async def fetch_order() -> None:";
  auto messages = llm::build_function_messages(f, *renderer);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_NE(messages[1].content.find("fetch_order"), std::string::npos) << messages[1].content;
}

}  // namespace
}  // namespace restack::generate

namespace restack::generate {
namespace {

TEST(CheckerValidator, AcceptsNamesTheRealModuleDefines) {
  // The output model, `input` and `log` exist in the real module; the generic skeleton must not
  // reject bodies for using them.
  EXPECT_EQ(checker_validator()("log.info(input.data)\nreturn DataValidationOutput(data={})"), std::nullopt);
}

}  // namespace
}  // namespace restack::generate
