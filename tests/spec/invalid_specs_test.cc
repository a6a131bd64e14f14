// Invalid specs, one per rule of spec v1: each asserts the exact line and column of the error
// and the key words of its message (or notes).
#include <gtest/gtest.h>

#include "spec_test_support.h"

namespace restack::spec::test {
namespace {

struct InvalidCase {
  const char* name;
  const char* yaml;
  int line;
  int column;
  std::vector<std::string> words;  // each must occur in the message or a note
};

// A valid prefix most cases extend: a workflow W with one function step.
#define HEAD "name: W\ndescription: d\n"

const InvalidCase kCases[] = {
    // ---- YAML
    {"TabInIndentation", "name: W\n\tdescription: d\n", 2, 1, {"tab", "indentation"}},
    {"UnterminatedDoubleQuote", "name: W\ndescription: \"oops\nsteps: []\n", 2, 14, {"unterminated", "double"}},
    {"UnterminatedSingleQuoteAtEof", "name: W\ndescription: 'x", 2, 14, {"unterminated", "single"}},
    {"UnterminatedFlowSequence", HEAD "steps: [\n", 3, 8, {"unterminated", "sequence", "]"}},
    {"UnterminatedFlowMapping", "name: W\ndescription: {a: 1\n", 2, 14, {"unterminated", "mapping", "}"}},
    {"DuplicateTopLevelKey", HEAD "name: X\nsteps:\n  - name: s\n    function: f\n", 3, 1, {"duplicate key", "name"}},
    {"DuplicateKeyInStep", HEAD "steps:\n  - name: s\n    function: f\n    function: g\n", 6, 5, {"duplicate key", "function"}},
    {"MergeKey", HEAD "steps:\n  - &s {name: s, function: f}\n  - <<: *s\n    name: t\n", 5, 5, {"merge keys", "<<"}},
    {"CustomTag", "name: !custom W\ndescription: d\nsteps:\n  - name: s\n    function: f\n", 1, 7, {"tag", "!custom"}},
    {"SyntaxErrorMapValue", "name: W\ndescription: a: b\n", 2, 15, {"YAML syntax error"}},
    {"SecondDocument", HEAD "steps:\n  - name: s\n    function: f\n---\nname: X\n", 6, 1, {"second YAML document"}},
    {"EmptyFile", "", 1, 1, {"empty"}},
    {"OnlyComments", "# nothing here\n", 1, 1, {"empty"}},
    // ---- top level
    {"TopLevelList", "- name: W\n", 1, 1, {"top level", "a list"}},
    {"BothProjectAndName", "project: p\nname: W\n", 1, 1, {"both", "project", "name"}},
    {"NeitherProjectNorName", "description: d\nsteps: []\n", 1, 1, {"neither"}},
    // ---- keys
    {"UnknownTopLevelKey", HEAD "steps:\n  - name: s\n    function: f\ntimout: 5m\n", 6, 1, {"unknown key `timout`", "did you mean `timeout`"}},
    {"UnknownStepKey", HEAD "steps:\n  - name: s\n    function: f\n    timeot: 1s\n", 6, 5, {"unknown key `timeot`", "`timeout`"}},
    {"KeyOfOtherStepKind", HEAD "steps:\n  - name: s\n    function: f\n    duration: 5s\n", 6, 5, {"`duration` belongs to sleep", "type: sleep"}},
    {"WorkflowKeyOnSleepStep", HEAD "steps:\n  - name: s\n    type: sleep\n    duration: 1s\n    workflow: X\n", 7, 5, {"`workflow` belongs to workflow steps", "`sleep`"}},
    {"MissingDescription", "name: W\nsteps:\n  - name: s\n    function: f\n", 1, 1, {"missing the required key", "`description`"}},
    {"MissingSleepDuration", HEAD "steps:\n  - name: s\n    type: sleep\n", 4, 5, {"missing", "`duration`"}},
    {"MissingStepsInProjectWorkflow", "project: p\nworkflows:\n  - name: W\n    description: d\n", 3, 5, {"missing", "`steps`"}},
    {"UnknownKeyInProjectFile", "project: p\nworkflows: []\ntask_queues: q\n", 3, 1, {"unknown key", "did you mean `task_queue`"}},
    {"DescriptionNotString", "name: W\ndescription: [a]\nsteps:\n  - name: s\n    function: f\n", 2, 14, {"`description` must be a string", "a list"}},
    {"StepsNotList", HEAD "steps: abc\n", 3, 8, {"`steps` must be a list of steps"}},
    {"BadVersion", "version: 2\n" HEAD "steps:\n  - name: s\n    function: f\n", 1, 10, {"unsupported version 2"}},
    {"EmptySteps", HEAD "steps: []\n", 3, 8, {"`steps` needs at least one entry"}},
    {"UnknownFieldKey", HEAD "input_schema:\n  a:\n    type: int\n    descripion: x\nsteps:\n  - name: s\n    function: f\n", 6, 5, {"unknown key `descripion`", "`description`"}},
    {"FieldWithoutType", HEAD "input_schema:\n  a:\n    description: x\nsteps:\n  - name: s\n    function: f\n", 5, 5, {"missing", "`type`"}},
    // ---- names
    {"WorkflowNameNotPascal", "name: my_flow\ndescription: d\nsteps:\n  - name: s\n    function: f\n", 1, 7, {"PascalCase"}},
    {"WorkflowNameKeyword", "name: None\ndescription: d\nsteps:\n  - name: s\n    function: f\n", 1, 7, {"keyword"}},
    {"StepNameNotSnake", HEAD "steps:\n  - name: Validate\n    function: f\n", 4, 11, {"step name", "snake_case"}},
    {"StepNameKeyword", HEAD "steps:\n  - name: class\n    function: f\n", 4, 11, {"`class` is a Python keyword", "step"}},
    {"FunctionNameNotSnake", HEAD "steps:\n  - name: s\n    function: DataValidation\n", 5, 15, {"function name", "snake_case"}},
    {"FieldNameNotIdentifier", HEAD "input_schema:\n  2x: int\nsteps:\n  - name: s\n    function: f\n", 4, 3, {"not a Python identifier"}},
    {"FieldNameKeyword", HEAD "input_schema:\n  def: int\nsteps:\n  - name: s\n    function: f\n", 4, 3, {"keyword", "field"}},
    {"FieldShadowsModelPrefix", HEAD "input_schema:\n  model_config: str\nsteps:\n  - name: s\n    function: f\n", 4, 3, {"model_"}},
    {"FieldShadowsBaseModelAttribute", HEAD "output_schema:\n  schema: str\nsteps:\n  - name: s\n    function: f\n", 4, 3, {"shadows", "schema"}},
    {"FieldStartsWithUnderscore", HEAD "input_schema:\n  _private: str\nsteps:\n  - name: s\n    function: f\n", 4, 3, {"starts with `_`"}},
    {"ProjectNameNotDistribution", "project: Billing_Agents\nworkflows:\n  - name: W\n    description: d\n    steps:\n      - name: s\n        function: f\n", 1, 10, {"distribution name"}},
    {"DuplicateStepInParallelGroup", HEAD "steps:\n  - name: s\n    function: f\n  - name: group\n    type: parallel\n    steps:\n      - name: s\n        function: g\n", 9, 15, {"duplicate step name `s`"}},
    // ---- values
    {"DurationZero", HEAD "timeout: 0\nsteps:\n  - name: s\n    function: f\n", 3, 10, {"duration", "greater than zero"}},
    {"DurationNegative", HEAD "timeout: -5\nsteps:\n  - name: s\n    function: f\n", 3, 10, {"greater than zero"}},
    {"DurationWithWords", HEAD "timeout: 5 minutes\nsteps:\n  - name: s\n    function: f\n", 3, 10, {"invalid duration `5 minutes`"}},
    {"DurationUnitsOutOfOrder", HEAD "step_timeout: 1m1h\nsteps:\n  - name: s\n    function: f\n", 3, 15, {"largest to smallest"}},
    {"DurationUnknownUnit", HEAD "steps:\n  - name: s\n    type: sleep\n    duration: 3w\n", 6, 15, {"unknown unit `w`"}},
    {"DurationUnitTwice", HEAD "timeout: 1m2m\nsteps:\n  - name: s\n    function: f\n", 3, 10, {"appears twice"}},
    {"RetryMaxBelowInitial", HEAD "retry_policy:\n  initial_interval: 10s\n  maximum_interval: 5s\nsteps:\n  - name: s\n    function: f\n", 5, 21, {"`maximum_interval` (5s) is shorter"}},
    {"RetryBackoffBelowOne", HEAD "retry_policy:\n  backoff_coefficient: 0.5\nsteps:\n  - name: s\n    function: f\n", 4, 24, {"backoff_coefficient", ">= 1"}},
    {"RetryNegativeAttempts", HEAD "retry_policy:\n  maximum_attempts: -1\nsteps:\n  - name: s\n    function: f\n", 4, 21, {"maximum_attempts", ">= 0"}},
    {"RetryUnknownKey", HEAD "retry_policy:\n  max_attempts: 3\nsteps:\n  - name: s\n    function: f\n", 4, 3, {"unknown key `max_attempts`", "maximum_attempts"}},
    {"RetryErrorTypesNotList", HEAD "retry_policy:\n  non_retryable_error_types: ValueError\nsteps:\n  - name: s\n    function: f\n", 4, 30, {"list of error type names"}},
    {"StepRetryMergedBadInterval", HEAD "retry_policy:\n  maximum_interval: 5s\nsteps:\n  - name: s\n    function: f\n    retry_policy:\n      initial_interval: 10s\n", 9, 7, {"merged", "shorter"}},
    {"BadTaskQueue", HEAD "task_queue: \"bad queue!\"\nsteps:\n  - name: s\n    function: f\n", 3, 13, {"task queue `bad queue!`"}},
    {"CronHourOutOfRange", HEAD "schedule:\n  cron: \"0 24 * * *\"\nsteps:\n  - name: s\n    function: f\n", 4, 9, {"hour 24 is out of range 0-23"}},
    {"CronWrongFieldCount", HEAD "schedule:\n  cron: \"* * *\"\nsteps:\n  - name: s\n    function: f\n", 4, 9, {"expected 5 fields"}},
    {"CronBadDayName", HEAD "schedule:\n  cron: \"0 0 * * FUNDAY\"\nsteps:\n  - name: s\n    function: f\n", 4, 9, {"FUNDAY", "day of week"}},
    {"CronBadStep", HEAD "schedule:\n  cron: \"*/0 * * * *\"\nsteps:\n  - name: s\n    function: f\n", 4, 9, {"step", "positive"}},
    {"CronUnknownMacro", HEAD "schedule:\n  cron: \"@fortnightly\"\nsteps:\n  - name: s\n    function: f\n", 4, 9, {"unknown macro"}},
    {"ScheduleBothCronAndEvery", HEAD "schedule:\n  cron: \"@daily\"\n  every: 1h\nsteps:\n  - name: s\n    function: f\n", 4, 3, {"exactly one of `cron` and `every`"}},
    {"ScheduledWorkflowNeedsDefaults", HEAD "schedule:\n  every: 1h\ninput_schema:\n  x: int\nsteps:\n  - name: s\n    function: f\n", 6, 3, {"scheduled workflow W", "`x`"}},
    // ---- step kinds, child workflows
    {"UnknownStepKind", HEAD "steps:\n  - name: s\n    type: sleeep\n    duration: 1s\n", 5, 11, {"unknown step type `sleeep`", "did you mean `sleep`"}},
    {"UnknownChildWorkflow", HEAD "steps:\n  - name: s\n    type: workflow\n    workflow: Nope\n", 6, 15, {"no workflow named `Nope`"}},
    {"WorkflowCallsItself", HEAD "steps:\n  - name: s\n    type: workflow\n    workflow: W\n", 6, 15, {"cycle", "W -> W"}},
    {"ChildWorkflowCycle",
     "project: p\nworkflows:\n  - name: A\n    description: d\n    steps:\n      - name: s\n        type: workflow\n        workflow: B\n"
     "  - name: B\n    description: d\n    steps:\n      - name: s\n        type: workflow\n        workflow: A\n",
     14, 19, {"cycle", "A -> B -> A"}},
    // ---- types and models
    {"UnknownTypeName", HEAD "input_schema:\n  a: Lst[int]\nsteps:\n  - name: s\n    function: f\n", 4, 6, {"unknown type name `Lst`", "did you mean `List`"}},
    {"UnknownNameInsideType", HEAD "input_schema:\n  a: \"Dict[str, Strng]\"\nsteps:\n  - name: s\n    function: f\n", 4, 17, {"unknown type name `Strng`"}},
    {"UnclosedBracket", HEAD "input_schema:\n  a: List[int\nsteps:\n  - name: s\n    function: f\n", 4, 14, {"invalid type", "expected `]`"}},
    {"DictNeedsTwoTypes", HEAD "input_schema:\n  a: Dict[str]\nsteps:\n  - name: s\n    function: f\n", 4, 6, {"two types"}},
    {"DictKeyNotHashable", HEAD "input_schema:\n  a: Dict[List[int], str]\nsteps:\n  - name: s\n    function: f\n", 4, 6, {"Dict key"}},
    {"NoneAlone", HEAD "input_schema:\n  a: None\nsteps:\n  - name: s\n    function: f\n", 4, 6, {"None", "Optional"}},
    {"UnionOfOne", HEAD "input_schema:\n  a: Union[int]\nsteps:\n  - name: s\n    function: f\n", 4, 6, {"at least two"}},
    {"LiteralWithFloat", HEAD "input_schema:\n  a: Literal[1.5]\nsteps:\n  - name: s\n    function: f\n", 4, 15, {"invalid type"}},
    {"BuiltinWithArguments", HEAD "input_schema:\n  a: str[int]\nsteps:\n  - name: s\n    function: f\n", 4, 6, {"takes no type arguments"}},
    {"ModelCycle", HEAD "models:\n  A:\n    b: B\n  B:\n    a: Optional[A]\nsteps:\n  - name: s\n    function: f\n", 7, 8, {"models form a cycle", "A -> B -> A"}},
    {"ModelClashesWithGenerated", HEAD "models:\n  WInput:\n    a: int\nsteps:\n  - name: s\n    function: f\n", 4, 3, {"WInput", "generated"}},
    {"ModelNameNotPascal", HEAD "models:\n  address:\n    a: int\nsteps:\n  - name: s\n    function: f\n", 4, 3, {"model name", "PascalCase"}},
    {"DefaultDoesNotFitInt", HEAD "input_schema:\n  a:\n    type: int\n    default: abc\nsteps:\n  - name: s\n    function: f\n", 6, 14, {"default \"abc\"", "int"}},
    {"DefaultNullNotOptional", HEAD "input_schema:\n  a:\n    type: str\n    default: null\nsteps:\n  - name: s\n    function: f\n", 6, 14, {"default null", "Optional"}},
    {"DefaultBadDate", HEAD "input_schema:\n  a:\n    type: date\n    default: \"31/01/2024\"\nsteps:\n  - name: s\n    function: f\n", 6, 14, {"ISO date"}},
    {"DefaultDecimalAsNumber", HEAD "input_schema:\n  a:\n    type: Decimal\n    default: 9.99\nsteps:\n  - name: s\n    function: f\n", 6, 14, {"Decimal as a string"}},
    {"DefaultNotInLiteral", HEAD "input_schema:\n  a:\n    type: Literal[\"x\", \"y\"]\n    default: z\nsteps:\n  - name: s\n    function: f\n", 6, 14, {"Literal"}},
    // ---- data flow
    {"ReferenceUnknownStep", HEAD "steps:\n  - name: s\n    function: f\n  - name: t\n    function: g\n    input:\n      x: steps.nope.y\n", 9, 10, {"no step named `nope`"}},
    {"ReferenceLaterStep", HEAD "steps:\n  - name: s\n    function: f\n    input:\n      x: steps.t.y\n  - name: t\n    function: g\n", 7, 10, {"does not run before", "later"}},
    {"ReferenceItself", HEAD "steps:\n  - name: s\n    function: f\n    input:\n      x: steps.s\n", 7, 10, {"does not run before", "this step"}},
    {"ReferenceParallelSibling", HEAD "steps:\n  - name: g\n    type: parallel\n    steps:\n      - name: a\n        function: f\n      - name: b\n        function: h\n        input:\n          x: steps.a.y\n", 12, 14, {"same parallel group"}},
    {"ReferenceSleepStep", HEAD "steps:\n  - name: nap\n    type: sleep\n    duration: 1s\n  - name: t\n    function: g\n    input:\n      x: steps.nap\n", 10, 10, {"a sleep step has no output"}},
    {"ReferenceParallelGroup", HEAD "steps:\n  - name: g\n    type: parallel\n    steps:\n      - name: a\n        function: f\n  - name: t\n    function: h\n    input:\n      x: steps.g.y\n", 12, 10, {"parallel step has no output", "inside the group"}},
    {"ReferenceUnknownField",
     HEAD "functions:\n  f:\n    output_schema:\n      total: int\nsteps:\n  - name: s\n    function: f\n  - name: t\n    function: g\n    input:\n      x: steps.s.totl\n",
     13, 10, {"has no field `totl`", "did you mean `total`"}},
    {"ReferenceInputWithoutInputSchema", HEAD "steps:\n  - name: s\n    function: f\n    input:\n      x: input.a\n", 7, 10, {"takes no input"}},
    {"ReferenceUnknownInputField", HEAD "input_schema:\n  amount: int\nsteps:\n  - name: s\n    function: f\n    input:\n      x: input.amont\n", 9, 10, {"no field `amont`", "`amount`"}},
    {"ReferenceTypeMismatch",
     HEAD "input_schema:\n  n: int\nfunctions:\n  f:\n    input_schema:\n      text: str\nsteps:\n  - name: s\n    function: f\n    input:\n      text: input.n\n",
     13, 13, {"of type `int` does not fit `text` of type `str`"}},
    {"LiteralTypeMismatch",
     HEAD "functions:\n  f:\n    input_schema:\n      n: int\nsteps:\n  - name: s\n    function: f\n    input:\n      n: many\n",
     11, 10, {"the value `\"many\"`", "does not fit `n`"}},
    {"MissingCalleeInputWithSuggestion",
     HEAD "input_schema:\n  email: str\nfunctions:\n  f:\n    input_schema:\n      email: str\n      name: str\nsteps:\n  - name: s\n    function: f\n    input:\n      name: x\n",
     11, 5, {"does not fill the required input field `email`", "add `email: input.email` to `input:`"}},
    {"DefaultFlowFindsNothing",
     HEAD "functions:\n  f:\n    input_schema:\n      email: str\nsteps:\n  - name: s\n    function: f\n", 8, 5, {"provides `email`", "input:"}},
    {"UnknownCalleeInputField",
     HEAD "functions:\n  f:\n    input_schema:\n      email: str\nsteps:\n  - name: s\n    function: f\n    input:\n      email: a\n      emial: b\n",
     12, 7, {"has no input field `emial`"}},
    {"OutputWithoutOutputSchema", HEAD "steps:\n  - name: s\n    function: f\noutput:\n  x: steps.s\n", 7, 3, {"no output_schema"}},
    {"UndescribedAfterParallel", HEAD "steps:\n  - name: g\n    type: parallel\n    steps:\n      - name: a\n        function: f\n  - name: t\n    function: h\n", 9, 5, {"after parallel group `g`", "input:"}},
    {"ConflictingDerivedSchemas",
     HEAD "steps:\n  - name: s\n    function: f\n    input:\n      x: 1\n  - name: t\n    function: f\n    input:\n      y: abc\n", 9, 15, {"different input schemas", "functions:"}},
};

class InvalidSpec : public ::testing::TestWithParam<InvalidCase> {};

TEST_P(InvalidSpec, ReportsErrorAtExactPosition) {
  const InvalidCase& c = GetParam();
  Loaded l = load_text(c.yaml);
  EXPECT_FALSE(l.project.has_value());
  const Diagnostic* d = error_at(l.sink, c.line, c.column);
  ASSERT_NE(d, nullptr) << "no error at " << c.line << ":" << c.column << "; got:\n" << dump(l.sink);
  std::string text = d->message;
  for (const auto& n : d->notes) text += "\n" + n.message;
  for (const auto& w : c.words) EXPECT_NE(text.find(w), std::string::npos) << "missing `" << w << "` in:\n" << text;
  EXPECT_EQ(d->location.file, "spec.yaml");
}

INSTANTIATE_TEST_SUITE_P(Spec, InvalidSpec, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(InvalidSpecTable, HasAtLeastFortyCases) { EXPECT_GE(std::size(kCases), 40u); }

TEST(InvalidSpecMultiFile, DuplicateWorkflowAcrossFilesIsAnErrorAtTheSecond) {
  const char* a = "name: W\ndescription: d\nsteps:\n  - name: s\n    function: f\n";
  Loaded l = load_texts({{"a.yaml", a}, {"b.yaml", a}});
  ASSERT_FALSE(l.project);
  ASSERT_EQ(l.sink.error_count(), 1u) << dump(l.sink);
  const Diagnostic& d = l.sink.all()[0];
  EXPECT_EQ(d.location.file, "b.yaml");
  EXPECT_EQ(d.location.line, 1);
  EXPECT_EQ(d.location.column, 7);
  EXPECT_NE(d.message.find("workflow `W` is already defined"), std::string::npos);
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0].location.file, "a.yaml");
}

TEST(InvalidSpecMultiFile, DuplicateFunctionAcrossFiles) {
  const char* a = "name: A\ndescription: d\nfunctions:\n  f: {}\nsteps:\n  - name: s\n    function: f\n";
  const char* b = "name: B\ndescription: d\nfunctions:\n  f: {}\nsteps:\n  - name: s\n    function: f\n";
  Loaded l = load_texts({{"a.yaml", a}, {"b.yaml", b}});
  const Diagnostic* d = error_at(l.sink, 4, 3);
  ASSERT_NE(d, nullptr) << dump(l.sink);
  EXPECT_EQ(d->location.file, "b.yaml");
  EXPECT_NE(d->message.find("function `f` is already defined"), std::string::npos);
}

TEST(InvalidSpecMultiFile, TwoProjectNames) {
  const char* a = "project: one\nworkflows:\n  - name: A\n    description: d\n    steps:\n      - name: s\n        function: f\n";
  const char* b = "project: two\nworkflows:\n  - name: B\n    description: d\n    steps:\n      - name: s\n        function: g\n";
  Loaded l = load_texts({{"a.yaml", a}, {"b.yaml", b}});
  const Diagnostic* d = error_at(l.sink, 1, 10);
  ASSERT_NE(d, nullptr) << dump(l.sink);
  EXPECT_EQ(d->location.file, "b.yaml");
  EXPECT_NE(d->message.find("already named `one`"), std::string::npos);
}

TEST(InvalidSpecAll, EveryProblemIsReportedNotOnlyTheFirst) {
  Loaded l = load_text(
      "name: bad_name\ndescription: d\ntimeout: 0\nsteps:\n  - name: Bad\n    function: f\n    timeot: 1\n");
  EXPECT_GE(l.sink.error_count(), 4u) << dump(l.sink);
  EXPECT_NE(error_at(l.sink, 1, 7), nullptr);
  EXPECT_NE(error_at(l.sink, 3, 10), nullptr);
  EXPECT_NE(error_at(l.sink, 5, 11), nullptr);
  EXPECT_NE(error_at(l.sink, 7, 5), nullptr);
}

TEST(InvalidSpecAll, ColumnsCountCharactersNotBytes) {
  Loaded l = load_text("name: W\ndescription: \"é\u00e9\"\ntimeout: 0\nsteps:\n  - name: s\n    function: f\n    tïmeout: 1\n");
  EXPECT_NE(error_at(l.sink, 7, 5), nullptr) << dump(l.sink);
  Loaded m = load_text("name: W\ndescription: d\ninput_schema:\n  \"é\": Lst\nsteps:\n  - name: s\n    function: f\n");
  EXPECT_NE(error_at(m.sink, 4, 8), nullptr) << dump(m.sink);
}

TEST(InvalidSpecAll, UnusedDescribedFunctionIsOnlyAWarning) {
  Loaded l = load_text(HEAD "functions:\n  lonely: {}\nsteps:\n  - name: s\n    function: f\n");
  ASSERT_TRUE(l.project) << dump(l.sink);
  ASSERT_EQ(l.sink.warning_count(), 1u);
  const Diagnostic& d = l.sink.all()[0];
  EXPECT_EQ(d.severity, Severity::kWarning);
  EXPECT_EQ(d.location.line, 4);
  EXPECT_EQ(d.location.column, 3);
  EXPECT_NE(d.message.find("`lonely` is described but no step calls it"), std::string::npos);
}

}  // namespace
}  // namespace restack::spec::test
