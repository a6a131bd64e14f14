#include "common/teardown.h"

#include "common/sanitizers.h"

#if defined(RESTACK_LEAK_CHECKER)
#include <sanitizer/lsan_interface.h>
#endif

namespace restack::detail {

void mark_left_to_exit([[maybe_unused]] const void* p) {
#if defined(RESTACK_LEAK_CHECKER)
  __lsan_ignore_object(p);
#endif
}

}  // namespace restack::detail
