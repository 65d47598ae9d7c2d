import Foundation
import PrecisFeatures
import PrecisLinearAlgebra
import PrecisText
import PrecisTestSupport

/// The scikit-learn parity fixture in `Data/fixtures/tfidf/` (see its README).
enum ParityFixture {
    static let folder = TestPaths.projectData.appendingPathComponent("fixtures/tfidf")

    static var documents: [String] {
        get throws {
            let text = try String(contentsOf: folder.appendingPathComponent("documents.txt"), encoding: .utf8)
            return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        }
    }

    static func json(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent(name))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    /// A configuration from scikit-learn keyword arguments as stored in the fixture.
    static func configuration(_ settings: [String: Any]) -> TfidfConfiguration {
        var config = TfidfConfiguration()
        if let r = settings["ngram_range"] as? [Int] { config.ngramRange = r[0]...r[1] }
        if let v = settings["min_df"] as? NSNumber { config.minDF = frequency(v) }
        if let v = settings["max_df"] as? NSNumber { config.maxDF = frequency(v) }
        if let v = settings["max_features"] as? Int { config.maxFeatures = v }
        if settings["stop_words"] as? String == "english" { config.stopWords = StopWords.english }
        if let v = settings["sublinear_tf"] as? Bool { config.sublinearTF = v }
        if let v = settings["smooth_idf"] as? Bool { config.smoothIDF = v }
        if let v = settings["use_idf"] as? Bool { config.useIDF = v }
        if settings.keys.contains("norm") {
            config.norm = (settings["norm"] as? String).flatMap(Norm.init(rawValue:)) ?? .none
        }
        return config
    }

    private static func frequency(_ n: NSNumber) -> DocumentFrequency {
        let type = String(cString: n.objCType)
        return type == "d" || type == "f" ? .proportion(n.doubleValue) : .count(n.intValue)
    }

    /// Expected rows: per row, (column, value) pairs.
    static func rows(_ object: Any?) -> [[(Int32, Double)]] {
        (object as! [[[Double]]]).map { $0.map { (Int32($0[0]), $0[1]) } }
    }

    /// Whether `matrix` equals `expected` at float32 precision (values within
    /// a few float32 ulps of scikit-learn's float64 values); the first
    /// mismatch is described.
    static func mismatch(_ matrix: SparseMatrix, _ expected: [[(Int32, Double)]]) -> String? {
        guard matrix.rows == expected.count else { return "rows \(matrix.rows) != \(expected.count)" }
        for i in 0..<matrix.rows {
            let row = matrix.row(i)
            let want = expected[i]
            guard Array(row.indices) == want.map(\.0) else {
                return "row \(i): columns \(Array(row.indices)) != \(want.map(\.0))"
            }
            for (got, (_, value)) in zip(row.values, want) {
                let tolerance = 4 * Double(Float(value).ulp) + 1e-12
                if abs(Double(got) - value) > tolerance { return "row \(i): \(got) != \(value)" }
            }
        }
        return nil
    }
}
