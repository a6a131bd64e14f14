// ImportSet's small sorted vectors against the long way (the std::map version it replaced):
// the same names handed out and the same lines, in isort's sections with black's wrapping.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "generate/imports.h"
#include "generate/python_literal.h"
#include "generate/python_names.h"

namespace restack::generate {
namespace {

/// The first ImportSet: maps of strings, lines made per section, then joined.
class SlowImports {
 public:
  explicit SlowImports(NameScope* scope) : scope_(scope) {}
  std::string from(const std::string& module, const std::string& name) {
    auto& names = froms_[module];
    if (auto it = names.find(name); it != names.end()) return it->second;
    return names[name] = scope_->fresh(name);
  }
  std::string user(const std::string& module, const std::string& name) {
    auto& names = froms_[module];
    if (auto it = names.find(name); it != names.end()) return it->second;
    return names[name] = name;
  }
  std::string user_as(const std::string& module, const std::string& name, const std::string& alias) {
    return froms_[module][name] = alias;
  }
  std::string module(const std::string& module) {
    if (auto it = modules_.find(module); it != modules_.end()) return it->second;
    return modules_[module] = scope_->fresh(module);
  }
  void raw(const std::string& line) {
    if (std::find(raw_.begin(), raw_.end(), line) == raw_.end()) raw_.push_back(line);
  }
  std::vector<std::string> lines(size_t indent) const {
    std::vector<std::string> blocks[3];
    for (const auto& [mod, alias] : modules_)
      blocks[import_section(mod)].push_back(alias == mod ? "import " + mod : "import " + mod + " as " + alias);
    for (const auto& [mod, names] : froms_) {
      std::vector<std::string> parts;
      for (const auto& [name, alias] : names) parts.push_back(alias == name ? name : name + " as " + alias);
      for (auto& l : from_import_lines(mod, parts, indent)) blocks[import_section(mod)].push_back(l);
    }
    std::vector<std::string> out;
    for (auto& block : blocks) {
      if (block.empty()) continue;
      if (!out.empty()) out.emplace_back();
      for (auto& l : block) out.push_back(l);
    }
    if (!raw_.empty()) {
      if (!out.empty()) out.emplace_back();
      for (const auto& l : raw_) out.push_back(l);
    }
    return out;
  }

