import Precis

/// A small, fast JSON writer for the summariser's output (strings escaped per RFC 8259).
struct SummaryJSON {
    var bytes: [UInt8] = []

    mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

    mutating func string(_ s: String) {
        bytes.append(0x22)
        var s = s
        s.withUTF8 { u in
            var i = 0
            while i < u.count {
                // Copy the run of characters that need no escape in one go.
                var e = i
                while e < u.count && u[e] >= 0x20 && u[e] != 0x22 && u[e] != 0x5C { e += 1 }
                if e > i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[i..<e])) }
                guard e < u.count else { break }
                let b = u[e]
                switch b {
                case 0x22: bytes.append(0x5C); bytes.append(0x22)
                case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
                case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
                case 0x0D: bytes.append(0x5C); bytes.append(0x72)
                case 0x09: bytes.append(0x5C); bytes.append(0x74)
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]])
                }
                i = e + 1
            }
        }
        bytes.append(0x22)
    }

    mutating func number(_ x: Double) {
        if x.isFinite { raw("\(x)") } else { raw("null") }
    }

    mutating func number(_ x: Float) {
        if x.isFinite { raw("\(x)") } else { raw("null") }
    }

    /// `"summary": ..., "sentences": [{"index","text","score"}]` (without braces).
    mutating func summaryFields(_ summary: Summary) {
        raw("\"summary\":")
        string(summary.text)
        raw(",\"sentences\":[")
        for (k, s) in summary.sentences.enumerated() {
            if k > 0 { raw(",") }
            raw("{\"index\":\(s.index),\"text\":")
            string(s.text)
            raw(",\"score\":")
            number(s.score)
            raw("}")
        }
        raw("]")
    }

    mutating func rouge(_ name: String, _ s: RougeScore) {
        raw("\"\(name)\":{\"precision\":")
        number(s.precision * 100)
        raw(",\"recall\":")
        number(s.recall * 100)
        raw(",\"f1\":")
        number(s.f1 * 100)
        raw("}")
    }
}
