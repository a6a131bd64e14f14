// Valid specs: every example loads, alone and all together, and the resolved model (what the
// generator consumes) holds the data flow, effective timeouts, retry policies, task queues and
// derived schemas that spec v1 prescribes.
#include <gtest/gtest.h>

#include <filesystem>

#include "common/test_support.h"
#include "spec/type_render.h"
#include "spec_test_support.h"

namespace restack::spec::test {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> example_files() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(restack::test::source_dir() / "examples"))
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

Project load_example(const std::string& name) {
  DiagnosticSink sink;
  auto p = load_project({(restack::test::source_dir() / "examples" / name).string()}, sink);
  EXPECT_TRUE(p) << dump(sink);
  EXPECT_EQ(sink.warning_count(), 0u) << dump(sink);
  return p ? *p : Project{};
}

const Step* find_step(const std::vector<Step>& steps, const std::string& name) {
  for (const auto& s : steps) {
    if (s.name == name) return &s;
    if (const Step* inner = find_step(s.steps, name)) return inner;
  }
  return nullptr;
}

std::string text_of(const Value& v) {
  if (!v.is_reference()) return "literal:" + v.literal().dump();
  const Reference& r = v.reference();
  switch (r.kind) {
    case Reference::Kind::kInput: return "input";
    case Reference::Kind::kInputField: return "input." + r.field;
    case Reference::Kind::kStep: return "steps." + r.step;
    case Reference::Kind::kStepField: return "steps." + r.step + "." + r.field;
  }
  return "";
}

std::map<std::string, std::string> fields_of(const Mapping& m) {
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : m) out[k] = text_of(v);
  return out;
}

TEST(ValidSpecs, AtLeastEightExamples) { EXPECT_GE(example_files().size(), 8u); }

TEST(ValidSpecs, EveryExampleIsValidAlone) {
  for (const auto& f : example_files()) {
    DiagnosticSink sink;
    auto p = load_project({f.string()}, sink);
    EXPECT_TRUE(p) << f << "\n" << dump(sink);
    EXPECT_EQ(sink.all().size(), 0u) << f << "\n" << dump(sink);
  }
}

TEST(ValidSpecs, AllExamplesTogetherFormOneProject) {
  std::vector<std::string> files;
  for (const auto& f : example_files()) files.push_back(f.string());
  DiagnosticSink sink;
  auto p = load_project(files, sink);
  ASSERT_TRUE(p) << dump(sink);
  EXPECT_EQ(p->name, "billing-agents");
  EXPECT_EQ(p->files.size(), files.size());
  EXPECT_GE(p->workflows.size(), 11u);
}

TEST(ResolvedModel, DataProcessorUsesDefaultDataFlowAndDerivedSchemas) {
  Project p = load_example("data_processor.yaml");
  EXPECT_EQ(p.name, "data-processor");
  EXPECT_EQ(p.package_name, "data_processor");
  ASSERT_EQ(p.workflows.size(), 1u);
  const Workflow& w = p.workflows[0];
  EXPECT_TRUE(w.output_from_last_step);
  EXPECT_TRUE(w.resolved_output.empty());
  EXPECT_DOUBLE_EQ(w.timeout->seconds, 300);
  const Step& validate = w.steps[0];
  EXPECT_EQ(validate.resolved_input.mode, ResolvedInput::Mode::kWhole);
  EXPECT_EQ(text_of(validate.resolved_input.whole), "input");
  const Step& transform = w.steps[1];
  EXPECT_EQ(transform.resolved_input.mode, ResolvedInput::Mode::kWhole);
  EXPECT_EQ(text_of(transform.resolved_input.whole), "steps.validate");
  EXPECT_DOUBLE_EQ(transform.effective_timeout.seconds, 120);
  ASSERT_TRUE(transform.effective_retry);
  EXPECT_EQ(*transform.effective_retry->maximum_attempts, 3);
  EXPECT_DOUBLE_EQ(transform.effective_retry->backoff_coefficient.value(), 2.0);
  EXPECT_DOUBLE_EQ(transform.effective_retry->maximum_interval->seconds, 100);

  ASSERT_EQ(p.functions.size(), 2u);
  const Function& dv = p.functions[0];
  EXPECT_EQ(dv.name, "data_validation");
  EXPECT_FALSE(dv.described);
  EXPECT_EQ(dv.input_same_as.value_or(""), "DataProcessorInput");
  EXPECT_EQ(dv.output_same_as.value_or(""), "DataProcessorInput");
  ASSERT_TRUE(dv.input_schema);
  ASSERT_EQ(dv.input_schema->fields.size(), 1u);
  EXPECT_EQ(render_annotation(dv.input_schema->fields[0].type), "Dict[str, Any]");
  const Function& dt = p.functions[1];
  EXPECT_EQ(dt.name, "data_transformation");
  EXPECT_EQ(dt.input_same_as.value_or(""), "DataProcessorInput");
  EXPECT_EQ(dt.output_same_as.value_or(""), "DataProcessorOutput");
  ASSERT_TRUE(dt.output_schema);
  EXPECT_EQ(dt.output_schema->fields.size(), 2u);
}

