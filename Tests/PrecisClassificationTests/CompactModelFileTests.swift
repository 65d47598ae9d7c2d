import Foundation
import Testing
import PrecisClassification
import PrecisCore
import PrecisTestSupport

/// Format version 2's compact sections: old files still load, and hostile bodies of
/// the new sections are refused with a one-line message (checksum or not).
struct CompactModelFileTests {
    /// The body range of section `tag` in `bytes` (a whole file).
    static func section(_ tag: String, in bytes: [UInt8]) -> Range<Int>? {
        var offset = 32
        while offset + 12 <= bytes.count {
            let name = String(decoding: bytes[offset..<(offset + 4)], as: UTF8.self)
            var length = 0
            for i in 0..<8 { length |= Int(bytes[offset + 4 + i]) << (8 * i) }
            if name == tag { return (offset + 12)..<(offset + 12 + length) }
            offset += 12 + length
        }
        return nil
    }

    /// `bytes` with the header's checksum recomputed, as someone editing a file would.
    static func forged(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        var hash = FNV64()
        out.withUnsafeBytes { hash.combine(UnsafeRawBufferPointer(rebasing: $0[32...])) }
        withUnsafeBytes(of: hash.value.littleEndian) { out.replaceSubrange(24..<32, with: $0) }
        return out
    }

    static func refused(_ bytes: [UInt8]) -> String? {
        do {
            _ = try bytes.withUnsafeBytes { try ModelFile.decode($0, path: "bad.precis") }
            return nil
        } catch let error as ModelFileError {
            return error.description
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test("the shipped model (format version 1) still loads and classifies")
    func oldFormat() throws {
        let path = TestPaths.repositoryRoot.appendingPathComponent("Models/bbc-news.precis").path
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes[8] == 1)
        let classifier = try ModelFile.read(path: path)
        #expect(classifier.classify(["The striker scored twice in the cup final"])[0].label == "sport")
        // Re-encoded: version 2, smaller, the same predictions.
        let compact = try ModelFile.encode(classifier)
        #expect(compact[8] == 2 && compact.count * 2 < bytes.count)
        let back = try compact.withUnsafeBytes { try ModelFile.decode($0, path: "m.precis") }
        #expect(back.vectorizer == classifier.vectorizer)
        #expect(try ModelFile.encode(back) == compact)
    }

    @Test("hostile bodies of the compact sections are refused, checksum or not")
    func hostileSections() throws {
        let bytes = try ModelFile.encode(try ModelFileTests.trained())
        let vocf = try #require(Self.section("VOCF", in: bytes))
        let idfp = try #require(Self.section("IDFP", in: bytes))
        let wq8r = try #require(Self.section("WQ8R", in: bytes))
        var cases: [(String, [UInt8])] = []
        func edit(_ name: String, _ change: (inout [UInt8]) -> Void) {
            var copy = bytes
            change(&copy)
            cases.append((name, Self.forged(copy)))
        }
        edit("huge term total") { b in for i in 4..<12 { b[vocf.lowerBound + i] = 0xFF } }
        edit("term count") { b in b[vocf.lowerBound] ^= 0x01 }
        edit("second term not after the first") { b in
            // The second entry: shared 0, suffix ≥ 1, first byte 0 (before any term).
            let firstSuffix = Int(b[vocf.lowerBound + 13])
            let second = vocf.lowerBound + 14 + firstSuffix
            b[second] = 0
            b[second + 2] = 0x00
        }
        edit("varint too long") { b in for i in 12..<20 { b[vocf.lowerBound + i] = 0xFF } }
        edit("palette larger than the features") { b in for i in 0..<4 { b[idfp.lowerBound + i] = 0xFF } }
        edit("palette value not finite") { b in for i in 4..<8 { b[idfp.lowerBound + i] = 0xFF } }
        edit("index outside the palette") { b in b[idfp.upperBound - 1] = 0x7F }
        edit("weight shape") { b in b[wq8r.lowerBound] ^= 0x01 }
        edit("scale not finite") { b in for i in 8..<12 { b[wq8r.lowerBound + i] = 0xFF } }
        edit("scale negative") { b in b[wq8r.lowerBound + 11] |= 0x80 }
        edit("code -128") { b in b[wq8r.upperBound - 1] = 0x80 }
        for (name, data) in cases {
            let message = Self.refused(data)
            #expect(message != nil, "accepted: \(name)")
            if let message {
                #expect(message.hasPrefix("bad.precis: "), "\(name): \(message)")
                #expect(!message.contains("\n") && !message.contains("unexpected"), "\(name): \(message)")
            }
        }
        // Truncated anywhere inside the new sections (checksum forged, header fixed): refused.
        for range in [vocf, idfp, wq8r] {
            for cut in stride(from: range.lowerBound, to: range.upperBound, by: max(1, range.count / 7)) {
                var copy = Array(bytes[..<cut])
                let payload = UInt64(copy.count - 32)
                withUnsafeBytes(of: payload.littleEndian) { copy.replaceSubrange(16..<24, with: $0) }
                #expect(Self.refused(Self.forged(copy)) != nil, "accepted a file cut at \(cut)")
            }
        }
    }
}
