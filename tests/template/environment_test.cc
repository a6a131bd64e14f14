// The public API: search paths, in-memory templates, caching, globals, threads.
#include "template/environment.h"

#include <gtest/gtest.h>

#include <thread>

#include "common/diagnostic.h"
#include "common/test_support.h"

namespace restack::tmpl {
namespace {

TEST(Environment, RendersFromSearchPathsInOrder) {
  test::TempDir a, b;
  a.write("page.j2", "A {% include 'part.j2' %}");
  b.write("part.j2", "part from b");
  b.write("page.j2", "B");
  Environment env;
  env.add_search_path(a.path());
  env.add_search_path(b.path());
  EXPECT_EQ(env.render("page.j2", {}), "A part from b");
}

TEST(Environment, InMemoryTemplatesComeFirstAndReplaceCachedOnes) {
  test::TempDir dir;
  dir.write("x.j2", "disk");
  Environment env;
  env.add_search_path(dir.path());
  EXPECT_EQ(env.render("x.j2", {}), "disk");
  env.add_template("x.j2", "memory {{ v }}");
  EXPECT_EQ(env.render("x.j2", {{"v", 1}}), "memory 1");
}

TEST(Environment, ParsesOnceAndCaches) {
  test::TempDir dir;
  auto path = dir.write("x.j2", "one");
  Environment env;
  env.add_search_path(dir.path());
  auto first = env.get_template("x.j2");
  test::write_file(path, "two");
  EXPECT_EQ(env.get_template("x.j2"), first);
  EXPECT_EQ(env.render("x.j2", {}), "one");
}

TEST(Environment, GlobalsAndOptions) {
  Options o;
  o.trim_blocks = true;
  Environment env(o);
  env.add_global("project", Value("restack"));
  EXPECT_EQ(env.render_string("{% if 1 %}\n{{ project }}{% endif %}", {}), "restack");
  EXPECT_EQ(env.render_string("{{ project }}", {{"project", "data wins"}}), "data wins");
}

TEST(Environment, MissingTemplateIsADiagnostic) {
  Environment env;
  try {
    env.render("nope.j2", {});
    FAIL();
  } catch (const DiagnosticError& e) {
    EXPECT_EQ(e.diagnostic().location.file, "nope.j2");
    EXPECT_EQ(e.diagnostic().message, "template 'nope.j2' not found");
  }
}

TEST(Environment, RendersFromSeveralThreads) {
  Environment env;
  env.add_template("m.j2", "{% macro sq(x) %}{{ x * x }}{% endmacro %}");
  env.add_template("t.j2", "{% from 'm.j2' import sq %}{% for i in range(n) %}{{ sq(i) }},{% endfor %}");
  std::string expected = env.render("t.j2", {{"n", 50}});
  std::vector<std::thread> threads;
  std::vector<std::string> results(4);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int k = 0; k < 20; ++k) results[size_t(t)] = env.render("t.j2", {{"n", 50}});
    });
  for (auto& th : threads) th.join();
  for (const auto& r : results) EXPECT_EQ(r, expected);
}

/// A context like the generator builds: big dicts (indexed past 8 entries) from set() and
/// append_new(), nested lists and dicts.
Value make_shared_context() {
  Value models = Value::dict();
  Value names = Value::list();
  for (int i = 0; i < 40; ++i) {
    Value model = Value::dict();
    for (int f = 0; f < 12; ++f) model.as_dict().append_new(Value("f" + std::to_string(f)), Value(i * 100 + f));
    model.as_dict().set(Value("name"), Value("M" + std::to_string(i)));
    models.as_dict().set(Value("M" + std::to_string(i)), model);
    names.as_list().items.push_back(Value("M" + std::to_string(i)));
  }
  Value context = Value::dict();
  context.as_dict().set(Value("models"), models);
  context.as_dict().set(Value("names"), names);
  return context;
}

TEST(Environment, RendersFromOneSharedContextOnSeveralThreads) {
  // Every lookup below reads the shared dicts (item, attribute, get, in, dictsort, items):
  // none of them may modify the data, or these renders race (CI runs this under ASan; a
  // -fsanitize=thread build reports any race).
  Environment env;
  env.add_template("t.j2",
                   "{% for n in names %}{{ models[n].name }}={{ models[n].f11 }}/{{ models.get(n)['f3'] }}"
                   "{{ 'f5' in models[n] }}{% for k, v in models[n] | dictsort %}{{ k }}{{ v }}{% endfor %}"
                   "{% for k, v in models[n].items() %}{{ v }}{% endfor %};{% endfor %}{{ models | length }}");
  std::string expected = env.render_value("t.j2", make_shared_context());
  ASSERT_NE(expected.find("M39=3911/3903True"), std::string::npos) << expected.substr(0, 200);

  const Value shared = make_shared_context();  // first read by the threads, all at once
  std::vector<std::thread> threads;
  std::vector<std::string> results(4);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int k = 0; k < 10; ++k) results[size_t(t)] = env.render_value("t.j2", shared);
    });
  for (auto& th : threads) th.join();
  for (const auto& r : results) EXPECT_EQ(r, expected);
}

}  // namespace
}  // namespace restack::tmpl
