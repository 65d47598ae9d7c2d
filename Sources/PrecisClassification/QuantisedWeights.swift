import Foundation
import PrecisCore
import PrecisLinearAlgebra

/// A model's weights as a model file stores them (the `WQ8R` section of
/// `Models/FORMAT.md`): 8-bit codes with one scale per feature, weight `(j, c)` =
/// `Float(code[j·k + c]) × scale[j]`. Kept where the file was read
/// (``PrecisCore/OwnedBytes``), so loading a model costs no `Float32` matrix: the
/// scores of a few documents read only the rows of their terms
/// (``multiply(_:bias:)``), and the dense ``Matrix`` is made on first request
/// (``dense``) for the code that wants every weight.
///
/// Each weight is computed exactly as the dense matrix holds it, and the scores are
/// summed in the same order as ``PrecisLinearAlgebra/SparseMatrix/multiply(_:bias:)``,
/// so both give bit-identical scores.
///
/// ```swift
/// let weights = try QuantisedWeights(owner: file, scales: scaleBytes, codes: codeBytes, rows: n, columns: k)
/// let scores = weights.multiply(x, bias: intercepts)
/// ```
final class QuantisedWeights: @unchecked Sendable {
    let rows: Int
    let columns: Int
    /// Keeps `scales` and `codes` alive.
    private let owner: OwnedBytes
    /// `rows` little-endian `Float32` (checked: finite, 0 ≤ scale ≤ max / 127).
    private let scales: UnsafeRawBufferPointer
    /// `rows × columns` codes, row-major (checked: none is −128).
    private let codes: UnsafePointer<Int8>?
    private let lock = NSLock()
    private var made: Matrix?

    /// The weights in `scales` and `codes` (bytes of `owner`), which the caller checked.
    init(owner: OwnedBytes, scales: UnsafeRawBufferPointer, codes: UnsafeRawBufferPointer, rows: Int, columns: Int) {
        precondition(scales.count == rows * 4 && codes.count == rows * columns, "QuantisedWeights: sizes")
        self.owner = owner
        self.scales = scales
        self.codes = codes.baseAddress?.assumingMemoryBound(to: Int8.self)
        self.rows = rows
        self.columns = columns
    }

    /// Row `j`'s scale.
    @inline(__always)
    func scale(_ j: Int) -> Float {
        Float(bitPattern: UInt32(littleEndian: scales.loadUnaligned(fromByteOffset: j * 4, as: UInt32.self)))
    }

    /// Weight `(j, c)`, as the dense matrix holds it.
    func weight(_ j: Int, _ c: Int) -> Float {
        guard let codes else { return 0 }
        return Float(codes[j * columns + c]) * scale(j)
    }

    /// Every weight as a `rows × columns` matrix (made once, then shared).
    var dense: Matrix {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let cells = rows * columns
        let values = ContiguousArray<Float>(unsafeUninitializedCapacity: cells) { out, initialized in
            if cells > 0, let codes, let w = out.baseAddress {
                for j in 0..<rows { Self.dequantise(codes + j * columns, scale: scale(j), into: w + j * columns, count: columns) }
            }
            initialized = cells
        }
        let matrix = Matrix(rows: rows, columns: columns, elements: values)
        made = matrix
        return matrix
    }

    /// `x·W + 1·biasᵀ` (rows of `x` × ``columns``), bit-identical to the dense
    /// product: each output row starts from `bias` and adds `value × weight` per
    /// non-zero in order, eight columns at a time.
    func multiply(_ x: SparseMatrix, bias: [Float]) -> Matrix {
        precondition(x.columns == rows && bias.count == columns, "QuantisedWeights.multiply: shapes")
        var out = Matrix(rows: x.rows, columns: columns)
        let k = columns
        guard x.rows > 0, k > 0, let codes else { return out }
        out.withUnsafeMutableStorage { out in
            x.rowOffsets.withUnsafeBufferPointer { offsets in
                x.columnIndices.withUnsafeBufferPointer { indices in
                    x.values.withUnsafeBufferPointer { values in
                        bias.withUnsafeBufferPointer { bias in
                            Parallelism.forEachBlock(of: x.rows, blockSize: 256) { block in
                                for i in block {
                                    let dst = out.baseAddress! + i * k
                                    dst.update(from: bias.baseAddress!, count: k)
                                    for p in offsets[i]..<offsets[i + 1] {
                                        let j = Int(indices[p])
                                        Self.addScaled(values[p], codes + j * k, scale: scale(j), into: dst, count: k)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// `w[c] = Float(q[c]) × scale` for `count` columns, eight at a time (the
    /// dequantisation every reader of these weights shares).
    @inline(__always)
    static func dequantise(_ q: UnsafePointer<Int8>, scale: Float, into w: UnsafeMutablePointer<Float>, count: Int) {
        var c = 0
        while c + 8 <= count {
            let codes = UnsafeRawPointer(q + c).loadUnaligned(as: SIMD8<Int8>.self)
            let values = SIMD8<Float>(SIMD8<Int32>(truncatingIfNeeded: codes)) * scale
            UnsafeMutableRawPointer(w + c).storeBytes(of: values, as: SIMD8<Float>.self)
            c += 8
        }
        while c < count {
            w[c] = Float(q[c]) * scale
            c += 1
        }
    }

    /// `dst[c] += v × (Float(q[c]) × scale)` for `count` columns: the dense kernel's
    /// `dst[c] += v × w[c]` with each weight made as ``dequantise(_:scale:into:count:)`` makes it.
    @inline(__always)
    static func addScaled(_ v: Float, _ q: UnsafePointer<Int8>, scale: Float, into dst: UnsafeMutablePointer<Float>, count: Int) {
        let d = UnsafeMutableRawPointer(dst)
        var c = 0
        while c + 8 <= count {
            let codes = UnsafeRawPointer(q + c).loadUnaligned(as: SIMD8<Int8>.self)
            let weights = SIMD8<Float>(SIMD8<Int32>(truncatingIfNeeded: codes)) * scale
            let offset = c * MemoryLayout<Float>.stride
            let sum = d.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self) + v * weights
            d.storeBytes(of: sum, toByteOffset: offset, as: SIMD8<Float>.self)
            c += 8
        }
        while c < count {
            dst[c] += v * (Float(q[c]) * scale)
            c += 1
        }
    }
}
