import CPrefetch
import PrecisLinearAlgebra

/// The memory one SGD document step reads and writes, as raw views valid only
/// inside ``with(_:x:labels:_:)``, and the step's three kernels: the document's
/// scores `scale · x V + b`, the update of the rows of `V` its features touch, and
/// the update of the intercepts.
///
/// `V` is features × `stride` floats (classes rounded up to a multiple of 8, see
/// ``StochasticGradientDescent/State``), so each feature's row is whole SIMD
/// vectors; the kernels handle four of them (32 classes) per pass over the
/// document's non-zeros. Every value is computed with the same operations in the
/// same order whatever the machine, so a fit is reproducible bit for bit.
///
/// ```swift
/// SGDDocumentStep.with(&state, x: x, labels: y32) { document in
///     document.computeScores(of: i, scale: scale)          // document.scores[0..<k]
///     // … residuals into document.scores …
///     document.addResiduals(of: i, times: -eta / scale)
///     document.addResidualsToIntercepts(times: -eta * interceptStep)
/// }
/// ```
struct SGDDocumentStep {
    /// `V`, features × stride.
    let weights: UnsafeMutableBufferPointer<Float>
    /// One intercept per class.
    let intercepts: UnsafeMutableBufferPointer<Double>
    /// The training matrix's CSR arrays, column indices mapped to rows of `V`.
    let offsets: UnsafeBufferPointer<Int>
    let indices: UnsafeBufferPointer<Int32>
    let values: UnsafeBufferPointer<Float>
    let labels: UnsafeBufferPointer<Int32>
    /// The current document's scores, then its residuals (`classes` values).
    let scores: UnsafeMutablePointer<Double>
    /// Per SIMD vector of classes: `x V` while scoring, the step's update while updating.
    let lanes: UnsafeMutablePointer<SIMD8<Float>>
    let classes: Int
    /// SIMD vectors per row of `V`.
    let chunks: Int

    /// Bytes per row of `V`.
    var rowBytes: Int { chunks * MemoryLayout<SIMD8<Float>>.stride }

    /// Runs `body` with the step over `state`'s parameters and the rows of `x`
    /// (whose column indices are `state.slotIndices`).
    /// `slotIndices`, when given, replaces the state's mapping of `x`'s column
    /// indices (for a matrix other than the training one, already mapped).
    static func with<R>(_ state: inout StochasticGradientDescent.State, x: SparseMatrix,
                        labels: ContiguousArray<Int32>, slotIndices mapped: ContiguousArray<Int32>? = nil,
                        _ body: (SGDDocumentStep) -> R) -> R {
        let classes = state.classes, chunks = state.stride / 8
        let scores = UnsafeMutablePointer<Double>.allocate(capacity: max(classes, 1))
        scores.initialize(repeating: 0, count: max(classes, 1))
        let lanes = UnsafeMutablePointer<SIMD8<Float>>.allocate(capacity: max(chunks, 1))
        lanes.initialize(repeating: .zero, count: max(chunks, 1))
        defer {
            scores.deallocate()
            lanes.deallocate()
        }
        let slotIndices = mapped ?? state.slotIndices
        return state.v.withUnsafeMutableBufferPointer { weights in
            state.b.withUnsafeMutableBufferPointer { intercepts in
                x.rowOffsets.withUnsafeBufferPointer { offsets in
                    slotIndices.withUnsafeBufferPointer { indices in
                        x.values.withUnsafeBufferPointer { values in
                            labels.withUnsafeBufferPointer { labels in
                                body(SGDDocumentStep(weights: weights, intercepts: intercepts, offsets: offsets,
                                                     indices: indices, values: values, labels: labels,
                                                     scores: scores, lanes: lanes, classes: classes, chunks: chunks))
                            }
                        }
                    }
                }
            }
        }
    }

    /// The class of document `i`.
    @inline(__always)
    func label(of i: Int) -> Int { Int(labels[i]) }

    /// Features ahead whose weight rows the kernels prefetch.
    static let prefetchDistance = 8

    /// Asks for the weight row of the feature ``prefetchDistance`` entries after entry `p`
    /// (if the document has one) to be brought into cache, so the row loads of a
    /// document overlap instead of stalling one by one.
    @inline(__always)
    func prefetchRow(ahead p: Int, end: Int, _ v: UnsafeMutableRawPointer) {
        guard p + Self.prefetchDistance < end else { return }
        let row = v + Int(indices[p + Self.prefetchDistance]) * rowBytes
        precis_prefetch(row)
        if rowBytes > 64 { precis_prefetch(row + 64) }
    }

