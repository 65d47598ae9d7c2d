import CBLAS

/// Whether a BLAS routine reads an operand as stored or transposed.
public enum Transpose: Sendable {
    /// Use the operand as stored.
    case none
    /// Use the transpose of the operand.
    case transposed

    @usableFromInline
    var cblas: CBLAS_TRANSPOSE {
        switch self {
        case .none: return CblasNoTrans
        case .transposed: return CblasTrans
        }
    }
}
