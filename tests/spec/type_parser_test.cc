// The type-expression parser, its rendering as Python annotations and imports, and the
// assignability rules.
#include <gtest/gtest.h>

#include "spec/type_parser.h"
#include "spec/type_render.h"
#include "spec/type_rules.h"

namespace restack::spec {
namespace {

bool is_model(std::string_view n) { return n == "Address" || n == "Money"; }

TypeExpr parse_ok(const std::string& text) {
  auto r = parse_type(text, is_model);
  EXPECT_TRUE(r.type) << text << ": " << (r.error ? r.error->message : "");
  return r.type ? *r.type : TypeExpr{};
}

TypeParseError parse_bad(const std::string& text) {
  auto r = parse_type(text, is_model);
  EXPECT_FALSE(r.type) << text;
  return r.error ? *r.error : TypeParseError{};
}

TEST(TypeParser, RendersEveryForm) {
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {
      {"str", "str"},
      {"Dict[str, Any]", "Dict[str, Any]"},
      {"dict[str, int]", "Dict[str, int]"},
      {"list[str]", "List[str]"},
      {"List", "List[Any]"},
      {"dict", "Dict[str, Any]"},
      {"set", "Set[Any]"},
      {"Set[int]", "Set[int]"},
      {"Optional[int]", "Optional[int]"},
      {"str | None", "Optional[str]"},
      {"None | str", "Optional[str]"},
      {"int | str", "Union[int, str]"},
      {"Union[int, str, None]", "Union[int, str, None]"},
      {"Tuple[int, str]", "Tuple[int, str]"},
      {"tuple[int, ...]", "Tuple[int, ...]"},
      {"Tuple[float]", "Tuple[float]"},
      {"Literal['a', \"b\", 3, -1, True, None]", "Literal[\"a\", \"b\", 3, -1, True, None]"},
      {"Optional[List[Dict[str, Union[int, float, None]]]]", "Optional[List[Dict[str, Union[int, float, None]]]]"},
      {"Dict[Literal[\"a\"], Address]", "Dict[Literal[\"a\"], Address]"},
      {"Dict[UUID, Money]", "Dict[UUID, Money]"},
      {"datetime", "datetime"},
      {" List[ int ] ", "List[int]"},
      {"List[int,]", "List[int]"},
  };
  for (const auto& c : cases) EXPECT_EQ(render_annotation(parse_ok(c.in)), c.out) << c.in;
}

TEST(TypeParser, KindsAndArguments) {
  TypeExpr t = parse_ok("Tuple[int, ...]");
  EXPECT_EQ(t.kind, TypeExpr::Kind::kTuple);
  EXPECT_TRUE(t.variadic);
  ASSERT_EQ(t.args.size(), 1u);
  TypeExpr m = parse_ok("Address");
  EXPECT_EQ(m.kind, TypeExpr::Kind::kModel);
  EXPECT_EQ(m.name, "Address");
  TypeExpr u = parse_ok("int | str | None");
  EXPECT_EQ(u.kind, TypeExpr::Kind::kUnion);
  EXPECT_EQ(u.args.size(), 3u);
  EXPECT_EQ(u.spelling, "int | str | None");
  TypeExpr l = parse_ok("Literal[\"x\", 1]");
  ASSERT_EQ(l.literals.size(), 2u);
  EXPECT_EQ(l.literals[0], "x");
  EXPECT_EQ(l.literals[1], 1);
}

TEST(TypeParser, Errors) {
  EXPECT_TRUE(parse_bad("Strng").unknown_name);
  EXPECT_EQ(parse_bad("Dict[str, Strng]").offset, 10u);
  EXPECT_NE(parse_bad("List[int").message.find("expected `]`"), std::string::npos);
  EXPECT_NE(parse_bad("Dict[str]").message.find("two types"), std::string::npos);
  EXPECT_NE(parse_bad("Dict[List[int], str]").message.find("Dict key"), std::string::npos);
  EXPECT_NE(parse_bad("Optional").message.find("needs a type"), std::string::npos);
  EXPECT_NE(parse_bad("Optional[int, str]").message.find("one type"), std::string::npos);
  EXPECT_NE(parse_bad("Union[int]").message.find("at least two"), std::string::npos);
  EXPECT_NE(parse_bad("Tuple").message.find("element types"), std::string::npos);
  EXPECT_NE(parse_bad("Tuple[...]").message.find("exactly one"), std::string::npos);
  EXPECT_NE(parse_bad("Tuple[int, ..., str]").message.find("nothing may follow"), std::string::npos);
  EXPECT_NE(parse_bad("List[...]").message.find("only allowed"), std::string::npos);
  EXPECT_NE(parse_bad("Literal[]").message.find("at least one"), std::string::npos);
  EXPECT_NE(parse_bad("Literal[x]").message.find("Literal holds"), std::string::npos);
  EXPECT_NE(parse_bad("Literal['x").message.find("unterminated"), std::string::npos);
  EXPECT_NE(parse_bad("None").message.find("Optional"), std::string::npos);
  EXPECT_NE(parse_bad("List[None]").message.find("only allowed inside"), std::string::npos);
  EXPECT_NE(parse_bad("int str").message.find("unexpected `str`"), std::string::npos);
  EXPECT_NE(parse_bad("").message.find("missing"), std::string::npos);
  EXPECT_NE(parse_bad("int |").message.find("missing"), std::string::npos);
  EXPECT_NE(parse_bad("str[int]").message.find("no type arguments"), std::string::npos);
  EXPECT_NE(parse_bad(std::string(100, '[')).message.find("expected a type name"), std::string::npos);
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "List[";
  EXPECT_NE(parse_bad(deep + "int" + std::string(100, ']')).message.find("too deeply"), std::string::npos);
}

TEST(TypeRender, Imports) {
  TypeImports imports;
  collect_imports(parse_ok("Optional[Dict[str, List[datetime]]]"), imports);
  collect_imports(parse_ok("Tuple[Decimal, UUID, date]"), imports);
  collect_imports(parse_ok("Literal['a'] | int | None"), imports);
  collect_imports(parse_ok("Address"), imports);
  std::vector<std::string> expected = {"from datetime import date, datetime", "from decimal import Decimal",
                                       "from typing import Dict, List, Literal, Optional, Tuple, Union",
                                       "from uuid import UUID"};
  EXPECT_EQ(imports.lines(), expected);
  EXPECT_EQ(imports.models, std::set<std::string>{"Address"});
  TypeImports none;
  collect_imports(parse_ok("str"), none);
  EXPECT_TRUE(none.lines().empty());
}

TEST(TypeRender, PythonValues) {
  EXPECT_EQ(render_python_value(nlohmann::json::parse(R"({"a": [1, true, null, "x\"y"]})")),
            "{\"a\": [1, True, None, \"x\\\"y\"]}");
}

TEST(TypeRules, Assignability) {
  auto a = [](const char* from, const char* to) { return assignable(parse_ok(from), parse_ok(to), nullptr); };
  EXPECT_TRUE(a("str", "str"));
  EXPECT_TRUE(a("str", "Optional[str]"));
  EXPECT_TRUE(a("str", "str | None"));
  EXPECT_TRUE(a("int", "Union[int, str]"));
  EXPECT_TRUE(a("int", "float"));
  EXPECT_FALSE(a("float", "int"));
  EXPECT_TRUE(a("Any", "int"));
  EXPECT_TRUE(a("List[int]", "Any"));
  EXPECT_TRUE(a("List[str]", "list[str]"));
  EXPECT_TRUE(a("Optional[str]", "str | None"));
  EXPECT_TRUE(a("Literal['a', 'b']", "str"));
  EXPECT_TRUE(a("Literal['a']", "Literal['a', 'b']"));
  EXPECT_FALSE(a("Literal['a', 'c']", "Literal['a', 'b']"));
  EXPECT_FALSE(a("str", "Literal['a']"));
  EXPECT_FALSE(a("Optional[str]", "str"));
  EXPECT_FALSE(a("str", "int"));
  EXPECT_TRUE(a("List[int]", "List[float]"));
  EXPECT_FALSE(a("List[str]", "Set[str]"));
  EXPECT_TRUE(a("Dict[str, int]", "dict[str, int]"));
  EXPECT_TRUE(a("Tuple[int, int]", "Tuple[int, ...]"));
  EXPECT_FALSE(a("Tuple[int, ...]", "Tuple[int, int]"));
  EXPECT_TRUE(a("Address", "Address"));
  EXPECT_FALSE(a("Address", "Money"));
  EXPECT_TRUE(a("int | str", "str | int | None"));
  EXPECT_TRUE(same_type(parse_ok("Optional[int]"), parse_ok("Union[None, int]"), nullptr));
}

TEST(TypeRules, ValuesFitTypes) {
  auto fits = [](const char* json, const char* type) {
    return !value_misfit(nlohmann::json::parse(json), parse_ok(type), nullptr).has_value();
  };
  EXPECT_TRUE(fits("1", "int"));
  EXPECT_TRUE(fits("1", "float"));
  EXPECT_FALSE(fits("1.5", "int"));
  EXPECT_FALSE(fits("true", "int"));
  EXPECT_TRUE(fits("null", "Optional[int]"));
  EXPECT_FALSE(fits("null", "int"));
  EXPECT_TRUE(fits("\"2024-01-31\"", "date"));
  EXPECT_TRUE(fits("\"2024-01-31T07:30:00Z\"", "datetime"));
  EXPECT_TRUE(fits("\"07:30\"", "time"));
  EXPECT_FALSE(fits("\"yesterday\"", "datetime"));
  EXPECT_TRUE(fits("\"9.99\"", "Decimal"));
  EXPECT_FALSE(fits("9.99", "Decimal"));
  EXPECT_TRUE(fits("\"123e4567-e89b-12d3-a456-426614174000\"", "UUID"));
  EXPECT_FALSE(fits("\"123\"", "UUID"));
  EXPECT_TRUE(fits("[1, 2]", "List[int]"));
  EXPECT_FALSE(fits("[1, \"x\"]", "List[int]"));
  EXPECT_TRUE(fits("[\"a\", 1]", "Tuple[str, int]"));
  EXPECT_FALSE(fits("[\"a\"]", "Tuple[str, int]"));
  EXPECT_TRUE(fits("{\"a\": 1}", "Dict[str, int]"));
  EXPECT_TRUE(fits("{\"1\": 1}", "Dict[int, int]"));
  EXPECT_FALSE(fits("{\"x\": 1}", "Dict[int, int]"));
  EXPECT_TRUE(fits("\"b\"", "Literal['a', 'b']"));
  EXPECT_FALSE(fits("\"c\"", "Literal['a', 'b']"));
  EXPECT_TRUE(fits("true", "Literal[True]"));
  EXPECT_FALSE(fits("1", "Literal[True]"));
  EXPECT_TRUE(fits("3600", "timedelta"));
  EXPECT_TRUE(fits("\"P1DT2H\"", "timedelta"));
  EXPECT_TRUE(fits("{\"x\": [1]}", "Any"));
}

}  // namespace
}  // namespace restack::spec
