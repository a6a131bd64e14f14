// The validator parses each distinct type spelling once and copies the result into every
// field that repeats it: each copy must still carry its own field's position, in every node.
#include <gtest/gtest.h>

#include <string>

#include "spec/type_render.h"
#include "spec_test_support.h"

namespace restack::spec::test {
namespace {

void expect_loc_everywhere(const TypeExpr& t, int line, int column) {
  EXPECT_EQ(t.loc.line, line) << t.spelling;
  EXPECT_EQ(t.loc.column, column) << t.spelling;
  for (const auto& a : t.args) expect_loc_everywhere(a, line, column);
}

// Two fields of one spelling, a third in quotes; EXTRA_OUTPUT adds output fields after it.
std::string spec_with_repeated_types(const std::string& extra_output = "") {
  return "name: Repeat\n"
         "description: d\n"
         "input_schema:\n"
         "  a: Dict[str, List[int]]\n"
         "  b:   Dict[str, List[int]]\n"
         "output_schema:\n"
         "  c: \"Dict[str, List[int]]\"\n" +
         extra_output +
         "steps:\n"
         "  - name: s\n"
         "    function: f\n";
}

TEST(TypeCache, ErrorsAreReportedAtEachFieldThatRepeatsThem) {
  auto l = load_text(spec_with_repeated_types("  d: Dict[str, Lst[int]]\n  e: Dict[str, Lst[int]]\n"));
  // The misspelt type is reported at each field that has it (errors are not cached).
  ASSERT_NE(error_at(l.sink, 8, 16), nullptr) << dump(l.sink);
  ASSERT_NE(error_at(l.sink, 9, 16), nullptr) << dump(l.sink);
}

TEST(TypeCache, CopiesCarryTheirFieldsPositions) {
  auto l = load_text(spec_with_repeated_types());
  ASSERT_TRUE(l.project) << dump(l.sink);
  const Workflow& w = l.project->workflows.at(0);
  const auto& in = w.input_schema->fields;
  ASSERT_EQ(in.size(), 2u);
  EXPECT_EQ(render_annotation(in[0].type), render_annotation(in[1].type));
  ASSERT_EQ(in[1].type.args.size(), 2u);
  expect_loc_everywhere(in[0].type, 4, 6);
  expect_loc_everywhere(in[1].type, 5, 8);
  expect_loc_everywhere(w.output_schema->fields.at(0).type, 7, 7);  // inside the quotes
}

}  // namespace
}  // namespace restack::spec::test
