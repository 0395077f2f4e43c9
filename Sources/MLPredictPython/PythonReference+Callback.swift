internal import CPython
internal import CPythonShim

extension PythonReference {
    /// A Python callable taking one argument that runs `body` with it, holding the GIL, on
    /// whichever thread Python calls it (an asyncio loop's thread, a done-callback's). It returns
    /// `None`; `body` must not throw, so it reports what it does through its captures.
    public init(callback body: @escaping @Sendable (borrowing PythonReference, borrowing GIL) -> Void, _ gil: borrowing GIL)
        throws(PythonError)
    {
        let context = Unmanaged.passRetained(CallbackBox(body)).toOpaque()
        try self.init(
            checking: CPythonShim_NewCallback(
                { context, argument in
                    let box = Unmanaged<CallbackBox>.fromOpaque(context!).takeUnretainedValue()
                    Interpreter.withGIL { gil in box.body(PythonReference(borrowing: argument), gil) }
                },
                context,
                { context in Unmanaged<CallbackBox>.fromOpaque(context!).release() }),
            gil)
    }
}

/// The Swift closure a Python callback runs, kept alive by the callable's capsule.
private final class CallbackBox {
    let body: @Sendable (borrowing PythonReference, borrowing GIL) -> Void
    init(_ body: @escaping @Sendable (borrowing PythonReference, borrowing GIL) -> Void) { self.body = body }
}
