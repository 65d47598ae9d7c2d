import PrecisCore

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
    /// The bytes (the package's one growable buffer).
    @usableFromInline let memory: GrowableBuffer<UInt8>

    /// An empty buffer with room for `capacity` bytes (it grows as needed).
    public init(capacity: Int = 4096) {
        memory = GrowableBuffer(capacity: Swift.max(16, capacity))
    }

    /// The current contents (valid until the buffer is next used).
    public var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(memory.buffer) }

    /// The first byte.
    @inlinable var storage: UnsafeMutablePointer<UInt8> { memory.base }

    /// Bytes in use.
    @inlinable var count: Int {
        get { memory.count }
        set { memory.count = newValue }
    }

    /// Makes room for at least `needed` bytes; the contents are discarded.
    @inlinable
    func reserve(_ needed: Int) {
        memory.removeAll()
        memory.reserve(needed)
    }

    /// Appends a byte, growing (and keeping the contents) when full.
    @inlinable
    func append(_ byte: UInt8) { memory.append(byte) }
}
