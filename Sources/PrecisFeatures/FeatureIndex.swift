import PrecisText
import PrecisCore

/// The lookup structure of a fitted ``TfidfModel``: vocabulary terms
/// interned as byte strings and n-gram chains, each mapped to its column,
/// plus the stop words. Built once per model, from the vocabulary strings,
/// and shared read-only by every ``TfidfModel/transform(_:)`` call.
final class FeatureIndex: @unchecked Sendable {
    let tokens: TermTable
    let grams: NGramTable
    /// Per token: its column as a unigram feature, or -1.
    let tokenColumn = GrowableBuffer<Int32>()
    /// Per token: whether it is a stop word.
    let isStop = GrowableBuffer<Bool>()
    /// Per n-gram: its column, or -1 (a prefix of longer features only).
    let gramColumn = GrowableBuffer<Int32>()

    init(vocabulary: VocabularyStorage, stopWords: Set<String>) {
        tokens = TermTable(capacity: min(1 << 16, max(16, vocabulary.count)))
        var gramTerms = 0
        vocabulary.forEachTerm { _, bytes in if bytes.contains(0x20) { gramTerms += 1 } }
        grams = NGramTable(capacity: min(1 << 22, max(16, gramTerms)))
        var ids: [UInt32] = []
        vocabulary.forEachTerm { column, bytes in
            ids.removeAll(keepingCapacity: true)
            var start = 0
            for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x20 {
                if i > start { ids.append(UInt32(intern(UnsafeBufferPointer(rebasing: bytes[start..<i])))) }
                start = i + 1
            }
            guard let first = ids.first else { return }
            if ids.count == 1 {
                tokenColumn[Int(first)] = Int32(column)
                return
            }
            var prefix = first
            for k in 1..<ids.count {
                let g = grams.intern(NGramTable.key(prefix: prefix, last: ids[k]), length: k + 1)
                if g == gramColumn.count { gramColumn.append(-1) }
                if k == ids.count - 1 { gramColumn[g] = Int32(column) }
                prefix = NGramTable.tagged(g)
            }
        }
        for word in stopWords {
            var word = word
            word.withUTF8 { bytes in
                if bytes.count > 0 { isStop[intern(bytes)] = true }
            }
        }
    }

    private func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let id = tokens.intern(bytes)
        if id == tokenColumn.count { tokenColumn.append(-1); isStop.append(false) }
        return id
    }

    /// The column of a term given as words separated by single spaces, or nil.
    func column(of term: String) -> Int? {
        var term = term
        return term.withUTF8 { bytes -> Int? in
            var prefix: UInt32 = 0
            var length = 0
            var start = 0
            for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x20 {
                guard i > start else { return nil }
                let id = tokens.find(UnsafeBufferPointer(rebasing: bytes[start..<i]))
                guard id >= 0 else { return nil }
                length += 1
                if length == 1 {
                    prefix = UInt32(id)
                } else {
                    let g = grams.find(NGramTable.key(prefix: prefix, last: UInt32(id)))
                    guard g >= 0 else { return nil }
                    prefix = NGramTable.tagged(g)
                }
                start = i + 1
            }
            let column = length == 1 ? tokenColumn[Int(prefix)] : gramColumn[Int(prefix & ~NGramTable.tag)]
            return column >= 0 ? Int(column) : nil
        }
    }

    /// Scratch memory for one thread of ``columns(of:configuration:scratch:)``.
    final class Scratch {
        let buffer = TokenBuffer(capacity: 1 << 12)
        let sequence = GrowableBuffer<UInt32>(capacity: 256)
        let columns = GrowableBuffer<UInt64>(capacity: 256)
        let pairs = GrowableBuffer<UInt64>(capacity: 256)
    }

    static let unknown = UInt32.max

    /// Fills `scratch.pairs` with `column << 32 | count` for each feature of `text`.
    @inline(__always)
    func count(_ text: String, configuration: TfidfConfiguration, scratch: Scratch) {
        let sequence = scratch.sequence
        let columns = scratch.columns
        sequence.removeAll()
        columns.removeAll()
        configuration.tokenizer.forEachToken(in: text, buffer: scratch.buffer) { token in
            let id = tokens.find(token)
            if id < 0 {
                sequence.append(Self.unknown)
            } else if !isStop[id] {
                sequence.append(UInt32(id))
            }
        }
        let n = sequence.count
        let minN = configuration.ngramRange.lowerBound
        let maxN = configuration.ngramRange.upperBound
        if minN == 1 {
            for k in 0..<n {
                let id = sequence[k]
                if id != Self.unknown {
                    let c = tokenColumn[Int(id)]
                    if c >= 0 { columns.append(UInt64(c)) }
                }
            }
        }
        if maxN >= 2 && n >= 2 && grams.count > 0 {
            for s in 0..<(n - 1) {
                var prefix = sequence[s]
                if prefix == Self.unknown { continue }
                var length = 2
                while length <= maxN && s + length - 1 < n {
                    let last = sequence[s + length - 1]
                    if last == Self.unknown { break }
                    let g = grams.find(NGramTable.key(prefix: prefix, last: last))
                    if g < 0 { break }
                    if length >= minN {
                        let c = gramColumn[g]
                        if c >= 0 { columns.append(UInt64(c)) }
                    }
                    prefix = NGramTable.tagged(g)
                    length += 1
                }
            }
        }
        Self.countColumns(columns, into: scratch.pairs)
    }

    /// `pairs` ← `column << 32 | count` for each distinct value of `columns`, ascending
    /// (`columns` is sorted in place).
    @inline(__always)
    static func countColumns(_ columns: GrowableBuffer<UInt64>, into pairs: GrowableBuffer<UInt64>) {
        pairs.removeAll()
        let m = columns.count
        guard m > 0 else { return }
        let cols = UnsafeMutableBufferPointer(start: columns.base, count: m)
        if m <= 24 {
            var i = 1
            while i < m {
                let x = cols[i]; var j = i - 1
                while j >= 0 && cols[j] > x { cols[j + 1] = cols[j]; j -= 1 }
                cols[j + 1] = x
                i += 1
            }
        } else {
            UnstableSort.sort(cols)
        }
        var k = 0
        while k < m {
            let c = cols[k]
            var run = 1
            while k + run < m && cols[k + run] == c { run += 1 }
            pairs.append(c << 32 | UInt64(run))
            k += run
        }
    }
}
