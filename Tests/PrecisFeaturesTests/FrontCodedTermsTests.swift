import Testing
import PrecisCore
@testable import PrecisFeatures

/// ``FrontCodedTerms``: a model file's front-coded vocabulary, searched in place.
/// Every term is found at its column, every other key is absent, and hostile
/// records are refused (an error, never a trap).
struct FrontCodedTermsTests {
    struct Refused: Error { let message: String }

    /// The records of `terms` (strictly ascending): per term, varint shared, varint
    /// suffix, suffix bytes — as a model file's `VOCF` section holds them after its header.
    static func records(_ terms: [[UInt8]]) -> [UInt8] {
        var out: [UInt8] = []
        func varint(_ value: Int) {
            var v = value
            while v >= 0x80 { out.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
            out.append(UInt8(v))
        }
        var previous: [UInt8] = []
        for term in terms {
            var shared = 0
            while shared < min(previous.count, term.count) && previous[shared] == term[shared] { shared += 1 }
            varint(shared)
            varint(term.count - shared)
            out += term[shared...]
            previous = term
        }
        return out
    }

    static func make(_ records: [UInt8], count: Int, total: Int) throws -> FrontCodedTerms {
        let owner = OwnedBytes(count: records.count) { $0.copyBytes(from: records) }
        return try FrontCodedTerms(owner: owner, records: owner.bytes, count: count, totalBytes: total) { Refused(message: $0) }
    }

    static func make(_ terms: [[UInt8]]) throws -> FrontCodedTerms {
        try make(records(terms), count: terms.count, total: terms.reduce(0) { $0 + $1.count })
    }

    static func column(_ terms: FrontCodedTerms, _ key: [UInt8]) -> Int {
        key.withUnsafeBufferPointer { terms.column(of: $0) }
    }

    /// A sorted vocabulary with shared prefixes, multi-byte characters cut by the
    /// shared length (é = C3 A9, ê = C3 AA), n-grams and a long term.
    static let sample: [[UInt8]] = {
        var words = ["a", "ab", "abc", "abd", "b", "b c", "café", "cafê", "cafés", "naïve", "über", "x", "xy z",
                     "zoo", "zoology", "日本", "日本語", String(repeating: "long", count: 80), "é", "ê", "€"]
        words += (0..<300).map { "word\($0)" } + (0..<40).map { "w\($0) w\($0 + 1)" }
        return Set(words.map { Array($0.utf8) }).sorted { $0.lexicographicallyPrecedes($1) }
    }()

    @Test("every term is found at its column, at every size around the restart interval",
          arguments: [0, 1, 2, 15, 16, 17, 31, 32, 33, 100])
    func roundTrip(size: Int) throws {
        let terms = Array(Self.sample.prefix(size))
        let coded = try Self.make(terms)
        #expect(coded.count == terms.count)
        var seen: [[UInt8]] = []
        coded.forEachTerm { j, bytes in
            #expect(j == seen.count)
            seen.append(Array(bytes))
        }
        #expect(seen == terms)
        let (bytes, offsets) = coded.decoded()
        #expect(Array(bytes) == terms.flatMap { $0 })
        #expect(offsets.count == terms.count + 1)
        for (j, term) in terms.enumerated() { #expect(Self.column(coded, term) == j, "\(String(decoding: term, as: UTF8.self))") }
    }

    @Test("absent keys are not found: before the first term, after the last, between terms, prefixes and extensions")
    func absent() throws {
        let terms = Self.sample
        let coded = try Self.make(terms)
        var keys: [[UInt8]] = [[], [0x00], [0x20], [0xFF], [0xFF, 0xFF], Array("aa".utf8), Array("abb".utf8), Array("abe".utf8),
                               Array("caf".utf8), Array("cafà".utf8), Array("word".utf8), Array("word3000".utf8), Array("zz".utf8)]
        for term in terms {
            keys.append(term + [0x00])
            keys.append(term + [0xFF])
            if term.count > 1 { keys.append(Array(term.dropLast())) }
            var bumped = term
            bumped[bumped.count - 1] &+= 1
            keys.append(bumped)
        }
        let known = Set(terms)
        // The same answers as binary search over the decoded terms.
        let (bytes, offsets) = coded.decoded()
        for key in keys {
            let expected = known.contains(key) ? terms.firstIndex(of: key)! : -1
            #expect(Self.column(coded, key) == expected, "\(key)")
            let plain = bytes.withUnsafeBufferPointer { b in
                offsets.withUnsafeBufferPointer { o in key.withUnsafeBufferPointer { SortedTermArray(bytes: b, offsets: o).column(of: $0) } }
            }
            #expect(plain == expected)
        }
    }

    @Test("hostile records are refused with a message, never a trap")
    func hostile() throws {
        func refused(_ records: [UInt8], count: Int, total: Int) -> Bool {
            do {
                _ = try Self.make(records, count: count, total: total)
                return false
            } catch let error as Refused {
                return !error.message.isEmpty && !error.message.contains("\n")
            } catch {
                return false
            }
        }
        let good = Self.records([Array("ab".utf8), Array("ac".utf8)])
        #expect(!refused(good, count: 2, total: 4))
        let cases: [(String, [UInt8], Int, Int)] = [
            ("not after", Self.records([Array("ac".utf8), Array("ab".utf8)]), 2, 4),
            ("twice", [0, 1, 0x61, 0, 1, 0x61], 2, 2),
            ("shared longer than the previous term", [0, 1, 0x61, 2, 1, 0x62], 2, 4),
            ("empty suffix", [0, 1, 0x61, 1, 0], 2, 2),
            ("suffix past the end", [0, 9, 0x61], 1, 9),
            ("varint cut short", [0, 0x81], 1, 1),
            ("varint too long", [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 1, 0x61], 1, 1),
            ("total larger", good, 2, 5),
            ("total smaller", good, 2, 3),
            ("trailing bytes", good + [0], 2, 4),
            ("fewer records", good, 3, 4),
            ("starts with a space", [0, 2, 0x20, 0x61], 1, 2),
            ("ends with a space", [0, 2, 0x61, 0x20], 1, 2),
            ("two spaces", [0, 4, 0x61, 0x20, 0x20, 0x62], 1, 4),
            // "a \t", then "a " shared and " c" added: "a  c" (after it, but an empty word).
            ("two spaces across the shared prefix", [0, 3, 0x61, 0x20, 0x09, 2, 2, 0x20, 0x63], 2, 7),
            ("starts inside a character", [0, 1, 0xA9], 1, 1),
            ("cut character", [0, 1, 0xC3], 1, 1),
            ("overlong", [0, 2, 0xC0, 0x80], 1, 2),
            ("surrogate", [0, 3, 0xED, 0xA0, 0x80], 1, 3),
            ("beyond U+10FFFF", [0, 4, 0xF4, 0x90, 0x80, 0x80], 1, 4),
            // "é" then a term sharing its first byte whose new byte is no continuation.
            ("shared prefix ends inside a character", [0, 2, 0xC3, 0xA9, 1, 1, 0xC4], 2, 4),
            ("continuation after a whole shared character", [0, 2, 0xC3, 0xA9, 2, 1, 0xA9], 2, 5),
        ]
        for (name, records, count, total) in cases {
            #expect(refused(records, count: count, total: total), "accepted: \(name)")
        }
        // A shared prefix cut inside a character completed by the new bytes is fine (é, ê).
        #expect(!refused([0, 2, 0xC3, 0xA9, 1, 1, 0xAA], count: 2, total: 4))
    }

    @Test("random damage to the records: refused, or accepted only as a valid vocabulary")
    func damage() throws {
        let terms = Self.sample
        let original = Self.records(terms)
        let total = terms.reduce(0) { $0 + $1.count }
        var state: UInt64 = 12345
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        var accepted = 0
        for round in 0..<3000 {
            var records = original
            for _ in 0..<(1 + round % 3) { records[next() % records.count] = UInt8(next() % 256) }
            let count = round % 5 == 0 ? terms.count - 1 : terms.count
            guard let coded = try? Self.make(records, count: count, total: total) else { continue }
            accepted += 1
            // Accepted: strictly ascending, valid UTF-8 terms, each found at its column.
            var decoded: [[UInt8]] = []
            coded.forEachTerm { _, bytes in decoded.append(Array(bytes)) }
            #expect(decoded.count == count)
            for j in decoded.indices {
                if j > 0 { #expect(decoded[j - 1].lexicographicallyPrecedes(decoded[j])) }
                #expect(String(validating: decoded[j], as: UTF8.self) != nil)
                #expect(Self.column(coded, decoded[j]) == j)
            }
        }
        #expect(accepted < 3000)
    }

    @Test("the UTF-8 check agrees with the standard library's on every short byte sequence tried")
    func utf8() {
        var state: UInt64 = 99
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        let interesting: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEE,
                                    0xEF, 0xF0, 0xF4, 0xF5, 0xFF]
        for _ in 0..<20000 {
            let bytes = (0..<(1 + next() % 5)).map { _ in next() % 3 == 0 ? UInt8(next() % 256) : interesting[next() % interesting.count] }
            let ours = bytes.withUnsafeBufferPointer { FrontCodedTerms.isValidUTF8($0) }
            #expect(ours == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
        }
    }
}
