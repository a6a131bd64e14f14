// The shared Jinja2 conformance cases (../shared/conformance), run against the built CLI by
// the project's own runner script.
#include <gtest/gtest.h>

#include "common/test_support.h"

namespace restack::test {
namespace {

TEST(Conformance, SharedJinjaCasesAllPass) {
  auto runner = shared_dir() / "conformance" / "run-jinja";
  if (!std::filesystem::exists(runner)) GTEST_SKIP() << "no " << runner << " (the shared folder is absent)";
  if (!have_program("/usr/bin/python3")) GTEST_SKIP() << "/usr/bin/python3 is not installed";
  RunResult r = run_program({"/usr/bin/python3", runner.string(), RESTACK_GEN_BIN, "-v"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find(" 0 failed"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace restack::test
