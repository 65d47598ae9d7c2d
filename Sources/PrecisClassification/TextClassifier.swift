import PrecisFeatures
import PrecisLinearAlgebra

/// A complete topic classifier: the fitted TF-IDF vectoriser, the logistic-regression
/// weights, the class labels and where they came from. What a model file holds.
///
/// ```swift
/// let classifier = try ModelFile.read(path: "Models/bbc-news.precis")
/// let result = classifier.classify(["Shares rose after the bank's results"], top: 2)[0]
/// result.label                      // "business"
/// result.probabilities.map(\.label)  // ["business", "politics"], most probable first
/// ```
public struct TextClassifier: Sendable {
    /// Text → TF-IDF features.
    public var vectorizer: TfidfModel
    /// Features → class scores.
    public var model: LogisticRegressionModel
    /// Class names; class `c` is `labels[c]`. Sorted by UTF-8 bytes.
    public var labels: [String]
    /// Provenance and training scores.
    public var metadata: TrainingMetadata
    /// For a multi-label model (one-vs-rest, independent probabilities): its per-label
    /// thresholds; nil for a single-label model. See `TextClassifier+MultiLabel.swift`.
    public var multiLabel: MultiLabelDecision?

    /// A classifier from its parts.
    ///
    /// - Precondition: the parts agree in size.
    public init(vectorizer: TfidfModel, model: LogisticRegressionModel, labels: [String], metadata: TrainingMetadata) {
        precondition(model.featureCount == vectorizer.featureCount, "TextClassifier: vectoriser and weights disagree on features")
        precondition(model.classCount == labels.count, "TextClassifier: one label per class")
        self.vectorizer = vectorizer
        self.model = model
        self.labels = labels
        self.metadata = metadata
    }

    /// A label and the probability the classifier gives it.
    public struct LabelProbability: Sendable, Equatable, Codable {
        /// The class label.
        public var label: String
        /// Its probability.
        public var probability: Float
    }

    /// The `top` most probable of `candidates` (default: every class), most
    /// probable first (ties: the class that comes first in ``labels``), with their
    /// probabilities from `row` (one per class, in ``labels`` order).
    ///
    /// ```swift
    /// classifier.rankedLabels([0.1, 0.7, 0.2], top: 2).map(\.label)   // [labels[1], labels[2]]
    /// ```
    public func rankedLabels<Row: RandomAccessCollection>(_ row: Row, among candidates: [Int]? = nil, top: Int = .max) -> [LabelProbability]
    where Row.Element == Float, Row.Index == Int {
        let order = (candidates ?? Array(row.indices)).sorted { a, b in
            row[a] != row[b] ? row[a] > row[b] : a < b
        }
        return order.prefix(max(top, 0)).map { LabelProbability(label: labels[$0], probability: row[$0]) }
    }

    /// One document's prediction. Encodes as the SPEC's JSON: `label`, and
    /// `probabilities` as an object from label to probability.
    public struct Classification: Sendable, Equatable, Codable {
        /// The most probable label.
        public var label: String
        /// The top labels with their probabilities, most probable first.
        public var probabilities: [LabelProbability]

        private enum CodingKeys: String, CodingKey { case label, probabilities }

        /// A prediction from its parts.
        public init(label: String, probabilities: [LabelProbability]) {
            self.label = label
            self.probabilities = probabilities
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            label = try c.decode(String.self, forKey: .label)
            probabilities = try c.decode([String: Float].self, forKey: .probabilities)
                .map { LabelProbability(label: $0.key, probability: $0.value) }
                .sorted { $0.probability != $1.probability ? $0.probability > $1.probability : $0.label < $1.label }
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(label, forKey: .label)
            try c.encode(Dictionary(probabilities.map { ($0.label, $0.probability) }, uniquingKeysWith: { a, _ in a }),
                         forKey: .probabilities)
        }
    }

    /// Class probabilities of each text (rows × classes, in ``labels`` order).
    public func probabilities(_ texts: [String]) -> Matrix {
        model.probabilities(vectorizer.transform(texts))
    }

    /// The most probable label of each text.
    public func predict(_ texts: [String]) -> [String] {
        model.predict(vectorizer.transform(texts)).map { labels[$0] }
    }

    /// The label and the `top` most probable classes of each text.
    public func classify(_ texts: [String], top: Int = 1) -> [Classification] {
        classifications(probabilities(texts), top: top)
    }

    /// The classifications of the rows of a probability matrix.
    func classifications(_ p: Matrix, top: Int) -> [Classification] {
        return (0..<p.rows).map { i in
            let best = rankedLabels(p.row(i), top: max(1, top))
            return Classification(label: best[0].label, probabilities: best)
        }
    }

    /// A term's share in a prediction: its TF-IDF value times its weight for the class,
    /// minus its average weight over all classes (so it says how much the term pushed
    /// *this* class ahead of the others).
    public struct Contribution: Sendable, Equatable, Codable {
        /// The vocabulary term (a word or n-gram).
        public var term: String
        /// Its contribution to the class's score margin.
        public var weight: Float
    }

    /// The terms of `text` that pushed the class `label` most (largest positive
    /// contributions first), at most `top` of them.
    ///
    /// ```swift
    /// classifier.explain("Arsenal won the match", label: "sport", top: 3)
    /// // [("match", 0.41), ("won", 0.12), ("arsenal", 0.10)]
    /// ```
    public func explain(_ text: String, label: String, top: Int = 10) -> [Contribution] {
        guard let c = labels.firstIndex(of: label) else { return [] }
        let x = vectorizer.transform([text])
        let row = x.row(0)
        let k = labels.count
        var contributions: [Contribution] = []
        for (j, v) in zip(row.indices, row.values) {
            let feature = Int(j)
            var mean: Float = 0
            for cls in 0..<k { mean += model.weight(feature, cls) }
            mean /= Float(k)
            let push = v * (model.weight(feature, c) - mean)
            if push > 0 { contributions.append(Contribution(term: vectorizer.term(feature), weight: push)) }
        }
        contributions.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.term < $1.term }
        return Array(contributions.prefix(max(0, top)))
    }

    /// A class and its most characteristic terms.
    public struct ClassTerms: Sendable, Equatable, Codable {
        /// The class label.
        public var label: String
        /// Its terms, largest weight first.
        public var terms: [Contribution]
    }

    /// The `top` terms with the largest weight for each class (margin over the mean
    /// weight of the term across classes), for `precis inspect`.
    ///
    /// ```swift
    /// classifier.topTerms(per: 3)[0]    // ClassTerms(label: "business", terms: [("shares", 2.1), …])
    /// ```
    public func topTerms(per top: Int) -> [ClassTerms] {
        let k = labels.count
        let weights = model.weights
        return labels.enumerated().map { c, label in
            var scored: [Contribution] = []
            scored.reserveCapacity(vectorizer.featureCount)
            for j in 0..<vectorizer.featureCount {
                var mean: Float = 0
                for cls in 0..<k { mean += weights[j, cls] }
                mean /= Float(k)
                scored.append(Contribution(term: vectorizer.term(j), weight: weights[j, c] - mean))
            }
            let best = scored.sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.term < $1.term }.prefix(top)
            return ClassTerms(label: label, terms: Array(best))
        }
    }
}
