import Synchronization

/// The loaded ``Model``s of one catalog's definitions, shared by every session on the catalog.
///
/// A model is loaded once per definition; queries lease it for as long as they run. Retiring it
/// (after DROP, ALTER or RENAME, or when its definition changed) closes it once the last lease ends.
public final class LoadedModels: Sendable {
    private struct Entry {
        let definition: CatalogModel
        let shared: SharedModel
    }

    private let entries = Mutex<[ModelPath: Entry]>([:])

    public init() {}

    /// A lease on the model loaded for `definition` at `path`, loading it (once) with `registry`.
    /// A model loaded for an older definition is retired.
    func lease(
        _ path: ModelPath, _ definition: CatalogModel, registry: ModelRegistry
    ) throws(MLPredictError) -> SharedModel {
        let (leased, retired) = try entries.withLock { (entries) throws(MLPredictError) -> (SharedModel, SharedModel?) in
            if let entry = entries[path], entry.definition == definition, entry.shared.acquire() {
                return (entry.shared, nil)
            }
            let provider = try registry.createProvider(definition.context(name: path.name))
            let shared = SharedModel(try Model(provider: provider))
            _ = shared.acquire()
            let previous = entries.updateValue(Entry(definition: definition, shared: shared), forKey: path)
            return (shared, previous?.shared)
        }
        retired?.retire()
        return leased
    }

    /// Retires the model loaded at `path`, if any: it closes after the queries using it finish.
    func retire(_ path: ModelPath) {
        entries.withLock { $0.removeValue(forKey: path) }?.shared.retire()
    }

    /// Retires every loaded model.
    func retireAll() {
        for entry in entries.withLock({ entries in defer { entries.removeAll() }; return Array(entries.values) }) {
            entry.shared.retire()
        }
    }

    /// Whether a model is loaded at `path`.
    public func isLoaded(_ path: ModelPath) -> Bool {
        entries.withLock { $0[path] != nil }
    }
}

/// A loaded model with a count of the queries using it; closed when retired and unused.
final class SharedModel: Sendable {
    let model: Model
    /// Leases held, and whether the model is retired.
    private let state = Mutex<(leases: Int, retired: Bool)>((0, false))

    init(_ model: Model) {
        self.model = model
    }

    /// Takes a lease; `false` once retired.
    func acquire() -> Bool {
        state.withLock { state in
            guard !state.retired else { return false }
            state.leases += 1
            return true
        }
    }

    /// Ends a lease; the last one after retirement closes the model.
    func release() {
        if state.withLock({ state in state.leases -= 1; return state.retired && state.leases == 0 }) { close() }
    }

    /// Admits no more leases; closes the model now if no lease is held.
    func retire() {
        if state.withLock({ state in
            guard !state.retired else { return false }
            state.retired = true
            return state.leases == 0
        }) { close() }
    }

    private func close() {
        try? model.close()
    }
}
