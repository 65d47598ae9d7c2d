import PrecisCore

/// Streams the records of a line-based file through a computation, in bounded
/// memory and input order, on all cores: read a block of lines, parse its lines
/// in parallel, process the block's records (in parallel too, as the caller
/// wishes), hand the outputs on, repeat.
///
/// A malformed line ends the stream with a ``DatasetError`` naming its file and
/// line, after the outputs of every record before it have been handed on; with
/// ``StreamOptions/skipBadLines`` it is counted in the ``StreamSummary`` instead.
///
/// ```swift
/// let summary = try LineRecordStream.run(path: "docs.jsonl",
///     parse: { line, number in String(decoding: line, as: UTF8.self) },
///     process: { lines in lines.map(\.count) },
///     emit: { counts in print(counts) })
/// ```
public enum LineRecordStream {
    /// Runs the stream over the file at `path` (`-`: standard input).
    ///
    /// - Parameters:
    ///   - parse: a line's record, or nil to pass the line over; runs on several
    ///     threads. A ``DatasetError`` it throws marks the line as bad.
    ///   - process: the outputs of a block's records, one per record, in order.
    ///   - emit: receives each block's outputs, in input order.
    /// - Throws: the first bad line's ``DatasetError`` (unless skipped), or what
    ///   `process` or `emit` threw.
    @discardableResult
    public static func run<Record, Output>(path: String, options: StreamOptions = StreamOptions(),
                                           parse: (UnsafeBufferPointer<UInt8>, Int) throws -> Record?,
                                           process: ([Record]) throws -> [Output],
                                           emit: ([Output]) throws -> Void) throws -> StreamSummary {
        let stream = try LineStream(path: path, blockBytes: options.blockBytes, maximumLineBytes: options.maximumLineBytes)
        return try run(stream, options: options, parse: parse, process: process, emit: emit)
    }

    /// Runs the stream over an open ``LineStream``. The next block is read and its
    /// lines parsed on a second thread (a ``PrecisCore/BackgroundLane``) while the
    /// records of the current one are processed and emitted; `process` and `emit`
    /// run on the calling thread, block after block, in input order.
    @discardableResult
    public static func run<Record, Output>(_ stream: LineStream, options: StreamOptions = StreamOptions(),
                                           parse: (UnsafeBufferPointer<UInt8>, Int) throws -> Record?,
                                           process: ([Record]) throws -> [Output],
                                           emit: ([Output]) throws -> Void) throws -> StreamSummary {
        try withoutActuallyEscaping(parse) { escapable in
            // The lane's jobs reach `parse` through the holder, which lets go of it once the
            // lane is done, so nothing holds it when this returns (the lane's last job
            // object itself may be released a moment later, on the lane's thread).
            let parse = Holder(escapable)
            defer { parse.value = nil }
            return try runReadingAhead(stream, options: options, parse: parse, process: process, emit: emit)
        }
    }

    /// A reference to a closure that can be dropped.
    private final class Holder<Value> {
        var value: Value?
        init(_ value: Value) { self.value = value }
    }

    /// ``run(_:options:parse:process:emit:)`` with a `parse` the lane may reach (it is
    /// done with it before this returns).
    private static func runReadingAhead<Record, Output>(_ stream: LineStream, options: StreamOptions,
                                                        parse: Holder<(UnsafeBufferPointer<UInt8>, Int) throws -> Record?>,
                                                        process: ([Record]) throws -> [Output],
                                                        emit: ([Output]) throws -> Void) throws -> StreamSummary {
        var summary = StreamSummary()
        let lane = BackgroundLane()
        // Touched by the lane's job only until `lane.wait()` returns.
        var next: ReadBlock<Record>?
        func readAhead() {
            lane.submit {
                if let block = try stream.nextBlock(), let parse = parse.value {
                    next = ReadBlock(parsed: block.map(parse), consumed: stream.consumed)
                } else {
                    next = nil
                }
            }
        }
        // The lane may still be reading when this returns early (a bad line, or a throw
        // from `process` or `emit`): it is done before `parse` and the stream are let go.
        defer { lane.finish() }
        readAhead()
        while true {
            try lane.wait()
            guard let current = next else { break }
            next = nil
            readAhead()
            var records: [Record] = []
            records.reserveCapacity(current.parsed.count)
            var failure: Error?
            for result in current.parsed {
                switch result {
                case .success(let record?): records.append(record)
                case .success(nil): continue
                case .failure(let error as DatasetError) where options.skipBadLines:
                    summary.badLines += 1
                    if summary.firstBadLine == nil { summary.firstBadLine = error }
                case .failure(let error):
                    failure = error
                }
                if failure != nil { break }
            }
            summary.records += records.count
            if !records.isEmpty {
                let outputs = try process(records)
                try emit(outputs)
            }
            if let failure { throw failure }
            options.progress?(StreamProgress(records: summary.records, badLines: summary.badLines,
                                             bytes: current.consumed, totalBytes: stream.totalBytes))
        }
        return summary
    }

    /// A block read ahead: its lines parsed, and the stream's offset after it.
    private struct ReadBlock<Record> {
        var parsed: [Result<Record?, Error>]
        var consumed: Int
    }

    /// `transform` of every record of a block, on all cores, in order: a
    /// `process` for ``run(path:options:parse:process:emit:)`` when each record
    /// is worked on alone (summarising, segmenting).
    ///
    /// - Throws: the error of the first record (in order) whose transform threw.
    public static func inParallel<Record, Output>(_ records: [Record], chunk: Int = 4,
                                                  _ transform: (Record) throws -> Output) throws -> [Output] {
        try Parallelism.map(records.count, chunk: chunk) { k in Result { try transform(records[k]) } }.map { try $0.get() }
    }
}
