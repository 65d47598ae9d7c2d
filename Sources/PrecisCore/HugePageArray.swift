#if canImport(Glibc)
import Glibc
#endif

/// Large zero-filled arrays for the weights that training reads and writes at random
/// (a hashed model's rows are spread over hundreds of megabytes): the memory is
/// asked to be backed by transparent huge pages (`madvise(MADV_HUGEPAGE)`) before it
/// is first touched. With 4 KiB pages nearly every row visited is a TLB miss; with
/// 2 MiB pages most are not. Where the kernel does not offer huge pages the advice is
/// ignored and the array is an ordinary one. Contents are the same either way.
///
/// ```swift
/// let v: ContiguousArray<Float> = HugePageArray.zeros(count: 1 << 25)
/// ```
package enum HugePageArray {
    /// Below this many bytes the advice is not worth a system call.
    static let minimumBytes = 4 << 20
    static let hugePage = 2 << 20

    /// An array of `count` zeros of a trivial numeric type.
    ///
    /// The zeros are written by one `memset` (all-zero bytes are the value 0 of every
    /// standard numeric type), not element by element through the generic type.
    package static func zeros<T: Numeric & BitwiseCopyable>(count: Int, of type: T.Type = T.self) -> ContiguousArray<T> {
        ContiguousArray<T>(unsafeUninitializedCapacity: count) { buffer, initialized in
            if let base = buffer.baseAddress {
                let bytes = count * MemoryLayout<T>.stride
                advise(UnsafeMutableRawPointer(base), bytes: bytes)
                #if canImport(Glibc)
                _ = memset(base, 0, bytes)
                #else
                base.initialize(repeating: 0, count: count)
                #endif
            }
            initialized = count
        }
    }

    /// Advises huge pages for the whole 2 MiB pages inside `[start, start + bytes)`.
    private static func advise(_ start: UnsafeMutableRawPointer, bytes: Int) {
        #if canImport(Glibc)
        guard bytes >= minimumBytes else { return }
        let address = UInt(bitPattern: start)
        let first = (address + UInt(hugePage - 1)) & ~UInt(hugePage - 1)
        let end = (address + UInt(bytes)) & ~UInt(hugePage - 1)
        guard end > first, let pointer = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(pointer, Int(end - first), MADV_HUGEPAGE)
        #endif
    }
}
