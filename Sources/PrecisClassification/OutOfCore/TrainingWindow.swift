import CPrefetch
import PrecisCore
import PrecisFeatures
import PrecisLinearAlgebra

/// One window of out-of-core training's shuffled stream, ready for SGD: the
/// cached blocks it gathers, read back and TF-IDF weighed in one pass on the
/// cores, straight into buffers that the next window reuses. So an epoch
/// allocates nothing per window (no fresh pages to fault in, no copies to
/// stack blocks), however many windows it has.
///
/// The rows are the blocks' rows in the order given, each weighed by
/// ``PrecisFeatures/HashingTfidfModel/weigh(counts:)``'s arithmetic: the
/// matrix is the same, bit for bit, as weighing each cached block and stacking them.
///
/// ```swift
/// let window = TrainingWindow(model: tfidf, slot: layout.slot)
/// try window.fill(blocks: [3, 0], cache: cache, classOf: classOf)
/// let x = window.matrix      // shares the buffers: let it go before the next fill
/// ```
final class TrainingWindow {
    /// Row offsets, column indices and values of the window's TF-IDF rows.
    private(set) var rowOffsets: ContiguousArray<Int> = [0]
    private(set) var columnIndices: ContiguousArray<Int32> = []
    private(set) var values: ContiguousArray<Float> = []
    /// Each entry's column mapped to its SGD layout slot.
    private(set) var slots: ContiguousArray<Int32> = []
    /// Each row's class index.
    private(set) var labels: ContiguousArray<Int32> = []
    /// Per-task buffers, kept from window to window.
    private var bytes: [GrowableBuffer<UInt8>] = []
    private var scratch: [RowScratch] = []
    /// Per column: its idf's bits, and its SGD slot in the upper 32 bits.
    private let table: ContiguousArray<UInt64>
    private let model: HashingTfidfModel
    let columns: Int

    /// The buffers of a window of `model`'s columns, mapped to SGD slots by `slot`.
    init(model: HashingTfidfModel, slot: ContiguousArray<Int32>) {
        precondition(slot.count == model.featureCount, "TrainingWindow: one slot per column")
        self.model = model
        self.columns = model.featureCount
        table = model.withRowWeigher { weigher in
            ContiguousArray((0..<slot.count).lazy.map { j in
                UInt64(UInt32(bitPattern: slot[j])) << 32 | UInt64(weigher.idf[j].bitPattern)
            })
        }
    }

    /// One task's scratch: a row's idf values, counts and unnormalised weights.
    private final class RowScratch {
        let idf = GrowableBuffer<Float>(capacity: 1024)
        let counts = GrowableBuffer<UInt32>(capacity: 1024)
        let weights = GrowableBuffer<Double>(capacity: 1024)

        func reserve(_ n: Int) {
            idf.reserve(n)
            counts.reserve(n)
            weights.reserve(n)
        }
    }

    /// Rows in the window.
    var rows: Int { rowOffsets.count - 1 }

    /// The window's TF-IDF matrix. It shares the window's buffers: while a copy of
    /// it (or of ``slots`` or ``labels``) is alive, the next ``fill`` copies them anew.
    var matrix: SparseMatrix {
        SparseMatrix(rows: rows, columns: columns, rowOffsets: rowOffsets, columnIndices: columnIndices, values: values)
    }

    /// Fills the window with cache blocks `blocks`, in that order: counts weighed by
    /// the model, columns mapped to their slots, labels through `classOf`.
    ///
    /// - Throws: ``ClassificationError/cache(_:)`` when the cache cannot be read back.
    func fill(blocks: [Int], cache: HashedCountsCache, classOf: [Int32]) throws {
        // Where each block's rows and entries go.
        var rowStart = [Int](repeating: 0, count: blocks.count + 1)
        var entryStart = [Int](repeating: 0, count: blocks.count + 1)
        for (k, b) in blocks.enumerated() {
            rowStart[k + 1] = rowStart[k] + cache.entries[b].documents
            entryStart[k + 1] = entryStart[k] + cache.entries[b].entries
        }
        let rows = rowStart[blocks.count], nnz = entryStart[blocks.count]
        Self.resize(&rowOffsets, to: rows + 1)
        Self.resize(&columnIndices, to: nnz)
        Self.resize(&values, to: nnz)
        Self.resize(&slots, to: nnz)
        Self.resize(&labels, to: rows)
        // A fixed split of the blocks over the tasks; each block's rows land in their own
        // place, so the result does not depend on the split or on the number of cores.
        let tasks = min(blocks.count, Parallelism.cores)
        while bytes.count < tasks {
            bytes.append(GrowableBuffer<UInt8>(capacity: 1 << 16))
            scratch.append(RowScratch())
        }
        var failures = [Error?](repeating: nil, count: tasks)
        let bytes = self.bytes, scratch = self.scratch
        model.withRowWeigher { weigher in
            table.withUnsafeBufferPointer { table in
                classOf.withUnsafeBufferPointer { classOf in
                    rowOffsets.withUnsafeMutableBufferPointer { offsets in
                        columnIndices.withUnsafeMutableBufferPointer { outColumns in
                            values.withUnsafeMutableBufferPointer { outValues in
                                slots.withUnsafeMutableBufferPointer { outSlots in
                                    labels.withUnsafeMutableBufferPointer { outLabels in
                                        failures.withUnsafeMutableBufferPointer { failures in
                                            offsets[0] = 0
                                            Parallelism.run(tasks) { t in
                                                let scratch = scratch[t]
                                                for k in (t * blocks.count / tasks)..<((t + 1) * blocks.count / tasks) {
                                                    let block: HashedCountsCache.Block
                                                    do {
                                                        block = try cache.read(blocks[k], into: bytes[t])
                                                    } catch {
                                                        failures[t] = error
                                                        return
                                                    }
                                                    let row0 = rowStart[k], entry0 = entryStart[k]
                                                    for i in 0..<block.rows {
                                                        outLabels[row0 + i] = classOf[Int(block.labels[i])]
                                                        let start = block.start(i), end = Int(block.ends[i])
                                                        offsets[row0 + i + 1] = entry0 + end
                                                        scratch.reserve(end - start)
                                                        for p in start..<end {
                                                            // The column's idf and slot, one memory access for both.
                                                            if p + 16 < end { precis_prefetch(table.baseAddress! + Int(block.columns[p + 16])) }
                                                            let column = block.columns[p], entry = table[Int(column)]
                                                            outColumns[entry0 + p] = Int32(bitPattern: column)
                                                            outSlots[entry0 + p] = Int32(truncatingIfNeeded: entry >> 32)
                                                            scratch.idf[p - start] = Float(bitPattern: UInt32(truncatingIfNeeded: entry))
                                                            scratch.counts[p - start] = block.count(p)
                                                        }
                                                        weigher.weigh(end - start, idf: scratch.idf.base, counts: scratch.counts.base,
                                                                      scratch: scratch.weights.base, into: outValues.baseAddress! + entry0 + start)
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
    }

    /// Makes `array` hold `count` elements, keeping its storage (the values are
    /// overwritten by the caller).
    private static func resize<T: FixedWidthInteger>(_ array: inout ContiguousArray<T>, to count: Int) {
        if array.count > count {
            array.removeLast(array.count - count)
        } else if array.count < count {
            array.append(contentsOf: repeatElement(0, count: count - array.count))
        }
    }

    private static func resize(_ array: inout ContiguousArray<Float>, to count: Int) {
        if array.count > count {
            array.removeLast(array.count - count)
        } else if array.count < count {
            array.append(contentsOf: repeatElement(0, count: count - array.count))
        }
    }
}
