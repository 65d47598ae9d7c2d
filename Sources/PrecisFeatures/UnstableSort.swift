/// An in-place quicksort (median of three, insertion sort for short runs,
/// heap-free fallback to the standard library when recursion gets deep) for
/// the integer keys of the hot paths, where stability is not needed because
/// keys are distinct. About twice as fast as the standard library's stable
/// sort on these inputs.
package enum UnstableSort {
    /// Sorts `a` ascending.
    @inline(__always)
    package static func sort(_ a: UnsafeMutableBufferPointer<UInt64>) {
        guard a.count > 1, let base = a.baseAddress else { return }
        quicksort(base, 0, a.count - 1, depth: 2 * Int.bitWidth - a.count.leadingZeroBitCount)
    }

    private static func quicksort(_ a: UnsafeMutablePointer<UInt64>, _ low: Int, _ high: Int, depth: Int) {
        var low = low, high = high, depth = depth
        while high - low > 16 {
            if depth == 0 {
                var rest = UnsafeMutableBufferPointer(start: a + low, count: high - low + 1)
                rest.sort()
                return
            }
            depth -= 1
            let mid = low + (high - low) / 2
            if a[mid] < a[low] { a.swapAt(mid, low) }
            if a[high] < a[low] { a.swapAt(high, low) }
            if a[high] < a[mid] { a.swapAt(high, mid) }
            let pivot = a[mid]
            var i = low, j = high
            while i <= j {
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
                if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
            }
            // Recurse into the smaller side, loop on the larger.
            if j - low < high - i {
                if low < j { quicksort(a, low, j, depth: depth) }
                low = i
            } else {
                if i < high { quicksort(a, i, high, depth: depth) }
                high = j
            }
        }
        var i = low + 1
        while i <= high {
            let x = a[i]
            var j = i - 1
            while j >= low && a[j] > x { a[j + 1] = a[j]; j -= 1 }
            a[j + 1] = x
            i += 1
        }
    }
}

extension UnsafeMutablePointer where Pointee == UInt64 {
    @inline(__always)
    fileprivate func swapAt(_ i: Int, _ j: Int) {
        let t = self[i]; self[i] = self[j]; self[j] = t
    }
}

/// Least-significant-digit radix sort of 64-bit keys on their bits
/// `lowBit..<highBit` (the other bits ride along), 11 bits per pass, using
/// `scratch` (at least as long as `a`). Stable; linear time, so it beats
/// comparison sorts on long arrays such as a vocabulary or a long row.
enum RadixSort {
    static let digitBits = 11

    /// Sorts `a` by bits `lowBit..<highBit`; `scratch` must hold `a.count` elements.
    static func sort(_ a: UnsafeMutableBufferPointer<UInt64>, lowBit: Int, highBit: Int,
                     scratch: UnsafeMutablePointer<UInt64>) {
        let n = a.count
        guard n > 1, let base = a.baseAddress else { return }
        let radix = 1 << digitBits
        let mask = UInt64(radix - 1)
        var source = base, target = scratch
        var counts = [Int](repeating: 0, count: radix)
        var shift = lowBit
        var passes = 0
        while shift < highBit {
            let s = UInt64(shift)
            counts.withUnsafeMutableBufferPointer { counts in
                if passes > 0 { for k in 0..<radix { counts[k] = 0 } }
                for i in 0..<n { counts[Int((source[i] >> s) & mask)] += 1 }
                var total = 0
                for k in 0..<radix { let c = counts[k]; counts[k] = total; total += c }
                for i in 0..<n {
                    let x = source[i]
                    let d = Int((x >> s) & mask)
                    target[counts[d]] = x
                    counts[d] += 1
                }
            }
            swap(&source, &target)
            shift += digitBits
            passes += 1
        }
        if passes % 2 == 1 { base.update(from: scratch, count: n) }
    }

