#include "llm/validator.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

#include "common/unique_fd.h"

extern char** environ;

namespace restack::llm {
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& stdin_text) {
  ProcessResult result;
  int in[2], out[2], err[2];
  if (pipe2(in, O_CLOEXEC) != 0) return result;
  UniqueFd in_r(in[0]), in_w(in[1]);
  if (pipe2(out, O_CLOEXEC) != 0) return result;
  UniqueFd out_r(out[0]), out_w(out[1]);
  if (pipe2(err, O_CLOEXEC) != 0) return result;
  UniqueFd err_r(err[0]), err_w(err[1]);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_r.get(), 0);
  posix_spawn_file_actions_adddup2(&actions, out_w.get(), 1);
  posix_spawn_file_actions_adddup2(&actions, err_w.get(), 2);
  std::vector<char*> args;
  std::vector<std::string> copy = argv;
  for (auto& a : copy) args.push_back(a.data());
  args.push_back(nullptr);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  in_r.reset();
  out_w.reset();
  err_w.reset();
  if (rc != 0) return result;

  fcntl(in_w.get(), F_SETFL, O_NONBLOCK);
  size_t written = 0;
  if (stdin_text.empty()) in_w.reset();
  char buf[16384];
  while (out_r.get() >= 0 || err_r.get() >= 0) {
    pollfd fds[3] = {{out_r.get(), POLLIN, 0}, {err_r.get(), POLLIN, 0}, {in_w.get(), POLLOUT, 0}};
    if (poll(fds, 3, -1) < 0 && errno != EINTR) break;
    for (int i = 0; i < 2; ++i) {
      UniqueFd& src = i == 0 ? out_r : err_r;
      if (src.get() >= 0 && (fds[i].revents & (POLLIN | POLLHUP | POLLERR))) {
        ssize_t n = read(src.get(), buf, sizeof buf);
        if (n <= 0) src.reset();
        else (i == 0 ? result.out : result.err).append(buf, static_cast<size_t>(n));
      }
    }
    if (in_w.get() >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
      ssize_t n = write(in_w.get(), stdin_text.data() + written, stdin_text.size() - written);
      if (n > 0) written += static_cast<size_t>(n);
      if (n < 0 && errno != EAGAIN) in_w.reset();
      if (written >= stdin_text.size()) in_w.reset();
    }
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

Validator python_syntax_validator(std::string python) {
  return [python](const std::string& body) -> std::optional<std::string> {
    if (access(python.c_str(), X_OK) != 0) return std::nullopt;
    // Line 1 is the wrapper def: report lines relative to the body.
    static const char* kScript =
        "import ast, sys, textwrap\n"
        "src = textwrap.indent(sys.stdin.read(), '    ')\n"
        "try:\n"
        "    ast.parse('async def _restack_body():\\n' + src)\n"
        "except SyntaxError as e:\n"
        "    line = (e.lineno or 2) - 1\n"
        "    print(f'line {line}: {e.msg}', file=sys.stderr)\n"
        "    sys.exit(1)\n";
    signal(SIGPIPE, SIG_IGN);  // the child may exit before reading everything
    ProcessResult r = run_process({python, "-c", kScript}, body + "\n");
    if (r.exit_code == 0) return std::nullopt;
    std::string message = r.err;
    while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) message.pop_back();
    if (r.exit_code != 1 || message.empty()) message = "the syntax check failed to run (exit " + std::to_string(r.exit_code) + ")";
    return message;
  };
}

}  // namespace restack::llm
