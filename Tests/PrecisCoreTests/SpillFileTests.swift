import Foundation
import Testing
import PrecisCore

struct SpillFileTests {
    @Test("appended bytes read back whole and in pieces; the file has no name in its directory")
    func roundTrip() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("precis-spill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let spill = try SpillFile(purpose: "test", directory: dir.path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        let bytes = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try spill.append(Array(bytes[..<10]))
        try spill.append(Array(bytes[10...]))
        #expect(spill.count == bytes.count)
        var back: [UInt8] = []
        try spill.copy(pieceBytes: 4096) { back.append(contentsOf: $0) }
        #expect(back == bytes)
        var middle = [UInt8](repeating: 0, count: 100)
        try middle.withUnsafeMutableBytes { try spill.read(at: 500, into: $0) }
        #expect(middle == Array(bytes[500..<600]))
        // Reading past the end is an error, not a short read taken for data.
        #expect(throws: OutputError.self) { try middle.withUnsafeMutableBytes { try spill.read(at: bytes.count - 50, into: $0) } }
        #expect(throws: OutputError.self) { try SpillFile(purpose: "test", directory: dir.path + "/missing") }
    }
}
