/// A block of bytes owned by an object: freed when the last reference goes. Lets
/// several structures made from one file (a model's vocabulary and 8-bit weights)
/// keep reading its bytes where they were read, instead of each copying its part.
/// The bytes never change after ``init(count:fill:)`` returns, so sharing them
/// between threads is safe.
///
/// ```swift
/// let file = try OwnedBytes(count: 4) { buffer in buffer.copyBytes(from: [1, 2, 3, 4]) }
/// file.bytes[2]      // 3
/// ```
package final class OwnedBytes: @unchecked Sendable {
    /// The bytes (read-only once made).
    package let bytes: UnsafeRawBufferPointer
    private let memory: UnsafeMutableRawPointer

    /// `count` bytes written by `fill`, which must initialise all of them (or throw).
    package init(count: Int, fill: (UnsafeMutableRawBufferPointer) throws -> Void) rethrows {
        // Eight-byte alignment: word-wise readers (the checksum) see aligned words.
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: Swift.max(count, 1), alignment: 16)
        do {
            try fill(UnsafeMutableRawBufferPointer(rebasing: memory[0..<count]))
        } catch {
            memory.deallocate()
            throw error
        }
        bytes = UnsafeRawBufferPointer(rebasing: memory[0..<count])
        self.memory = memory.baseAddress!
    }

    /// A copy of `source`.
    package convenience init(copying source: UnsafeRawBufferPointer) {
        self.init(count: source.count) { $0.copyMemory(from: source) }
    }

    deinit {
        memory.deallocate()
    }
}
