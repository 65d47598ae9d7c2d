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

    /// For a process that makes no threaded BLAS call (classifying documents): BLAS
    /// runs on the calling thread, and OpenBLAS's worker threads, which it starts when
    /// the library loads and which then spin in `sched_yield` waiting for work (a
    /// quarter of a short `precis classify`'s CPU time on two cores), are stopped.
    /// OpenBLAS starts them again by itself if a later call wants them. Symbols looked
    /// up at run time, as in ``useOneThreadPerCaller()``: a no-op on other BLAS libraries.
    ///
    /// ```swift
    /// BLASThreads.stopIdleThreads()   // at the start of a command that needs no BLAS threads
    /// ```
    package static func stopIdleThreads() {
        useOneThreadPerCaller()
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "blas_thread_shutdown_") else { return }
        typealias Shutdown = @convention(c) () -> Int32
        _ = unsafeBitCast(symbol, to: Shutdown.self)()
    }
}
