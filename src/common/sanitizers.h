#pragma once
// Which sanitizers this translation unit is built with (GCC defines __SANITIZE_ADDRESS__, clang
// answers __has_feature), for the few places that must behave differently under them.
//   RESTACK_SANITIZER_ALLOCATOR: a sanitizer replaces malloc (address, memory, thread).
//   RESTACK_LEAK_CHECKER: LeakSanitizer runs at exit (address, or leak alone).

#if defined(__SANITIZE_ADDRESS__)
#define RESTACK_SANITIZER_ALLOCATOR 1
#define RESTACK_LEAK_CHECKER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) || __has_feature(thread_sanitizer)
#define RESTACK_SANITIZER_ALLOCATOR 1
#endif
#if __has_feature(address_sanitizer) || __has_feature(leak_sanitizer)
#define RESTACK_LEAK_CHECKER 1
#endif
#endif
