import ArgumentParser
import Foundation
import Precis

extension VectorizeCommand {
    /// `vectorize` of a TSV or JSONL input with `--hashing N` or a fitted vectoriser,
    /// streamed (``StreamingVectorization``): the matrix body and the labels go to
    /// temporary files as the blocks are read, then every file is written as the
    /// in-memory path writes it, byte for byte. A bad line stops the stream after
    /// the files were written for the rows before it.
    func runStreaming(_ input: DataInput, reused: TfidfModel?, bar: ProgressBar) throws {
        let start = ContinuousClock.now
        var options = data.lineLimit.applied(to: streaming.options)
        options.progress = bar.streamCallback(unit: "documents")
        let rows = try LabeledRowStream(input: input, labelColumn: data.layout.labelColumn,
                                        textColumn: data.layout.textColumn, options: options)
        let columns = reused?.featureCount ?? hashing ?? 0
        let matrix = try MatrixMarketWriter(columns: columns)
        let labels = try SpillFile(purpose: "labels")
        var unlabelled = false
        var bytes = 0
        /// The labels of a block, one per line, to the spill (a record without one makes every line empty, as in memory).
        func keep(_ block: [TextRow]) throws {
            var text: [UInt8] = []
            for row in block {
                if row.label == nil { unlabelled = true }
                text.append(contentsOf: Self.oneLine(row.label ?? "").utf8)
                text.append(0x0A)
                bytes += row.text.utf8.count
            }
            try labels.append(text)
        }
        var idf: [Float] = reused?.idf ?? []
        var read = StreamSummary()
        var stop: DatasetError?
        // With a fitted vectoriser, each block's labels and rows are written out on a lane
        // beside the next block's transform (`keep`'s state and the spills are the lane's until
        // it is waited for).
        let lane = BackgroundLane()
        defer { lane.finish() }
        do {
            if let reused {
                read = try StreamingVectorization.transform(rows, model: reused) { block, features in
                    try lane.wait()
                    lane.submit {
                        try keep(block)
                        try matrix.append(features)
                    }
                }
            } else {
                let hashing = HashingVectorizer(featureCount: columns, alternateSign: false,
                                                configuration: try vectorizer.configuration(defaults: TfidfConfiguration()))
                read = try StreamingVectorization.fitTransform(rows, hashing: hashing, read: keep,
                                                               fitted: { idf = $0.idf }, emit: { try matrix.append($0) })
            }
        } catch let error as DatasetError {
            stop = error
        }
        try lane.wait()
        guard matrix.rows > 0 else { throw stop ?? DatasetError(path: data.path, "no documents") }
        let streamed = ContinuousClock.now

        bar.status("writing \(matrix.nonZeroCount) values to \(output)")
        let rowCount = matrix.rows
        var files: [(String, (AtomicFile.Output) throws -> Void)] = [
            (VectorizerFiles.vocabularyName, { file in
                if let reused, reused.hashedFeatureCount == nil {
                    try reused.vocabularyText().withUnsafeBytes { try file.write(bytes: $0) }
                } else {
                    for lower in stride(from: 0, to: columns, by: 1 << 16) {
                        try file.write(Self.hashedColumnNames(lower..<min(columns, lower + 1 << 16)))
                    }
                }
            }),
            (VectorizerFiles.idfName, { file in
                for lower in stride(from: 0, to: idf.count, by: 1 << 16) {
                    try VectorizerFiles.idfText(Array(idf[lower..<min(idf.count, lower + 1 << 16)])).withUnsafeBytes { try file.write(bytes: $0) }
                }
            }),
            ("labels.txt", { file in
                if unlabelled {
                    for lower in stride(from: 0, to: rowCount, by: 1 << 16) {
                        try file.write([UInt8](repeating: 0x0A, count: min(rowCount - lower, 1 << 16)))
                    }
                } else {
                    try labels.copy { try file.write(bytes: $0) }
                }
            }),
        ]
        if let reused {
            let settings = try VectorizerFiles.settingsJSON(reused.configuration)
            files.append((VectorizerFiles.settingsName, { file in try settings.withUnsafeBytes { try file.write(bytes: $0) } }))
        }
        try Self.write(matrix: { file in try matrix.finish { try file.write(bytes: $0) } }, files: files,
                       to: output, inputs: inputPaths)
        bar.finish()
        streaming.report(read, name: data.path)
        if timings {
            let total = seconds(streamed - start), write = seconds(ContinuousClock.now - streamed)
            Output.note(String(format: "streamed: read+fit+transform %.3f s (%.1f MB/s of text), write %.3f s; %d documents, %d features, %d non-zeros",
                               total, Double(bytes) / 1e6 / max(total, 1e-9), write, matrix.rows, columns, matrix.nonZeroCount))
        }
        if let stop { throw stop }
    }
}
