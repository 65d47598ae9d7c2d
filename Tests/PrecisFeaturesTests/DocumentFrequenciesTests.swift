import Foundation
import Testing
import PrecisFeatures
import PrecisLinearAlgebra

struct DocumentFrequenciesTests {
    static let texts = ["the cat sat on the mat", "a dog ran", "the dog and the cat", "stocks fell sharply",
                        "shares rose", "the market fell", "cats and dogs", "bank shares rose again"]
    static let labels = ["pets", "pets", "pets", "markets", "markets", "markets", "pets", "markets"]
    static func hashing(_ columns: Int = 64) -> HashingVectorizer {
        var config = TfidfConfiguration()
        config.ngramRange = 1...2
        config.sublinearTF = true
        return HashingVectorizer(featureCount: columns, alternateSign: false, configuration: config)
    }

    @Test("counts summed over partitions equal the counts of the whole corpus, and give fit's idf")
    func mergeEqualsWhole() throws {
        let hashing = Self.hashing()
        var whole = try DocumentFrequencies(vectorizer: hashing)
        try whole.add(Self.texts, labels: Self.labels)
        var parts: [DocumentFrequencies] = []
        for p in 0..<3 {
            var part = try DocumentFrequencies(vectorizer: hashing)
            let rows = Array(stride(from: p, to: Self.texts.count, by: 3))
            try part.add(rows.map { Self.texts[$0] }, labels: rows.map { Self.labels[$0] })
            parts.append(part)
        }
        let merged = try DocumentFrequencies.merged(parts)
        #expect(merged == whole)
        #expect(merged.documents == 8)
        #expect(merged.labelCounts == ["pets": 4, "markets": 4])
        #expect(try merged.model() == (try hashing.fit(Self.texts)), "the idf one process learns")
        // Batches add up the same way as one call.
        var batched = try DocumentFrequencies(vectorizer: hashing)
        try batched.add(Array(Self.texts[..<5]), labels: Array(Self.labels[..<5]))
        try batched.add(Array(Self.texts[5...]), labels: Array(Self.labels[5...]))
        #expect(batched == whole)
        // A column's count is the number of documents with a term in it.
        let columns = try hashing.counts(["cat"]).columnIndices
        #expect(whole.counts[Int(columns[0])] >= 2)
    }

    @Test("weighing cached counts gives transform's bits, for every norm and tf setting, sorted rows or not")
    func weighEqualsTransform() throws {
        for norm in Norm.allCases {
            for sublinear in [false, true] {
                var config = TfidfConfiguration()
                config.ngramRange = 1...2
                config.sublinearTF = sublinear
                config.norm = norm
                let hashing = HashingVectorizer(featureCount: 512, alternateSign: false, configuration: config)
                let model = try hashing.fit(Self.texts + ["the the the cat cat", ""])
                let documents = Self.texts + ["the the the cat cat", "", "dog dog dog dog dog"]
                let counts = try hashing.counts(documents)             // sorted rows: the in-place path
                let expected = model.transform(documents)
                #expect(try model.weigh(counts: counts) == expected)
                // The same rows with each row's entries reversed take the general path.
                var indices = counts.columnIndices, values = counts.values
                for i in 0..<counts.rows {
                    let r = counts.rowOffsets[i]..<counts.rowOffsets[i + 1]
                    indices[r].reverse()
                    values[r].reverse()
                }
                let shuffled = SparseMatrix(rows: counts.rows, columns: counts.columns, rowOffsets: counts.rowOffsets,
                                            columnIndices: indices, values: values)
                #expect(try model.weigh(counts: shuffled) == expected)
            }
        }
    }

    @Test("weighing counts no hashing vectoriser makes is an error, never a trap", arguments: [
        Float(-1), -.infinity, .infinity, .nan, 2.5, 0x1p32, -0.5,
    ])
    func weighRefusesBadCounts(bad: Float) throws {
        let hashing = HashingVectorizer(featureCount: 64, alternateSign: false)
        let model = try hashing.fit(Self.texts)
        let good = try hashing.counts(["the cat sat on the mat", "dogs bark"])
        for reversed in [false, true] {     // the in-place path (sorted rows) and the general one
            var indices = good.columnIndices, values = good.values
            values[values.count - 1] = bad
            if reversed { indices[0..<good.rowOffsets[1]].reverse(); values[0..<good.rowOffsets[1]].reverse() }
            let counts = SparseMatrix(rows: good.rows, columns: 64, rowOffsets: good.rowOffsets, columnIndices: indices, values: values)
            #expect(throws: FeatureError.self) { try model.weigh(counts: counts) }
        }
        // A column out of range, and a matrix of other columns.
        var indices = good.columnIndices
        indices[0] = 64
        let outside = SparseMatrix(rows: good.rows, columns: 64, rowOffsets: good.rowOffsets, columnIndices: indices, values: good.values)
        #expect(throws: FeatureError.self) { try model.weigh(counts: outside) }
        #expect(throws: FeatureError.self) { try model.weigh(counts: SparseMatrix(rows: 1, columns: 65)) }
        // Whole counts up to 2^32 - 256 (the largest Float below 2^32) are weighed.
        var values = good.values
        values[0] = 0x1p32 - 256
        let large = SparseMatrix(rows: good.rows, columns: 64, rowOffsets: good.rowOffsets, columnIndices: good.columnIndices, values: values)
        #expect(try model.weigh(counts: large).rows == good.rows)
    }

