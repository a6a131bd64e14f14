// The CLI's shape: version, help, usage errors and their exit codes.
#include <gtest/gtest.h>

#include "common/test_support.h"

using restack::test::run_cli;

TEST(CliBasics, VersionPrintsNameAndVersion) {
  auto r = run_cli({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, std::string("restack-gen ") + RESTACK_VERSION_FOR_TEST + "\n");
}

// `--version` alone takes a shortcut past the full parser; with other global flags it goes
// through CLI11. Both must print the same line.
TEST(CliBasics, VersionShortcutMatchesFullParse) {
  auto fast = run_cli({"--version"});
  auto full = run_cli({"--color", "never", "--version"});
  EXPECT_EQ(full.exit_code, 0);
  EXPECT_EQ(fast.out, full.out);
}

TEST(CliBasics, HelpListsSubcommands) {
  auto r = run_cli({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("help"), std::string::npos);
  EXPECT_NE(r.out.find("--color"), std::string::npos);
}

TEST(CliBasics, UnknownFlagIsUsageError) {
  auto r = run_cli({"--no-such-flag"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no-such-flag"), std::string::npos);
}

TEST(CliBasics, HelpForUnknownSubcommandIsUsageError) {
  auto r = run_cli({"help", "frobnicate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("frobnicate"), std::string::npos);
}

TEST(CliBasics, BadColorValueIsUsageError) {
  auto r = run_cli({"--color", "purple", "help"});
  EXPECT_EQ(r.exit_code, 2);
}
