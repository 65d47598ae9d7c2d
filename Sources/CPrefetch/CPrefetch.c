// The prefetch hint is a static inline function in include/CPrefetch.h; this file
// exists because a C target needs one source file.
#include "CPrefetch.h"
