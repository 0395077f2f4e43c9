import Foundation
import Synchronization
import Testing

@testable import MLPredictPython

/// The embedded interpreter, started once for the whole test process.
enum TestInterpreter {
    static func start() throws {
        try Interpreter.ensureStarted()
    }

    /// Runs Python statements in a fresh namespace and returns the namespace's `result`.
    static func evaluate(_ code: String, _ gil: borrowing GIL) throws -> PythonReference {
        let builtins = try Interpreter.importModule("builtins", gil)
        let namespace = try builtins.attribute("dict", gil).call(gil)
        _ = try builtins.attribute("exec", gil).call(
            arguments: PythonReference(tupleOf: PythonReference(string: code, gil), namespace.copy(gil), gil), gil)
        return try namespace.attribute("__getitem__", gil).call(PythonReference(string: "result", gil), gil)
    }
}

@Suite("the embedded interpreter")
struct InterpreterTests {
    init() throws { try TestInterpreter.start() }

    @Test func runsTheLinkedPythonWithUTF8AndNoSignalHandlers() throws {
        try Interpreter.withGIL { gil in
            let version = try TestInterpreter.evaluate(
                "import sys; result = '%d.%d' % sys.version_info[:2]", gil)
            #expect(try version.string(gil) == Interpreter.pythonVersion)
            let encoding = try TestInterpreter.evaluate("import sys; result = sys.getfilesystemencoding()", gil)
            #expect(try encoding.string(gil) == "utf-8")
            // Python did not install its KeyboardInterrupt handler: SIGINT stays the host's.
            let pythonOwnsSIGINT = try TestInterpreter.evaluate(
                "import signal; result = signal.getsignal(signal.SIGINT) is signal.default_int_handler", gil)
            #expect(pythonOwnsSIGINT.boolValue(gil) == false)
        }
    }

    @Test func importingSignalOrAsyncioLeavesTheHostsSIGINTAlone() throws {
        var before = sigaction()
        sigaction(SIGINT, nil, &before)
        try Interpreter.withGIL { gil in
            _ = try TestInterpreter.evaluate("import signal, asyncio, subprocess; result = None", gil)
        }
        var after = sigaction()
        sigaction(SIGINT, nil, &after)
        #expect(
            unsafeBitCast(after.__sigaction_handler.sa_handler, to: Int.self)
                == unsafeBitCast(before.__sigaction_handler.sa_handler, to: Int.self))
    }

    @Test func virtualEnvironmentSitePackagesAreOnSysPath() throws {
        guard let venv = Interpreter.configuration?.virtualEnvironment else { return }
        try Interpreter.withGIL { gil in
            let path = try TestInterpreter.evaluate("import sys; result = '\\n'.join(sys.path)", gil).string(gil)
            #expect(path.contains("\(venv)/lib/python\(Interpreter.pythonVersion)/site-packages"))
            let prefix = try TestInterpreter.evaluate("import sys; result = sys.prefix", gil).string(gil)
            #expect(prefix == venv)
        }
    }

    @Test func startingAgainWithTheSameConfigurationIsFineAndWithAnotherIsAnError() throws {
        let current = try #require(Interpreter.configuration)
        try Interpreter.start(current)
        var other = current
        other.searchPaths.append("/elsewhere")
        #expect(throws: InterpreterError.self) { try Interpreter.start(other) }
    }

    @Test func venvOfAnotherPythonVersionIsRejectedBeforeStarting() throws {
        let venv = FileManager.default.temporaryDirectory.appendingPathComponent("venv-\(UUID())")
        try FileManager.default.createDirectory(at: venv, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: venv) }
        try "home = /opt/python3.99/bin\nversion = 3.99.1\n".write(
            to: venv.appendingPathComponent("pyvenv.cfg"), atomically: true, encoding: .utf8)
        do {
            _ = try PythonLayout(InterpreterConfiguration(virtualEnvironment: venv.path))
            Issue.record("a Python 3.99 venv was accepted")
        } catch {
            #expect(error.description.contains("was made by Python 3.99.1"))
            #expect(error.description.contains("recreate it with"))
        }
        #expect(throws: InterpreterError.self) {
            _ = try PythonLayout(InterpreterConfiguration(virtualEnvironment: "/no/such/venv"))
        }
    }
}

