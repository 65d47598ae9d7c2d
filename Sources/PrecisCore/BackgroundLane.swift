import Dispatch

/// A stage of a pipeline: jobs that run one after another, in the order they were
/// submitted, on a thread beside the caller's, so that serial work (reading the
/// next block of a stream, writing the last one out) overlaps the caller's own.
/// The jobs' order is fixed, so what they compute does not depend on timing.
///
/// A job that throws stops the lane: later jobs are skipped, and ``wait()``
/// rethrows the first error. Whatever the jobs touch must be left alone by the
/// caller until ``wait()`` returns.
///
/// ```swift
/// let lane = BackgroundLane()
/// for block in blocks {
///     let weighed = weigh(block)            // on the caller's thread (and the cores)
///     try lane.wait()                       // the previous write is done
///     lane.submit { try file.append(weighed) }
/// }
/// try lane.wait()
/// ```
package final class BackgroundLane: @unchecked Sendable {
    private let queue = DispatchQueue(label: "precis.lane")
    private let group = DispatchGroup()
    /// Written by the lane's jobs only, read after `group.wait()`.
    private var failure: Error?

    package init() {}

    /// Runs `job` after every job submitted before it.
    package func submit(_ job: @escaping () throws -> Void) {
        group.enter()
        queue.async { [self] in
            defer { group.leave() }
            guard failure == nil else { return }
            do { try job() } catch { failure = error }
        }
    }

    /// Waits until every submitted job has run.
    ///
    /// - Throws: the first error a job threw (the lane then stays stopped).
    package func wait() throws {
        group.wait()
        if let failure { throw failure }
    }

    /// Waits until every submitted job has run, whatever they threw (before
    /// leaving a scope whose state the jobs touch).
    package func finish() {
        group.wait()
    }
}
