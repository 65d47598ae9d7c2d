import Foundation
import Testing
import PrecisCore
import PrecisDatasets
import PrecisTestSupport

/// Outputs are written atomically, leave nothing behind, keep modes, refuse
/// dangerous targets, and report every write failure (issue 16).
@Suite(.serialized)
struct OutputTests {
    func entries(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    }

    @Test("a new file appears complete, with no temporary left")
    func writesAtomically() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.txt").path
        try AtomicFile.write(Array("hello\n".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "hello\n")
        #expect(try entries(dir) == ["out.txt"])
    }

    @Test("a failing writer leaves the old file untouched and no temporary")
    func failureKeepsOld() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.txt").path
        try AtomicFile.write(Array("old\n".utf8), to: path)
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try AtomicFile.write(to: path) { file in
                try file.write(Array("partial".utf8))
                throw Stop()
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
        #expect(try entries(dir) == ["out.txt"])
    }

    @Test("an existing file keeps its mode")
    func keepsMode() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("model.precis").path
        try AtomicFile.write(Array("v1".utf8), to: path)
        #expect(chmod(path, 0o600) == 0)
        try AtomicFile.write(Array("v2".utf8), to: path)
        var info = stat()
        #expect(stat(path, &info) == 0)
        #expect(info.st_mode & 0o7777 == 0o600)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "v2")
    }

    @Test("an input file, a FIFO, a directory and a device are refused as targets")
    func refusesTargets() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("data.tsv").path
        try "a\tb\n".write(toFile: input, atomically: false, encoding: .utf8)
        #expect(throws: OutputError.self) { try AtomicFile.write([1], to: input, inputs: [input]) }
        #expect(try String(contentsOfFile: input, encoding: .utf8) == "a\tb\n")
        // The same file under another name (a hard link) is still the input.
        let alias = dir.appendingPathComponent("alias.tsv").path
        #expect(link(input, alias) == 0)
        #expect(throws: OutputError.self) { try AtomicFile.write([1], to: alias, inputs: [input]) }
        let fifo = dir.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        do {
            try AtomicFile.write([1], to: fifo)
            Issue.record("wrote over a FIFO")
        } catch let error as OutputError {
            #expect(error.description.contains("a FIFO"))
        }
        #expect(throws: OutputError.self) { try AtomicFile.write([1], to: dir.path) }
        #expect(throws: OutputError.self) { try AtomicFile.write([1], to: "/dev/null") }
        var info = stat()
        #expect(stat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
        #expect(throws: OutputError.self) { try AtomicFile.write([1], to: dir.appendingPathComponent("no/such/dir/x").path) }
    }

    @Test("a symbolic link to a regular file is followed: the link stays")
    func followsSymlink() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let real = dir.appendingPathComponent("real.txt").path
        let link = dir.appendingPathComponent("link.txt").path
        try AtomicFile.write(Array("1".utf8), to: real)
        #expect(symlink(real, link) == 0)
        try AtomicFile.write(Array("2".utf8), to: link)
        #expect(try String(contentsOfFile: real, encoding: .utf8) == "2")
        var info = stat()
        #expect(lstat(link, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
    }

    @Test("temporaries left by dead processes are removed on the next write")
    func staleTemporaries() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("m.precis").path
        // PID 2^22 + 1 is beyond Linux's pid_max: never a running process.
        let dead = 4_194_305
        for name in [".m.precis.precis-tmp-\(dead)-1", ".m.precis.tmp-\(dead)", ".other.tmp-\(dead)"] {
            try "junk".write(toFile: dir.appendingPathComponent(name).path, atomically: false, encoding: .utf8)
        }
        let live = ".m.precis.precis-tmp-\(getpid())-99"
        try "mine".write(toFile: dir.appendingPathComponent(live).path, atomically: false, encoding: .utf8)
        try AtomicFile.write(Array("model".utf8), to: path)
        #expect(try entries(dir) == [".m.precis.precis-tmp-\(getpid())-99", ".other.tmp-\(dead)", "m.precis"])
    }

    @Test("the output sink reports a full disk instead of losing the output")
    func sinkReportsENOSPC() throws {
        let fd = open("/dev/full", O_WRONLY)
        try #require(fd >= 0)
        defer { close(fd) }
        let sink = OutputSink(fileDescriptor: fd, name: "standard output")
        try sink.print("buffered")          // held in the buffer
        do {
            try sink.flush()
            Issue.record("flush to /dev/full succeeded")
        } catch let error as OutputError {
            #expect(error.description == "standard output: cannot write: No space left on device")
            #expect(error.code == ENOSPC)
        }
        #expect(sink.failure != nil)
        #expect(throws: OutputError.self) { try sink.print("more") }
    }

    @Test("AtomicFile reports a write error (EBADF stands in for EIO) without a trap")
    func atomicWriteError() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("x").path
        // /dev/full as the whole directory is impossible; a read-only directory is the portable failure.
        #expect(chmod(dir.path, 0o500) == 0)
        defer { chmod(dir.path, 0o700) }
        if getuid() != 0 {
            #expect(throws: OutputError.self) { try AtomicFile.write([1], to: path) }
        }
    }
}
