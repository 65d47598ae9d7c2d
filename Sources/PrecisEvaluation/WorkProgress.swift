import PrecisClassification
import PrecisLinearAlgebra

/// A progress callback of the evaluation workflows: `done` of `total` units
/// (documents) are finished. Called on the caller's thread, once per block of
/// work (never per document), so a display costs nothing measurable.
///
/// ```swift
/// let p = classifier.probabilities(texts) { done, total in print("\(done)/\(total)") }
/// ```
public typealias WorkProgress = (_ done: Int, _ total: Int) -> Void

/// How the evaluation workflows cut their work into blocks for progress reports.
/// The blocks are the same whether or not a callback is given, so results never
/// depend on whether progress is shown.
enum WorkBlocks {
    /// Documents per block of classifier work.
    static let classification = 2048
    /// Records per block of summarisation work.
    static let summaries = 256

    /// The ranges of `count` units in blocks of `size`.
    static func ranges(_ count: Int, size: Int) -> [Range<Int>] {
        stride(from: 0, to: count, by: max(1, size)).map { $0..<min(count, $0 + max(1, size)) }
    }

    /// `compute` of each block of `texts` (a matrix with one row per text), stacked,
    /// with `progress` after each block.
    static func rows(_ texts: [String], columns: Int, progress: WorkProgress?, _ compute: ([String]) -> Matrix) -> Matrix {
        var elements = ContiguousArray<Float>()
        elements.reserveCapacity(texts.count * columns)
        for range in ranges(texts.count, size: classification) {
            elements.append(contentsOf: compute(Array(texts[range])).storage)
            progress?(range.upperBound, texts.count)
        }
        return Matrix(rows: texts.count, columns: columns, elements: elements)
    }
}

extension TextClassifier {
    /// ``probabilities(_:)`` computed block by block, with `progress` after each block
    /// (documents done of all).
    public func probabilities(_ texts: [String], progress: WorkProgress?) -> Matrix {
        WorkBlocks.rows(texts, columns: labels.count, progress: progress) { probabilities($0) }
    }

    /// ``labelProbabilities(_:)`` (a multi-label model's independent per-label
    /// probabilities) computed block by block, with `progress` after each block.
    public func labelProbabilities(_ texts: [String], progress: WorkProgress?) -> Matrix {
        WorkBlocks.rows(texts, columns: labels.count, progress: progress) { labelProbabilities($0) }
    }
}
