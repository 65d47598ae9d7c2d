/// SplitMix64: a tiny, fast, seedable random number generator, so every random
/// choice (held-out splits, fold assignment, SGD visiting orders) is reproducible
/// from a seed on any platform and any Swift version.
///
/// Package-internal on purpose: the library's public APIs take a `seed: UInt64`,
/// never a generator, so the sequence stays an implementation detail that model
/// files do not depend on through a user's code.
///
/// ```swift
/// var rng = SplitMix64(seed: 42)
/// var items = Array(0..<10)
/// rng.shuffle(&items)      // same order for the same seed, everywhere
/// ```
@usableFromInline
package struct SplitMix64: RandomNumberGenerator, Sendable {
    @usableFromInline var state: UInt64

    /// A generator starting from `seed`.
    @inlinable
    package init(seed: UInt64) { state = seed }

    @inlinable
    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (bound > 0), independent of the standard
    /// library's algorithms so sequences never change between Swift versions.
    @inlinable
    package mutating func nextIndex(below bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next() % UInt64(bound))
    }

    /// Fisher–Yates shuffle of `array` in place, with ``nextIndex(below:)``.
    @inlinable
    package mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            let j = nextIndex(below: i + 1)
            array.swapAt(i, j)
        }
    }
}
