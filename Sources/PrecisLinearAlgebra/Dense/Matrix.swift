/// A dense, row-major matrix of `Float` values.
///
/// `Matrix` is a value type with copy-on-write storage (it wraps a
/// `ContiguousArray<Float>`), so it can be passed around and stored in models
/// freely. Element `(i, j)` lives at `storage[i * columns + j]`, which is the
/// layout every routine in ``BLAS`` expects (`CblasRowMajor`).
///
/// ```swift
/// var m = Matrix(rows: 2, columns: 3)
/// m[0, 2] = 1.5
/// let t = m.transposed()   // 3 × 2
/// ```
///
/// Memory: `rows × columns × 4` bytes.
public struct Matrix: Equatable, Sendable {
    /// Number of rows.
    public private(set) var rows: Int
    /// Number of columns.
    public private(set) var columns: Int
    /// The elements in row-major order; `storage.count == rows * columns`.
    /// A read-only view: change elements with the subscript, or (inside the
    /// package's kernels) ``withUnsafeMutableStorage(_:)``.
    @inlinable
    public var storage: ContiguousArray<Float> { elements }
    /// The elements themselves.
    @usableFromInline
    var elements: ContiguousArray<Float>

    /// A `rows × columns` matrix filled with `value` (zero by default).
    public init(rows: Int, columns: Int, repeating value: Float = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.elements = ContiguousArray(repeating: value, count: rows * columns)
    }

    /// A matrix over existing row-major elements.
    ///
    /// - Precondition: `elements.count == rows * columns`.
    public init<C: Collection>(rows: Int, columns: Int, elements: C) where C.Element == Float {
        precondition(elements.count == rows * columns, "Matrix needs rows × columns elements")
        self.rows = rows
        self.columns = columns
        self.elements = ContiguousArray(elements)
    }

    /// A matrix from an array of equally long rows.
    ///
    /// ```swift
    /// let m = Matrix([[1, 2], [3, 4]])
    /// ```
    public init(_ rowsOfElements: [[Float]]) {
        let columns = rowsOfElements.first?.count ?? 0
        precondition(rowsOfElements.allSatisfy { $0.count == columns }, "All rows must have the same length")
        self.init(rows: rowsOfElements.count, columns: columns, elements: rowsOfElements.joined())
    }

    /// Calls `body` with the row-major elements for a kernel of the package to
    /// write in place (the shape stays).
    @inlinable
    package mutating func withUnsafeMutableStorage<R>(_ body: (inout UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        try elements.withUnsafeMutableBufferPointer(body)
    }

    /// The element at row `i`, column `j`.
    @inlinable
    public subscript(i: Int, j: Int) -> Float {
        get { elements[i * columns + j] }
        set { elements[i * columns + j] = newValue }
    }

    /// A copy of row `i`.
    public func row(_ i: Int) -> [Float] {
        Array(storage[(i * columns)..<((i + 1) * columns)])
    }

    /// The transpose, as a new `columns × rows` matrix. O(rows × columns).
    public func transposed() -> Matrix {
        var result = Matrix(rows: columns, columns: rows)
        storage.withUnsafeBufferPointer { src in
            result.elements.withUnsafeMutableBufferPointer { dst in
                for i in 0..<rows {
                    for j in 0..<columns {
                        dst[j * rows + i] = src[i * columns + j]
                    }
                }
            }
        }
        return result
    }

    /// Reinterprets the same elements with a new shape of equal size.
    public func reshaped(rows newRows: Int, columns newColumns: Int) -> Matrix {
        Matrix(rows: newRows, columns: newColumns, elements: storage)
    }
}
