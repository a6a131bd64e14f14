// check_source(): the API the generator calls on every file it writes.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <memory>
#include <thread>

#include "check/checker.h"

namespace restack::check {
namespace {

const char* kWorkflow = R"PY(from datetime import datetime
from restack_ai.workflow import workflow

@workflow.defn()
class W:
    @workflow.run
    async def run(self):
        a = datetime.now()
        b = datetime.now()  # noqa: RSG101
        c = datetime.now()  # noqa
        d = datetime.now()  # noqa: RSG999, RSG101
        e = datetime.now()  # noqa: RSG102
        return "é" + str(datetime.now())
)PY";

TEST(CheckSource, NoqaSilencesOnlyTheNamedCodes) {
  auto findings = check_source("w.py", kWorkflow);
  std::vector<int> lines;
  for (const auto& d : findings) lines.push_back(d.location.line);
  EXPECT_EQ(lines, (std::vector<int>{8, 12, 13}));
  CheckOptions no_noqa;
  no_noqa.respect_noqa = false;
  EXPECT_EQ(check_source("w.py", kWorkflow, no_noqa).size(), 6u);
}

TEST(CheckSource, ColumnsCountCharactersAndSpansAreSet) {
  auto findings = check_source("w.py", kWorkflow);
  ASSERT_EQ(findings.size(), 3u);
  const auto& last = findings.back();
  EXPECT_EQ(last.location.file, "w.py");
  // `        return "é" + str(datetime.now())`: "é" is 2 bytes but 1 column.
  EXPECT_EQ(last.location.column, 26);
  EXPECT_EQ(last.end.line, 13);
  EXPECT_EQ(last.end.column, 38);
  EXPECT_EQ(last.code, "RSG101");
  EXPECT_EQ(last.severity, Severity::kError);
  ASSERT_FALSE(last.notes.empty());
  EXPECT_NE(last.notes[0].message.find("workflow.now()"), std::string::npos);
}

TEST(CheckSource, SelectAndIgnoreTakePrefixes) {
  CheckOptions only_security;
  only_security.select = {"RSG4"};
  EXPECT_TRUE(check_source("w.py", kWorkflow, only_security).empty());
  CheckOptions ignore_determinism;
  ignore_determinism.ignore = {"RSG1"};
  EXPECT_TRUE(check_source("w.py", kWorkflow, ignore_determinism).empty());
  CheckOptions all;
  all.select = {"ALL"};
  EXPECT_EQ(check_source("w.py", kWorkflow, all).size(), 3u);
  EXPECT_TRUE(rule_enabled(all, "RSG205"));
  EXPECT_FALSE(rule_enabled(ignore_determinism, "RSG101"));
}

TEST(CheckSource, SortedByPosition) {
  auto findings = check_source("x.py", "import os\nos.system('a')\neval('1')\ndef f(:\n");
  ASSERT_GE(findings.size(), 3u);
  for (size_t i = 1; i < findings.size(); ++i)
    EXPECT_LE(findings[i - 1].location.line, findings[i].location.line);
}

TEST(CheckSource, SurvivesHostileInput) {
  std::string deep(3000, '(');
  std::string nul("def f():\n    return '\0'\n", 24);
  std::string invalid_utf8 = "x = '\xff\xfe'\nprint(\xc3)\n";
  std::string long_chain = "x = a";
  for (int i = 0; i < 5000; ++i) long_chain += ".b";
  for (const std::string& s : {deep, nul, invalid_utf8, long_chain, std::string(), std::string("\n\n\t\f")}) {
    auto findings = check_source("h.py", s);
    for (const auto& d : findings) {
      EXPECT_GE(d.location.line, 1);
      EXPECT_GE(d.location.column, 1);
    }
  }
  EXPECT_FALSE(check_source("h.py", deep).empty());  // unbalanced brackets are a syntax error
}

TEST(CheckSource, GlobalStatementAtModuleLevelEnds) {
  // `global` at module level is legal and a no-op; name lookup used to loop on it forever.
  // Run on a thread so that a regression fails here instead of hanging the whole test run.
  const char* source = "import os\nglobal os\nos.system('ls')\nglobal counter\ncounter = 1\nprint(counter)\n";
  // Detached, with a promise: a std::async future would wait for a looping thread forever.
  using Findings = decltype(check_source("", ""));
  auto promise = std::make_shared<std::promise<Findings>>();
  auto result = promise->get_future();
  std::thread([promise, source] { promise->set_value(check_source("m.py", source)); }).detach();
  ASSERT_EQ(result.wait_for(std::chrono::seconds(20)), std::future_status::ready)
      << "check_source did not finish: name lookup loops on a module-level `global`";
  auto findings = result.get();
  bool found_system = false;
  for (const auto& d : findings) found_system |= d.location.line == 3;
  EXPECT_TRUE(found_system) << "os.system on line 3 should still resolve through the module scope";
}

TEST(CheckSource, WorkflowCodeFollowsSameModuleCallsOnly) {
  const char* src = R"PY(import time
from restack_ai.workflow import workflow

def helper():
    return deeper()

def deeper():
    return time.time()

def unrelated():
    return time.time()

@workflow.defn
class W:
    @workflow.run
    async def run(self):
        return helper()
)PY";
  auto findings = check_source("w.py", src);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].location.line, 8);
}

// The rules on one node share one resolution of a name (Context::resolve keeps its last
// answer): the same name must still resolve anew for another node and in another scope.
TEST(CheckSource, SameNameResolvesPerNodeAndScope) {
  const char* src = R"PY(import os

def quiet():
    eval = print
    eval("shadowed")
    system = len
    system("x")

eval("builtin")
os.system("ls")
eval("builtin again")
)PY";
  std::vector<std::pair<int, std::string>> found;
  for (const auto& d : check_source("m.py", src)) found.emplace_back(d.location.line, d.code);
  const std::vector<std::pair<int, std::string>> expected{{9, "RSG403"}, {10, "RSG407"}, {11, "RSG403"}};
  EXPECT_EQ(found, expected);
}

TEST(CheckSource, TemporalAndStarImportsAreRecognised) {
  const char* temporal = R"PY(import random
from temporalio import workflow

@workflow.defn
class W:
    @workflow.run
    async def run(self):
        return random.random()
)PY";
  EXPECT_EQ(check_source("t.py", temporal).size(), 1u);
  const char* star = R"PY(import random
from restack_ai.workflow import *

@workflow.defn()
class W:
    @workflow.run
    async def run(self):
        return random.random()
)PY";
  EXPECT_EQ(check_source("s.py", star).size(), 1u);
  const char* spelled_alike = R"PY(import random
from mylib import workflow

@workflow.defn()
class W:
    @workflow.run
    async def run(self):
        return random.random()
)PY";
  EXPECT_TRUE(check_source("m.py", spelled_alike).empty());
}

}  // namespace
}  // namespace restack::check
