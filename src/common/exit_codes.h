#pragma once
// Exit codes are part of the CLI's contract (README.md, docs/cli.md): never renumber.
namespace restack {

enum ExitCode : int {
  kExitOk = 0,
  kExitProblems = 1,      // the input is invalid, or problems were found
  kExitUsage = 2,         // bad command line
  kExitExternal = 3,      // an external service (the LLM provider, a cache server) failed
  kExitInternal = 4,      // a bug in restack-gen (including a template that produced bad code)
  kExitInterrupted = 130  // Ctrl-C
};

}  // namespace restack