TEST(ResolvedModel, BillingProjectDefaultsAndOverrides) {
  Project p = load_example("billing_project.yaml");
  EXPECT_EQ(p.name, "billing-agents");
  EXPECT_EQ(p.package_name, "billing_agents");
  EXPECT_EQ(p.task_queue.value_or(""), "billing");
  const Workflow* mi = p.find_workflow("MonthlyInvoice");
  ASSERT_TRUE(mi);
  const Step* usage = find_step(mi->steps, "usage");
  EXPECT_EQ(fields_of(usage->resolved_input.fields),
            (std::map<std::string, std::string>{{"customer_id", "input.customer_id"}, {"period", "input.period"}}));
  const Step* invoice = find_step(mi->steps, "invoice");
  EXPECT_EQ(fields_of(invoice->resolved_input.fields),
            (std::map<std::string, std::string>{{"customer_id", "input.customer_id"}, {"items", "steps.usage.items"}}));
  const Step* email = find_step(mi->steps, "email");
  EXPECT_EQ(fields_of(email->resolved_input.fields),
            (std::map<std::string, std::string>{{"invoice", "steps.invoice.invoice"}}));  // template keeps its default
  // Timeouts: the function's 30s, else the workflow's step_timeout 45s.
  EXPECT_DOUBLE_EQ(usage->effective_timeout.seconds, 30);
  EXPECT_DOUBLE_EQ(invoice->effective_timeout.seconds, 45);
  // Retry: workflow {2s, 1m, 3, 2, [ValueError]} merged with the function's {attempts: 5}.
  ASSERT_TRUE(usage->effective_retry);
  EXPECT_EQ(*usage->effective_retry->maximum_attempts, 5);
  EXPECT_DOUBLE_EQ(usage->effective_retry->initial_interval->seconds, 2);
  EXPECT_EQ(usage->effective_retry->non_retryable_error_types->at(0), "ValueError");
  EXPECT_EQ(*invoice->effective_retry->maximum_attempts, 3);
  // Task queues: step > function > workflow > project.
  EXPECT_EQ(email->effective_task_queue.value_or(""), "email-priority");
  EXPECT_EQ(invoice->effective_task_queue.value_or(""), "billing");
  EXPECT_EQ(fields_of(mi->resolved_output),
            (std::map<std::string, std::string>{{"invoice", "steps.invoice.invoice"}, {"message_id", "steps.email.message_id"}}));

  const Workflow* pr = p.find_workflow("PaymentReminder");
  const Step* first = find_step(pr->steps, "first_check");
  EXPECT_EQ(*first->effective_retry->maximum_attempts, 10);
  EXPECT_DOUBLE_EQ(first->effective_retry->initial_interval->seconds, 5);
  EXPECT_EQ(first->effective_task_queue.value_or(""), "reminders");
  EXPECT_EQ(fields_of(first->resolved_input.fields), (std::map<std::string, std::string>{{"invoice", "input.invoice"}}));
  const Step* remind = find_step(pr->steps, "remind");
  EXPECT_EQ(fields_of(remind->resolved_input.fields),
            (std::map<std::string, std::string>{{"invoice", "input.invoice"}, {"template", "literal:\"reminder\""}}));
  const Step* remind_email = remind;
  EXPECT_EQ(remind_email->effective_task_queue.value_or(""), "email");
  EXPECT_DOUBLE_EQ(find_step(pr->steps, "wait_for_due_date")->duration->seconds, 30 * 86400);

  const Workflow* run = p.find_workflow("BillingRun");
  const Step* bill = find_step(run->steps, "bill");
  EXPECT_EQ(bill->kind, StepKind::kWorkflow);
  EXPECT_EQ(fields_of(bill->resolved_input.fields),
            (std::map<std::string, std::string>{{"customer_id", "input.customer_id"}, {"period", "input.period"}}));
  EXPECT_DOUBLE_EQ(bill->effective_timeout.seconds, 7200);
  EXPECT_FALSE(bill->effective_retry);

  const Workflow* sync = p.find_workflow("NightlyUsageSync");
  EXPECT_EQ(sync->schedule->cron.value_or(""), "30 2 * * MON-FRI");
  EXPECT_EQ(find_step(sync->steps, "sync")->resolved_input.mode, ResolvedInput::Mode::kNone);
}

