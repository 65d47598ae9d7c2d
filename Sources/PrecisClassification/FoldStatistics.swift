/// The mean and the population standard deviation (as `numpy.std`) of `values`,
/// both 0 when there are none: how cross-validation summarises its folds' scores.
///
/// ```swift
/// meanAndStandardDeviation([0.8, 0.9, 1.0])   // (mean: 0.9, std: 0.0816...)
/// ```
package func meanAndStandardDeviation(_ values: [Double]) -> (mean: Double, std: Double) {
    guard !values.isEmpty else { return (0, 0) }
    let mean = values.reduce(0, +) / Double(values.count)
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
    return (mean, variance.squareRoot())
}