@Suite("GIL, references and errors")
struct GILAndReferenceTests {
    init() throws { try TestInterpreter.start() }

    @Test func gilIsReentrant() throws {
        let inner = try Interpreter.withGIL { gil in
            try Interpreter.withGIL { gil2 in try PythonReference(7, gil2).int64Value(gil2) }
        }
        #expect(inner == 7)
    }

    @Test func manyThreadsTakeTheGILWithoutDeadlockOrLostUpdates() throws {
        let counter = try Interpreter.withGIL { gil in
            PythonObject(try TestInterpreter.evaluate("result = [0]", gil))
        }
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<2000 {
                Interpreter.withGIL { gil in
                    let list = counter.reference(gil)
                    let value = (try? list.sequenceItem(0, gil).int64Value(gil)) ?? 0
                    _ = try? list.attribute("__setitem__", gil).call(
                        arguments: PythonReference(tupleOf: PythonReference(0, gil), PythonReference(value + 1, gil), gil),
                        gil)
                }
            }
        }
        let total = try Interpreter.withGIL { gil in try counter.reference(gil).sequenceItem(0, gil).int64Value(gil) }
        #expect(total == 16_000)
    }

    @Test func objectsDroppedWithoutTheGILAreReleasedLater() throws {
        let (object, alive) = try Interpreter.withGIL { gil in
            let namespace = try TestInterpreter.evaluate(
                """
                import weakref
                class Probe: pass
                probe = Probe()
                result = (probe, weakref.ref(probe))
                """, gil)
            return (PythonObject(try namespace.sequenceItem(0, gil)), PythonObject(try namespace.sequenceItem(1, gil)))
        }
        // The last Swift reference goes away on a thread that does not hold the GIL.
        let dropped = DispatchSemaphore(value: 0)
        Thread.detachNewThread { [object] in
            _ = object
            dropped.signal()
        }
        dropped.wait()
        _ = consume object
        Thread.sleep(forTimeInterval: 0.05)
        let isDead = try Interpreter.withGIL { gil in
            try alive.reference(gil).call(gil).kind(gil) == .none
        }
        #expect(isDead)
    }

    @Test func pythonExceptionsBecomeSwiftErrorsWithTraceback() throws {
        try Interpreter.withGIL { gil in
            do {
                _ = try TestInterpreter.evaluate(
                    """
                    class ModelError(RuntimeError): pass
                    def load():
                        raise ModelError('weights missing')
                    try:
                        {}['key']
                    except KeyError as cause:
                        raise ValueError('bad config') from cause
                    """, gil)
                Issue.record("no error")
            } catch let error as PythonError {
                #expect(error.typeName == "ValueError")
                #expect(error.message == "bad config")
                #expect(error.traceback.contains("KeyError: 'key'"))
                #expect(error.traceback.contains("The above exception was the direct cause of the following exception"))
                #expect(error.traceback.hasSuffix("ValueError: bad config\n"))
            }
            // The error state was cleared: Python keeps working.
            #expect(try TestInterpreter.evaluate("result = 1 + 1", gil).int64Value(gil) == 2)
        }
    }

    @Test func exceptionTypeNamesIncludeTheirModule() throws {
        try Interpreter.withGIL { gil in
            #expect(throws: PythonError.self) { _ = try Interpreter.importModule("no_such_module_here", gil) }
            do {
                _ = try TestInterpreter.evaluate("import json; json.loads('{')", gil)
            } catch let error as PythonError {
                #expect(error.typeName == "json.decoder.JSONDecodeError")
            }
        }
    }
}

@Suite("scalar conversions")
struct ScalarConversionTests {
    init() throws { try TestInterpreter.start() }

