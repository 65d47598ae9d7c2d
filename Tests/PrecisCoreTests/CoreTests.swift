import Testing
import PrecisCore
import PrecisTestSupport

struct SplitMix64Tests {
    @Test("the reference SplitMix64 sequence, and the same shuffle for the same seed")
    func sequence() {
        var rng = SplitMix64(seed: 0)
        // Reference values of Vigna's splitmix64.c from state 0.
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
        var a = Array(0..<50), b = Array(0..<50)
        var r1 = SplitMix64(seed: 42), r2 = SplitMix64(seed: 42)
        r1.shuffle(&a)
        r2.shuffle(&b)
        #expect(a == b)
        #expect(a != Array(0..<50))
        #expect(a.sorted() == Array(0..<50))
    }
}

struct FNV64Tests {
    @Test("FNV-1a 64 of known strings, in one piece or several")
    func digests() {
        var empty = FNV64()
        empty.combine([UInt8]())
        #expect(empty.hexDigest == "cbf29ce484222325")
        var hello = FNV64()
        hello.combine(Array("hello".utf8))
        #expect(hello.hexDigest == "a430d84680aabd0b")
        var pieces = FNV64()
        pieces.combine("he".utf8)
        pieces.combine(Array("llo".utf8))
        #expect(pieces == hello)
        var stepped = FNV64.offsetBasis
        for byte in "hello".utf8 { stepped = FNV64.step(stepped, byte) }
        #expect(stepped == hello.value)
    }
}

struct GrowableBufferTests {
    @Test("appends grow and keep the contents")
    func growth() {
        let buffer = GrowableBuffer<Int>(capacity: 1)
        for i in 0..<1000 { buffer.append(i) }
        #expect(buffer.count == 1000)
        #expect(Array(buffer.buffer) == Array(0..<1000))
        [7, 8, 9].withUnsafeBufferPointer { buffer.append(contentsOf: $0) }
        buffer.extend(to: 1005, with: -1)
        #expect(Array(buffer.buffer.suffix(5)) == [7, 8, 9, -1, -1])
        buffer.removeAll()
        #expect(buffer.count == 0 && buffer.capacity >= 1005)
        let filled = GrowableBuffer(repeating: UInt8(3), count: 10)
        #expect(Array(filled.buffer) == [UInt8](repeating: 3, count: 10))
    }
}

struct ParallelismTests {
    @Test("blocks cover every index once; sums add blocks in order; map keeps index order")
    func deterministic() {
        for count in [0, 1, 255, 256, 257, 10_000] {
            var hits = [Int](repeating: 0, count: count)
            hits.withUnsafeMutableBufferPointer { hits in
                let out = hits
                Parallelism.forEachBlock(of: count, blockSize: 256) { block in
                    for i in block { out[i] += 1 }
                }
            }
            #expect(hits.allSatisfy { $0 == 1 })
            // The sum equals the serial sum of the per-block sums, bit for bit.
            let values = (0..<count).map { 1 / Double($0 + 1) }
            let total = Parallelism.sum(over: count, blockSize: 100) { rows in rows.reduce(0.0) { $0 + values[$1] } }
            var expected = 0.0
            for start in stride(from: 0, to: count, by: 100) {
                expected += (start..<min(count, start + 100)).reduce(0.0) { $0 + values[$1] }
            }
            #expect(total == expected)
            #expect(Parallelism.map(count, chunk: 7) { $0 * 3 } == (0..<count).map { $0 * 3 })
        }
    }

    @Test("document ranges are consecutive, cover the corpus and respect the part count")
    func ranges() {
        let documents = (0..<1000).map { String(repeating: "x", count: 300 + $0 % 17) }
        let ranges = Parallelism.ranges(documents, parts: 3)
        #expect(ranges.count == 3)
        #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == 1000)
        #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        #expect(Parallelism.ranges(["small"], parts: 4) == [0..<1])
    }
}
