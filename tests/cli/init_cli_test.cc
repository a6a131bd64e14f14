// `restack-gen init`: the first command of a new project, end to end with the built binary.
#include <gtest/gtest.h>

#include "common/test_support.h"

namespace fs = std::filesystem;
using restack::test::read_file;
using restack::test::run_cli;
using restack::test::run_program;
using restack::test::TempDir;

// init, validate, generate: the first five minutes must work without editing anything.
TEST(InitCli, StarterValidatesAndGenerates) {
  TempDir dir;
  std::string spec = (dir.path() / "restack.yaml").string();
  auto init = run_cli({"init", spec, "--name", "NewsDigest"});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  EXPECT_NE(init.out.find("created " + spec + " (workflow NewsDigest)"), std::string::npos) << init.out;
  EXPECT_NE(init.out.find("restack-gen generate " + spec + " -o " + (dir.path() / "news-digest").string()),
            std::string::npos)
      << init.out;

  auto validate = run_cli({"validate", spec});
  EXPECT_EQ(validate.exit_code, 0) << validate.err;
  EXPECT_EQ(validate.out, spec + ": 1 workflow, 2 steps, 2 functions\n");
  EXPECT_EQ(validate.err, "");

  auto out = dir.path() / "news-digest";
  auto generate = run_cli({"generate", spec, "-o", out.string()});
  ASSERT_EQ(generate.exit_code, 0) << generate.err;
  EXPECT_TRUE(fs::exists(out / "src" / "workflows" / "news_digest.py"));
  EXPECT_TRUE(fs::exists(out / "src" / "functions" / "fetch_page.py"));
  EXPECT_NE(read_file(out / "src" / "services.py").find("NewsDigest"), std::string::npos);
}

TEST(InitCli, DefaultFileIsRestackYamlNamedAfterTheCurrentFolder) {
  TempDir dir;
  fs::create_directory(dir.path() / "order-bot");
  auto r = run_program({RESTACK_GEN_BIN, "init"}, "", {}, dir.path() / "order-bot");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("created restack.yaml (workflow OrderBot)"), std::string::npos) << r.out;
  EXPECT_NE(read_file(dir.path() / "order-bot" / "restack.yaml").find("\nname: OrderBot\n"), std::string::npos);
}

TEST(InitCli, ExistingFileIsKeptAndExitIsOne) {
  TempDir dir;
  auto spec = dir.write("restack.yaml", "name: Precious\n");
  auto r = run_cli({"init", spec.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(spec.string() + ": error: already exists"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--force"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(spec), "name: Precious\n");
  EXPECT_EQ(r.out, "");

  auto forced = run_cli({"-q", "init", spec.string(), "--force", "--name", "Precious"});
  EXPECT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_EQ(forced.out, "");  // -q
  EXPECT_NE(read_file(spec).find("\nname: Precious\n"), std::string::npos);
}

TEST(InitCli, NameThatIsNotAClassIsAUsageError) {
  TempDir dir;
  auto r = run_cli({"init", (dir.path() / "restack.yaml").string(), "--name", "news_digest"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("`news_digest` cannot name a workflow"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("try --name NewsDigest"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir.path() / "restack.yaml"));
}
