import Foundation

/// Control over a threaded BLAS's own thread pool.
///
/// Work that already runs one document per core (batch summarising, ROUGE
/// evaluation) multiplies small matrices; BLAS threads would only compete with
/// those workers. OpenBLAS is asked by its `openblas_set_num_threads`, looked up
/// at run time (the package links the standard `libblas.so.3`, never OpenBLAS by
/// name), so this is a no-op on the reference BLAS.
///
/// ```swift
/// BLASThreads.useOneThreadPerCaller()   // before a parallel batch
/// ```
public enum BLASThreads {
    /// Makes BLAS run each call on the calling thread only, when the loaded BLAS allows it.
    public static func useOneThreadPerCaller() {
        guard let handle = dlopen(nil, RTLD_NOW) else { return }
        if let symbol = dlsym(handle, "openblas_set_num_threads") {
            typealias SetThreads = @convention(c) (Int32) -> Void
            unsafeBitCast(symbol, to: SetThreads.self)(1)
        }
    }
}
