#pragma once
// The generator as one call: resolved project -> context -> rendered files -> self-check, with
// the project in memory at the end (nothing written). Front ends (the CLI, a server, a language
// server) parse their arguments, load the spec (spec/load.h), call this, and then write the
// tree (write_tree) or list it (list_tree), printing the diagnostics the way they print them.
//
//   DiagnosticSink sink;
//   auto project = spec::load_project(files, sink);
//   GenerateResult r = generate_project(std::move(*project), options, sink);
//   if (r.status == GenerateStatus::kOk) write_tree(r.tree, dir, {});
// or, writing each file as soon as it is rendered (GenerateOptions::output):
//   auto staged = StagedTree::open(dir, {}, error);  options.output = staged.get();
//   if (generate_project(...).status == GenerateStatus::kOk) staged->commit();
#include <memory>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "common/diagnostic.h"
#include "common/teardown.h"
#include "generate/output_tree.h"
#include "llm/body_service.h"
#include "spec/model.h"

namespace restack::generate {

struct GenerateOptions {
  std::string generator_version;
  /// "" = the bundled templates; otherwise the *.j2 files of this folder (`--templates DIR`):
  /// problems in them, or in the code they write, are the user's, and every module is
  /// self-checked.
  std::string templates_dir;
  bool check_all = false;  // self-check every module, not only those holding code: or LLM bodies
  unsigned jobs = 0;       // render and self-check threads; 0 = default_jobs() (parallel.h)
  /// `--llm`: the answers by function name (llm_body_provider.h); null or empty: placeholders.
  /// Functions with `code:` always get their code.
  const std::vector<llm::BodyResult>* llm_results = nullptr;
  /// What becomes of the project and its context once the files are rendered: freed on
  /// threads of their own (GenerateResult::releases), or left to the process's exit (the CLI).
  Teardown teardown = Teardown::kFree;
  /// When set, each file is written into it as soon as it is rendered, so that writing overlaps
  /// rendering (GenerateResult::tree then holds only the modules the self-check read); the
  /// caller commits it when the status is kOk, and otherwise drops it (nothing is written).
  StagedTree* output = nullptr;
};

enum class GenerateStatus {
  kOk,
  kTemplateDirUnreadable,  // templates_dir cannot be read (a usage error); GenerateResult::error says why
  kRenderFailed,           // a template of templates_dir failed, or two files got one path (in SINK)
  kBundledTemplateFailed,  // a bundled template failed to render (in SINK): a bug in restack-gen
  kGeneratedCodeFailsCheck,  // code the bundled templates wrote fails the self-check (in SINK): a bug
  kUserTemplatesFailCheck,   // code written by templates_dir's templates fails the self-check (in SINK)
};

/// Frees data on a thread of its own, so that the caller goes on (writing the tree) meanwhile:
/// a project's context is some 400,000 small allocations. Joined when destroyed.
class DeferredRelease {
 public:
  DeferredRelease() = default;
  /// Takes DOOMED and destroys it on a new thread (here, when no thread can be started), or
  /// never with Teardown::kLeaveToExit.
  template <typename T>
  DeferredRelease(T doomed, Teardown teardown) {
    if (teardown == Teardown::kLeaveToExit) {
      leave_to_exit(std::move(doomed));
      return;
    }
    auto holder = std::make_unique<T>(std::move(doomed));
    try {
      thread_ = std::thread([owned = std::move(holder)]() mutable { owned.reset(); });
    } catch (const std::system_error&) {
      // No thread: the lambda that owned DOOMED is gone already, so it was freed right here.
    }
  }
  DeferredRelease(DeferredRelease&&) noexcept = default;
  DeferredRelease& operator=(DeferredRelease&& other) noexcept {
    join();
    thread_ = std::move(other.thread_);
    return *this;
  }
  ~DeferredRelease() { join(); }

 private:
  void join() {
    if (thread_.joinable()) thread_.join();
  }
  std::thread thread_;
};

struct GenerateResult {
  GenerateStatus status = GenerateStatus::kOk;
  std::string error;  // kTemplateDirUnreadable
  OutputTree tree;    // the whole project when kOk (without GenerateOptions::output)
  /// The project and its context, being freed while the caller writes the tree.
  std::vector<DeferredRelease> releases;
};

/// Generates PROJECT in memory. Diagnostics (template errors, self-check findings, warnings
/// about a `code:` body) go to SINK, unsorted. PROJECT is taken by value and freed as soon as
/// the context is built (peak memory), the context once the files are rendered, both on
/// threads of their own (GenerateResult::releases).
GenerateResult generate_project(spec::Project project, const GenerateOptions& options, DiagnosticSink& sink);

/// The template context of PROJECT as JSON (context.h, context_json): what
/// `generate --dump-context` prints. Uses the bodies OPTIONS select, like generate_project.
std::string project_context_json(const spec::Project& project, const GenerateOptions& options);

}  // namespace restack::generate
