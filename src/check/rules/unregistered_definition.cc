// RSG204 unregistered-definition: a workflow, agent or function that no services file
// registers. Project-level: project.cc resolves registrations across files; this file holds the
// metadata and the message.
#include "check/rules/rules.h"

namespace restack::check {

const Rule& unregistered_definition_rule() {
  static const Rule rule{{"RSG204", "unregistered-definition", Severity::kError,
                          "A workflow, agent or function that no services file registers",
                          "Only what is passed to client.start_service(workflows=..., agents=..., functions=...) "
                          "runs on a worker: anything else is scheduled and waits forever. Checked when a services "
                          "file is among the checked paths, per project (the nearest pyproject.toml or src/ folder), "
                          "following imports, package re-exports and aliases.",
                          R"PY(# src/services.py
await client.start_service(workflows=[GreetingWorkflow], functions=[welcome])
# src/functions/goodbye.py defines @function.defn() goodbye, registered nowhere
)PY",
                          R"PY(await client.start_service(workflows=[GreetingWorkflow], functions=[welcome, goodbye])
)PY"},
                         {},
                         nullptr};
  return rule;
}

}  // namespace restack::check
