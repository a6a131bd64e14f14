// The context builder's faster paths give what the long way gives: make_dict's remembered key
// order per call site, descriptions that need no rewriting shared as one value, and one-off
// lookups of a built context that leave its dicts unindexed.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <iostream>
#include <optional>
#include <random>
#include <thread>

#include <string>
#include <string_view>
#include <vector>

#include "generate/context.h"
#include "generate/context_internal.h"
#include "common/test_support.h"
#include "generate/generate_helpers.h"
#include "generate/imports.h"
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

// --- src/models.py built in parts, ProjectIndex on several threads -------------------------

/// A project whose classes' fields are named like what models.py imports (so that the imports
/// are aliased) and whose imports come first in different parts (Field late, typing names spread).
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

/// The models module's JSON built in PARTS parts, on two threads (parts in reverse order, so
/// that the last part is not the last built); joined, not built again in one part.
std::string models_in_parts(const ProjectIndex& index, size_t parts) {
  ModelsModuleBuilder builder(index, parts);
  std::vector<std::thread> threads;
  const size_t n = builder.parts();
  for (size_t t = 0; t < 2; ++t)
    threads.emplace_back([&, t] {
      for (size_t p = n; p-- > 0;)
        if (p % 2 == t) builder.build_part(p);
    });
  for (auto& t : threads) t.join();
  std::string json = tmpl::to_json(builder.finish()).dump();
  EXPECT_FALSE(builder.rebuilt()) << parts << " parts";
  return json;
}

TEST(ModelsModuleBuilder, PartsJoinToTheOnePartModuleWithTheSameImportNames) {
  std::string problems;
  auto project = load_text(clashing_models_spec(40), problems);
  ASSERT_TRUE(project) << problems;
  ProjectIndex index(*project);
  const std::string one = tmpl::to_json(models_module_context(index)).dump();
  // The clashes are there: imports aliased, and Field first needed in a later part.
  EXPECT_NE(one.find("from typing import"), std::string::npos) << one;
  EXPECT_NE(one.find(" as List_"), std::string::npos) << one;
  EXPECT_NE(one.find("Field_"), std::string::npos) << one;
  for (size_t parts : {2u, 3u, 4u, 7u, 200u}) EXPECT_EQ(models_in_parts(index, parts), one) << parts << " parts";
}

TEST(ModelsModuleBuilder, RandomSpecsAndExamplesJoinToTheOnePartModule) {
  std::vector<std::string> specs = test::example_specs();
  test::TempDir tmp;
  auto r = test::run_program({"/usr/bin/python3", (test::python_dir() / "random_specs.py").string(), "23", "10",
                              (tmp.path() / "specs").string()});
  if (r.exit_code == 0)
    for (int i = 0; i < 10; ++i) specs.push_back((tmp.path() / "specs" / ("random_00" + std::to_string(i) + ".yaml")).string());
  else
    std::cerr << "random specs skipped (/usr/bin/python3 with PyYAML needed): " << r.err << "\n";
  for (const auto& spec : specs) {
    DiagnosticSink sink;
    auto project = test::load_from_source_dir({spec}, sink);
    ASSERT_TRUE(project) << spec;
    ProjectIndex index(*project);
    const std::string one = tmpl::to_json(models_module_context(index)).dump();
    for (size_t parts : {2u, 3u, 5u}) EXPECT_EQ(models_in_parts(index, parts), one) << spec << ", " << parts << " parts";
  }
}

TEST(ParseImportLines, ReadsBackWhatAnImportSetWrites) {
  NameScope scope;
  scope.claim("List");
  ImportSet imports(&scope);
  std::vector<std::string> names;
  for (int i = 0; i < 12; ++i) names.push_back(imports.from("some.long.module_name", "name_number_" + std::to_string(i)));
  const std::string list = imports.from("typing", "List");
  imports.from("typing", "Any");
  const std::string asyncio = imports.module("asyncio");
  scope.claim("json");
  std::vector<ParsedImport> parsed;
  ASSERT_TRUE(parse_import_lines(imports.lines(), parsed));
  std::vector<std::string> got;
  for (const auto& p : parsed) got.push_back(p.module + "|" + p.name + "|" + p.alias);
  EXPECT_NE(std::find(got.begin(), got.end(), "typing|List|" + list), got.end());
  EXPECT_EQ(list, "List_");
  EXPECT_NE(std::find(got.begin(), got.end(), "typing|Any|Any"), got.end());
  EXPECT_NE(std::find(got.begin(), got.end(), "asyncio||" + asyncio), got.end());
  EXPECT_NE(std::find(got.begin(), got.end(), "some.long.module_name|name_number_11|name_number_11"), got.end());
  EXPECT_EQ(parsed.size(), 15u);
  EXPECT_FALSE(parse_import_lines({"from x import (", "    a,"}, parsed));  // not closed
  EXPECT_FALSE(parse_import_lines({"x = 1"}, parsed));                      // not an import
}

TEST(NameScope, RecordsTheNamesFreshGivesInOrder) {
  NameScope parent;
  parent.claim("a");
  NameScope scope(&parent);
  std::vector<std::string> log;
  scope.record_fresh(&log);
  scope.claim("b");
  EXPECT_EQ(scope.fresh("a"), "a_");
  EXPECT_EQ(scope.fresh("c"), "c");
  EXPECT_EQ(scope.fresh("class"), "class_");
  scope.record_fresh(nullptr);
  scope.fresh("d");
  EXPECT_EQ(log, (std::vector<std::string>{"a_", "c", "class_"}));
}

TEST(ProjectIndex, SameOnEveryThreadCountAndRunsTheCallersWorkOnce) {
  std::string problems;
  auto project = load_text(clashing_models_spec(30), problems);
  ASSERT_TRUE(project) << problems;
  ProjectIndex one(*project);
  for (unsigned jobs : {0u, 2u, 3u}) {
    std::atomic<int> calls{0};
    const std::function<void()> alongside = [&] { ++calls; };
    ProjectIndex index(*project, jobs, &alongside);
    EXPECT_EQ(calls.load(), 1);
    ASSERT_EQ(index.models.size(), one.models.size());
    for (const auto& [name, info] : one.models) {
      auto it = index.models.find(name);
      ASSERT_NE(it, index.models.end()) << name;
      EXPECT_EQ(it->second.schema, info.schema);
      EXPECT_EQ(it->second.alias_of, info.alias_of);
    }
    EXPECT_EQ(index.first_caller, one.first_caller);
    ASSERT_EQ(index.function_models.size(), one.function_models.size());
    for (size_t i = 0; i < one.function_models.size(); ++i) {
      EXPECT_EQ(index.function_models[i].input, one.function_models[i].input);
      EXPECT_EQ(index.function_models[i].output, one.function_models[i].output);
    }
    for (const auto& f : project->functions) {
      EXPECT_TRUE(index.user_scope.taken(f.name));
      EXPECT_TRUE(index.user_scope.taken(index.models_of(f).input));
    }
    EXPECT_TRUE(index.user_scope.taken("FlowInput"));
    EXPECT_FALSE(index.user_scope.taken("FlowOutput"));
  }
}

}  // namespace
}  // namespace restack::generate
