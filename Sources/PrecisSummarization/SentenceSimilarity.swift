import PrecisLinearAlgebra
import PrecisFeatures

/// Cosine similarities between sentence vectors, computed as one dense
/// `BLAS.syrk` (`S = X·Xᵀ`) on the sentence × term matrix.
///
/// Only terms shared by at least two sentences can make two sentences
/// similar, so the dense matrix keeps just those columns (the rows were
/// already L2-normalised over all terms): the product is exact and, for long
/// documents, several times smaller.
///
/// ```swift
/// let v = SentenceVectorizer().vectorize(["Rates rose.", "Rates fell.", "Snow."])
/// let s = SentenceSimilarity.matrix(v)
/// s[0, 1] > 0     // true
/// s[0, 2]         // 0
/// ```
public enum SentenceSimilarity {
    /// The `n × n` cosine-similarity matrix of the vectors' rows (diagonal included).
    public static func matrix(_ vectors: SentenceVectorizer.Vectors) -> Matrix {
        let x = vectors.matrix
        let n = x.rows
        var column = [Int32](repeating: -1, count: x.columns)
        var kept = 0
        for (j, df) in vectors.documentFrequency.enumerated() where df >= 2 {
            column[j] = Int32(kept)
            kept += 1
        }
        var similarity = Matrix(rows: n, columns: n)
        guard n > 0 else { return similarity }
        if kept > 0 {
            var dense = Matrix(rows: n, columns: kept)
            dense.withUnsafeMutableStorage { d in
                for i in 0..<n {
                    for k in x.rowOffsets[i]..<x.rowOffsets[i + 1] {
                        let c = column[Int(x.columnIndices[k])]
                        if c >= 0 { d[i * kept + Int(c)] = x.values[k] }
                    }
                }
            }
            BLAS.syrk(dense, into: &similarity)
        }
        // Self-similarity is 1 for any sentence with terms (its row is unit length).
        for i in 0..<n where x.rowOffsets[i + 1] > x.rowOffsets[i] { similarity[i, i] = 1 }
        return similarity
    }
}
