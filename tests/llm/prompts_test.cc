// The bundled prompt templates, rendered by our engine and (as a cross-check) by Jinja2.
#include <gtest/gtest.h>

#include "common/test_support.h"
#include "llm/prompts.h"
#include "llm/template_renderer.h"

namespace restack::llm {
namespace {

FunctionPromptContext sample() {
  FunctionPromptContext f;
  f.name = "fetch_weather";
  f.description = "Fetch the current weather for a city.";
  f.prompt_hint = "Use the Open-Meteo API.";
  f.signature = "async def fetch_weather(input: WeatherInput) -> WeatherOutput:";
  f.input_model = "class WeatherInput(BaseModel):\n    city: str";
  f.output_model = "class WeatherOutput(BaseModel):\n    celsius: float";
  f.workflow = "DailyReport";
  f.surrounding_steps = {"before: load_cities() -> CityList", "after: send_report(ReportInput)"};
  f.other_functions = {"async def send_report(input: ReportInput) -> None"};
  f.other_models = {"CityList(cities: list[str])"};
  f.context_files = {{"lib/http.py", "def get(url): ..."}};
  return f;
}

std::filesystem::path prompt_dir() { return restack::test::source_dir() / "templates" / "prompts"; }

TEST(Prompts, BundledTemplatesCarryTheWholeContext) {
  TemplatePromptRenderer renderer({prompt_dir()});
  auto messages = build_function_messages(sample(), renderer);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].role, "system");
  EXPECT_NE(messages[0].content.find("Read secrets and endpoints from the environment"), std::string::npos) << messages[0].content;
  EXPECT_NE(messages[0].content.find("Return an instance of the output model"), std::string::npos);
  const std::string& user = messages[1].content;
  for (const char* expected :
       {"`fetch_weather`", "Fetch the current weather", "Open-Meteo", "async def fetch_weather(input: WeatherInput)",
        "class WeatherInput(BaseModel):\n    city: str", "celsius: float", "workflow DailyReport",
        "- before: load_cities() -> CityList", "- async def send_report", "- CityList(cities: list[str])",
        "Context file lib/http.py:", "def get(url): ..."})
    EXPECT_NE(user.find(expected), std::string::npos) << "missing " << expected << " in:\n" << user;
  EXPECT_EQ(user.find("\n\n\n"), std::string::npos) << "block tags should leave no blank runs:\n" << user;
  auto repair = build_repair_message(sample(), "line 2: invalid syntax", renderer);
  EXPECT_EQ(repair.role, "user");
  EXPECT_NE(repair.content.find("line 2: invalid syntax"), std::string::npos);
}

TEST(Prompts, EmptyOptionalPartsAreLeftOut) {
  TemplatePromptRenderer renderer({prompt_dir()});
  FunctionPromptContext f;
  f.name = "noop";
  f.signature = "async def noop() -> None:";
  auto user = build_function_messages(f, renderer)[1].content;
  EXPECT_EQ(user.find("Input model"), std::string::npos) << user;
  EXPECT_EQ(user.find("Steps around it"), std::string::npos) << user;
}

TEST(Prompts, UserOverrideFolderWins) {
  restack::test::TempDir dir;
  dir.write("system.j2", "custom system for {{ function.name }}");
  TemplatePromptRenderer renderer({dir.path(), prompt_dir()});
  auto messages = build_function_messages(sample(), renderer);
  EXPECT_EQ(messages[0].content, "custom system for fetch_weather");
  EXPECT_NE(messages[1].content.find("fetch_weather"), std::string::npos);  // bundled function_body.j2
}

TEST(Prompts, SameOutputAsJinja2) {
  if (!restack::test::have_program("/usr/bin/python3")) GTEST_SKIP() << "/usr/bin/python3 is missing";
  auto probe = restack::test::run_program({"/usr/bin/python3", "-c", "import jinja2"});
  if (probe.exit_code != 0) GTEST_SKIP() << "python3-jinja2 is not installed";
  TemplatePromptRenderer renderer({prompt_dir()});
  nlohmann::json context = sample().to_json();
  for (const char* name : {"system.j2", "function_body.j2"}) {
    auto py = restack::test::run_program(
        {"/usr/bin/python3", "-c",
         "import sys, json, jinja2\n"
         "env = jinja2.Environment(loader=jinja2.FileSystemLoader(sys.argv[1]), trim_blocks=True, lstrip_blocks=True)\n"
         "sys.stdout.write(env.get_template(sys.argv[2]).render(json.load(sys.stdin)))",
         prompt_dir().string(), name},
        context.dump());
    ASSERT_EQ(py.exit_code, 0) << py.err;
    EXPECT_EQ(renderer.render(name, context), py.out) << name;
  }
}

}  // namespace
}  // namespace restack::llm
