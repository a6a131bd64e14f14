#include "common/teardown.h"

#if defined(__SANITIZE_ADDRESS__)
#define RESTACK_LEAK_CHECKER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(leak_sanitizer)
#define RESTACK_LEAK_CHECKER 1
#endif
#endif

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
