// precis-bench: micro-benchmarks that need to run inside a Swift process.
//
// Measures single-precision gemm GFLOP/s through Precis's dense layer
// (`BLAS.gemm` on `Matrix`) and through the raw `cblas_sgemm` call on the same
// buffers, interleaved, and reports which BLAS shared object the process
// actually mapped (from /proc/self/maps). Output: one JSON object on stdout.
//
//   precis-bench gemm [--sizes 1024,256] [--repeats 5]
//
// Run it with `LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/blas` to get the
// reference BLAS instead of the system default (OpenBLAS here).
import CBLAS
import Foundation
import PrecisLinearAlgebra

/// A bad command line: printed as one line, exit status 2.
struct UsageError: Error, CustomStringConvertible {
    let description: String
}

/// Monotonic wall clock in seconds.
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// The BLAS-related shared objects mapped into this process.
func mappedBLASLibraries() -> [String] {
    // /proc files report size 0, so read line by line with stdio rather than by size.
    guard let file = fopen("/proc/self/maps", "r") else { return [] }
    defer { fclose(file) }
    var lines: [String] = []
    var buffer: UnsafeMutablePointer<CChar>? = nil
    var capacity = 0
    while getline(&buffer, &capacity, file) > 0, let buffer {
        lines.append(String(cString: buffer).trimmingCharacters(in: .newlines))
    }
    free(buffer)
    var seen: [String] = []
    for line in lines {
        guard let slash = line.firstIndex(of: "/") else { continue }
        let path = String(line[slash...])
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if name.contains("blas") || name.contains("lapack") || name.contains("gfortran"),
           !seen.contains(path) {
            seen.append(path)
        }
    }
    return seen
}

/// Deterministic pseudo-random values in [-1, 1) (xorshift), so runs are comparable.
func randomMatrix(rows: Int, columns: Int, seed: UInt64) -> Matrix {
    var state = seed | 1
    var m = Matrix(rows: rows, columns: columns)
    m.withUnsafeMutableStorage { buffer in
        for i in buffer.indices {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            buffer[i] = Float(Double(state >> 40) / Double(1 << 24) * 2 - 1)
        }
    }
    return m
}

/// The raw CBLAS call that `BLAS.gemm` wraps, on the same row-major buffers.
func rawGemm(_ a: Matrix, _ b: Matrix, _ c: inout Matrix) {
    let m = Int32(a.rows), k = Int32(a.columns), n = Int32(b.columns)
    a.storage.withUnsafeBufferPointer { ab in
        b.storage.withUnsafeBufferPointer { bb in
            c.withUnsafeMutableStorage { cb in
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1,
                            ab.baseAddress, k, bb.baseAddress, n, 0, cb.baseAddress, n)
            }
        }
    }
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func jsonNumbers(_ xs: [Double]) -> String {
    "[" + xs.map { String(format: "%.4f", $0) }.joined(separator: ", ") + "]"
}

func jsonString(_ s: String) -> String {
    var out = "\""
    for ch in s.unicodeScalars {
        switch ch {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        default: out.unicodeScalars.append(ch)
        }
    }
    return out + "\""
}

/// Times `repeats` calls of each variant after one warm-up call each, interleaved.
func benchmarkGemm(size n: Int, repeats: Int) -> String {
    let a = randomMatrix(rows: n, columns: n, seed: 0x5EED + UInt64(n))
    let b = randomMatrix(rows: n, columns: n, seed: 0xBEEF + UInt64(n))
    var c = Matrix(rows: n, columns: n)
    var d = Matrix(rows: n, columns: n)
    let flops = 2.0 * Double(n) * Double(n) * Double(n)
    // Small products are timed in batches so each sample lasts long enough to measure.
    let inner = max(1, Int(1e9 / flops))

    BLAS.gemm(a, b, into: &c)
    rawGemm(a, b, &d)
    var layer: [Double] = []
    var raw: [Double] = []
    for _ in 0..<repeats {
        var t0 = now()
        for _ in 0..<inner { BLAS.gemm(a, b, into: &c) }
        layer.append(flops * Double(inner) / (now() - t0) / 1e9)
        t0 = now()
        for _ in 0..<inner { rawGemm(a, b, &d) }
        raw.append(flops * Double(inner) / (now() - t0) / 1e9)
    }
    // Both paths must compute the same product (same library, same call).
    var maxDiff: Float = 0
    for i in 0..<(n * n) { maxDiff = max(maxDiff, abs(c.storage[i] - d.storage[i])) }
    let lm = median(layer), rm = median(raw)
    return """
    {"size": \(n), "calls_per_sample": \(inner), "layer_gflops": \(jsonNumbers(layer)), \
    "raw_gflops": \(jsonNumbers(raw)), "layer_median": \(String(format: "%.4f", lm)), \
    "raw_median": \(String(format: "%.4f", rm)), "layer_over_raw": \(String(format: "%.4f", lm / rm)), \
    "max_abs_difference": \(maxDiff)}
    """
}

func run(_ arguments: [String]) throws {
    guard arguments.first == "gemm" else {
        throw UsageError(description: "usage: precis-bench gemm [--sizes 1024,256] [--repeats 5]")
    }
    var sizes = [1024]
    var repeats = 5
    var i = 1
    while i < arguments.count {
        let flag = arguments[i]
        guard i + 1 < arguments.count else { throw UsageError(description: "missing value for \(flag)") }
        let value = arguments[i + 1]
        switch flag {
        case "--sizes":
            let parsed = value.split(separator: ",").compactMap { Int($0) }
            guard !parsed.isEmpty, parsed.allSatisfy({ $0 > 0 }) else {
                throw UsageError(description: "--sizes wants positive integers, got '\(value)'")
            }
            sizes = parsed
        case "--repeats":
            guard let r = Int(value), r > 0 else {
                throw UsageError(description: "--repeats wants a positive integer, got '\(value)'")
            }
            repeats = r
        default:
            throw UsageError(description: "unknown option '\(flag)'")
        }
        i += 2
    }
    let results = sizes.map { benchmarkGemm(size: $0, repeats: repeats) }
    let libraries = mappedBLASLibraries().map(jsonString).joined(separator: ", ")
    let threads = ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] ?? ""
    print("""
    {"benchmark": "sgemm", "blas_libraries": [\(libraries)], \
    "openblas_num_threads_env": \(jsonString(threads)), "results": [\(results.joined(separator: ", "))]}
    """)
}

do {
    try run(Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
    exit(2)
}
