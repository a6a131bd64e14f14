#include "template/value.h"

#include <gtest/gtest.h>

#include <cmath>

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

TEST(ValueData, JsonKeepsIntFloatAndOrder) {
  auto v = from_json(nlohmann::ordered_json::parse(R"({"b": 1, "a": 1.0, "c": [true, null]})"));
  EXPECT_EQ(to_str(v), "{'b': 1, 'a': 1.0, 'c': [True, None]}");
}

}  // namespace
}  // namespace restack::tmpl
