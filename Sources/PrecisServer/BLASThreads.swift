import Foundation

/// Keeps a threaded BLAS (OpenBLAS) to one thread per call: the server already runs one
/// request per core, and BLAS threads inside each request would only oversubscribe the
/// cores. The symbol is looked up at run time, so other BLAS libraries are left alone.
enum BLASThreads {
    static func useOnePerRequest() {
        guard let handle = dlopen(nil, RTLD_NOW) else { return }
        if let symbol = dlsym(handle, "openblas_set_num_threads") {
            typealias SetThreads = @convention(c) (Int32) -> Void
            unsafeBitCast(symbol, to: SetThreads.self)(1)
        }
    }
}
