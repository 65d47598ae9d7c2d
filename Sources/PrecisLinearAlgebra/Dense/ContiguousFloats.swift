/// A collection of `Float` stored contiguously: `[Float]`, `ContiguousArray<Float>`,
/// or `ArraySlice<Float>`. Lets ``BLAS`` take any of them without copying.
public protocol ContiguousFloats {
    /// Number of elements.
    var count: Int { get }
    /// Calls `body` with a pointer to the elements.
    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R
}

/// A mutable ``ContiguousFloats``.
public protocol MutableContiguousFloats: ContiguousFloats {
    /// Calls `body` with a mutable pointer to the elements.
    mutating func withUnsafeMutableBufferPointer<R>(_ body: (inout UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R
}

extension Array: ContiguousFloats, MutableContiguousFloats where Element == Float {}
extension ContiguousArray: ContiguousFloats, MutableContiguousFloats where Element == Float {}
extension ArraySlice: ContiguousFloats, MutableContiguousFloats where Element == Float {}
