// ReadAhead (reader_internal.h): a large project file's functions and workflows read on two
// threads. Each is read exactly as read_spec would read it, by a Reader of its thread, into
// the place read_spec would put it; what it reports waits in the thread's sink until
// read_spec's pass over the file reaches it, so the diagnostics keep the file's order.
#include <algorithm>
#include <atomic>

#include "spec/reader_internal.h"
#include "spec/two_threads.h"

namespace restack::spec::detail {

namespace {

constexpr size_t kMinJobs = 2;  // fewer: nothing to share
// Every copy of a position (Loc) counts a reference to its file name, atomically. Were all
// positions to share one name, two threads copying them (here, and in the checks and data
// flow that split the functions and workflows again) would contend for that count's cache
// line (perf: most of Document::loc_with's time at its `lock add`). So each run of this many
// jobs (a chunk, taken by one thread) shares a name of its own: equal names, different counts.
constexpr size_t kJobsPerFileName = 64;

}  // namespace

ReadAhead::ReadAhead(const yaml::Document& doc, const Node* root, Project& out, TwoThreads& threads) {
  const Node* functions = nullptr;
  const Node* workflows = nullptr;
  for (const auto& [k, v] : root->entries()) {
    if (k->value == "functions" && v->is_mapping()) functions = v;
    else if (k->value == "workflows" && v->is_sequence()) workflows = v;
  }
  if (functions) {
    for (const auto& [k, v] : functions->entries()) jobs_.push_back(Job{k, v, jobs_.size()});
  }
  function_jobs_ = jobs_.size();
  size_t workflow_count = 0;
  if (workflows) {
    for (const Node* item : workflows->items())
      if (item->is_mapping()) jobs_.push_back(Job{nullptr, item, workflow_count++});
  }
  if (jobs_.size() < kMinJobs) {
    jobs_.clear();
    return;
  }
  functions_read_ = functions != nullptr;
  workflows_read_ = workflows != nullptr;
  // Built in place (as the serial reader does): the vectors never grow while threads fill them.
  // Each vector on a thread of its own: constructing some 6,000 objects is mostly the kernel
  // clearing the fresh pages they land on, which the other core can share.
  threads.run([&] { out.functions.resize(out.functions.size() + function_jobs_); },
              [&] { out.workflows.resize(out.workflows.size() + workflow_count); });
  Function* function_base = out.functions.data() + out.functions.size() - function_jobs_;
  Workflow* workflow_base = out.workflows.data() + out.workflows.size() - workflow_count;

  // The jobs are taken in chunks, in order, by whichever thread is free: a workflow costs more
  // to read per node than a function, so two fixed halves of equal node counts left one
  // thread reading workflows alone for a third of the step.
  std::atomic<size_t> next{0};
  auto run = [&](uint8_t thread) {
    DiagnosticSink& sink = sinks_[thread];
    Reader reader(doc, sink);
    for (size_t begin; (begin = next.fetch_add(kJobsPerFileName, std::memory_order_relaxed)) < jobs_.size();) {
      reader.share_file_name(FileName(doc.file()));
      for (size_t i = begin; i < std::min(jobs_.size(), begin + kJobsPerFileName); ++i) {
        Job& job = jobs_[i];
        job.thread = thread;
        job.diagnostics_begin = static_cast<uint32_t>(sink.all().size());
        if (job.key) reader.read_function(job.key, job.value, function_base[job.index]);
        else reader.read_workflow(job.value, Place::kWorkflowEntry, workflow_base[job.index]);
        job.diagnostics_end = static_cast<uint32_t>(sink.all().size());
      }
    }
  };
  threads.run([&] { run(0); }, [&] { run(1); });
}

void ReadAhead::replay(size_t job, DiagnosticSink& sink) {
  const Job& j = jobs_[job];
  auto& from = sinks_[j.thread].all();
  for (uint32_t i = j.diagnostics_begin; i < j.diagnostics_end; ++i) sink.add(std::move(from[i]));
}

}  // namespace restack::spec::detail
