import Testing
import Foundation
import PrecisCore
@testable import PrecisClassification
import PrecisFeatures
import PrecisTestSupport

/// Out-of-core training of hashed models: the same model as in memory when the
/// data fits one window, deterministic for a seed, and a model file like any other.
struct StreamingTrainerTests {
    /// A small three-topic corpus with overlapping words.
    static func corpus(_ n: Int, seed: UInt64 = 3) -> (texts: [String], labels: [String]) {
        let topics = [
            "sport": ["match", "goal", "team", "score", "league", "coach", "win"],
            "tech": ["software", "chip", "phone", "network", "data", "code", "server"],
            "money": ["bank", "shares", "market", "profit", "rates", "trade", "price"],
        ]
        let shared = ["the", "new", "report", "today", "said", "year", "people"]
        let names = topics.keys.sorted()
        var rng = SeededGenerator(seed: seed)
        var texts: [String] = [], labels: [String] = []
        for i in 0..<n {
            let label = names[i % names.count]
            let words = (0..<12).map { k -> String in
                let pool = k % 3 == 0 ? shared : topics[label]!
                return pool[rng.nextIndex(below: pool.count)]
            }
            texts.append(words.joined(separator: " "))
            labels.append(label)
        }
        return (texts, labels)
    }

    static let vectorizer = TfidfConfiguration.classifierDefaults.withoutVocabularyOptions

    /// Streams `texts` to `trainer` in blocks of `block` documents.
    static func streamed(_ trainer: StreamingTrainer, _ data: (texts: [String], labels: [String]), block: Int) throws -> TextClassifier {
        try trainer.fit { add in
            for start in stride(from: 0, to: data.texts.count, by: block) {
                let end = min(start + block, data.texts.count)
                try add(Array(data.labels[start..<end]), Array(data.texts[start..<end]))
            }
        }
    }

    @Test("fits in one window: the same model file bytes as in-memory hashed training")
    func sameAsInMemory() throws {
        let data = Self.corpus(300)
        var memory = TextClassifierTrainer(vectorizer: Self.vectorizer)
        memory.hashing = 1 << 12
        let expected = try memory.fit(texts: data.texts, labels: data.labels).classifier
        let trainer = StreamingTrainer(vectorizer: Self.vectorizer, featureCount: 1 << 12)
        for block in [1, 37, 300] {
            let got = try Self.streamed(trainer, data, block: block)
            #expect(got.vectorizer == expected.vectorizer)
            #expect(got.model.weights.storage == expected.model.weights.storage)
            #expect(got.model.intercepts == expected.model.intercepts)
            #expect(try ModelFile.encode(got) == ModelFile.encode(expected))
        }
    }

    @Test("many windows: deterministic for a seed, a different seed gives other weights, and it learns")
    func deterministic() throws {
        let data = Self.corpus(600)
        var trainer = StreamingTrainer(vectorizer: Self.vectorizer, featureCount: 1 << 10)
        trainer.windowDocuments = 64
        let a = try Self.streamed(trainer, data, block: 25)
        let b = try Self.streamed(trainer, data, block: 25)
        #expect(try ModelFile.encode(a) == ModelFile.encode(b))
        trainer.classifier.seed = 7
        let c = try Self.streamed(trainer, data, block: 25)
        #expect(c.model.weights.storage != a.model.weights.storage)
        let test = Self.corpus(150, seed: 99)
        let predicted = a.predict(test.texts)
        let accuracy = Double(zip(predicted, test.labels).filter { $0 == $1 }.count) / Double(test.labels.count)
        #expect(accuracy > 0.95)
    }

    @Test("a hashed model round-trips through its file and predicts the same")
    func modelFile() throws {
        let data = Self.corpus(200)
        let trained = try Self.streamed(StreamingTrainer(vectorizer: Self.vectorizer, featureCount: 1 << 11), data, block: 50)
        let bytes = try ModelFile.encode(trained)
        let again = try bytes.withUnsafeBytes { try ModelFile.decode($0, path: "m.precis") }
        #expect(again.vectorizer.hashedFeatureCount == 1 << 11)
        #expect(again.predict(data.texts) == trained.predict(data.texts))
        #expect(again.vectorizer.term(5) == "hash:5")
    }

    @Test("bad settings and data are refused")
    func refused() throws {
        var trainer = StreamingTrainer(vectorizer: TfidfConfiguration.classifierDefaults, featureCount: 1 << 10)
        #expect(throws: ConfigurationError.self) { try trainer.validate() }       // min-df needs a vocabulary
        trainer.vectorizer = Self.vectorizer
        trainer.classifier.solver = .lbfgs
        #expect(throws: ConfigurationError.self) { try trainer.validate() }
        trainer.classifier.solver = .sgd
        #expect(throws: ClassificationError.self) { try trainer.fit { add in try add(["a", "a"], ["x y", "y z"]) } }
        #expect(throws: ClassificationError.self) { try trainer.fit { _ in } }
    }
}
