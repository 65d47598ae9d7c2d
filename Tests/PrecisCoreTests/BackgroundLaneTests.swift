import Testing
@testable import PrecisCore

/// The pipeline stage behind streams' read-ahead and out-of-core training's cache writes.
struct BackgroundLaneTests {
    struct Stop: Error, Equatable { let at: Int }

    /// A box the jobs write to (the lane's state until it is waited for).
    final class Log: @unchecked Sendable { var values: [Int] = [] }

    @Test("jobs run one after another in the order submitted")
    func order() throws {
        let lane = BackgroundLane()
        let log = Log()
        for i in 0..<200 { lane.submit { log.values.append(i) } }
        try lane.wait()
        #expect(log.values == Array(0..<200))
        lane.submit { log.values.append(200) }
        try lane.wait()
        #expect(log.values.count == 201)
    }

    @Test("the first error stops the lane and is thrown by every wait after it")
    func firstError() throws {
        let lane = BackgroundLane()
        let log = Log()
        for i in 0..<10 {
            lane.submit {
                if i == 3 || i == 6 { throw Stop(at: i) }
                log.values.append(i)
            }
        }
        #expect(throws: Stop(at: 3)) { try lane.wait() }
        #expect(log.values == [0, 1, 2])
        lane.submit { log.values.append(99) }
        #expect(throws: Stop(at: 3)) { try lane.wait() }
        lane.finish()
        #expect(log.values == [0, 1, 2])
    }
}
