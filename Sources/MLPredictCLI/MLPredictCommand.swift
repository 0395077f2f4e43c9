import ArgumentParser

/// `mlpredict`: runs Python models defined by `CREATE MODEL` statements.
@main
struct MLPredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlpredict",
        abstract: "Run Python models (FLIP-552 generic-python) over JSON Lines or CSV, or SQL statements over a model catalog.",
        discussion: """
            Example:

              mlpredict check model.sql --sample '{"text": "great"}'
              mlpredict run model.sql --input reviews.csv --output scored.csv

            `mlpredict help SUBCOMMAND` shows each command's options and a worked example.
            """,
        subcommands: [RunCommand.self, SQLCommand.self, CheckCommand.self, DescribeCommand.self]
    )

    /// Bootstraps logging (``LogBootstrap``), then parses the arguments and runs the command.
    static func main() {
        LogBootstrap.bootstrap()
        main(nil)
    }
}
