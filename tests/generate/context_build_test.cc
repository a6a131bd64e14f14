// The context builder's faster paths give what the long way gives: make_dict's remembered key
// order per call site, descriptions that need no rewriting shared as one value, and one-off
// lookups of a built context that leave its dicts unindexed.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <random>

#include <string>
#include <string_view>
#include <vector>

#include "generate/context.h"
#include "generate/context_internal.h"
#include "common/test_support.h"
#include "generate/python_literal.h"
#include "spec/load.h"
#include "template/data.h"

namespace restack::generate {
namespace {

std::vector<std::string> keys_of(const tmpl::Value& dict) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : dict.as_dict().entries) keys.push_back(k.as_string());
  return keys;
}

std::vector<std::string> values_of(const tmpl::Value& dict) {
  std::vector<std::string> values;
  for (const auto& [k, v] : dict.as_dict().entries) values.push_back(v.is_string() ? v.as_string() : std::to_string(v.as_int()));
  return values;
}

// One call site, called again and again (the second call on takes the remembered order), gives
// the sorted keys with each value under its own key, as the first call does.
tmpl::Value site_a(int i) {
  return make_dict({{"name", "n" + std::to_string(i)}, {"doc", "d"}, {"base", i}, {"fields", "f"}, {"alias_of", ""}});
}
// Same first and last keys and count as site_a (a likely clash in the cache), other middle keys.
tmpl::Value site_b(int i) {
  return make_dict({{"name", "m" + std::to_string(i)}, {"kind", "k"}, {"index", i}, {"mode", "x"}, {"alias_of", ""}});
}

TEST(MakeDict, RemembersEachCallSitesOrderAndKeepsValuesWithTheirKeys) {
  for (int i = 0; i < 5; ++i) {
    tmpl::Value a = site_a(i), b = site_b(i);
    EXPECT_EQ(keys_of(a), (std::vector<std::string>{"alias_of", "base", "doc", "fields", "name"})) << i;
    EXPECT_EQ(values_of(a), (std::vector<std::string>{"", std::to_string(i), "d", "f", "n" + std::to_string(i)})) << i;
    EXPECT_EQ(keys_of(b), (std::vector<std::string>{"alias_of", "index", "kind", "mode", "name"})) << i;
    EXPECT_EQ(values_of(b), (std::vector<std::string>{"", std::to_string(i), "k", "x", "m" + std::to_string(i)})) << i;
    EXPECT_FALSE(a.as_dict().has_index());
  }
}

TEST(MakeDict, KeysThatAreNotLiteralsOrNotKnownAreSortedEveryTime) {
  for (int i = 0; i < 3; ++i) {
    std::string runtime = i % 2 ? "zeta" : "alpha";
    tmpl::Value d = make_dict({{"name", "x"}, {std::string_view(runtime), i}, {"not_a_context_key", "y"}});
    std::vector<std::string> expected = {"name", "not_a_context_key"};
    expected.insert(i % 2 ? expected.end() : expected.begin(), runtime);
    EXPECT_EQ(keys_of(d), expected) << i;
    EXPECT_EQ(context_at(d, runtime).as_int(), i);
    EXPECT_EQ(context_string(d, "not_a_context_key"), "y");
  }
}

TEST(MakeDict, LongDictsAreFoundByKeyWithoutBuildingAnIndexForContextAt) {
  tmpl::Value d = make_dict({{"alias_of", "0"}, {"base", "1"}, {"body", "2"}, {"call", "3"}, {"code", "4"},
                             {"doc", "5"}, {"fields", "6"}, {"index", "7"}, {"kind", "8"}, {"mode", "9"}});
  EXPECT_EQ(context_string(d, "kind"), "8");
  EXPECT_EQ(context_string(d, "alias_of"), "0");
  EXPECT_THROW(context_at(d, "missing"), std::out_of_range);
  EXPECT_FALSE(d.as_dict().has_index());
  EXPECT_EQ(d.as_dict().find(std::string_view("mode"))->as_string(), "9");  // a template's lookup may build it
}

TEST(DescriptionValues, EqualTheLongWayAndShareOneValueForPlainText) {
  const std::vector<std::string> texts = {"Function number 0", "", "a", "Fetch | parse", "two  spaces", " lead", "trail ",
                                          "line\nbreak", "tab\there", "quote \"x\"", "back\\slash", "ctl\x01x",
                                          "ünïcode text", "a \x01 b", "x|", "|"};
  for (const auto& text : texts) {
    DescriptionValues v = description_values(text);
    const std::string line = one_line(text);
    EXPECT_EQ(v.one_line.as_string(), line) << text;
    EXPECT_EQ(v.markdown.as_string(), markdown_cell(line)) << text;
    EXPECT_EQ(v.doc.as_string(), docstring_text(text)) << text;
  }
  for (const auto& text : texts)
    if (plain_description(text)) {
      EXPECT_EQ(one_line(text), text);
      EXPECT_EQ(docstring_text(text), text);
      EXPECT_EQ(markdown_cell(text), text);
    }
  EXPECT_TRUE(plain_description("Input of the fn_0 function."));
  EXPECT_FALSE(plain_description("a|b"));
  DescriptionValues plain = description_values("Function number 0");
  EXPECT_EQ(plain.one_line.identity(), plain.markdown.identity());
  EXPECT_EQ(plain.one_line.identity(), plain.doc.identity());
}

