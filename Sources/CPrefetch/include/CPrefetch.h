#ifndef PRECIS_CPREFETCH_H
#define PRECIS_CPREFETCH_H

/// Asks the processor to bring the cache line holding `address` into cache ahead of
/// a read (a hint: it never faults, even for an address outside the program's memory).
/// SGD's score loop uses it on the weight rows of the features a few entries ahead,
/// whose loads otherwise stall on memory one after another.
static inline void precis_prefetch(const void *address) {
    __builtin_prefetch(address, 1, 3);
}

#endif