TEST(ResolvedModel, ParallelGroupsFeedLaterStepsByName) {
  Project p = load_example("lead_enrichment.yaml");
  const Workflow& w = p.workflows[0];
  const Step* score = find_step(w.steps, "score");
  EXPECT_EQ(fields_of(score->resolved_input.fields), (std::map<std::string, std::string>{
                                                         {"full_name", "steps.person.full_name"},
                                                         {"title", "steps.person.title"},
                                                         {"employees", "steps.company.employees"},
                                                         {"total_raised", "steps.funding.total_raised"},
                                                         {"headlines", "steps.news.headlines"}}));
  EXPECT_DOUBLE_EQ(find_step(w.steps, "company")->effective_timeout.seconds, 10);
  EXPECT_DOUBLE_EQ(find_step(w.steps, "news")->effective_timeout.seconds, 20);
  EXPECT_EQ(fields_of(w.resolved_output),
            (std::map<std::string, std::string>{{"score", "steps.score.score"}, {"summary", "steps.score.summary"}}));
}

TEST(ResolvedModel, DerivedSchemasFromInputKeysAndLaterReads) {
  Project p = load_example("support_triage.yaml");
  const Function* route = p.find_function("pick_support_queue");
  ASSERT_TRUE(route);
  EXPECT_FALSE(route->described);
  ASSERT_TRUE(route->input_schema);
  ASSERT_EQ(route->input_schema->fields.size(), 3u);
  EXPECT_EQ(render_annotation(route->input_schema->fields[0].type), "Literal[\"billing\", \"bug\", \"question\", \"other\"]");
  EXPECT_EQ(render_annotation(route->input_schema->fields[1].type), "int");
  EXPECT_EQ(route->input_schema->fields[2].name, "tier");
  EXPECT_FALSE(route->input_same_as);
  ASSERT_TRUE(route->output_schema);
  ASSERT_EQ(route->output_schema->fields.size(), 1u);
  EXPECT_EQ(route->output_schema->fields[0].name, "queue");
  EXPECT_EQ(render_annotation(route->output_schema->fields[0].type), "str");
  const Function* notify = p.find_function("notify_support_agent");
  ASSERT_TRUE(notify);
  EXPECT_EQ(notify->input_same_as.value_or(""), "PickSupportQueueOutput");
  EXPECT_EQ(notify->output_same_as.value_or(""), "PickSupportQueueOutput");
  // Functions in first-use order.
  std::vector<std::string> order;
  for (const auto& f : p.functions) order.push_back(f.name);
  EXPECT_EQ(order, (std::vector<std::string>{"classify_ticket", "draft_reply", "pick_support_queue", "notify_support_agent"}));
}

TEST(ResolvedModel, UndescribedChainTypesFieldsByDestination) {
  Project p = load_example("uptime_probe.yaml");
  const Function* probe = p.find_function("probe_url");
  ASSERT_TRUE(probe && probe->output_schema);
  EXPECT_EQ(probe->input_same_as.value_or(""), "UptimeProbeInput");
  ASSERT_EQ(probe->output_schema->fields.size(), 2u);
  EXPECT_EQ(render_annotation(probe->output_schema->fields[0].type), "Any");
  const Function* alert = p.find_function("alert_if_down");
  ASSERT_TRUE(alert && alert->input_schema && alert->output_schema);
  EXPECT_EQ(render_annotation(alert->input_schema->fields[2].type), "int");
  EXPECT_EQ(render_annotation(alert->output_schema->fields[0].type), "bool");
  EXPECT_EQ(p.workflows[0].schedule->every->seconds, 300);
}

