// Loops split over threads (Options::threads, parallel_loop.cc): the output and the errors are
// those of a serial render, always; only loops the parser finds safe split.
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "common/diagnostic.h"
#include "common/test_support.h"
#include "diff_cases_helpers.h"
#include "template/ast.h"
#include "template/data.h"
#include "template/environment.h"
#include "template/objects.h"

namespace restack::tmpl {
namespace {

Options serial_options() {
  Options o;
  o.threads = 1;
  return o;
}

/// Splits every safe loop of two items or more, on more threads than this machine has cores.
Options split_options(ParallelStats* stats, unsigned threads = 3) {
  Options o;
  o.threads = threads;
  o.parallel_min_items = 2;
  o.parallel_stats = stats;
  return o;
}

testing::Outcome render_with(const std::string& source, const nlohmann::ordered_json& data, Options o) {
  testing::Case c;
  c.name = "t";
  c.files.emplace_back("t.j2", source);
  c.data = data;
  return testing::render_case(c, o);
}

/// Renders SOURCE serially and split; both outcomes must be identical. Returns the split one's.
testing::Outcome expect_same(const std::string& source, const nlohmann::ordered_json& data = nlohmann::ordered_json::object(),
                             ParallelStats* stats = nullptr, unsigned threads = 3) {
  testing::Outcome serial = render_with(source, data, serial_options());
  ParallelStats local;
  testing::Outcome split = render_with(source, data, split_options(stats ? stats : &local, threads));
  EXPECT_EQ(serial.ok, split.ok) << source << "\nserial: " << serial.text << "\nsplit: " << split.text;
  EXPECT_EQ(serial.text, split.text) << source;
  return split;
}

nlohmann::ordered_json numbers(int n) {
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (int i = 0; i < n; ++i) items.push_back(i);
  return nlohmann::ordered_json{{"items", items}};
}

// ---- the parse-time analysis ----

/// Whether the template's loops were marked safe (every loop of a template gets the same answer
/// but recursive ones, which are never safe).
bool loops_marked_safe(const std::string& source, const std::function<void(Environment&)>& setup = {}) {
  Environment env;
  if (setup) setup(env);
  env.add_template("t.j2", source);
  env.add_template("other.j2", "{% macro m() %}x{% endmacro %}{% block b %}{% endblock %}");
  auto t = env.get_template("t.j2");
  bool any_loop = false, all_safe = true;
  std::function<void(const Body&)> walk = [&](const Body& body) {
    for (const auto& s : body) {
      if (s->kind == StmtKind::kFor) {
        const auto& f = static_cast<const ForStmt&>(*s);
        any_loop = true;
        all_safe = all_safe && f.parallel_safe;
        walk(f.body);
      } else if (s->kind == StmtKind::kBlock) {
        walk(static_cast<const BlockStmt&>(*s).body);
      }
    }
  };
  walk(t->body);
  EXPECT_TRUE(any_loop) << source;
  return t->parallel_safe && all_safe;
}

TEST(ParallelSafety, PlainLoopsMacrosCallBlocksAndLocalSetsAreSafe) {
  EXPECT_TRUE(loops_marked_safe("{% for x in items %}{{ x|upper }}{{ loop.index }}{% endfor %}"));
  EXPECT_TRUE(loops_marked_safe(
      "{% macro m(a) %}{% set b = a ~ 1 %}{{ b }}{{ caller() if caller is defined }}{% endmacro %}"
      "{% for x in items %}{% set y = x %}{{ m(y) }}{% call m(x) %}in{% endcall %}"
      "{% for z in x.sub %}{{ loop.cycle('a', 'b') }}{% endfor %}{% endfor %}"));
  EXPECT_TRUE(loops_marked_safe("{% set ns = namespace(a=1) %}{% for x in items %}{{ ns.a }}{% endfor %}"));
  EXPECT_TRUE(loops_marked_safe("{% for x in items %}{{ x.get('a') }}{{ d['items'] }}{% endfor %}"));
}

TEST(ParallelSafety, AnythingThatWritesSharedStateMakesTheTemplateSerial) {
  // namespace assignment, even in a macro the loop does not visibly call
  EXPECT_FALSE(loops_marked_safe(
      "{% set ns = namespace(n=0) %}{% macro bump() %}{% set ns.n = ns.n + 1 %}{% endmacro %}"
      "{% for x in items %}{{ bump() }}{% endfor %}"));
  EXPECT_FALSE(loops_marked_safe("{% for x in items %}{% set ns.n = x %}{% endfor %}"));
  // objects with state
  EXPECT_FALSE(loops_marked_safe("{% set c = cycler('a', 'b') %}{% for x in items %}{{ c.next() }}{% endfor %}"));
  EXPECT_FALSE(loops_marked_safe("{% set j = joiner() %}{% for x in items %}{{ j() }}{% endfor %}"));
  EXPECT_FALSE(loops_marked_safe("{% for x in items %}{{ loop.changed(x) }}{% endfor %}"));
  // mutating methods, however they are reached
  EXPECT_FALSE(loops_marked_safe("{% for x in items %}{{ out.append(x) }}{% endfor %}"));
  EXPECT_FALSE(loops_marked_safe("{% for x in items %}{{ d.update(x) }}{% endfor %}"));
  EXPECT_FALSE(loops_marked_safe("{% for x in items %}{{ out['append'](x) }}{% endfor %}"));
  EXPECT_FALSE(loops_marked_safe("{% for x in items %}{{ (out|attr('pop'))() }}{% endfor %}"));
  EXPECT_FALSE(loops_marked_safe("{% for x in items %}{{ out[name](x) }}{% endfor %}"));
  // recursion and other templates
  EXPECT_FALSE(loops_marked_safe("{% for x in items recursive %}{{ loop(x.sub) }}{% endfor %}"));
  EXPECT_FALSE(loops_marked_safe("{% for x in items %}{% include 'other.j2' %}{% endfor %}"));
  EXPECT_FALSE(loops_marked_safe("{% import 'other.j2' as o %}{% for x in items %}{{ o.m() }}{% endfor %}"));
  EXPECT_FALSE(loops_marked_safe("{% from 'other.j2' import m %}{% for x in items %}{{ m() }}{% endfor %}"));
  EXPECT_FALSE(loops_marked_safe("{% extends 'other.j2' %}{% block b %}{% for x in items %}{% endfor %}{% endblock %}"));
  EXPECT_FALSE(loops_marked_safe("{% for x in items %}{{ self.b() }}{% endfor %}{% block b %}{% endblock %}"));
  // a caller's filter may keep state
  EXPECT_FALSE(loops_marked_safe("{% for x in items %}{{ x|mine }}{% endfor %}", [](Environment& env) {
    env.add_filter("mine", [](const Value& v, const std::vector<Value>&, const Kwargs&) { return v; });
  }));
}

// ---- split renders equal serial renders ----

TEST(ParallelLoop, EveryDifferentialCaseRendersTheSameSplit) {
  ParallelStats stats;
  size_t cases = 0;
  for (const auto& file : testing::case_files()) {
    for (const auto& c : testing::parse_cases(file)) {
      testing::Outcome serial = testing::render_case(c, serial_options());
      testing::Outcome split = testing::render_case(c, split_options(&stats));
      EXPECT_EQ(serial.ok, split.ok) << c.name;
      EXPECT_EQ(serial.text, split.text) << c.name;
      ++cases;
    }
  }
  EXPECT_GT(cases, 200u);
  EXPECT_GE(stats.split_loops.load(), 15u) << "the cases' loops should split";
  std::cout << "[parallel] " << cases << " cases, " << stats.split_loops << " loops split, "
            << stats.parallel_iterations << " iterations rendered on other threads\n";
}

TEST(ParallelLoop, EverySharedConformanceCaseRendersTheSameSplit) {
  auto dir = test::shared_dir() / "conformance" / "jinja";
  auto cases = testing::shared_conformance_cases(dir);
  if (cases.empty()) GTEST_SKIP() << "no " << dir << " (the shared folder is absent)";
  ParallelStats stats;
  for (const auto& c : cases) {
    testing::Outcome serial = testing::render_case(c, serial_options());
    testing::Outcome split = testing::render_case(c, split_options(&stats));
    EXPECT_EQ(serial.ok, split.ok) << c.name;
    EXPECT_EQ(serial.text, split.text) << c.name;
  }
  EXPECT_GT(stats.split_loops.load(), 0u);
}

TEST(ParallelLoop, LoopVariablesAreThoseOfTheWholeLoopAtEveryPartBoundary) {
  const std::string source =
      "{% for x in items %}{{ loop.index }},{{ loop.index0 }},{{ loop.revindex }},{{ loop.revindex0 }},"
      "{{ loop.first }},{{ loop.last }},{{ loop.length }},{{ loop.depth }},{{ loop.previtem|default('-') }},"
      "{{ loop.nextitem|default('-') }},{{ loop.cycle('a', 'b', 'c') }};{% endfor %}";
  for (unsigned threads : {2u, 3u, 7u, 64u}) {
    for (int n : {2, 3, 64, 65, 1001}) {
      ParallelStats stats;
      testing::Outcome split = expect_same(source, numbers(n), &stats, threads);
      ASSERT_TRUE(split.ok) << split.text;
      EXPECT_EQ(stats.split_loops.load(), 1u);
      EXPECT_GT(stats.parallel_iterations.load(), 0u);
      // The serial render's text, written out: the first and last items say first/last.
      EXPECT_EQ(split.text.rfind("1,0," + std::to_string(n) + "," + std::to_string(n - 1) + ",True,False," +
                                     std::to_string(n) + ",1,-,1,a;",
                                 0),
                0u);
      std::string last = std::to_string(n) + "," + std::to_string(n - 1) + ",1,0,False,True," + std::to_string(n) +
                         ",1," + std::to_string(n - 2) + ",-," + std::string(1, "abc"[(n - 1) % 3]) + ";";
      EXPECT_EQ(split.text.substr(split.text.size() - last.size()), last);
    }
  }
}

TEST(ParallelLoop, NestedLoopsFiltersElseAndUnpacking) {
  nlohmann::ordered_json data = numbers(150);
  data["pairs"] = nlohmann::ordered_json::array();
  for (int i = 0; i < 100; ++i) data["pairs"].push_back({i, "v" + std::to_string(i)});
  expect_same(
      "{% for x in items %}{% set outer = loop %}[{% for y in items if y < x % 7 %}{{ outer.index }}.{{ loop.index }}"
      "{% else %}none{% endfor %}]{% endfor %}",
      data);
  expect_same("{% for k, v in pairs %}{{ k }}={{ v }}{% if loop.last %}.{% endif %}{% endfor %}", data);
  expect_same("{% for x in items if x is odd %}{{ loop.index }}/{{ loop.length }} {% else %}empty{% endfor %}", data);
  expect_same("{% for x in [] %}{{ x }}{% else %}empty{% endfor %}{% for c in 'abcdef' * 20 %}{{ c }}{% endfor %}", data);
  expect_same("{% for k in {'a': 1, 'b': 2, 'c': 3} %}{{ k }}{% endfor %}{% for i in range(300) %}{{ i }}{% endfor %}", data);
}

TEST(ParallelLoop, MacrosCallBlocksAndLocalSetsInTheBody) {
  nlohmann::ordered_json data = numbers(200);
  testing::Outcome out = expect_same(
      "{% macro show(v, width=3) %}<{{ v|string|center(width) }}>{% endmacro %}"
      "{% macro wrap() %}({{ caller(1) }}){% endmacro %}"
      "{% set total = 10 %}"
      "{% for x in items %}{% set total = total + x %}{{ show(total) }}"
      "{% call(n) wrap() %}{{ x + n }}{% endcall %}"
      "{% macro inner() %}{{ x }}{{ loop.index }}{% endmacro %}{{ inner() }}{% endfor %}{{ total }}",
      data);
  EXPECT_TRUE(out.ok) << out.text;
  EXPECT_NE(out.text.find("<209>(200)199200"), std::string::npos) << out.text.substr(out.text.size() - 40);
}

TEST(ParallelLoop, AnErrorInALateIterationIsTheSerialError) {
  nlohmann::ordered_json data = numbers(1000);
  testing::Outcome late = expect_same("{% for x in items %}\n{{ x }}{{ 1 // (x - 990) }}{% endfor %}", data);
  EXPECT_FALSE(late.ok);
  EXPECT_NE(late.text.find("t.j2:2"), std::string::npos) << late.text;
  testing::Outcome early = expect_same("{% for x in items %}{{ x }}{{ 1 // (x - 5) }}{% endfor %}", data);
  EXPECT_FALSE(early.ok);
}

TEST(ParallelLoop, TheEarliestFailingIterationWins) {
  nlohmann::ordered_json data = numbers(1000);
  const std::string source =
      "{% for x in items %}{% if x == 600 %}\n{{ none_thing.a }}{% elif x == 900 %}\n\n{{ 1 // 0 }}{% endif %}{% endfor %}";
  testing::Outcome first_late = expect_same(source, data, nullptr, 2);
  EXPECT_FALSE(first_late.ok);
  EXPECT_NE(first_late.text.find("t.j2:2"), std::string::npos) << first_late.text;
  // The first part (this thread's) fails first: the later part's error never shows.
  const std::string early_first =
      "{% for x in items %}{% if x == 7 %}\n{{ none_thing.a }}{% elif x == 900 %}\n\n{{ 1 // 0 }}{% endif %}{% endfor %}";
  testing::Outcome first_early = expect_same(early_first, data, nullptr, 2);
  EXPECT_NE(first_early.text.find("t.j2:2"), std::string::npos) << first_early.text;
  // Strict undefined in a late part.
  Options strict = serial_options();
  strict.strict_undefined = true;
  testing::Outcome serial = render_with("{% for x in items %}{% if x == 999 %}{{ y }}{% endif %}{% endfor %}", data, strict);
  ParallelStats stats;
  Options split = split_options(&stats);
  split.strict_undefined = true;
  testing::Outcome par = render_with("{% for x in items %}{% if x == 999 %}{{ y }}{% endif %}{% endfor %}", data, split);
  EXPECT_FALSE(par.ok);
  EXPECT_EQ(serial.text, par.text);
}

TEST(ParallelLoop, LimitsFailAsInASerialRender) {
  nlohmann::ordered_json data = numbers(1000);
  for (uint64_t limit : {999u, 1000u, 1500u, 1999u, 2000u, 2001u}) {
    Options serial = serial_options();
    serial.max_loop_iterations = limit;
    ParallelStats stats;
    Options split = split_options(&stats);
    split.max_loop_iterations = limit;
    const std::string source = "{% for x in items %}{% if x >= 500 %}{% for y in [1] %}{{ y }}{% endfor %}{% endif %}{% endfor %}";
    testing::Outcome a = render_with(source, data, serial), b = render_with(source, data, split);
    EXPECT_EQ(a.ok, b.ok) << limit;
    EXPECT_EQ(a.text, b.text) << limit;
  }
  for (size_t limit : {10u, 2000u, 2890u, 2900u, 2999u, 3000u}) {
    Options serial = serial_options();
    serial.max_output_bytes = limit;
    ParallelStats stats;
    Options split = split_options(&stats);
    split.max_output_bytes = limit;
    const std::string source = "{% for x in items %}{{ '%03d'|format(x) }}{% endfor %}";
    testing::Outcome a = render_with(source, data, serial), b = render_with(source, data, split);
    EXPECT_EQ(a.ok, b.ok) << limit;
    EXPECT_EQ(a.text, b.text) << limit;
  }
}

TEST(ParallelLoop, ANamespaceCounterStaysSerialAndCorrect) {
  ParallelStats stats;
  testing::Outcome out = expect_same(
      "{% set ns = namespace(n=0) %}{% for x in items %}{% set ns.n = ns.n + x %}{% endfor %}{{ ns.n }}", numbers(1000),
      &stats);
  EXPECT_EQ(out.text, "499500");
  EXPECT_EQ(stats.split_loops.load(), 0u);
  testing::Outcome appended = expect_same(
      "{% set seen = [] %}{% for x in items %}{{ seen.append(x) or '' }}{% endfor %}{{ seen|length }}", numbers(500), &stats);
  EXPECT_EQ(appended.text, "500");
  EXPECT_EQ(stats.split_loops.load(), 0u);
}

TEST(ParallelLoop, OneThreadOrFewItemsNeverSplit) {
  ParallelStats stats;
  Options one = split_options(&stats, 1);
  EXPECT_TRUE(render_with("{% for x in items %}{{ x }}{% endfor %}", numbers(500), one).ok);
  EXPECT_EQ(stats.split_loops.load(), 0u);
  Options few = split_options(&stats, 2);
  few.parallel_min_items = 64;
  EXPECT_TRUE(render_with("{% for x in items %}{{ x }}{% endfor %}", numbers(63), few).ok);
  EXPECT_EQ(stats.split_loops.load(), 0u);
  EXPECT_TRUE(render_with("{% for x in items %}{{ x }}{% endfor %}", numbers(64), few).ok);
  EXPECT_EQ(stats.split_loops.load(), 1u);
}

TEST(ParallelLoop, ACallersGlobalObjectKeepsLoopsSerial) {
  ParallelStats stats;
  Environment env(split_options(&stats));
  env.add_global("limit", Value::list({Value(5), Value("x")}));  // plain data: loops still split
  env.add_template("t.j2", "{% for x in items %}{{ x }}{% endfor %}");
  env.render_value("t.j2", from_json(numbers(100)));
  EXPECT_EQ(stats.split_loops.load(), 1u);
  Environment with_object(split_options(&stats));
  auto fn = std::make_shared<FunctionObject>("fn", [](Renderer&, CallArgs&) { return Value(1); });
  with_object.add_global("fns", Value::list({Value(std::static_pointer_cast<Object>(fn))}));  // may keep state
  with_object.add_template("t.j2", "{% for x in items %}{{ x }}{% endfor %}");
  EXPECT_EQ(with_object.render_value("t.j2", from_json(numbers(100))).size(), 190u);
  EXPECT_EQ(stats.split_loops.load(), 1u);
}

TEST(ParallelLoop, RepeatedSplitRendersOfTheBenchmarkShapeAgree) {
  // The benchmark's shape (macros, dictsort, wordwrap, nested loops) many times: a race would
  // show as a difference, or under ThreadSanitizer.
  nlohmann::ordered_json models = nlohmann::ordered_json::array();
  for (int i = 0; i < 300; ++i) {
    nlohmann::ordered_json fields = nlohmann::ordered_json::object();
    for (int j = 0; j < 5; ++j) fields["f" + std::to_string((i * 7 + j) % 11)] = {{"type", "int"}, {"doc", "field doc text " + std::to_string(j)}};
    models.push_back({{"name", "model " + std::to_string(i)}, {"description", std::string(40 + i % 50, 'w') + " words here"},
                      {"fields", fields}, {"steps", {{{"name", "s"}, {"timeout", i % 3 ? nlohmann::ordered_json(30) : nlohmann::ordered_json()}}}}});
  }
  nlohmann::ordered_json data{{"models", models}};
  const std::string source =
      "{% macro doc(t) %}{{ t|wordwrap(20)|indent(4) }}{% endmacro %}"
      "{% for m in models %}class {{ m.name|title|replace(' ', '') }}:\n    {{ doc(m.description) }}\n"
      "{% for n, info in m.fields|dictsort %}    {{ n }}: {{ info.type }}  # {{ info.doc|truncate(12) }}\n{% endfor %}"
      "{% for s in m.steps %}{{ s.name|tojson }}{{ s.timeout|default(120, true) }}{% endfor %}\n{% endfor %}";
  testing::Outcome serial = render_with(source, data, serial_options());
  ASSERT_TRUE(serial.ok) << serial.text;
  for (int run = 0; run < 20; ++run) {
    ParallelStats stats;
    testing::Outcome split = render_with(source, data, split_options(&stats, 2));
    ASSERT_EQ(split.text, serial.text) << "run " << run;
    EXPECT_EQ(stats.split_loops.load(), 1u);  // the inner loops of a part stay serial
  }
}

}  // namespace
}  // namespace restack::tmpl
