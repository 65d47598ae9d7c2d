/// SplitMix64: a tiny, fast, seedable random number generator, so every random
/// choice (held-out splits, fold assignment) is reproducible from a seed on any platform.
///
/// ```swift
/// var rng = SplitMix64(seed: 42)
/// var items = Array(0..<10)
/// items.shuffle(using: &rng)      // same order for the same seed, everywhere
/// ```
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator starting from `seed`.
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (bound > 0), independent of the standard
    /// library's algorithms so sequences never change between Swift versions.
    public mutating func nextIndex(below bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next() % UInt64(bound))
    }

    /// Fisher–Yates shuffle of `array` in place, with ``nextIndex(below:)``.
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            let j = nextIndex(below: i + 1)
            array.swapAt(i, j)
        }
    }
}