    /// Sorts `keys` (all 64 bits) and moves `values` along with them; stable.
    static func sortPairs(_ keys: UnsafeMutableBufferPointer<UInt64>, _ values: UnsafeMutableBufferPointer<UInt32>) {
        let n = keys.count
        guard n > 1, var sourceKeys = keys.baseAddress, var sourceValues = values.baseAddress else { return }
        let scratchKeys = UnsafeMutablePointer<UInt64>.allocate(capacity: n)
        let scratchValues = UnsafeMutablePointer<UInt32>.allocate(capacity: n)
        defer { scratchKeys.deallocate(); scratchValues.deallocate() }
        var targetKeys = scratchKeys, targetValues = scratchValues
        let radix = 1 << digitBits
        let mask = UInt64(radix - 1)
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: radix)
        defer { counts.deallocate() }
        var shift = 0
        while shift < 64 {
            let s = UInt64(shift)
            counts.initialize(repeating: 0, count: radix)
            for i in 0..<n { counts[Int((sourceKeys[i] >> s) & mask)] += 1 }
            shift += digitBits
            // A digit shared by every key moves nothing.
            if counts[Int((sourceKeys[0] >> s) & mask)] == n { continue }
            var total = 0
            for k in 0..<radix { let c = counts[k]; counts[k] = total; total += c }
            for i in 0..<n {
                let d = Int((sourceKeys[i] >> s) & mask)
                targetKeys[counts[d]] = sourceKeys[i]
                targetValues[counts[d]] = sourceValues[i]
                counts[d] += 1
            }
            swap(&sourceKeys, &targetKeys)
            swap(&sourceValues, &targetValues)
        }
        if sourceKeys != keys.baseAddress {
            keys.baseAddress!.update(from: sourceKeys, count: n)
            values.baseAddress!.update(from: sourceValues, count: n)
        }
    }

    /// Number of bits needed to represent `value`.
    static func bits(_ value: Int) -> Int { Int.bitWidth - max(0, value).leadingZeroBitCount }

    /// Sorts `a`, whose keys use only their low `keyBits` bits, with 8-bit digits
    /// (256 counters, so short arrays such as one document's hashed terms pay little
    /// per pass; every digit is counted in one pass over the keys); a digit shared by
    /// every key is skipped. `scratch` must hold `a.count` elements and `counts`
    /// 256 per digit (`256 × ⌈keyBits / 8⌉`). Arrays of fewer than 64 keys go to
    /// ``UnstableSort``. The result is the ascending order whatever the method.
    static func sortShortKeys(_ a: UnsafeMutableBufferPointer<UInt64>, keyBits: Int,
                              scratch: UnsafeMutablePointer<UInt64>, counts: UnsafeMutablePointer<Int32>) {
        let n = a.count
        guard n >= 64, var source = a.baseAddress else { UnstableSort.sort(a); return }
        var target = scratch
        // Every digit's histogram in one pass over the keys (`counts` holds 256 per digit).
        let digits = (keyBits + 7) / 8
        counts.update(repeating: 0, count: 256 * digits)
        if digits == 3 {
            // The usual width (2^17 to 2^24 columns), unrolled.
            for i in 0..<n {
                let x = source[i]
                counts[Int(truncatingIfNeeded: x) & 0xFF] &+= 1
                counts[256 | Int(truncatingIfNeeded: x >> 8) & 0xFF] &+= 1
                counts[512 | Int(truncatingIfNeeded: x >> 16) & 0xFF] &+= 1
            }
        } else {
            for i in 0..<n {
                let x = source[i]
                for d in 0..<digits { counts[d << 8 | Int(truncatingIfNeeded: x >> UInt64(8 * d)) & 0xFF] &+= 1 }
            }
        }
        for d in 0..<digits {
            let s = UInt64(8 * d), histogram = counts + 256 * d
            if histogram[Int(truncatingIfNeeded: source[0] >> s) & 0xFF] == Int32(truncatingIfNeeded: n) { continue }
            var total: Int32 = 0
            for k in 0..<256 { let c = histogram[k]; histogram[k] = total; total &+= c }
            for i in 0..<n {
                let x = source[i]
                let digit = Int(truncatingIfNeeded: x >> s) & 0xFF
                target[Int(histogram[digit])] = x
                histogram[digit] &+= 1
            }
            swap(&source, &target)
        }
        if source != a.baseAddress { a.baseAddress!.update(from: source, count: n) }
    }
}
