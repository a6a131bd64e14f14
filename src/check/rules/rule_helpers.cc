#include "check/rules/rule_helpers.h"

#include <vector>

namespace restack::check {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool qn_in(std::string_view qn, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names)
    if (qn == n || (qn.size() > n.size() && starts_with(qn, n) && qn[n.size()] == '.')) return true;
  return false;
}

TSNode keyword_argument(const Context& ctx, TSNode call, std::string_view name) {
  TSNode args = child(call, fields().arguments);
  TSNode found{};
  if (kind_of(args) != Kind::kArgumentList) return found;
  for_each_named_child(args, [&](TSNode a) {
    if (kind_of(a) == Kind::kKeywordArgument && ctx.text(child(a, fields().name)) == name)
      found = child(a, fields().value);
  });
  return found;
}

TSNode positional_argument(TSNode call, int n) {
  TSNode args = child(call, fields().arguments);
  TSNode found{};
  if (kind_of(args) != Kind::kArgumentList) return found;
  int i = 0;
  for_each_named_child(args, [&](TSNode a) {
    Kind k = kind_of(a);
    if (k == Kind::kKeywordArgument || k == Kind::kComment || std::string_view(ts_node_type(a)) == "list_splat" ||
        std::string_view(ts_node_type(a)) == "dictionary_splat")
      return;
    if (i++ == n) found = a;
  });
  return found;
}

int positional_count(TSNode call) {
  int n = 0;
  while (!ts_node_is_null(positional_argument(call, n))) ++n;
  return n;
}

bool has_kwargs_splat(TSNode call) {
  TSNode args = child(call, fields().arguments);
  bool found = false;
  if (kind_of(args) == Kind::kArgumentList)
    for_each_named_child(args, [&](TSNode a) {
      if (std::string_view(ts_node_type(a)) == "dictionary_splat") found = true;
    });
  return found;
}

std::string_view workflow_api_member(const Context& ctx, TSNode call) {
  TSNode fn = child(call, fields().function);
  if (kind_of(fn) != Kind::kAttribute) return {};
  std::string qn = ctx.qualified_name(fn);
  size_t dot = qn.rfind('.');
  if (dot == std::string::npos || !SemanticModel::is_workflow_api(std::string_view(qn).substr(0, dot))) return {};
  return ctx.text(child(fn, fields().attribute));
}

std::string_view string_body(const Context& ctx, TSNode s) {
  if (kind_of(s) != Kind::kString) return {};
  std::string_view t = ctx.text(s);
  size_t q = t.find_first_of("'\"");
  if (q == std::string_view::npos) return {};
  char quote = t[q];
  size_t len = (t.size() >= q + 6 && t[q + 1] == quote && t[q + 2] == quote) ? 3 : 1;
  if (t.size() < q + 2 * len) return {};
  return t.substr(q + len, t.size() - q - 2 * len);
}

bool is_fstring_with_interpolation(TSNode s) {
  return kind_of(s) == Kind::kString && !ts_node_is_null(first_child_of_kind(s, Kind::kInterpolation));
}

bool any_subexpression(TSNode node, const std::function<bool(TSNode)>& pred, int max_nodes) {
  std::vector<TSNode> stack{node};
  int seen = 0;
  while (!stack.empty() && seen++ < max_nodes) {
    TSNode n = stack.back();
    stack.pop_back();
    if (pred(n)) return true;
    uint32_t count = ts_node_named_child_count(n);
    // Children in reverse so the leftmost is visited first.
    std::vector<TSNode> kids;
    for_each_named_child(n, [&](TSNode c) { kids.push_back(c); });
    for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.push_back(*it);
    (void)count;
  }
  return false;
}

OsMember classify_os_member(std::string_view qn) {
  if (qn_in(qn, {"os.path.join", "os.path.basename", "os.path.dirname", "os.path.split", "os.path.splitext",
                 "os.path.splitdrive", "os.path.normpath", "os.path.normcase", "os.path.isabs", "os.path.commonpath",
                 "os.path.commonprefix", "os.path.sep", "os.sep", "os.linesep", "os.pathsep", "os.altsep",
                 "os.extsep", "os.curdir", "os.pardir", "os.devnull", "os.name", "os.fspath", "os.fsencode",
                 "os.fsdecode", "os.PathLike", "os.SEEK_SET", "os.SEEK_CUR", "os.SEEK_END"}) ||
      qn == "os" || qn == "os.path")
    return OsMember::kPure;
  if (qn == "os.urandom" || qn == "os.getrandom") return OsMember::kRandom;
  if (qn_in(qn, {"os.system", "os.popen", "os.fork", "os.forkpty", "os.kill", "os.killpg", "os.posix_spawn",
                 "os.posix_spawnp", "os.wait", "os.waitpid", "os.abort", "os._exit"}) ||
      starts_with(qn, "os.spawn") || starts_with(qn, "os.exec"))
    return OsMember::kProcess;
  if (starts_with(qn, "os.path.") ||
      qn_in(qn, {"os.open", "os.listdir", "os.scandir", "os.walk", "os.fwalk", "os.remove", "os.unlink", "os.mkdir",
                 "os.makedirs", "os.rename", "os.renames", "os.replace", "os.rmdir", "os.removedirs", "os.stat",
                 "os.lstat", "os.chmod", "os.chown", "os.chdir", "os.getcwd", "os.read", "os.write", "os.fdopen",
                 "os.truncate", "os.utime", "os.link", "os.symlink", "os.readlink", "os.access", "os.close"}))
    return OsMember::kFile;
  return OsMember::kEnvironment;
}

bool is_truthy_literal(const Context& ctx, TSNode n) {
  switch (kind_of(n)) {
    case Kind::kTrue: return true;
    case Kind::kInteger: return ctx.text(n) != "0";
    case Kind::kString: return !string_body(ctx, n).empty();
    default: return false;
  }
}

void report_banned_reference(Context& ctx, TSNode node, std::initializer_list<BannedName> table) {
  if (!ctx.in_workflow_code()) return;
  std::string qn = ctx.qualified_name(node);
  if (qn.empty()) return;
  for (const auto& b : table) {
    if (!qn_in(qn, {b.name})) continue;
    std::string shown = qn.rfind("builtins.", 0) == 0 ? qn.substr(9) : qn;
    ctx.report(node, "`" + shown + "` " + std::string(b.what) + " in workflow code, which must be deterministic",
               std::string(b.hint));
    return;
  }
}

}  // namespace restack::check
