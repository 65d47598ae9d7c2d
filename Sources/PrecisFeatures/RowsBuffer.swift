import PrecisCore
import PrecisLinearAlgebra

/// CSR rows produced by one worker (indices, values and row ends in growable
/// buffers), concatenated into a ``SparseMatrix`` at the end, in worker order.
///
/// ```swift
/// let part = RowsBuffer()
/// weighting.appendCounts(pairs, scratch: part.scratch, indices: part.indices, values: part.values)
/// part.endRow()
/// let x = RowsBuffer.concatenate([part], columns: columns)
/// ```
package final class RowsBuffer: @unchecked Sendable {
    package let indices: GrowableBuffer<Int32>
    package let values: GrowableBuffer<Float>
    /// The end of each row in `indices` / `values`, after a leading 0.
    package let offsets = GrowableBuffer<Int>()
    /// Scratch for ``TfidfWeighting/appendCounts(_:scratch:indices:values:)``.
    package let scratch = GrowableBuffer<Double>()

    /// Empty rows, with room for `entries` stored entries before the buffers first grow.
    package init(entries: Int = 1 << 12) {
        indices = GrowableBuffer(capacity: entries)
        values = GrowableBuffer(capacity: entries)
        offsets.append(0)
    }

    /// Ends the row being appended.
    @inline(__always)
    package func endRow() { offsets.append(indices.count) }

    /// The rows of `parts`, one after the other, as a `? × columns` matrix.
    package static func concatenate(_ parts: [RowsBuffer], columns: Int) -> SparseMatrix {
        let nnz = parts.reduce(0) { $0 + $1.indices.count }
        let rows = parts.reduce(0) { $0 + $1.offsets.count - 1 }
        var offsets = ContiguousArray<Int>(repeating: 0, count: rows + 1)
        // Every entry is written below, so no zero-filling.
        var indices = ContiguousArray<Int32>(unsafeUninitializedCapacity: nnz) { _, count in count = nnz }
        var values = ContiguousArray<Float>(unsafeUninitializedCapacity: nnz) { _, count in count = nnz }
        // Where each part starts, in rows and in entries; parts copy in parallel.
        var rowStart = [0], entryStart = [0]
        for part in parts {
            rowStart.append(rowStart.last! + part.offsets.count - 1)
            entryStart.append(entryStart.last! + part.indices.count)
        }
        offsets.withUnsafeMutableBufferPointer { offsets in
            indices.withUnsafeMutableBufferPointer { indices in
                values.withUnsafeMutableBufferPointer { values in
                    Parallelism.run(nnz > 100_000 ? parts.count : 1) { q in
                        let range = nnz > 100_000 ? q..<(q + 1) : 0..<parts.count
                        for p in range {
                            let part = parts[p]
                            let row = rowStart[p], base = entryStart[p]
                            for r in 1..<part.offsets.count { offsets[row + r] = base + part.offsets[r] }
                            if part.indices.count > 0, let i = indices.baseAddress, let v = values.baseAddress {
                                (i + base).update(from: part.indices.base, count: part.indices.count)
                                (v + base).update(from: part.values.base, count: part.values.count)
                            }
                        }
                    }
                }
            }
        }
        return SparseMatrix(rows: rows, columns: columns, rowOffsets: offsets, columnIndices: indices, values: values)
    }
}
