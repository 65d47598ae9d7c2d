import Foundation
import Testing
@testable import PrecisClassification
import PrecisLinearAlgebra

/// The multi-label fit runs its classes in blocks of 32 side by side; these pin that
/// the blocks give the very weights of one fit over all the classes, and that the
/// cross-validation's shortcuts (block scoring, radix sort of the cut keys) give the
/// same values as the general code.
struct MultiLabelBlockTests {
    /// `rows` documents over `columns` features with `classes` labels (1–3 each), deterministic.
    static func corpus(rows: Int, columns: Int, classes: Int) -> (SparseMatrix, MultiLabelTargets) {
        var rng = SeededLCG(11)
        var builder = SparseMatrix.Builder(columns: columns)
        var sets: [[Int]] = []
        for _ in 0..<rows {
            let set = Array(Set((0..<(1 + rng.next(3))).map { _ in rng.next(classes) })).sorted()
            var features = Set<Int>()
            for c in set { for _ in 0..<3 { features.insert((c * 7 + rng.next(9)) % columns) } }
            for _ in 0..<4 { features.insert(rng.next(columns)) }
            let indices = features.sorted()
            builder.appendRow(indices: indices.map { Int32($0) }, values: indices.map { _ in Float(1 + rng.next(4)) / 4 })
            sets.append(set)
        }
        return (builder.build(), MultiLabelTargets(sets, classCount: classes))
    }

    static func sgd(alpha: Double = 1e-4) -> LogisticRegression {
        var config = LogisticRegressionConfiguration()
        config.multiClass = .ovr
        config.regularization = .alpha(alpha)
        config.epochs = 4
        config.averagedEpochs = 2
        config.interceptRampDocuments = 0
        config.seed = 5
        return LogisticRegression(configuration: config)
    }

    @Test("fitting the classes in blocks gives bit for bit the weights of one fit over all of them", arguments: [5, 40, 70])
    func blocksMatchOneFit(classes: Int) {
        let (x, targets) = Self.corpus(rows: 400, columns: 300, classes: classes)
        let lr = Self.sgd()
        let blocked = lr.fitMultiLabel(x, targets: targets)
        let whole = LogisticRegression.multiLabelModel(
            [lr.fitMultiLabelBlock(x, layout: .init(x), targets: targets, classes: 0..<classes, positiveWeights: nil)],
            features: x.columns, classes: classes)
        #expect(LogisticRegression.multiLabelBlocks(classes: classes).count == (classes + 31) / 32)
        #expect(blocked.weights.storage.elementsEqual(whole.weights.storage) { $0.bitPattern == $1.bitPattern })
        #expect(blocked.intercepts.elementsEqual(whole.intercepts) { $0.bitPattern == $1.bitPattern })
    }

    @Test("a block's probabilities are the model's, value for value", arguments: [3, 8, 26, 32])
    func blockScoring(classes: Int) {
        let (x, targets) = Self.corpus(rows: 300, columns: 200, classes: classes)
        let theta = Self.sgd().fitMultiLabelBlock(x, layout: .init(x), targets: targets, classes: 0..<classes, positiveWeights: nil)
        let model = LogisticRegression.multiLabelModel([theta], features: x.columns, classes: classes)
        let expected = MultiLabelTrainer.sigmoids(model, x).storage
        let got = MultiLabelTrainer.sigmoids(theta, classes: classes, x)
        #expect(got.elementsEqual(expected) { $0.bitPattern == $1.bitPattern })
    }

    @Test("the cut keys' sort agrees with the standard library's", arguments: [10, 3000, 50000])
    func keySort(count: Int) {
        var rng = SeededLCG(3)
        var keys = (0..<count).map { _ in UInt64(rng.next(1 << 30)) << 3 | UInt64(rng.next(8)) & ((1 << 33) - 1) }
        keys += keys.prefix(count / 10)     // ties
        let expected = keys.sorted()
        ThresholdSelection.sortKeys(&keys)
        #expect(keys == expected)
    }
}
