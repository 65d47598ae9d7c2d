import Testing
@testable import PrecisCore

/// The bounded shuffle buffer of out-of-core training.
struct ShuffleBufferTests {
    @Test("windows: every block once per epoch, bounded, in stream order within, the same for the same seed")
    func windows() {
        let sizes = (0..<100).map { 10 + ($0 * 37) % 50 }
        let buffer = ShuffleBuffer(blockSizes: sizes, capacity: 200, seed: 7)
        for epoch in 0..<3 {
            let windows = buffer.windows(epoch: epoch)
            #expect(windows.flatMap { $0 }.sorted() == Array(0..<100))
            for window in windows {
                #expect(window == window.sorted())
                let size = window.reduce(0) { $0 + sizes[$1] }
                // Bounded: a window closes as soon as it reaches the capacity.
                #expect(size < 200 + sizes.max()!)
            }
            #expect(windows == ShuffleBuffer(blockSizes: sizes, capacity: 200, seed: 7).windows(epoch: epoch))
        }
        // Orders differ between epochs and seeds (and are not the stream order).
        #expect(buffer.blockOrder(epoch: 0) != buffer.blockOrder(epoch: 1))
        #expect(buffer.blockOrder(epoch: 0) != ShuffleBuffer(blockSizes: sizes, capacity: 200, seed: 8).blockOrder(epoch: 0))
        #expect(buffer.blockOrder(epoch: 0) != Array(0..<100))
    }

    @Test("a stream that fits in one window is one window, in stream order")
    func fits() {
        let buffer = ShuffleBuffer(blockSizes: [5, 5, 5], capacity: 100, seed: 1)
        #expect(buffer.windows(epoch: 0) == [[0, 1, 2]])
        #expect(buffer.windows(epoch: 4) == [[0, 1, 2]])
    }
}
