// A large `{% for %}` rendered on several threads (Options::threads, docs/templates.md "Threads").
//
// Only loops the parser marked safe split (parallel_safety.h): their iterations read shared data
// and write only their own loop frame and output, so they can run in any order. The loop is cut
// into contiguous parts; this thread renders the first part straight into the output, and each
// other part renders on a thread of its own, with a Renderer of its own (pools, counters, output
// buffer), its own LoopObject over the same items (so loop.index, loop.last, loop.nextitem...
// are those of the whole loop) and a frame whose parent is the loop's enclosing frame, which no
// one writes while the loop runs. Values are safe to read from several threads (value.h).
//
// Byte-identical output and identical errors, always: the parts' buffers are appended in order,
// and the first part that did not finish cleanly (an error, an exception of any kind, a limit
// the whole render would pass) is not used: the loop goes on serially from that part's first
// iteration on this thread, which renders exactly what a serial render renders from there,
// errors included, since the parts before it changed nothing but the output.
#include <exception>
#include <system_error>
#include <thread>

#include "template/objects.h"
#include "template/renderer.h"

namespace restack::tmpl {

namespace {

/// Far more threads than any machine this runs on has cores: a bound on Options::threads.
constexpr size_t kMaxLoopThreads = 64;

/// One part of a split loop, rendered by its own thread.
struct LoopPart {
  size_t begin = 0, end = 0;
  OutputBuffer out;
  uint64_t iterations = 0;  // counted by the part's renderer, added to the render's once used
  bool done = false;        // rendered every iteration without an error
  std::thread thread;
};

}  // namespace

size_t Renderer::loop_chunks(const ForStmt& s, size_t n) const {
  if (!parallel_ok_ || !s.parallel_safe || discarding_ || n < options_.parallel_min_items || n < 2) return 1;
  size_t threads = options_.threads;
  if (threads == 0) threads = std::thread::hardware_concurrency();
  if (threads > kMaxLoopThreads) threads = kMaxLoopThreads;
  return threads < n ? (threads ? threads : 1) : n;
}

void Renderer::run_split_loop(const ForStmt& s, const Value& loop_value, Frame& frame, Frame& outer, size_t chunks) {
  const auto& loop = *static_cast<const LoopObject*>(loop_value.as_object());
  const size_t n = loop.items.size();
  std::vector<LoopPart> parts(chunks);
  for (size_t j = 0; j < chunks; ++j) {
    parts[j].begin = n * j / chunks;
    parts[j].end = n * (j + 1) / chunks;
  }
  // What the parts' renderers start from, read here: this thread changes them while they run.
  const int depth = depth_;
  const std::string* template_name = current_template_;
  const uint64_t iterations_before = iterations_;
  std::atomic<bool> cancel{false};

  auto render_part = [&, depth, template_name, iterations_before](LoopPart& part) {
    try {
      Renderer r(options_, registry_, globals_, loader_);
      r.depth_ = depth;
      r.current_template_ = template_name;
      r.iterations_ = iterations_before;  // the part fails no later than the whole loop would
      r.cancel_ = &cancel;
      r.out_ = &part.out;
      auto part_loop = std::make_shared<LoopObject>();
      part_loop->items = loop.items;
      part_loop->depth0 = loop.depth0;
      Frame part_frame;
      part_frame.ctx = outer.ctx;
      part_frame.parent = &outer;
      r.run_iterations(s, Value(std::static_pointer_cast<Object>(part_loop)), part_frame, part.begin, part.end);
      part.iterations = r.iterations_ - iterations_before;
      part.done = !cancel.load();
    } catch (...) {  // rendered again serially, which raises the same error in its place
      part.done = false;
    }
  };

  // Joins every started thread however this function is left (a failing first part included).
  struct JoinParts {
    std::vector<LoopPart>& parts;
    std::atomic<bool>& cancel;
    void join() {
      for (auto& p : parts)
        if (p.thread.joinable()) p.thread.join();
    }
    ~JoinParts() {
      cancel = true;  // a no-op once joined; stops the parts early when the first part threw
      join();
    }
  } joiner{parts, cancel};
  for (size_t j = 1; j < chunks; ++j) {
    try {
      parts[j].thread = std::thread(render_part, std::ref(parts[j]));
    } catch (const std::system_error&) {  // no thread to be had: the part runs serially below
      break;
    }
  }

  // Nested loops of this part stay serial: both cores are busy with this loop already.
  struct Restore {
    bool& flag;
    bool saved;
    ~Restore() { flag = saved; }
  } restore{parallel_ok_, parallel_ok_};
  parallel_ok_ = false;
  run_iterations(s, loop_value, frame, parts[0].begin, parts[0].end);
  joiner.join();

  if (options_.parallel_stats) ++options_.parallel_stats->split_loops;
  for (size_t j = 1; j < chunks; ++j) {
    LoopPart& part = parts[j];
    bool fits = iterations_ + part.iterations <= options_.max_loop_iterations &&
                out_->size() + part.out.size() <= options_.max_output_bytes;
    if (!part.done || !fits) {
      run_iterations(s, loop_value, frame, part.begin, n);
      return;
    }
    iterations_ += part.iterations;
    out_->append(part.out.view());
    if (options_.parallel_stats) options_.parallel_stats->parallel_iterations += part.end - part.begin;
    part.out = OutputBuffer();  // the output holds the bytes now
  }
}

}  // namespace restack::tmpl
