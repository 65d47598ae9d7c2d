/// A growable array of trivial values on manually managed memory, for the
/// counting hot paths: no copy-on-write checks and no bounds checks on
/// element access (callers keep indices in range).
///
/// ```swift
/// let ids = GrowableBuffer<UInt32>()
/// ids.append(7)
/// ids[0]          // 7
/// ```
final class GrowableBuffer<Element>: @unchecked Sendable {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var capacity: Int
    var count: Int = 0

    init(capacity: Int = 16) {
        self.capacity = Swift.max(4, capacity)
        base = .allocate(capacity: self.capacity)
    }

    /// A buffer of `count` copies of `value`.
    convenience init(repeating value: Element, count: Int) {
        self.init(capacity: count)
        base.initialize(repeating: value, count: count)
        self.count = count
    }

    deinit { base.deallocate() }

    @inline(__always)
    subscript(i: Int) -> Element {
        get { base[i] }
        set { base[i] = newValue }
    }

    @inline(__always)
    func append(_ value: Element) {
        if count == capacity { grow(count + 1) }
        (base + count).initialize(to: value)
        count += 1
    }

    /// Appends `value` until `count == newCount`.
    func extend(to newCount: Int, with value: Element) {
        guard newCount > count else { return }
        if newCount > capacity { grow(newCount) }
        (base + count).initialize(repeating: value, count: newCount - count)
        count = newCount
    }

    func reserve(_ needed: Int) {
        if needed > capacity { grow(needed) }
    }

    func removeAll() { count = 0 }

    private func grow(_ needed: Int) {
        let newCapacity = Swift.max(needed, capacity * 2)
        let fresh = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        fresh.moveInitialize(from: base, count: count)
        base.deallocate()
        base = fresh
        capacity = newCapacity
    }

    var buffer: UnsafeMutableBufferPointer<Element> { UnsafeMutableBufferPointer(start: base, count: count) }
}
