#pragma once
// Which `{% for %}` loops may render their iterations on several threads (renderer.h,
// Renderer::run_loop). Decided once per parsed template, conservatively: a loop splits only if
// nothing its body can reach writes state that another iteration could see.
#include "template/ast.h"

namespace restack::tmpl {

class Registry;

/// Sets TMPL.parallel_safe and every ForStmt's parallel_safe. A template is safe when none of
/// its statements or expressions, macros and call blocks included, can change state shared by
/// loop iterations or load another template:
///   - no extends/include/import/from-import/block (and no `self`/`super`): only this template's
///     code ever runs, so every macro a loop can call is one analysed here;
///   - no `set ns.attr` (the only way to write through a namespace);
///   - no `cycler`/`joiner` (objects with state), no `loop.changed` (remembers the previous
///     iteration), no recursive loop (`loop(...)` reenters the loop);
///   - no mutating method (append, update, pop...) named as an attribute or constant subscript,
///     and no call of anything but a name, an attribute or a constant subscript;
///   - no filter that is unknown or registered as not thread-safe (REGISTRY.all_thread_safe()).
/// A loop of a safe template is safe unless it is recursive. Everything else is left serial.
void mark_parallel_loops(Template& tmpl, const Registry& registry);

}  // namespace restack::tmpl