    /// `lanes[g] += Σ values[p] · row(indices[p])[8g ..< 8g + 8]` over the entries `p` of
    /// `entries`, for every vector `g` of `chunks` (rows of `rowBytes` bytes from `rows`):
    /// the scoring kernel shared by SGD steps and multi-label fold scoring. Up to four
    /// vectors (32 classes) per pass over the entries, sums kept in registers, each pass
    /// prefetching its part of the rows ``prefetchDistance`` entries ahead. The
    /// additions run in entry order, so the sums do not depend on the machine.
    @inline(__always)
    static func accumulate(_ entries: Range<Int>, indices: UnsafeBufferPointer<Int32>, values: UnsafeBufferPointer<Float>,
                           rows: UnsafeRawPointer, rowBytes: Int, chunks: Int, into lanes: UnsafeMutablePointer<SIMD8<Float>>) {
        let end = entries.upperBound
        var group = 0
        while group < chunks {
            let width = min(4, chunks - group)
            var a0 = lanes[group]
            var a1 = width > 1 ? lanes[group + 1] : .zero
            var a2 = width > 2 ? lanes[group + 2] : .zero
            var a3 = width > 3 ? lanes[group + 3] : .zero
            let offset = group * 32, ahead = rowBytes - offset > 64
            for p in entries {
                if p + prefetchDistance < end {
                    let next = rows + Int(indices[p + prefetchDistance]) * rowBytes + offset
                    precis_prefetch(next)
                    if ahead { precis_prefetch(next + 64) }
                }
                let xv = values[p]
                let row = rows + Int(indices[p]) * rowBytes + offset
                a0 += xv * row.loadUnaligned(as: SIMD8<Float>.self)
                if width > 1 { a1 += xv * row.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self) }
                if width > 2 { a2 += xv * row.loadUnaligned(fromByteOffset: 64, as: SIMD8<Float>.self) }
                if width > 3 { a3 += xv * row.loadUnaligned(fromByteOffset: 96, as: SIMD8<Float>.self) }
            }
            lanes[group] = a0
            if width > 1 { lanes[group + 1] = a1 }
            if width > 2 { lanes[group + 2] = a2 }
            if width > 3 { lanes[group + 3] = a3 }
            group += 4
        }
    }

    /// ``scores`` ← `scale · x_i V + b` for document `i`.
    @inline(__always)
    func computeScores(of i: Int, scale: Double) {
        let v = UnsafeMutableRawPointer(weights.baseAddress!)
        for g in 0..<chunks { lanes[g] = .zero }
        Self.accumulate(offsets[i]..<offsets[i + 1], indices: indices, values: values,
                        rows: UnsafeRawPointer(v), rowBytes: rowBytes, chunks: chunks, into: lanes)
        for c in 0..<classes {
            scores[c] = scale * Double(lanes[c >> 3][c & 7]) + intercepts[c]
        }
    }

    /// `V ← scale · V`: folds the global scale into the weights.
    @inline(__always)
    func foldScale(_ scale: Double) {
        for j in 0..<weights.count { weights[j] = Float(Double(weights[j]) * scale) }
    }

    /// Adds `step ×` the residuals in ``scores``, times the document's values, to
    /// the rows of `V` of document `i`'s features.
    @inline(__always)
    func addResiduals(of i: Int, times step: Double) {
        for q in 0..<chunks { lanes[q] = .zero }
        for c in 0..<classes { lanes[c >> 3][c & 7] = Float(step * scores[c]) }
        let v = UnsafeMutableRawPointer(weights.baseAddress!)
        let start = offsets[i], end = offsets[i + 1], rowBytes = self.rowBytes
        var group = 0
        while group < chunks {
            let width = min(4, chunks - group)
            let g0 = lanes[group]
            let g1 = width > 1 ? lanes[group + 1] : .zero
            let g2 = width > 2 ? lanes[group + 2] : .zero
            let g3 = width > 3 ? lanes[group + 3] : .zero
            let offset = group * 32
            for p in start..<end {
                if group == 0 { prefetchRow(ahead: p, end: end, v) }
                let xv = values[p]
                let row = v + Int(indices[p]) * rowBytes + offset
                row.storeBytes(of: row.loadUnaligned(as: SIMD8<Float>.self) + xv * g0, as: SIMD8<Float>.self)
                if width > 1 {
                    row.storeBytes(of: row.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self) + xv * g1,
                                   toByteOffset: 32, as: SIMD8<Float>.self)
                }
                if width > 2 {
                    row.storeBytes(of: row.loadUnaligned(fromByteOffset: 64, as: SIMD8<Float>.self) + xv * g2,
                                   toByteOffset: 64, as: SIMD8<Float>.self)
                }
                if width > 3 {
                    row.storeBytes(of: row.loadUnaligned(fromByteOffset: 96, as: SIMD8<Float>.self) + xv * g3,
                                   toByteOffset: 96, as: SIMD8<Float>.self)
                }
            }
            group += 4
        }
    }

    /// Adds `step ×` the residuals in ``scores`` to the intercepts.
    @inline(__always)
    func addResidualsToIntercepts(times step: Double) {
        for c in 0..<classes { intercepts[c] += step * scores[c] }
    }
}
