// Durations, cron expressions and names.
#include <gtest/gtest.h>

#include "spec/cron.h"
#include "spec/duration.h"
#include "spec/names.h"

namespace restack::spec {
namespace {

TEST(Duration, ValidForms) {
  EXPECT_DOUBLE_EQ(*parse_duration_text("500ms").seconds, 0.5);
  EXPECT_DOUBLE_EQ(*parse_duration_text("30s").seconds, 30);
  EXPECT_DOUBLE_EQ(*parse_duration_text("1m30s").seconds, 90);
  EXPECT_DOUBLE_EQ(*parse_duration_text("1.5h").seconds, 5400);
  EXPECT_DOUBLE_EQ(*parse_duration_text("2d").seconds, 172800);
  EXPECT_DOUBLE_EQ(*parse_duration_text("1d2h3m4s5ms").seconds, 86400 + 7200 + 180 + 4 + 0.005);
}

TEST(Duration, InvalidForms) {
  for (const char* bad : {"", "0s", "0", "5 minutes", "1m1h", "1m2m", "5", "-5s", "5x", "1.2.3s", "ms", "1ms2s", ".5s", "5s "}) {
    auto r = parse_duration_text(bad);
    EXPECT_FALSE(r.seconds) << bad;
    EXPECT_FALSE(r.error.empty()) << bad;
  }
  EXPECT_NE(parse_duration_text("1m1h").error.find("largest"), std::string::npos);
  EXPECT_NE(parse_duration_text("5 minutes").error.find("without spaces"), std::string::npos);
}

TEST(Duration, TimedeltaArguments) {
  EXPECT_EQ(timedelta_arguments(120), "minutes=2");
  EXPECT_EQ(timedelta_arguments(90), "seconds=90");
  EXPECT_EQ(timedelta_arguments(86400), "days=1");
  EXPECT_EQ(timedelta_arguments(0.5), "milliseconds=500");
}

TEST(Cron, ValidExpressions) {
  for (const char* ok : {"* * * * *", "0 7 * * MON-FRI", "*/15 * * * *", "0-30/5 1,2,3 1-31 JAN-DEC 0-7", "0 0 1 jan sun",
                         "@yearly", "@monthly", "@weekly", "@daily", "@hourly", "59 23 31 12 7", "0 0 * * 1,3,5"})
    EXPECT_EQ(check_cron(ok), "") << ok;
}

TEST(Cron, InvalidExpressions) {
  EXPECT_NE(check_cron("60 * * * *").find("minute 60 is out of range 0-59"), std::string::npos);
  EXPECT_NE(check_cron("* 24 * * *").find("hour 24"), std::string::npos);
  EXPECT_NE(check_cron("* * 0 * *").find("day of month 0"), std::string::npos);
  EXPECT_NE(check_cron("* * * 13 *").find("month 13"), std::string::npos);
  EXPECT_NE(check_cron("* * * * 8").find("day of week 8"), std::string::npos);
  EXPECT_NE(check_cron("* * * *").find("expected 5 fields"), std::string::npos);
  EXPECT_NE(check_cron("* * * * * *").find("found 6"), std::string::npos);
  EXPECT_NE(check_cron("*/0 * * * *").find("positive"), std::string::npos);
  EXPECT_NE(check_cron("5/2 * * * *").find("needs `*` or a range"), std::string::npos);
  EXPECT_NE(check_cron("30-10 * * * *").find("backwards"), std::string::npos);
  EXPECT_NE(check_cron("* * * FOO *").find("not a valid month"), std::string::npos);
  EXPECT_NE(check_cron("@every5m").find("unknown macro"), std::string::npos);
  EXPECT_NE(check_cron("1,,2 * * * *").find("empty value"), std::string::npos);
}

TEST(Names, Rules) {
  EXPECT_TRUE(is_pascal_case("DataProcessor"));
  EXPECT_FALSE(is_pascal_case("dataProcessor"));
  EXPECT_FALSE(is_pascal_case("Data_Processor"));
  EXPECT_TRUE(is_snake_case("data_validation"));
  EXPECT_TRUE(is_snake_case("_x1"));
  EXPECT_FALSE(is_snake_case("Data"));
  EXPECT_FALSE(is_snake_case("1x"));
  EXPECT_TRUE(is_python_keyword("class"));
  EXPECT_TRUE(is_python_keyword("None"));
  EXPECT_FALSE(is_python_keyword("match"));
  EXPECT_TRUE(is_distribution_name("billing-agents"));
  EXPECT_FALSE(is_distribution_name("Billing"));
  EXPECT_TRUE(pydantic_field_problem("json"));
  EXPECT_TRUE(pydantic_field_problem("model_fields"));
  EXPECT_TRUE(pydantic_field_problem("_x"));
  EXPECT_TRUE(pydantic_field_problem("validate"));
  EXPECT_FALSE(pydantic_field_problem("data"));
  // Every BaseModel attribute (names.cc compares only names of their first letters).
  for (const char* attribute : {"Config", "construct", "copy", "dict", "fields", "from_orm", "json", "parse_file",
                                "parse_obj", "parse_raw", "schema", "schema_json", "update_forward_refs", "validate",
                                "__fields__", "__root__", "__pre_root_validators__"})
    EXPECT_TRUE(pydantic_field_problem(attribute)) << attribute;
  for (const char* field : {"config", "Copy", "dicts", "score", "", "v", "record_id"})
    EXPECT_FALSE(pydantic_field_problem(field)) << field;
  EXPECT_EQ(pascal_case("data_validation"), "DataValidation");
  EXPECT_EQ(kebab_case("DataProcessor"), "data-processor");
  EXPECT_EQ(kebab_case("HTTPServer2Go"), "http-server2-go");
}

}  // namespace
}  // namespace restack::spec
