// The starter spec of `restack-gen init`: valid for every name init accepts, and written
// only where and when it should be.
#include <gtest/gtest.h>

#include "common/test_support.h"
#include "scaffold/init.h"
#include "scaffold/starter.h"
#include "spec/load.h"

namespace fs = std::filesystem;
using restack::DiagnosticSink;
using restack::scaffold::init_spec;
using restack::scaffold::InitRequest;
using restack::scaffold::starter_spec;
using restack::scaffold::workflow_name_for;
using restack::test::TempDir;

TEST(WorkflowNameFor, FolderNamesBecomePascalCase) {
  EXPECT_EQ(workflow_name_for("my-shop"), "MyShop");
  EXPECT_EQ(workflow_name_for("data_pipeline"), "DataPipeline");
  EXPECT_EQ(workflow_name_for("MyShop"), "MyShop");
  EXPECT_EQ(workflow_name_for("web summary.v2"), "WebSummaryV2");
  EXPECT_EQ(workflow_name_for("2024 report"), "Workflow2024Report");
  EXPECT_EQ(workflow_name_for("caf\xc3\xa9-bot"), "CafBot");  // non-ASCII letters dropped
  EXPECT_EQ(workflow_name_for("---"), "MyWorkflow");
  EXPECT_EQ(workflow_name_for(""), "MyWorkflow");
  EXPECT_EQ(workflow_name_for("none"), "NoneWorkflow");  // `None` is a keyword
}

// The starter must pass `validate` whatever name it carries: a new user's first command
// must not fail on a file they did not write.
TEST(StarterSpec, ValidatesForManyNames) {
  for (const char* name : {"MyWorkflow", "WebSummary", "A", "Summarise", "FetchPage", "Workflow2024Report", "X9"}) {
    DiagnosticSink sink;
    auto project = restack::spec::load_project_from_texts({{"restack.yaml", starter_spec(name, "restack.yaml")}}, sink);
    ASSERT_TRUE(project.has_value()) << name << ": " << (sink.all().empty() ? "" : sink.all()[0].message);
    ASSERT_EQ(project->workflows.size(), 1u);
    EXPECT_EQ(project->workflows[0].name, name);
    EXPECT_EQ(project->workflows[0].steps.size(), 2u);
    EXPECT_EQ(sink.warning_count(), 0u) << name;
  }
}

TEST(StarterSpec, CommentsNameTheFileAndTheProjectFolder) {
  std::string text = starter_spec("MyShop", "shop.yaml");
  EXPECT_NE(text.find("restack-gen validate shop.yaml"), std::string::npos);
  EXPECT_NE(text.find("restack-gen generate shop.yaml -o my-shop"), std::string::npos);
  EXPECT_EQ(text.find('@'), std::string::npos) << "a placeholder was left in";
}

// examples/web_summary.yaml is the starter as `init --name WebSummary` writes it, so every
// test that runs over examples/ (goldens, black, pyflakes, mypy, the schema) covers it too.
TEST(StarterSpec, BundledExampleIsTheStarter) {
  EXPECT_EQ(restack::test::read_file(restack::test::source_dir() / "examples" / "web_summary.yaml"),
            starter_spec("WebSummary", "web_summary.yaml"));
}

TEST(InitSpec, WritesTheStarterNamedAfterTheFolder) {
  TempDir dir;
  fs::create_directory(dir.path() / "price-watch");
  DiagnosticSink sink;
  InitRequest request;
  request.target = dir.path() / "price-watch";
  auto result = init_spec(request, sink);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->spec_file, dir.path() / "price-watch" / "restack.yaml");
  EXPECT_EQ(result->workflow_name, "PriceWatch");
  EXPECT_EQ(result->project_dir, dir.path() / "price-watch" / "price-watch");
  EXPECT_EQ(restack::test::read_file(result->spec_file), starter_spec("PriceWatch", "restack.yaml"));
  EXPECT_TRUE(sink.all().empty());
}

// `init my-app/` (README's first five minutes): a folder that does not exist yet is created.
TEST(InitSpec, PathEndingInSlashIsANewFolder) {
  TempDir dir;
  DiagnosticSink sink;
  InitRequest request;
  request.target = (dir.path() / "new-app").string() + "/";
  auto result = init_spec(request, sink);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->spec_file, dir.path() / "new-app" / "restack.yaml");
  EXPECT_EQ(result->workflow_name, "NewApp");
  EXPECT_TRUE(fs::is_regular_file(dir.path() / "new-app" / "restack.yaml"));
}

TEST(InitSpec, NeverOverwritesWithoutBeingAsked) {
  TempDir dir;
  auto existing = dir.write("restack.yaml", "name: Mine\n");
  DiagnosticSink sink;
  InitRequest request;
  request.target = existing;
  EXPECT_FALSE(init_spec(request, sink).has_value());
  ASSERT_EQ(sink.all().size(), 1u);
  EXPECT_EQ(sink.all()[0].code, restack::scaffold::kInitExists);
  EXPECT_EQ(sink.all()[0].location.file, existing.string());
  EXPECT_NE(sink.all()[0].notes.at(0).message.find("--force"), std::string::npos);
  EXPECT_EQ(restack::test::read_file(existing), "name: Mine\n");

  DiagnosticSink again;
  request.overwrite = true;
  request.workflow_name = "Mine";
  ASSERT_TRUE(init_spec(request, again).has_value());
  EXPECT_EQ(restack::test::read_file(existing), starter_spec("Mine", "restack.yaml"));
}

TEST(InitSpec, RefusesANameThatCannotBeAClassAndWritesNothing) {
  TempDir dir;
  for (const char* bad : {"my-shop", "myShop", "None", "1st", "Caf\xc3\xa9"}) {
    DiagnosticSink sink;
    InitRequest request;
    request.target = dir.path() / "restack.yaml";
    request.workflow_name = bad;
    EXPECT_FALSE(init_spec(request, sink).has_value()) << bad;
    ASSERT_EQ(sink.all().size(), 1u) << bad;
    EXPECT_EQ(sink.all()[0].code, restack::scaffold::kInitBadName);
    EXPECT_NE(sink.all()[0].message.find("PascalCase"), std::string::npos);
    EXPECT_FALSE(fs::exists(dir.path() / "restack.yaml")) << bad;
  }
}

TEST(InitSpec, SuggestsAUsableName) {
  DiagnosticSink sink;
  InitRequest request;
  TempDir dir;
  request.target = dir.path() / "restack.yaml";
  request.workflow_name = "my-shop";
  init_spec(request, sink);
  ASSERT_EQ(sink.all().size(), 1u);
  EXPECT_EQ(sink.all()[0].notes.at(0).message, "try --name MyShop");
}