TEST(SortTexts, GivesStdStringsOrder) {
  std::vector<std::string> texts = {"fn_10", "fn_1", "fn_100", "fn_2", "", "a", "ab", "abcdefgh", "abcdefgha",
                                    "abcdefg", "abcdefgh", "Zed", "zed", "z\xffq", "z\x7fq", std::string("a\0b", 3),
                                    std::string("a\0", 2), "longer_name_with_same_prefix_1", "longer_name_with_same_prefix_0"};
  std::mt19937 rng(7);
  for (int i = 0; i < 300; ++i) {
    std::string t;
    const size_t n = rng() % 12;
    for (size_t j = 0; j < n; ++j) t += "ab_\x80z0"[rng() % 7];
    texts.push_back(t);
  }
  std::vector<std::string_view> ours(texts.begin(), texts.end());
  sort_texts(ours);
  std::vector<std::string> expected = texts;
  std::sort(expected.begin(), expected.end());
  ASSERT_EQ(ours.size(), expected.size());
  for (size_t i = 0; i < ours.size(); ++i) EXPECT_EQ(std::string(ours[i]), expected[i]) << i;
}

TEST(DefSignature, OneLineWhenItFitsElseOneParameterPerLineAsBlackWrites) {
  EXPECT_EQ(def_signature("async def fetch", {"input: FetchInput"}, "FetchOutput", 0),
            "async def fetch(input: FetchInput) -> FetchOutput:");
  EXPECT_EQ(def_signature("async def fetch", {}, "None", 0), "async def fetch() -> None:");
  const std::string name(70, 'f');  // 88 columns passed with its parameter
  EXPECT_EQ(def_signature("async def " + name, {"input: FetchInput"}, "None", 0),
            "async def " + name + "(\n    input: FetchInput,\n) -> None:");
  // Inside a class (a workflow's run): the limit counts the indent, the lines keep it.
  EXPECT_EQ(def_signature("async def run", {"self", "input: " + std::string(60, 'I')}, "None", 4),
            "async def run(\n        self,\n        input: " + std::string(60, 'I') + ",\n    ) -> None:");
}

// --- src/models.py's imports -------------------------------------------------------------

/// A project whose classes' fields are named like what models.py imports (so that the imports
/// are aliased), Field needed late and the typing names spread over the classes.
std::string clashing_models_spec(int functions) {
  std::string yaml = "version: 1\nproject: clash\nfunctions:\n";
  const char* types[] = {"str", "Optional[int]", "List[str]", "Dict[str, float]", "datetime", "date", "Decimal", "UUID",
                         "Any", "Set[int]", "Tuple[int, str]"};
  const char* names[] = {"List", "Optional", "date", "BaseModel", "record", "Field_", "datetime", "Decimal_", "amount"};
  for (int i = 0; i < functions; ++i) {
    yaml += "  fn_" + std::to_string(i) + ":\n    description: \"Function " + std::to_string(i) + "\"\n";
    yaml += "    input_schema:\n";
    for (int f = 0; f < 3; ++f) {
      const int k = (i * 7 + f * 3) % 11;
      yaml += "      " + std::string(names[(i + f) % 9]) + std::to_string(f == 0 ? 0 : i % 2) + ":\n        type: " +
              types[k] + "\n";
      if (i % 5 == 4 && f == 1) yaml += "        description: described late\n";
    }
    if (i == functions - 1) yaml += "      Field:\n        type: str\n";
    yaml += "    output_schema:\n      " + std::string(i % 3 ? "List" : "total") + ": " + types[(i * 5) % 11] + "\n";
  }
  // The functions are called by no step (a warning): their models are what this is about.
  yaml += "workflows:\n  - name: Flow\n    description: d\n    input_schema:\n      Optional: str\n    steps:\n"
          "      - name: wait\n        type: sleep\n        duration: 1s\n";
  return yaml;
}

std::optional<spec::Project> load_text(const std::string& yaml, std::string& problems) {
  test::TempDir tmp;
  DiagnosticSink sink;
  auto project = spec::load_project({tmp.write("spec.yaml", yaml).string()}, sink);
  for (const auto& d : sink.all()) problems += d.message + "\n";
  return project;
}

TEST(ModelsModule, AliasesImportsThatClashWithModelAndFieldNames) {
  std::string problems;
  auto project = load_text(clashing_models_spec(40), problems);
  ASSERT_TRUE(project) << problems;
  ProjectIndex index(*project);
  const std::string json = tmpl::to_json(models_module_context(index)).dump();
  // typing's List is a field name, pydantic's Field the name of a field: both imported as aliases.
  EXPECT_NE(json.find("from typing import"), std::string::npos) << json;
  EXPECT_NE(json.find(" as List_"), std::string::npos) << json;
  EXPECT_NE(json.find("Field_"), std::string::npos) << json;
}

}  // namespace
}  // namespace restack::generate
