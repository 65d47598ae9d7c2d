/// A growable array of trivial values on manually managed memory, for the
/// counting and tokenising hot paths: no copy-on-write checks and no bounds
/// checks on element access (callers keep indices in range). The one growable
/// unsafe buffer of the package: tokens, term arenas and CSR rows under
/// construction all live in one.
///
/// A buffer belongs to one thread at a time.
///
/// ```swift
/// let ids = GrowableBuffer<UInt32>()
/// ids.append(7)
/// ids[0]          // 7
/// ```
@usableFromInline
package final class GrowableBuffer<Element>: @unchecked Sendable {
    /// The buffer's state, kept behind a pointer rather than in stored `var`s:
    /// other modules' hot loops update `count` per element, and a class's stored
    /// `var` accessed from another module gets a dynamic exclusivity check on
    /// every access (`@exclusivity(unchecked)` does not cross modules). A buffer
    /// belongs to one thread at a time, so nothing is lost.
    @usableFromInline
    struct Fields {
        @usableFromInline var base: UnsafeMutablePointer<Element>
        @usableFromInline var capacity: Int
        @usableFromInline var count: Int
    }

    @usableFromInline let fields: UnsafeMutablePointer<Fields>

    /// The first element (valid until the buffer next grows).
    @inlinable package var base: UnsafeMutablePointer<Element> {
        @inline(__always) get { fields.pointee.base }
    }
    /// Elements the buffer holds before it must grow.
    @inlinable package var capacity: Int {
        @inline(__always) get { fields.pointee.capacity }
    }
    /// Elements in use. Callers that write through ``base`` after ``reserve(_:)``
    /// set it themselves (never above ``capacity``).
    @inlinable package var count: Int {
        @inline(__always) get { fields.pointee.count }
        @inline(__always) set { fields.pointee.count = newValue }
    }

    /// An empty buffer with room for `capacity` elements (it grows as needed).
    @usableFromInline
    package init(capacity: Int = 16) {
        let capacity = Swift.max(4, capacity)
        fields = .allocate(capacity: 1)
        fields.initialize(to: Fields(base: .allocate(capacity: capacity), capacity: capacity, count: 0))
    }

    /// A buffer of `count` copies of `value`. Inlinable, so that filling is
    /// specialised for the element type (unspecialised, it made one value-witness
    /// call per element).
    @inlinable
    package convenience init(repeating value: Element, count: Int) {
        self.init(capacity: count)
        base.initialize(repeating: value, count: count)
        self.count = count
    }

    deinit {
        fields.pointee.base.deallocate()
        fields.deinitialize(count: 1)
        fields.deallocate()
    }

    @inlinable @inline(__always)
    package subscript(i: Int) -> Element {
        get { base[i] }
        set { base[i] = newValue }
    }

    /// Appends one element, growing (and keeping the contents) when full.
    @inlinable @inline(__always)
    package func append(_ value: Element) {
        if count == capacity { grow(count + 1) }
        (base + count).initialize(to: value)
        count += 1
    }

    /// Appends the elements of `elements`.
    @inlinable @inline(__always)
    package func append(contentsOf elements: UnsafeBufferPointer<Element>) {
        guard let source = elements.baseAddress else { return }
        reserve(count + elements.count)
        (base + count).initialize(from: source, count: elements.count)
        count += elements.count
    }

    /// Appends `value` until `count == newCount`.
    @inlinable
    package func extend(to newCount: Int, with value: Element) {
        guard newCount > count else { return }
        reserve(newCount)
        (base + count).initialize(repeating: value, count: newCount - count)
        count = newCount
    }

    /// Makes room for at least `needed` elements in all, keeping the contents.
    @inlinable @inline(__always)
    package func reserve(_ needed: Int) {
        if needed > capacity { grow(needed) }
    }

    /// Forgets the contents (the memory is kept for reuse).
    @inlinable @inline(__always)
    package func removeAll() { count = 0 }

    @usableFromInline
    func grow(_ needed: Int) {
        let newCapacity = Swift.max(needed, capacity * 2)
        let fresh = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        fresh.moveInitialize(from: base, count: count)
        base.deallocate()
        fields.pointee.base = fresh
        fields.pointee.capacity = newCapacity
    }

    /// The elements in use (valid until the buffer next grows).
    @inlinable
    package var buffer: UnsafeMutableBufferPointer<Element> { UnsafeMutableBufferPointer(start: base, count: count) }
}
