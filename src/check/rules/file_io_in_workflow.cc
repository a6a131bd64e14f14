// RSG105 file-io-in-workflow: files and paths touched from workflow code.
#include "check/rules/rule_helpers.h"
#include "check/rules/rules.h"

namespace restack::check {
namespace file_io_in_workflow_impl {

void check(Context& ctx, TSNode node) {
  if (!ctx.in_workflow_code()) return;
  std::string qn = ctx.qualified_name(node);
  if (qn.empty()) return;
  bool file = (starts_with(qn, "os.") && classify_os_member(qn) == OsMember::kFile) ||
              qn_in(qn, {"builtins.open", "io.open", "io.FileIO", "pathlib.Path", "pathlib.PosixPath",
                         "pathlib.WindowsPath", "shutil", "tempfile", "glob", "fileinput", "sqlite3"});
  if (!file) return;
  std::string shown = starts_with(qn, "builtins.") ? qn.substr(9) : qn;
  ctx.report(node, "`" + shown + "` does file or path I/O in workflow code, which must be deterministic",
             "read and write files in a function (workflow.step) and pass the data in and out");
}

}  // namespace file_io_in_workflow_impl

const Rule& file_io_in_workflow_rule() {
  static const Rule rule{{"RSG105", "file-io-in-workflow", Severity::kError, "File or path I/O in workflow code",
                          "Files change between the first run and a replay, and may not exist on the worker that "
                          "replays. open(), pathlib.Path, os.listdir, shutil, tempfile and glob belong in functions.",
                          R"PY(from restack_ai.workflow import workflow

@workflow.defn()
class Ingest:
    @workflow.run
    async def run(self, path: str):
        with open(path) as f:
            return f.read()
)PY",
                          R"PY(from datetime import timedelta
from restack_ai.workflow import import_functions, workflow

with import_functions():
    from src.functions.read_document import read_document

@workflow.defn()
class Ingest:
    @workflow.run
    async def run(self, path: str):
        return await workflow.step(function=read_document, function_input=path,
                                   start_to_close_timeout=timedelta(minutes=1))
)PY"},
                         {Kind::kReference},
                         file_io_in_workflow_impl::check};
  return rule;
}

}  // namespace restack::check