TEST(ResolvedModel, ExplicitMappingsAndLiterals) {
  Project p = load_example("order_fulfillment.yaml");
  const Workflow& w = p.workflows[0];
  const Step* charge = find_step(w.steps, "charge");
  auto f = fields_of(charge->resolved_input.fields);
  EXPECT_EQ(f["note"], "literal:\"input.order_id\"");
  EXPECT_EQ(f["reservation_id"], "steps.reserve.reservation_id");
  EXPECT_EQ(*charge->effective_retry->maximum_attempts, 2);
  EXPECT_DOUBLE_EQ(charge->effective_retry->backoff_coefficient.value(), 1.5);
  EXPECT_EQ(charge->effective_retry->non_retryable_error_types->size(), 2u);
  EXPECT_EQ(charge->effective_task_queue.value_or(""), "payments");
  EXPECT_DOUBLE_EQ(charge->effective_timeout.seconds, 90);
  const Step* ship = find_step(w.steps, "ship");
  auto s = fields_of(ship->resolved_input.fields);
  EXPECT_EQ(s["options"], "literal:{\"insured\":true,\"signature\":false}");
  EXPECT_EQ(s["weight_kg"], "literal:2");
  EXPECT_EQ(fields_of(w.resolved_output)["status"], "literal:\"shipped\"");
}

TEST(ResolvedModel, TypeShowcaseParsesEveryForm) {
  Project p = load_example("type_showcase.yaml");
  const Workflow& w = p.workflows[0];
  std::map<std::string, std::string> types;
  for (const auto& f : w.input_schema->fields) types[f.name] = render_annotation(f.type);
  EXPECT_EQ(types["samples"], "Tuple[int, ...]");
  EXPECT_EQ(types["maybe_note"], "Optional[str]");
  EXPECT_EQ(types["weights"], "Dict[Literal[\"low\", \"high\"], int]");
  EXPECT_EQ(types["loose_list"], "List[Any]");
  EXPECT_EQ(types["mode"], "Literal[\"fast\", \"slow\", 3, True, None]");
  EXPECT_EQ(types["contact"], "Contact");
  EXPECT_EQ(p.find_model("Contact")->schema.fields[2].type.kind, TypeExpr::Kind::kModel);
  EXPECT_TRUE(w.output_from_last_step);
}

TEST(ResolvedModel, StepTimeoutDefaultsToTwoMinutes) {
  Loaded l = load_text("name: W\ndescription: d\nsteps:\n  - name: s\n    function: f\n");
  ASSERT_TRUE(l.project) << dump(l.sink);
  EXPECT_DOUBLE_EQ(l.project->workflows[0].steps[0].effective_timeout.seconds, 120);
  EXPECT_EQ(l.project->workflows[0].steps[0].resolved_input.mode, ResolvedInput::Mode::kNone);
  EXPECT_FALSE(l.project->workflows[0].steps[0].effective_retry);
}

TEST(ResolvedModel, SleepPassesTheOutputThrough) {
  Loaded l = load_text(
      "name: W\ndescription: d\ninput_schema:\n  a: int\nsteps:\n  - name: s\n    function: f\n"
      "  - name: nap\n    type: sleep\n    duration: 1s\n  - name: t\n    function: g\n");
  ASSERT_TRUE(l.project) << dump(l.sink);
  EXPECT_EQ(text_of(l.project->workflows[0].steps[2].resolved_input.whole), "steps.s");
}

TEST(ResolvedModel, StringThatLooksLikeAReferenceIsLiteralWhenWrapped) {
  Loaded l = load_text(
      "name: W\ndescription: d\nfunctions:\n  f:\n    input_schema:\n      a: str\n      b: int\n"
      "steps:\n  - name: s\n    function: f\n    input:\n      a: {literal: \"steps.s.x\"}\n      b: 4\n");
  ASSERT_TRUE(l.project) << dump(l.sink);
  auto f = fields_of(l.project->workflows[0].steps[0].resolved_input.fields);
  EXPECT_EQ(f["a"], "literal:\"steps.s.x\"");
  EXPECT_EQ(f["b"], "literal:4");
}

}  // namespace
}  // namespace restack::spec::test
