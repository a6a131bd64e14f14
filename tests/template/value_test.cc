#include "template/value.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "template/data.h"

namespace restack::tmpl {
namespace {

TEST(ValuePrinting, FloatsPrintLikePython) {
  EXPECT_EQ(float_repr(2.0), "2.0");
  EXPECT_EQ(float_repr(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(float_repr(1e16), "1e+16");
  EXPECT_EQ(float_repr(1e15), "1000000000000000.0");
  EXPECT_EQ(float_repr(1e-5), "1e-05");
  EXPECT_EQ(float_repr(0.0001), "0.0001");
  EXPECT_EQ(float_repr(-0.0), "-0.0");
  EXPECT_EQ(float_repr(HUGE_VAL), "inf");
  EXPECT_EQ(float_repr(std::nan("")), "nan");
  EXPECT_EQ(float_repr(1.5e300), "1.5e+300");
}

TEST(ValuePrinting, ContainersAndScalarsPrintLikePython) {
  EXPECT_EQ(to_str(Value(true)), "True");
  EXPECT_EQ(to_str(Value::none()), "None");
  EXPECT_EQ(to_str(Value::list({Value("a"), Value(1)})), "['a', 1]");
  EXPECT_EQ(to_str(Value::tuple({Value(1)})), "(1,)");
  EXPECT_EQ(to_str(Value::tuple({})), "()");
  Value d = Value::dict();
  d.as_dict().set(Value("k"), Value("v"));
  d.as_dict().set(Value(1), Value::list());
  EXPECT_EQ(to_str(d), "{'k': 'v', 1: []}");
  EXPECT_EQ(to_str(Value()), "");
}

TEST(ValuePrinting, StringReprChoosesQuotesLikePython) {
  EXPECT_EQ(repr(Value("it's")), "\"it's\"");
  EXPECT_EQ(repr(Value("say \"hi\"")), "'say \"hi\"'");
  EXPECT_EQ(repr(Value("both ' \"")), "'both \\' \"'");
  EXPECT_EQ(repr(Value("tab\tnl\n\\")), "'tab\\tnl\\n\\\\'");
  EXPECT_EQ(repr(Value("\x01\xc2\xa0é")), "'\\x01\\xa0é'");
}

TEST(ValuePrinting, SelfContainingListPrintsEllipsis) {
  Value l = Value::list();
  l.as_list().items.push_back(l);
  EXPECT_EQ(to_str(l), "[[...]]");
  l.as_list().items.clear();  // break the cycle so the list is freed
}

TEST(ValueSemantics, EqualityAndHashingFollowPython) {
  EXPECT_TRUE(equals(Value(1), Value(1.0)));
  EXPECT_TRUE(equals(Value(true), Value(1)));
  EXPECT_FALSE(equals(Value(1), Value("1")));
  EXPECT_EQ(hash_value(Value(1)), hash_value(Value(1.0)));
  Value d = Value::dict();
  for (int i = 0; i < 20; ++i) d.as_dict().set(Value(i), Value(i * 2));
  d.as_dict().set(Value(3.0), Value("three"));
  EXPECT_EQ(d.as_dict().size(), 20u);
  EXPECT_EQ(to_str(*d.as_dict().find(Value(3))), "three");
}

// The hash index of a long dict is built by the first lookup that needs it, not on insertion;
// lookups give what a scan of the entries gives, before and after insertions and erasures.
TEST(DictIndex, BuiltOnFirstLookupAndKeptCurrent) {
  Value d = Value::dict();
  auto& dict = d.as_dict();
  for (int i = 0; i < 40; ++i) dict.append_new(Value("k" + std::to_string(i)), Value(i));
  EXPECT_FALSE(dict.has_index());  // appended without hashing
  ASSERT_NE(dict.find(std::string_view("k17")), nullptr);
  EXPECT_TRUE(dict.has_index());
  EXPECT_EQ(dict.find(std::string_view("k17"))->as_int(), 17);
  EXPECT_EQ(dict.find(std::string_view("k40")), nullptr);
  // Insertions after the index exists: kept current, through several growths.
  for (int i = 40; i < 200; ++i) dict.append_new(Value("k" + std::to_string(i)), Value(i));
  for (int i = 0; i < 200; i += 7) dict.set(Value("s" + std::to_string(i)), Value(-i));
  for (int i = 0; i < 200; ++i) {
    const Value* v = dict.find(std::string_view("k" + std::to_string(i)));
    ASSERT_NE(v, nullptr) << i;
    EXPECT_EQ(v->as_int(), i);
    EXPECT_EQ(dict.position("k" + std::to_string(i), std::hash<std::string_view>()("k" + std::to_string(i))), size_t(i));
  }
  EXPECT_EQ(dict.find(std::string_view("s14"))->as_int(), -14);
  // set() of an existing key replaces its value in place.
  dict.set(Value("k5"), Value(55));
  EXPECT_EQ(dict.find(Value("k5"))->as_int(), 55);
  // Erasing moves positions: the next lookup rebuilds the index.
  EXPECT_TRUE(dict.erase(Value("k0")));
  EXPECT_FALSE(dict.has_index());
  EXPECT_EQ(dict.find(std::string_view("k0")), nullptr);
  EXPECT_EQ(dict.find(std::string_view("k199"))->as_int(), 199);
  EXPECT_EQ(dict.entries.front().first.as_string(), "k1");
}

TEST(DictIndex, ShortDictIsScannedAndNeverIndexed) {
  Value d = Value::dict();
  auto& dict = d.as_dict();
  for (int i = 0; i < int(DictData::kIndexThreshold); ++i) dict.append_new(Value(i), Value(i));
  EXPECT_EQ(dict.find(Value(3.0))->as_int(), 3);  // 3 == 3.0, as in Python
  EXPECT_FALSE(dict.has_index());
}

TEST(DictIndex, CopiesAndMovesKeepTheirOwnIndex) {
  Value d = Value::dict();
  for (int i = 0; i < 30; ++i) d.as_dict().append_new(Value(i), Value(i));
  ASSERT_NE(d.as_dict().find(Value(4)), nullptr);  // builds the source's index
  DictData copy = d.as_dict();
  EXPECT_FALSE(copy.has_index());
  copy.set(Value(100), Value(1));
  EXPECT_EQ(copy.find(Value(29))->as_int(), 29);
  EXPECT_EQ(d.as_dict().find(Value(100)), nullptr);
  DictData moved = std::move(copy);
  EXPECT_EQ(moved.find(Value(100))->as_int(), 1);
  DictData assigned;
  assigned = moved;
  EXPECT_EQ(assigned.find(Value(7))->as_int(), 7);
  assigned = std::move(moved);
  EXPECT_EQ(assigned.find(Value(100))->as_int(), 1);
  EXPECT_EQ(assigned.size(), 31u);
}

// Several threads looking up a dict nobody has looked up yet race to build its index: each
// gets right answers (run under TSan/ASan in CI to catch a data race or a leak).
TEST(DictIndex, ConcurrentFirstLookupsAgree) {
  for (int round = 0; round < 20; ++round) {
    Value d = Value::dict();
    for (int i = 0; i < 64; ++i) d.as_dict().append_new(Value("key" + std::to_string(i)), Value(i));
    std::vector<int> wrong(4, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
      threads.emplace_back([&, t] {
        for (int i = 0; i < 64; ++i) {
          const std::string key = "key" + std::to_string((i + 16 * t) % 64);
          const Value* v = d.as_dict().find(std::string_view(key));
          if (!v || v->as_int() != (i + 16 * t) % 64) ++wrong[t];
        }
      });
    for (auto& th : threads) th.join();
    for (int t = 0; t < 4; ++t) EXPECT_EQ(wrong[t], 0) << "thread " << t;
    EXPECT_TRUE(d.as_dict().has_index());
  }
}

// A Value is a kind and one counted pointer (16 bytes): copies share the payload, the last
// owner frees it, and a moved-from value keeps its kind but no payload (as before, with
// std::shared_ptr).
TEST(ValueSharing, CopiesShareThePayloadAndTheLastOwnerFreesIt) {
  Value list = Value::list({Value("a")});
  Value copy = list;
  EXPECT_EQ(copy.identity(), list.identity());
  copy.as_list().items.push_back(Value(2));
  EXPECT_EQ(to_str(list), "['a', 2]");
  Value assigned;
  assigned = copy;
  assigned = assigned;  // self-assignment keeps the payload
  EXPECT_EQ(assigned.identity(), list.identity());
  Value moved = std::move(copy);
  EXPECT_TRUE(copy.is_list());  // NOLINT(bugprone-use-after-move): the old moved-from state
  EXPECT_EQ(copy.identity(), nullptr);
  EXPECT_EQ(moved.identity(), list.identity());
  Value scalar = Value(7);
  Value scalar_moved = std::move(scalar);
  EXPECT_EQ(scalar.as_int(), 7);  // NOLINT(bugprone-use-after-move): scalars are copied
  EXPECT_EQ(scalar_moved.as_int(), 7);
  EXPECT_EQ(scalar.identity(), nullptr);

  struct Probe : Object {
    std::string type_name() const override { return "Probe"; }
  };
  auto object = std::make_shared<Probe>();
  std::weak_ptr<Probe> watch = object;
  {
    Value a(std::static_pointer_cast<Object>(object));
    Value b(std::static_pointer_cast<Object>(object));  // a second wrapping of the same object
    object.reset();
    EXPECT_EQ(a.identity(), b.identity());  // `a is b`: the same object
    EXPECT_TRUE(equals(a, b));
    EXPECT_EQ(a.as_object()->type_name(), "Probe");
    EXPECT_EQ(a.object_ptr().get(), b.as_object());
    Value c = a;
    a = Value();
    EXPECT_FALSE(watch.expired());
  }
  EXPECT_TRUE(watch.expired());
}

TEST(ValueSharing, RangesAndNamedTuplesKeepTheirExtras) {
  Value r = Value::range_list(0, 6, 2, {Value(0), Value(2), Value(4)});
  EXPECT_EQ(repr(r), "range(0, 6, 2)");
  EXPECT_EQ(repr(Value::range_list(1, 3, 1, {Value(1), Value(2)})), "range(1, 3)");
  ListData copy = r.as_list();  // a copy has its own extras
  EXPECT_EQ(copy.range_step(), 2);
  EXPECT_EQ(Value::list().as_list().range_step(), 1);
  EXPECT_EQ(Value::list().as_list().field_names(), nullptr);
  auto names = std::make_shared<const std::vector<std::string>>(std::vector<std::string>{"grouper", "list"});
  Value t = Value::named_tuple({Value("k"), Value::list()}, names);
  EXPECT_EQ(t.as_list().field_names(), names);
  EXPECT_EQ(type_name(t), "_GroupTuple");
  EXPECT_EQ(repr(t), "('k', [])");
  Value u = Value::undefined("'x' is undefined", true);
  EXPECT_THROW(u.truthy(), std::exception);
  EXPECT_EQ(u.undefined_info()->message, "'x' is undefined");
  EXPECT_EQ(Value().undefined_info(), nullptr);
}

// Threads copying and dropping the same values (as renderers do with a shared context): the
// counts stay exact, so every payload is freed once (ASan reports a leak or a double free).
TEST(ValueSharing, ConcurrentCopiesCountExactly) {
  Value d = Value::dict();
  for (int i = 0; i < 16; ++i) d.as_dict().append_new(Value("key" + std::to_string(i)), Value::list({Value(i)}));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int round = 0; round < 2000; ++round) {
        std::vector<Value> held;
        for (const auto& [k, v] : d.as_dict().entries) {
          held.push_back(k);
          held.push_back(v);
        }
      }
    });
  for (auto& th : threads) th.join();
  Value key = d.as_dict().entries[3].first;
  Value alone = key;
  d = Value();
  EXPECT_EQ(alone.as_string(), "key3");
}

TEST(ValueData, JsonKeepsIntFloatAndOrder) {
  auto v = from_json(nlohmann::ordered_json::parse(R"({"b": 1, "a": 1.0, "c": [true, null]})"));
  EXPECT_EQ(to_str(v), "{'b': 1, 'a': 1.0, 'c': [True, None]}");
}

}  // namespace
}  // namespace restack::tmpl
