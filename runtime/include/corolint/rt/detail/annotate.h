#pragma once

/// Attaches a `[[clang::annotate(text)]]` marker that corolint's checks look
/// for; other compilers do not know the attribute and get nothing.
#if defined(__clang__)
#define COROLINT_RT_ANNOTATE(text) [[clang::annotate(text)]]
#else
#define COROLINT_RT_ANNOTATE(text)
#endif
