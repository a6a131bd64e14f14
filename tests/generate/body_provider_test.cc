// Function bodies: `code:` verbatim and re-indented, placeholders otherwise.
#include <gtest/gtest.h>

#include "generate/body_provider.h"
#include "generate/generate_helpers.h"

using namespace restack::generate;

TEST(Dedent, RemovesCommonIndentAndBlankEnds) {
  EXPECT_EQ(dedent("\n    a = 1\n      if a:\n\n        b()   \n\n"), "a = 1\n  if a:\n\n    b()");
  EXPECT_EQ(dedent("x\n"), "x");
  EXPECT_EQ(dedent(""), "");
}

TEST(BodyProviders, CodeBodiesVerbatimPlaceholdersElsewhere) {
  auto g = restack::test::generate_in_memory({"examples/billing_project.yaml"});
  ASSERT_TRUE(g.ok) << g.diagnostics;
  std::map<std::string, std::string> origin;
  for (const auto& f : g.context["functions"]) origin[f["name"]] = f["origin"];
  EXPECT_EQ(origin["build_invoice"], "code");
  EXPECT_EQ(origin["sync_usage_records"], "code");
  EXPECT_EQ(origin["fetch_usage"], "placeholder");
  const auto& files = g.tree.files();
  const std::string& build = files.at("src/functions/build_invoice.py");
  EXPECT_NE(build.find("    now = datetime.now(timezone.utc)\n"), std::string::npos) << build;
  EXPECT_NE(build.find("import uuid\n"), std::string::npos);
  // Models the body names are imported; the signature's are too.
  EXPECT_NE(build.find("from src.models import BuildInvoiceInput, BuildInvoiceOutput, Invoice, Money\n"), std::string::npos) << build;
  const std::string& fetch = files.at("src/functions/fetch_usage.py");
  EXPECT_NE(fetch.find("    # TODO: implement fetch_usage: Loads the customer's metered usage for one billing period.\n"), std::string::npos) << fetch;
  EXPECT_NE(fetch.find("    return FetchUsageOutput(items=[])\n"), std::string::npos) << fetch;
  EXPECT_NE(fetch.find("    log.info(\"fetch_usage started\")\n"), std::string::npos);
}