    @Test(arguments: ["", "ascii", "émoji 👩‍👩‍👧‍👦", "combining e\u{301}", "nul \u{0} inside", "\u{10FFFF}", "日本語"])
    func stringsRoundTripExactly(_ text: String) throws {
        try Interpreter.withGIL { gil in
            let object = try PythonReference(string: text, gil)
            let kind = object.kind(gil)
            #expect(kind == .string)
            #expect(Array(try object.string(gil).utf8) == Array(text.utf8))
            let length = try Interpreter.importModule("builtins", gil).attribute("len", gil).call(object, gil)
            let count = length.int64Value(gil)
            #expect(count == Int64(text.unicodeScalars.count))
        }
    }

    @Test func integersAndOverflow() throws {
        try Interpreter.withGIL { gil in
            for value in [Int64.min, -1, 0, 1, Int64.max] {
                #expect(try PythonReference(value, gil).int64Value(gil) == value)
            }
            let huge = try TestInterpreter.evaluate("result = 2 ** 64", gil)
            let hugeKind = huge.kind(gil)
            #expect(hugeKind == .int)
            let hugeValue = huge.int64Value(gil)
            #expect(hugeValue == nil)
            #expect(throws: PythonError.self) { _ = try TestInterpreter.evaluate("result = 2 ** 2000", gil).doubleValue(gil) }
        }
    }

    @Test func kindsTellBoolFromIntAndSubclassesApart() throws {
        try Interpreter.withGIL { gil in
            #expect(PythonReference(true, gil).kind(gil) == .bool)
            let isTrue = PythonReference(true, gil).boolValue(gil)
            #expect(isTrue)
            #expect(try PythonReference(1, gil).kind(gil) == .int)
            #expect(try PythonReference(1.5, gil).kind(gil) == .float)
            let noneKind = PythonReference.none(gil).kind(gil)
            #expect(noneKind == .none)
            #expect(try TestInterpreter.evaluate("result = (1,)", gil).kind(gil) == .tuple)
            #expect(try TestInterpreter.evaluate("result = []", gil).kind(gil) == .list)
            #expect(try TestInterpreter.evaluate("result = {}", gil).kind(gil) == .dict)
            for bytesLike in ["b'x'", "bytearray(b'x')", "memoryview(b'x')"] {
                #expect(try TestInterpreter.evaluate("result = \(bytesLike)", gil).kind(gil) == .bytes)
            }
            #expect(try TestInterpreter.evaluate("result = {1}", gil).kind(gil) == .other)
            let subclass = try TestInterpreter.evaluate("class S(str): pass\nresult = S('x')", gil)
            let subclassKind = subclass.kind(gil)
            #expect(subclassKind == .string)
            let subclassName = subclass.typeName(gil)
            #expect(subclassName == "S")
            #expect(try TestInterpreter.evaluate("result = 'x' * 100", gil).shortRepr(gil, limit: 10) == "'xxxxxx...")
        }
    }

    @Test func doublesKeepSpecialValues() throws {
        try Interpreter.withGIL { (gil) throws in
            for value in [0.1, -0.0, .infinity, -.infinity, .leastNonzeroMagnitude, .greatestFiniteMagnitude] {
                #expect(try PythonReference(value, gil).doubleValue(gil) == value)
            }
            #expect(try PythonReference(Double.nan, gil).doubleValue(gil).isNaN)
        }
    }

    @Test func tupleSubclassInstancesAreBuiltInPlace() throws {
        try Interpreter.withGIL { gil in
            let type = try TestInterpreter.evaluate(
                "class Pair(tuple):\n    __slots__ = ()\n    def first(self): return self[0]\nresult = Pair", gil)
            let maybePairType = PythonTupleType(type, gil)
            let pairType = try #require(maybePairType)
            var builder = try PythonTupleBuilder(count: 2, type: pairType, gil)
            builder.append(try PythonReference(string: "a", gil))
            builder.append(try PythonReference(2, gil))
            let pair = builder.build()
            let isExact = pairType.isExactType(of: pair, gil)
            #expect(isExact)
            #expect(try pair.attribute("first", gil).call(gil).string(gil) == "a")
            let pairRepr = pair.shortRepr(gil)
            #expect(pairRepr == "('a', 2)")
            let withDict = try TestInterpreter.evaluate("class D(tuple): pass\nresult = D", gil)
            let dictType = PythonTupleType(withDict, gil)
            #expect(dictType == nil)
        }
    }
}