 private:
  NameScope* scope_;
  std::map<std::string, std::map<std::string, std::string>> froms_;
  std::map<std::string, std::string> modules_;
  std::vector<std::string> raw_;
};

TEST(ImportSet, SameNamesAndLinesAsTheLongWay) {
  const std::vector<std::string> modules = {"typing", "datetime", "pydantic", "restack_ai.workflow", "src.models",
                                            "src.functions.fetch_a_very_long_function_name_for_wrapping",
                                            "asyncio", "zeta.pkg", "Alpha"};
  const std::vector<std::string> names = {"Any", "List", "log", "workflow", "Field", "BaseModel", "timedelta",
                                          "import_functions", "A_much_longer_name_that_fills_a_line", "class",
                                          "Zed", "a", "Optional"};
  std::mt19937 rng(3);
  for (int round = 0; round < 300; ++round) {
    NameScope parent;
    parent.claim("log");  // user names: our imports of them are aliased
    parent.claim("List");
    parent.claim("asyncio");
    NameScope fast_scope(&parent), slow_scope(&parent);
    ImportSet fast(&fast_scope);
    SlowImports slow(&slow_scope);
    EXPECT_TRUE(fast.empty());
    const int ops = 1 + static_cast<int>(rng() % 40);
    for (int i = 0; i < ops; ++i) {
      const std::string& m = modules[rng() % modules.size()];
      const std::string& n = names[rng() % names.size()];
      switch (rng() % 6) {
        case 0:
        case 1: ASSERT_EQ(fast.from(m, n), slow.from(m, n)); break;
        case 2: ASSERT_EQ(fast.user(m, n), slow.user(m, n)); break;
        case 3: ASSERT_EQ(fast.user_as(m, n, n + "_fn"), slow.user_as(m, n, n + "_fn")); break;
        case 4: ASSERT_EQ(fast.module(m), slow.module(m)); break;
        default: fast.raw("import " + n); slow.raw("import " + n); break;
      }
      EXPECT_FALSE(fast.empty());
    }
    for (size_t indent : {0u, 4u, 40u}) {
      EXPECT_EQ(fast.lines(indent), slow.lines(indent)) << round;
      std::vector<std::string> visited;  // the same lines one by one, as views
      fast.for_each_line([&](std::string_view line) { visited.emplace_back(line); }, indent);
      EXPECT_EQ(visited, slow.lines(indent)) << round;
    }
  }
}

// Past a scan's worth of modules or of one module's names, ImportSet finds entries through its
// hash index and sorts with std::sort instead of an insertion sort: the same answers and lines
// as the long way for sets of hundreds (the services and tests modules' shapes).
TEST(ImportSet, LargeSetsSameAsTheLongWay) {
  std::mt19937 rng(11);
  for (int round = 0; round < 20; ++round) {
    NameScope parent;
    parent.claim("Name7");
    parent.claim("mod_3");
    NameScope fast_scope(&parent), slow_scope(&parent);
    ImportSet fast(&fast_scope);
    SlowImports slow(&slow_scope);
    const size_t module_count = 1 + rng() % 200, name_count = 1 + rng() % 80;
    auto module_of = [&](size_t i) {
      // Shared prefixes and lengths that differ, as src.functions.fn_1 / fn_10 / fn_100.
      static const char* kPackages[] = {"src.functions.fn_", "src.workflows.", "typing", "zz.", "asyncio"};
      return std::string(kPackages[i % 5]) + (i % 5 == 2 || i % 5 == 4 ? "" : std::to_string(i / 5));
    };
    for (int i = 0, ops = 1 + static_cast<int>(rng() % 600); i < ops; ++i) {
      const std::string m = module_of(rng() % module_count);
      const std::string n = "Name" + std::to_string(rng() % name_count);
      const std::string alias = rng() % 2 ? n : n + "_fn";  // an alias that is the name: no alias
      const std::string plain = "mod_" + std::to_string(rng() % module_count);
      switch (rng() % 5) {
        case 0: ASSERT_EQ(fast.from(m, n), slow.from(m, n)); break;
        case 1:
        case 2: ASSERT_EQ(fast.user(m, n), slow.user(m, n)); break;
        case 3: ASSERT_EQ(fast.user_as(m, n, alias), slow.user_as(m, n, alias)); break;
        default: ASSERT_EQ(fast.module(plain), slow.module(plain));
      }
    }
    for (size_t indent : {0u, 4u}) EXPECT_EQ(fast.lines(indent), slow.lines(indent)) << round;
  }
}

// import_section's switch on the first letter against the list it was written from (the
// binary search it replaced), on every listed module and near misses of each.
TEST(ImportSet, SectionOfEveryStandardModuleAndNearMisses) {
  const std::vector<std::string> stdlib = {
      "__future__", "asyncio", "collections", "contextlib", "dataclasses", "datetime", "decimal", "enum",
      "functools", "importlib", "itertools", "json", "logging", "math", "os", "pathlib", "random", "re",
      "string", "sys", "textwrap", "time", "typing", "uuid"};
  auto expected = [&](const std::string& module) {
    const std::string top = module.substr(0, module.find('.'));
    if (top == "src") return 2;
    return std::find(stdlib.begin(), stdlib.end(), top) != stdlib.end() ? 0 : 1;
  };
  std::vector<std::string> modules = {"", ".", "src", "src.models", "srcx", "restack_ai.function", "pydantic", "Typing",
                                      "zz", "x.typing"};
  for (const auto& m : stdlib) {
    modules.push_back(m);
    modules.push_back(m + ".sub");
    modules.push_back(m + "x");
    modules.push_back(m.substr(0, m.size() - 1));
    modules.push_back(m.substr(1));
  }
  for (const auto& m : modules) EXPECT_EQ(import_section(m), expected(m)) << m;
}

TEST(ImportSet, SectionsWrappingAndAliases) {
  NameScope scope;
  scope.claim("log");
  ImportSet imports(&scope);
  EXPECT_EQ(imports.from("restack_ai.workflow", "workflow"), "workflow");
  EXPECT_EQ(imports.from("restack_ai.workflow", "log"), "log_");  // the user's `log` wins
  EXPECT_EQ(imports.from("restack_ai.workflow", "log"), "log_");  // asked again: the same alias
  EXPECT_EQ(imports.module("asyncio"), "asyncio");
  EXPECT_EQ(imports.from("datetime", "timedelta"), "timedelta");
  EXPECT_EQ(imports.user("src.models", "ZetaInput"), "ZetaInput");
  EXPECT_EQ(imports.user("src.models", "AlphaInput"), "AlphaInput");
  EXPECT_EQ(imports.user_as("src.functions.f", "import_functions", "import_functions_fn"), "import_functions_fn");
  imports.raw("import numpy as np");
  imports.raw("import numpy as np");  // kept once
  EXPECT_EQ(imports.lines(), (std::vector<std::string>{"import asyncio",
                                                       "from datetime import timedelta",
                                                       "",
                                                       "from restack_ai.workflow import log as log_, workflow",
                                                       "",
                                                       "from src.functions.f import import_functions as import_functions_fn",
                                                       "from src.models import AlphaInput, ZetaInput",
                                                       "",
                                                       "import numpy as np"}));
  // Past 88 columns at indent 60: one name per line in parentheses.
  const auto wrapped = imports.lines(60);
  EXPECT_NE(std::find(wrapped.begin(), wrapped.end(), "from src.models import ("), wrapped.end());
  EXPECT_NE(std::find(wrapped.begin(), wrapped.end(), "    AlphaInput,"), wrapped.end());
}

}  // namespace
}  // namespace restack::generate