    @Test("the text format round-trips exactly and is deterministic")
    func roundTrip() throws {
        var stop = TfidfConfiguration()
        stop.stopWords = ["the", "a", "and", "on"]
        var counts = try DocumentFrequencies(vectorizer: HashingVectorizer(featureCount: 1 << 12, alternateSign: false, configuration: stop))
        try counts.add(Self.texts, labels: Self.labels)
        let bytes = try counts.encoded()
        let again = try DocumentFrequencies(decoding: bytes, path: "x.df")
        #expect(again == counts)
        #expect(try again.encoded() == bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.split(separator: "\n")
        #expect(lines[0].hasPrefix("{") && lines[0].contains("\"format\":\"precis-document-frequencies\""))
        #expect(lines[0].contains("\"stop_words\":[\"a\",\"and\",\"on\",\"the\"]"))
        #expect(lines.count - 1 == counts.counts.filter { $0 > 0 }.count, "one line per used column")
    }

    @Test("counts with other columns are refused, naming the setting")
    func incompatible() throws {
        var a = try DocumentFrequencies(vectorizer: Self.hashing(64))
        try a.add(["x y"])
        for other in [Self.hashing(128), HashingVectorizer(featureCount: 64, alternateSign: false, configuration: TfidfConfiguration())] {
            var b = try DocumentFrequencies(vectorizer: other)
            try b.add(["x y"])
            #expect(throws: DocumentFrequenciesError.self) { try a.merge(b) }
            #expect(a.incompatibility(with: b) != nil)
        }
        // Weighting settings do not change the columns: those counts merge.
        var weighting = Self.hashing(64)
        weighting.configuration.sublinearTF = false
        weighting.configuration.norm = .l1
        var c = try DocumentFrequencies(vectorizer: weighting)
        try c.add(["x z"])
        #expect(a.incompatibility(with: c) == nil)
        #expect(throws: (any Error).self) { try DocumentFrequencies(vectorizer: HashingVectorizer(featureCount: 64, alternateSign: true)) }
        #expect(throws: DocumentFrequenciesError.self) { try a.add(["one"], labels: []) }
        #expect(throws: DocumentFrequenciesError.self) { try DocumentFrequencies.merged([]) }
    }

    @Test("a malformed file is refused naming the file and line", arguments: [
        ("not json\n", 1, "JSON header"),
        ("{\"format\":\"other\"}\n", 1, "JSON header"),
        ("HEADER\n5\t1\n3\t1\n", 3, "out of order"),
        ("HEADER\n5\t1\n5\t1\n", 3, "out of order"),
        ("HEADER\n64\t1\n", 2, "outside"),
        ("HEADER\n3\t9\n", 2, "exceeds"),
        ("HEADER\n3 1\n", 2, "column<TAB>count"),
        ("HEADER\n3\t-1\n", 2, "column<TAB>count"),
        ("HEADER\n3\t99999999999999999999999\n", 2, "column<TAB>count"),
    ])
    func malformed(text: String, line: Int, fragment: String) throws {
        var counts = try DocumentFrequencies(vectorizer: Self.hashing(64))
        try counts.add(["a b c", "d e"])
        let header = String(decoding: try counts.encoded(), as: UTF8.self).split(separator: "\n")[0]
        let data = Data(text.replacingOccurrences(of: "HEADER", with: String(header)).utf8)
        #expect { try DocumentFrequencies(decoding: data, path: "bad.df") } throws: { error in
            let e = error as? DocumentFrequenciesError
            return e?.path == "bad.df" && e?.line == line && "\(error)".contains(fragment)
        }
        #expect(throws: DocumentFrequenciesError.self) { try DocumentFrequencies.read(path: "/nonexistent/x.df") }
    }
}
