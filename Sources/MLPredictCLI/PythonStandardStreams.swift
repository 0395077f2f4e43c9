import MLPredictPython

/// Flushes Python's `sys.stdout` and `sys.stderr`, if the interpreter was started.
///
/// Python writes its standard streams out only at each newline or when finalized; the embedded
/// interpreter never is, so without this, output after the last newline would be lost at exit.
func flushPythonStandardStreams() {
    guard Interpreter.isStarted else { return }
    Interpreter.withGIL { gil in
        guard let sys = try? Interpreter.importModule("sys", gil) else { return }
        for name in ["stdout", "stderr"] {
            _ = try? sys.attribute(name, gil).attribute("flush", gil).call(gil)
        }
    }
}
