import ArgumentParser

/// `mlpredict`: runs Python models defined by `CREATE MODEL` statements.
@main
struct MLPredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlpredict",
        abstract: "Run Python models (FLIP-552 generic-python) over JSON Lines, or SQL statements over a model catalog.",
        subcommands: [RunCommand.self, SQLCommand.self]
    )
}
