// ATTNBOUND_UNDER_ASAN: 1 when this translation unit is built with AddressSanitizer (GCC defines
// __SANITIZE_ADDRESS__; clang only answers __has_feature), so long tests can sample instead of exhausting.
#pragma once

#if defined(__SANITIZE_ADDRESS__)
#define ATTNBOUND_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ATTNBOUND_UNDER_ASAN 1
#endif
#endif
#ifndef ATTNBOUND_UNDER_ASAN
#define ATTNBOUND_UNDER_ASAN 0
#endif
