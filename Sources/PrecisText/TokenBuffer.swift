/// Reusable scratch memory for ``Tokenizer``: the lowercased UTF-8 copy of
/// the text being tokenised.
///
/// A tokenizer called many times (once per document of a corpus, once per
/// sentence of an article) reuses one buffer so it allocates only when a
/// document is longer than any before it. A buffer belongs to one thread at
/// a time.
///
/// ```swift
/// let buffer = TokenBuffer()
/// let tokenizer = Tokenizer()
/// for text in ["First text", "Second text"] {
///     tokenizer.forEachToken(in: text, buffer: buffer) { token in /* UTF-8 bytes */ }
/// }
/// ```
public final class TokenBuffer {
    @usableFromInline var storage: UnsafeMutablePointer<UInt8>
    @usableFromInline var capacity: Int
    @usableFromInline var count: Int = 0

    /// An empty buffer with room for `capacity` bytes (it grows as needed).
    public init(capacity: Int = 4096) {
        self.capacity = Swift.max(16, capacity)
        storage = .allocate(capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    /// The current contents (valid until the buffer is next used).
    public var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage, count: count) }

    /// Makes room for at least `needed` bytes; the contents are discarded.
    @inlinable
    func reserve(_ needed: Int) {
        if needed > capacity {
            storage.deallocate()
            capacity = Swift.max(needed, capacity * 2)
            storage = .allocate(capacity: capacity)
        }
        count = 0
    }

    /// Appends bytes, growing (and keeping the contents) when full.
    @inlinable
    func append(_ byte: UInt8) {
        if count == capacity { grow(count + 1) }
        storage[count] = byte
        count += 1
    }

    /// Grows to at least `needed` bytes, keeping the contents.
    @usableFromInline
    func grow(_ needed: Int) {
        let newCapacity = Swift.max(needed, capacity * 2)
        let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        fresh.update(from: storage, count: count)
        storage.deallocate()
        storage = fresh
        capacity = newCapacity
    }
}
