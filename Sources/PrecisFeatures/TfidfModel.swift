import Foundation

/// A fitted TF-IDF vectorizer: vocabulary, idf weights and the configuration
/// they were learnt with. A plain value: save it, load it, share it.
///
/// ```swift
/// let model = try TfidfVectorizer().fit(trainingTexts)
/// let x = model.transform(["a new document"])
/// ```
public struct TfidfModel: Equatable, Sendable {
    /// The configuration used to fit.
    public let configuration: TfidfConfiguration
    /// Feature names; feature `j` is `vocabulary[j]`. Sorted by UTF-8 bytes.
    public let vocabulary: [String]
    /// Inverse document frequency of each feature.
    public let idf: [Float]
    private let index: [String: Int32]

    /// A model from its parts (as stored in a model file).
    public init(configuration: TfidfConfiguration, vocabulary: [String], idf: [Float]) {
        precondition(vocabulary.count == idf.count, "TfidfModel: one idf per term")
        self.configuration = configuration
        self.vocabulary = vocabulary
        self.idf = idf
        var index: [String: Int32] = [:]
        index.reserveCapacity(vocabulary.count)
        for (j, term) in vocabulary.enumerated() { index[term] = Int32(j) }
        self.index = index
    }

    public static func == (lhs: TfidfModel, rhs: TfidfModel) -> Bool {
        lhs.configuration == rhs.configuration && lhs.vocabulary == rhs.vocabulary && lhs.idf == rhs.idf
    }

    /// Number of features (columns of the matrices this model produces).
    public var featureCount: Int { vocabulary.count }

    /// The column of `term`, if it is in the vocabulary.
    public func featureIndex(of term: String) -> Int? { index[term].map(Int.init) }

    /// The TF-IDF matrix of `documents`: one row per document, ``featureCount`` columns.
    /// Terms outside the vocabulary are ignored.
    public func transform(_ documents: [String]) -> SparseMatrix {
        transform(counts: documents.map { TermCounter.count($0, configuration: configuration) })
    }

    func transform(counts: [[String: Int]]) -> SparseMatrix {
        var builder = SparseMatrix.Builder(columns: featureCount)
        var entries: [(Int32, Float)] = []
        for doc in counts {
            entries.removeAll(keepingCapacity: true)
            for (term, n) in doc {
                guard let j = index[term] else { continue }
                var tf = Float(n)
                if configuration.sublinearTF { tf = 1 + Float(log(Double(n))) }
                entries.append((j, configuration.useIDF ? tf * idf[Int(j)] : tf))
            }
            entries.sort { $0.0 < $1.0 }
            var values = entries.map(\.1)
            Self.normalize(&values, configuration.norm)
            builder.appendRow(indices: entries.map(\.0), values: values)
        }
        return builder.build()
    }

    static func normalize(_ values: inout [Float], _ norm: Norm) {
        let total: Double
        switch norm {
        case .none: return
        case .l2: total = values.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot()
        case .l1: total = values.reduce(0) { $0 + Double(abs($1)) }
        }
        guard total > 0 else { return }
        for k in values.indices { values[k] = Float(Double(values[k]) / total) }
    }
}
