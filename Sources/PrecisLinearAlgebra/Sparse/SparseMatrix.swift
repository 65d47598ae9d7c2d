/// A sparse matrix in compressed sparse row (CSR) form, with `Float` values
/// and `Int32` column indices: the layout of scikit-learn's `csr_matrix`.
///
/// Row `i`'s entries are `columnIndices[rowOffsets[i]..<rowOffsets[i+1]]`
/// and the matching `values`; within a row, column indices are strictly
/// increasing. Memory is O(rows + non-zeros): 8 bytes per stored entry plus
/// 8 per row.
///
/// ```swift
/// var builder = SparseMatrix.Builder(columns: 4)
/// builder.appendRow(indices: [0, 3], values: [1, 2])
/// builder.appendRow(indices: [], values: [])
/// let m = builder.build()          // 2 × 4, 2 non-zeros
/// m.row(0).values                  // [1, 2]
/// ```
public struct SparseMatrix: Equatable, Sendable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// `rows + 1` offsets into `columnIndices` and `values` (read-only: a matrix
    /// keeps its CSR invariants; build a new one with ``Builder`` to change it).
    public private(set) var rowOffsets: ContiguousArray<Int>
    /// Column index of each stored entry.
    public private(set) var columnIndices: ContiguousArray<Int32>
    /// Value of each stored entry.
    public private(set) var values: ContiguousArray<Float>

    /// A matrix from raw CSR arrays.
    ///
    /// - Precondition: the arrays are consistent (offsets non-decreasing,
    ///   `rowOffsets.count == rows + 1`, indices within `0..<columns`).
    public init(rows: Int, columns: Int, rowOffsets: ContiguousArray<Int>,
                columnIndices: ContiguousArray<Int32>, values: ContiguousArray<Float>) {
        precondition(rowOffsets.count == rows + 1, "SparseMatrix: rowOffsets needs rows + 1 entries")
        precondition(columnIndices.count == values.count && rowOffsets.last == values.count,
                     "SparseMatrix: inconsistent CSR arrays")
        self.rows = rows
        self.columns = columns
        self.rowOffsets = rowOffsets
        self.columnIndices = columnIndices
        self.values = values
    }

    /// An empty `rows × columns` matrix (no stored entries).
    public init(rows: Int, columns: Int) {
        self.init(rows: rows, columns: columns,
                  rowOffsets: ContiguousArray(repeating: 0, count: rows + 1), columnIndices: [], values: [])
    }

    /// Number of stored entries.
    public var nonZeroCount: Int { values.count }

    /// Lets a kernel of the package rewrite the stored values in place (the
    /// sparsity pattern stays); `body` must not change their number.
    package mutating func updateValues<R>(_ body: (inout ContiguousArray<Float>) throws -> R) rethrows -> R {
        let count = values.count
        defer { precondition(values.count == count, "updateValues: the number of values changed") }
        return try body(&values)
    }

    /// One row of a ``SparseMatrix``: parallel slices of column indices and values.
    public struct Row: Sendable {
        /// Column index of each stored entry, increasing.
        public let indices: ArraySlice<Int32>
        /// The entries' values.
        public let values: ArraySlice<Float>
    }

    /// Row `i` (no copy: the slices share the matrix's storage).
    public func row(_ i: Int) -> Row {
        let range = rowOffsets[i]..<rowOffsets[i + 1]
        return Row(indices: ArraySlice(columnIndices[range]), values: ArraySlice(values[range]))
    }

    /// The element at `(i, j)`; O(log nnz(row i)).
    public subscript(i: Int, j: Int) -> Float {
        var lo = rowOffsets[i], hi = rowOffsets[i + 1]
        let target = Int32(j)
        while lo < hi {
            let mid = (lo + hi) / 2
            if columnIndices[mid] < target { lo = mid + 1 } else { hi = mid }
        }
        return lo < rowOffsets[i + 1] && columnIndices[lo] == target ? values[lo] : 0
    }

    /// The transpose, in CSR form (equivalently, this matrix in CSC form).
    /// O(rows + columns + non-zeros).
    public func transposed() -> SparseMatrix {
        var counts = ContiguousArray<Int>(repeating: 0, count: columns + 1)
        for c in columnIndices { counts[Int(c) + 1] += 1 }
        for j in 0..<columns { counts[j + 1] += counts[j] }
        var next = counts
        var newIndices = ContiguousArray<Int32>(repeating: 0, count: nonZeroCount)
        var newValues = ContiguousArray<Float>(repeating: 0, count: nonZeroCount)
        for i in 0..<rows {
            for k in rowOffsets[i]..<rowOffsets[i + 1] {
                let j = Int(columnIndices[k])
                let p = next[j]
                newIndices[p] = Int32(i)
                newValues[p] = values[k]
                next[j] = p + 1
            }
        }
        return SparseMatrix(rows: columns, columns: rows, rowOffsets: counts,
                            columnIndices: newIndices, values: newValues)
    }

    /// The rows at `indices`, in that order, as a new matrix.
    public func selectingRows<S: Sequence>(_ indices: S) -> SparseMatrix where S.Element == Int {
        var builder = Builder(columns: columns)
        for i in indices {
            let range = rowOffsets[i]..<rowOffsets[i + 1]
            builder.appendRow(indices: columnIndices[range], values: values[range])
        }
        return builder.build()
    }

    /// Builds a ``SparseMatrix`` row by row.
    public struct Builder {
        /// Number of columns of the matrix being built.
        public let columns: Int
        private var offsets: ContiguousArray<Int> = [0]
        private var indices: ContiguousArray<Int32> = []
        private var values: ContiguousArray<Float> = []

        /// A builder for a matrix with `columns` columns, optionally reserving
        /// room for `nonZeros` entries.
        public init(columns: Int, reservingNonZeros nonZeros: Int = 0) {
            self.columns = columns
            indices.reserveCapacity(nonZeros)
            values.reserveCapacity(nonZeros)
        }

        /// Appends a row whose entries have strictly increasing column `indices`.
        public mutating func appendRow<I: Collection, V: Collection>(indices rowIndices: I, values rowValues: V)
        where I.Element == Int32, V.Element == Float {
            precondition(rowIndices.count == rowValues.count, "appendRow: indices and values differ in length")
            indices.append(contentsOf: rowIndices)
            values.append(contentsOf: rowValues)
            offsets.append(indices.count)
        }

        /// The finished matrix.
        public func build() -> SparseMatrix {
            SparseMatrix(rows: offsets.count - 1, columns: columns, rowOffsets: offsets,
                         columnIndices: indices, values: values)
        }
    }
}
