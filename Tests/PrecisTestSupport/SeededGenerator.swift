import PrecisCore

/// The deterministic generator randomised tests use: the library's own SplitMix64,
/// so tests and training draw from one implementation.
package typealias SeededGenerator = SplitMix64

extension SplitMix64 {
    /// `count` floats uniform in `-1...1`.
    package mutating func floats(_ count: Int) -> [Float] {
        (0..<count).map { _ in Float.random(in: -1...1, using: &self) }
    }
}
