import Foundation

/// The package's one way of running work on several cores, deterministic by
/// construction: work is cut into a fixed set of blocks that does not depend on
/// scheduling, every output element is written by exactly one block, and
/// reductions add the blocks' partial results in block order. So results are
/// bit-identical however many cores run them and in whatever order blocks finish.
///
/// This is the only place in `Sources/` that calls `DispatchQueue.concurrentPerform`.
///
/// ```swift
/// var out = [Double](repeating: 0, count: 1000)
/// out.withUnsafeMutableBufferPointer { out in
///     Parallelism.forEachBlock(of: 1000, blockSize: 256) { rows in
///         for i in rows { out[i] = Double(i).squareRoot() }
///     }
/// }
/// let total = Parallelism.sum(over: 1000, blockSize: 256) { rows in
///     rows.reduce(0.0) { $0 + Double($1) }
/// }
/// let squares = Parallelism.map(10) { $0 * $0 }    // in index order
/// ```
package enum Parallelism {
    /// Number of cores to use (asked once: the query reads the system's CPU files).
    package static let cores: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Runs `body(i)` for every `i in 0..<count`, concurrently when `count > 1`
    /// (inline, on the calling thread, for a single task). `body` must write
    /// only what task `i` owns.
    package static func run(_ count: Int, _ body: (Int) -> Void) {
        if count <= 0 { return }
        if count == 1 { body(0); return }
        DispatchQueue.concurrentPerform(iterations: count, execute: body)
    }

    /// Runs `body` on consecutive blocks of `blockSize` indices covering
    /// `0..<count` (the last one shorter), concurrently. The blocks depend only
    /// on `count` and `blockSize`, never on the number of cores.
    package static func forEachBlock(of count: Int, blockSize: Int, _ body: (Range<Int>) -> Void) {
        precondition(blockSize > 0, "forEachBlock: blockSize must be positive")
        let blocks = (count + blockSize - 1) / blockSize
        run(blocks) { block in
            let first = block * blockSize
            body(first..<min(count, first + blockSize))
        }
    }

    /// The sum of `body` over the blocks of ``forEachBlock(of:blockSize:_:)``,
    /// computed concurrently and added in block order (from zero), so the total
    /// is bit-identical on any number of cores.
    package static func sum(over count: Int, blockSize: Int, _ body: (Range<Int>) -> Double) -> Double {
        let blocks = (count + blockSize - 1) / blockSize
        var partial = [Double](repeating: 0, count: blocks)
        partial.withUnsafeMutableBufferPointer { partial in
            let out = partial
            run(blocks) { block in
                let first = block * blockSize
                out[block] = body(first..<min(count, first + blockSize))
            }
        }
        var total = 0.0
        for value in partial { total += value }
        return total
    }

    /// `body(i)` for every `i in 0..<count`, computed concurrently in chunks of
    /// `chunk` indices and returned in index order.
    package static func map<T>(_ count: Int, chunk: Int = 16, _ body: (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        var slots = [T?](repeating: nil, count: count)
        slots.withUnsafeMutableBufferPointer { slots in
            let out = slots
            forEachBlock(of: count, blockSize: max(1, chunk)) { indices in
                for i in indices { out[i] = body(i) }
            }
        }
        return slots.map { $0! }
    }

    /// Splits `documents` into at most `parts` consecutive ranges of about
    /// equal UTF-8 size; a small corpus stays in one range (threads would cost more).
    package static func ranges(_ documents: [String], parts: Int, minimumBytes: Int = 1 << 18) -> [Range<Int>] {
        if documents.count <= 1 || parts == 1 { return [0..<documents.count] }
        var total = 0
        for d in documents { total += d.utf8.count }
        let n = documents.count
        let k = total < minimumBytes ? 1 : max(1, min(parts, n))
        if k == 1 { return [0..<n] }
        var ranges: [Range<Int>] = []
        var start = 0, seen = 0
        for (i, d) in documents.enumerated() {
            seen += d.utf8.count
            if ranges.count < k - 1 && seen * k >= total * (ranges.count + 1) {
                ranges.append(start..<(i + 1))
                start = i + 1
            }
        }
        ranges.append(start..<n)
        return ranges
    }
}
