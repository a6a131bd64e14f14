// libcurl loaded on demand: the CLI does not link it (fast start), the loader's error values when
// it is missing or is not libcurl, and that a missing libcurl fails a request cleanly (no retry,
// no crash, the install hint) and makes `generate --llm` exit 3.
#include <gtest/gtest.h>

#include <filesystem>

#include "common/test_support.h"
#include "fake_llm_server.h"
#include "llm/chat_client.h"
#include "llm/curl_library.h"

namespace restack::llm {
namespace {

using restack::test::FakeLlmServer;
using restack::test::run_cli;
using restack::test::run_program;
using restack::test::source_dir;
using restack::test::TempDir;

constexpr const char* kMissing = "libcurl-restack-test-missing.so.4";

TEST(CurlLibrary, MissingLibraryIsAnErrorValueWithTheInstallHint) {
  CurlLibrary library({kMissing});
  ASSERT_FALSE(library.ok());
  ASSERT_TRUE(library.problem().has_value());
  const Diagnostic& d = *library.problem();
  EXPECT_EQ(d.code, "E-llm-libcurl");
  EXPECT_EQ(d.severity, Severity::kError);
  EXPECT_NE(d.message.find(std::string("cannot load ") + kMissing), std::string::npos) << d.message;
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_NE(d.notes[0].message.find("apt-get install libcurl4"), std::string::npos) << d.notes[0].message;
  EXPECT_NE(library.problem_text().find("apt-get install libcurl4"), std::string::npos);
  EXPECT_EQ(library.name(), kMissing);
  EXPECT_EQ(library.api().easy_init, nullptr);
  EXPECT_EQ(library.api().easy_perform, nullptr);
}

TEST(CurlLibrary, EveryNameTriedIsNamedInTheError) {
  CurlLibrary library({kMissing, "libcurl-restack-test-other.so.4"});
  ASSERT_FALSE(library.ok());
  EXPECT_NE(library.problem()->message.find(std::string(kMissing) + " or libcurl-restack-test-other.so.4"),
            std::string::npos)
      << library.problem()->message;
}

TEST(CurlLibrary, NoNamesAtAllIsAnErrorNotACrash) {
  CurlLibrary library(std::vector<std::string>{});
  EXPECT_FALSE(library.ok());
  EXPECT_NE(library.problem_text().find("no library name given"), std::string::npos) << library.problem_text();
}

TEST(CurlLibrary, ALibraryThatIsNotLibcurlNamesTheMissingFunction) {
  // libm is always there and has no curl_* symbol.
  CurlLibrary library({"libm.so.6"});
  ASSERT_FALSE(library.ok());
  EXPECT_NE(library.problem()->message.find("libm.so.6 has no curl_global_init"), std::string::npos)
      << library.problem()->message;
  EXPECT_EQ(library.api().global_init, nullptr) << "a half-resolved table is never published";
}

TEST(CurlLibrary, LaterNamesAreTriedWhenTheFirstIsMissing) {
  CurlLibrary library({kMissing, "libcurl.so.4"});
  if (!library.ok()) GTEST_SKIP() << "libcurl.so.4 is not installed here: " << library.problem_text();
  EXPECT_EQ(library.name(), "libcurl.so.4");
}

TEST(CurlLibrary, TheSharedLibraryResolvesEveryFunction) {
  const CurlLibrary& library = CurlLibrary::shared();
  if (!library.ok()) GTEST_SKIP() << "no libcurl here: " << library.problem_text();
  EXPECT_EQ(&library, &CurlLibrary::shared()) << "loaded once per process";
  const CurlApi& api = library.api();
  for (const void* f : {(const void*)api.global_init, (const void*)api.global_cleanup, (const void*)api.easy_init,
                        (const void*)api.easy_reset, (const void*)api.easy_cleanup, (const void*)api.easy_setopt,
                        (const void*)api.easy_perform, (const void*)api.easy_getinfo, (const void*)api.easy_strerror,
                        (const void*)api.slist_append, (const void*)api.slist_free_all})
    EXPECT_NE(f, nullptr);
  EXPECT_STREQ(api.easy_strerror(CURLE_OK), "No error");
}

TEST(CurlLibrary, ARequestWithoutLibcurlFailsAtOnceWithoutReachingTheServer) {
  FakeLlmServer server;
  CurlLibrary missing({kMissing});
  ClientOptions o;
  o.base_url = server.base_url();
  o.model = "fake-model";
  o.retries = 3;
  o.curl = &missing;
  ChatClient client(o);
  ChatResult r = client.complete({{"user", "hello"}});
  EXPECT_EQ(r.error, ChatError::kUnavailable);
  EXPECT_EQ(r.attempts, 0) << "a missing library is not retried";
  EXPECT_NE(r.message.find("apt-get install libcurl4"), std::string::npos) << r.message;
  EXPECT_EQ(server.requests(), 0);
}

// The point of loading on demand: the CLI starts without libcurl and its ~30 dependencies.
TEST(CurlLibrary, TheCliDoesNotLoadLibcurlAtStart) {
  if (!restack::test::have_program("/usr/bin/ldd")) GTEST_SKIP() << "no /usr/bin/ldd";
  auto ldd = run_program({"/usr/bin/ldd", RESTACK_GEN_BIN});
  ASSERT_EQ(ldd.exit_code, 0) << ldd.err;
  EXPECT_NE(ldd.out.find("libc.so"), std::string::npos) << ldd.out;  // ldd really listed something
  EXPECT_EQ(ldd.out.find("libcurl"), std::string::npos) << ldd.out;
  // What the loader actually opens for --version (LD_DEBUG=files lists every object loaded).
  auto run = run_cli({"--version"}, "", {"LD_DEBUG=files"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("file="), std::string::npos) << "LD_DEBUG had no effect: " << run.err;
  EXPECT_EQ(run.err.find("libcurl"), std::string::npos) << run.err;
}

TEST(CurlLibrary, GenerateWithoutLibcurlExits3WithTheHintAndWritesPlaceholders) {
  FakeLlmServer server;
  TempDir tmp;
  auto out = tmp.path() / "out";
  auto r = run_cli({"generate", (source_dir() / "examples/data_processor.yaml").string(), "-o", out.string(), "--llm",
                    "openai-compatible", "--model", "m", "--llm-base-url", server.base_url(), "--no-cache"},
                   "",
                   {"RESTACK_GEN_LLM_API_KEY=sk-test", "XDG_CONFIG_HOME=" + (tmp.path() / "config").string(),
                    std::string(CurlLibrary::kOverrideVariable) + "=" + kMissing});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("apt-get install libcurl4"), std::string::npos) << r.err;
  EXPECT_EQ(server.requests(), 0);
  EXPECT_NE(restack::test::read_file(out / "src/functions/data_validation.py").find("# LLM gave up: "),
            std::string::npos);
}

}  // namespace
}  // namespace restack::llm
