/// The label sets of a multi-label training set, as compressed rows: document
/// `i`'s labels are `labels[offsets[i]..<offsets[i + 1]]` (class indices, ascending).
///
/// ```swift
/// let targets = MultiLabelTargets([[0, 2], [1]], classCount: 3)
/// targets.labels(of: 0)        // [0, 2]
/// targets.counts               // [1, 1, 1]
/// ```
public struct MultiLabelTargets: Equatable, Sendable {
    /// Row starts into ``labels`` (documents + 1 values).
    public let offsets: [Int]
    /// Class indices, each row ascending and without repeats.
    public let labels: [Int32]
    /// Number of classes.
    public let classCount: Int

    /// Targets from one set of class indices per document (sorted and de-duplicated
    /// here; indices outside `0..<classCount` are dropped).
    public init(_ sets: [[Int]], classCount: Int) {
        var offsets = [0], labels: [Int32] = []
        for set in sets {
            for c in Set(set).sorted() where (0..<classCount).contains(c) { labels.append(Int32(c)) }
            offsets.append(labels.count)
        }
        self.offsets = offsets
        self.labels = labels
        self.classCount = classCount
    }

    /// Number of documents.
    public var count: Int { offsets.count - 1 }

    /// The classes of document `i`.
    public func labels(of i: Int) -> ArraySlice<Int32> { labels[offsets[i]..<offsets[i + 1]] }

    /// Documents per class.
    public var counts: [Int] {
        var counts = [Int](repeating: 0, count: classCount)
        for c in labels { counts[Int(c)] += 1 }
        return counts
    }

    /// The targets of the given rows, in that order.
    public func selecting(_ rows: [Int]) -> MultiLabelTargets {
        MultiLabelTargets(rows.map { labels(of: $0).map(Int.init) }, classCount: classCount)
    }
}
