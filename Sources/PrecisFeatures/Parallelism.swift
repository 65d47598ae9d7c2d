import Foundation

/// How the corpus stages split work over the cores.
package enum Parallelism {
    /// Number of cores to use (asked once: the query reads the system's CPU files).
    package static let cores: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Splits `documents` into at most `parts` consecutive ranges of about
    /// equal UTF-8 size; a small corpus stays in one range (threads would cost more).
    static func ranges(_ documents: [String], parts: Int, minimumBytes: Int = 1 << 18) -> [Range<Int>] {
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

    /// Runs `body(i)` for `i in 0..<count`, concurrently when `count > 1`.
    package static func run(_ count: Int, _ body: (Int) -> Void) {
        if count == 1 { body(0); return }
        DispatchQueue.concurrentPerform(iterations: count, execute: body)
    }
}
