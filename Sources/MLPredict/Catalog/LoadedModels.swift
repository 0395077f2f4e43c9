import Dispatch
import Synchronization

/// The loaded ``Model``s of one catalog's definitions, shared by every session on the catalog.
///
/// A model is loaded once per definition, outside any lock: a slow `open()` delays only the
/// queries of its own path, which wait for that one load. Queries lease a model for as long as
/// they run. Retiring it (after DROP, ALTER or RENAME, or when its definition changed) closes it
/// once the last lease ends.
public final class LoadedModels: Sendable {
    private enum Slot {
        case loaded(CatalogModel, SharedModel)
        case loading(Loading)
    }

    private struct State {
        var slots: [ModelPath: Slot] = [:]
        /// Bumped each time a path's model is retired, so that a load whose definition was read
        /// before is not kept.
        var generations: [ModelPath: Int] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// The retirement count of `path`: read it before reading the definition to lease.
    func generation(of path: ModelPath) -> Int {
        state.withLock { $0.generations[path, default: 0] }
    }

    /// A lease on the model loaded for `definition` at `path`, loading it (once) with `registry`.
    /// A model loaded for an older definition is retired. When `path` was retired since
    /// `generation` was read, the model loaded is this lease's alone: it closes when released.
    func lease(
        _ path: ModelPath, _ definition: CatalogModel, generation: Int, registry: ModelRegistry
    ) throws(MLPredictError) -> SharedModel {
        while true {
            let (step, replaced) = state.withLock { state -> (LeaseStep, SharedModel?) in
                switch state.slots[path] {
                case .loaded(let loaded, let shared) where loaded == definition && shared.acquire():
                    return (.leased(shared), nil)
                case .loading(let loading):
                    return (.wait(loading), nil)
                case let slot where state.generations[path, default: 0] == generation:
                    let loading = Loading(definition)
                    state.slots[path] = .loading(loading)
                    guard case .loaded(_, let previous)? = slot else { return (.load(loading), nil) }
                    return (.load(loading), previous)
                default:
                    return (.loadUnshared, nil)
                }
            }
            replaced?.retire()
            switch step {
            case .leased(let shared):
                return shared
            case .wait(let loading):
                if let error = loading.failure(waiting: definition) { throw error }
            case .load(let loading):
                return try load(path, definition, registry: registry, into: loading)
            case .loadUnshared:
                let shared = try Self.load(path, definition, registry: registry)
                shared.retire()
                return shared
            }
        }
    }

    /// Loads the model for the placeholder `loading`, and keeps it unless `path` was retired meanwhile.
    private func load(
        _ path: ModelPath, _ definition: CatalogModel, registry: ModelRegistry, into loading: Loading
    ) throws(MLPredictError) -> SharedModel {
        let outcome = Result { () throws(MLPredictError) in try Self.load(path, definition, registry: registry) }
        let kept = state.withLock { state in
            guard case .loading(let current)? = state.slots[path], current === loading else { return false }
            switch outcome {
            case .success(let shared): state.slots[path] = .loaded(definition, shared)
            case .failure: state.slots[path] = nil
            }
            return true
        }
        loading.finish(outcome)
        let shared = try outcome.get()
        if !kept { shared.retire() }
        return shared
    }

    /// Loads the model for `definition`, with a lease taken.
    private static func load(
        _ path: ModelPath, _ definition: CatalogModel, registry: ModelRegistry
    ) throws(MLPredictError) -> SharedModel {
        let provider = try registry.createProvider(definition.context(name: path.name))
        let shared = SharedModel(try Model(provider: provider))
        _ = shared.acquire()
        return shared
    }

    /// Retires the model loaded at `path`, if any: it closes after the queries using it finish.
    /// A load in progress there is not kept.
    func retire(_ path: ModelPath) {
        let slot = state.withLock { state in
            state.generations[path, default: 0] += 1
            return state.slots.removeValue(forKey: path)
        }
        if case .loaded(_, let shared)? = slot { shared.retire() }
    }

    /// Retires every loaded model.
    func retireAll() {
        let slots = state.withLock { state in
            for path in state.slots.keys { state.generations[path, default: 0] += 1 }
            defer { state.slots.removeAll() }
            return Array(state.slots.values)
        }
        for case .loaded(_, let shared) in slots { shared.retire() }
    }

    /// Whether a model is loaded at `path`.
    public func isLoaded(_ path: ModelPath) -> Bool {
        state.withLock { state in
            guard case .loaded? = state.slots[path] else { return false }
            return true
        }
    }
}

/// What a lease does after looking at its path's slot.
private enum LeaseStep {
    case leased(SharedModel)
    /// Waits for another lease's load, then looks again.
    case wait(Loading)
    /// Loads the model into the placeholder it put in the slot.
    case load(Loading)
    /// Loads a model for this lease only: its definition may be out of date.
    case loadUnshared
}

/// A model being loaded at a path: other leases of the path wait for it.
private final class Loading: Sendable {
    let definition: CatalogModel
    private let done = DispatchGroup()
    private let error = Mutex<MLPredictError?>(nil)

    init(_ definition: CatalogModel) {
        self.definition = definition
        done.enter()
    }

    func finish(_ outcome: Result<SharedModel, MLPredictError>) {
        if case .failure(let failure) = outcome { error.withLock { $0 = failure } }
        done.leave()
    }

    /// Waits for the load; its error if it failed loading `definition`.
    func failure(waiting definition: CatalogModel) -> MLPredictError? {
        done.wait()
        return definition == self.definition ? error.withLock { $0 } : nil
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
