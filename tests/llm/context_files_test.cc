// --context files and the Ctrl-C scope.
#include <gtest/gtest.h>
#include <signal.h>

#include "common/test_support.h"
#include "llm/context_files.h"
#include "llm/interrupt.h"

namespace restack::llm {
namespace {

TEST(ContextFiles, GlobsAreExpandedReadAndCapped) {
  restack::test::TempDir dir;
  dir.write("lib/a.py", "A = 1\n");
  dir.write("lib/b.py", "B = 2\n");
  dir.write("lib/big.txt", std::string(2000, 'x'));
  DiagnosticSink sink;
  auto files = load_context_files({"lib/*.py", "lib/a.py", "nothing/*.py"}, dir.path(), sink);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].first, "lib/a.py");
  EXPECT_EQ(files[0].second, "A = 1\n");
  EXPECT_EQ(files[1].first, "lib/b.py");
  ASSERT_EQ(sink.warning_count(), 1u);  // the glob that matched nothing
  EXPECT_NE(sink.all()[0].message.find("nothing/*.py"), std::string::npos);

  DiagnosticSink capped;
  auto some = load_context_files({"lib/*"}, dir.path(), capped, {.max_file_bytes = 4096, .max_total_bytes = 1000});
  EXPECT_EQ(some.size(), 2u);  // a.py, b.py; big.txt would pass the total
  EXPECT_EQ(capped.warning_count(), 1u);
}

TEST(InterruptScope, SigintSetsTheFlagAndHandlersAreRestored) {
  {
    InterruptScope scope;
    EXPECT_FALSE(InterruptScope::interrupted());
    raise(SIGINT);
    EXPECT_TRUE(InterruptScope::interrupted());
  }
  struct sigaction now {};
  sigaction(SIGINT, nullptr, &now);
  EXPECT_EQ(now.sa_handler, SIG_DFL);
}

}  // namespace
}  // namespace restack::llm
