/// One scored epoch of a search run: the held-out documents' scores (tail-averaged,
/// kept as `Float`) and their summed log-loss at each ``TemperatureScaling/grid``
/// temperature, computed when first asked for and then cached.
///
/// A run needs its calibrated loss each epoch and the search the pooled curve of a
/// few candidates, both near their minimum; evaluating a handful of temperatures
/// instead of the whole grid is what makes calibrated scoring cheap (each point is
/// a pass over `documents × classes` scores with a logarithm and an exponential
/// per score).
///
/// Only one thread uses a curve at a time (its run's, then the search's).
package final class LossCurve: @unchecked Sendable {
    private let scores: ContiguousArray<Float>
    private let labels: [Int]
    private let classes: Int
    private let multiClass: MultiClass
    private var values: [Double]

    /// A curve over `scores` (`labels.count × classes`, row-major).
    package init(scores: ContiguousArray<Float>, labels: [Int], classes: Int, multiClass: MultiClass) {
        self.scores = scores
        self.labels = labels
        self.classes = classes
        self.multiClass = multiClass
        values = [Double](repeating: .nan, count: TemperatureScaling.grid.count)
    }

    /// The summed log-loss at grid index `t`.
    package func loss(at t: Int) -> Double {
        if values[t].isNaN {
            var curve = [Double](repeating: 0, count: TemperatureScaling.grid.count)
            scores.withUnsafeBufferPointer {
                TemperatureScaling.accumulate(scores: $0, labels: labels, classes: classes, multiClass: multiClass,
                                              temperatures: t...t, into: &curve)
            }
            values[t] = curve[t]
        }
        return values[t]
    }

    /// The summed log-loss at `T = 1`.
    package var unscaled: Double { loss(at: TemperatureScaling.unitIndex) }

    /// The least loss over the temperatures of `curves` summed (the pooled curve of
    /// several folds), searched from grid index `start`.
    package static func minimum(of curves: [LossCurve], from start: Int) -> (temperature: Double, loss: Double, index: Int) {
        TemperatureScaling.descend(from: start) { t in curves.reduce(0) { $0 + $1.loss(at: t) } }
    }
}
