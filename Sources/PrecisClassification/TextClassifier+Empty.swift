import PrecisLinearAlgebra
import PrecisText

extension TextClassifier {
    /// Whether each text gives the model nothing to go on: no word outside the
    /// English stop-word list, or no term the model knows. Such a text only gets
    /// the intercepts' prior, so a classifier should say so rather than answer
    /// with a confident-looking label.
    ///
    /// ```swift
    /// classifier.isUninformative(["", "the of and", "Arsenal won"])   // [true, true, false]
    /// ```
    public func isUninformative(_ texts: [String]) -> [Bool] {
        isUninformative(texts, features: vectorizer.transform(texts))
    }

    /// ``classify(_:top:)`` and ``isUninformative(_:)`` of `texts` together, from
    /// one pass of the vectoriser (what a streaming `classify` needs per block).
    ///
    /// ```swift
    /// let (results, empty) = classifier.classifyFlaggingUninformative(["", "Arsenal won"], top: 1)
    /// ```
    public func classifyFlaggingUninformative(_ texts: [String], top: Int = 1) -> (results: [Classification], uninformative: [Bool]) {
        let x = vectorizer.transform(texts)
        return (classifications(model.probabilities(x), top: top), isUninformative(texts, features: x))
    }

    func isUninformative(_ texts: [String], features x: SparseMatrix) -> [Bool] {
        let tokenizer = Tokenizer()
        return texts.indices.map { i in
            if x.row(i).indices.isEmpty { return true }
            var content = false
            tokenizer.forEachToken(in: texts[i]) { token in
                if !content && !StopWords.english.contains(String(decoding: token, as: UTF8.self)) { content = true }
            }
            return !content
        }
    }
}
