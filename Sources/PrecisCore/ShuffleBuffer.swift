/// A bounded shuffle buffer over a stream of blocks, deterministic for a seed:
/// each epoch visits the blocks in a fresh seeded order, and gathers them into
/// windows of about `capacity` units (documents, bytes: whatever `size` counts)
/// that a consumer shuffles within. Memory is one window (plus the last block
/// added), whatever the length of the stream. A window's blocks are handed out
/// in their stream order, so a stream that fits in one window reads exactly as
/// the data in memory would.
///
/// ```swift
/// let buffer = ShuffleBuffer(blockSizes: [3, 5, 2, 4], capacity: 6, seed: 42)
/// for window in buffer.windows(epoch: 0) {
///     print(window)            // block indices, e.g. [1, 3] then [0, 2]: 6 + 9 units
/// }
/// ```
package struct ShuffleBuffer: Sendable {
    /// The size of each block of the stream (in the units of `capacity`).
    package let blockSizes: [Int]
    /// A window closes once it holds at least this much (or the epoch ends).
    package let capacity: Int
    /// Seed of the block orders.
    package let seed: UInt64

    /// A buffer over blocks of the given sizes.
    package init(blockSizes: [Int], capacity: Int, seed: UInt64) {
        self.blockSizes = blockSizes
        self.capacity = max(1, capacity)
        self.seed = seed
    }

    /// The order the blocks are read in during `epoch` (a seeded permutation,
    /// different every epoch, the same for the same seed).
    package func blockOrder(epoch: Int) -> [Int] {
        var order = Array(blockSizes.indices)
        var rng = SplitMix64(seed: seed ^ 0x424C_4F43_4B53_4846 &+ UInt64(epoch) &* 0x9E37_79B9_7F4A_7C15)
        rng.shuffle(&order)
        return order
    }

    /// The windows of `epoch`: groups of blocks taken in ``blockOrder(epoch:)``
    /// until they reach ``capacity``, each sorted back into stream order.
    package func windows(epoch: Int) -> [[Int]] {
        var windows: [[Int]] = []
        var current: [Int] = []
        var size = 0
        for block in blockOrder(epoch: epoch) {
            current.append(block)
            size += blockSizes[block]
            if size >= capacity {
                windows.append(current.sorted())
                current = []
                size = 0
            }
        }
        if !current.isEmpty { windows.append(current.sorted()) }
        return windows
    }
}
