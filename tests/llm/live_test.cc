// `make test-live`: one real call to Cerebras through the whole stack (settings from the
// environment, client, cache off, CPython validator). Skipped unless RESTACK_GEN_LIVE=1 and
// CEREBRAS_API_KEY are set, so ordinary test runs never touch the network.
#include <gtest/gtest.h>

#include <cstdlib>

#include "llm/body_service.h"

namespace restack::llm {
namespace {

class LiteralRenderer : public PromptRenderer {
 public:
  std::string render(const std::string& name, const nlohmann::json& c) override {
    if (name == "system.j2")
      return "You write Python function bodies. Answer with the body only, in one ```python fenced block.";
    if (name == "repair.j2") return "That did not parse: " + c["error"].get<std::string>() + ". Answer again.";
    return "Write the body of `" + c["function"]["name"].get<std::string>() + "`, signature `" +
           c["function"]["signature"].get<std::string>() + "`: " + c["function"]["description"].get<std::string>();
  }
};

TEST(LiveCerebras, WritesAValidBody) {
  const char* live = std::getenv("RESTACK_GEN_LIVE");
  const char* key = std::getenv("CEREBRAS_API_KEY");
  if (!live || std::string(live) != "1" || !key || !*key)
    GTEST_SKIP() << "live test: set CEREBRAS_API_KEY and run `make test-live`";
  DiagnosticSink sink;
  SettingsInputs in = SettingsInputs::from_process({{"provider", "cerebras"}});
  ServiceOptions o;
  o.settings = resolve_settings(in, sink);
  ASSERT_FALSE(o.settings.usability_problem()) << *o.settings.usability_problem();
  LiteralRenderer renderer;
  o.renderer = &renderer;
  o.cache_mode = CacheMode::kOff;
  BodyService service(o);
  BodyRequest r;
  r.id = "live:add";
  r.function.name = "add";
  r.function.signature = "async def add(a: int, b: int) -> int:";
  r.function.description = "Return the sum of a and b.";
  auto results = service.generate({r});
  ASSERT_TRUE(results[0].ok()) << results[0].reason;
  EXPECT_NE(results[0].body.find("return"), std::string::npos) << results[0].body;
  std::cout << "live answer (" << service.metrics().summary(0) << "):\n" << results[0].body << "\n";
}

}  // namespace
}  // namespace restack::llm
