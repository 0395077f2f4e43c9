import Foundation
import Testing

/// `mlpredict run` and `mlpredict sql` on models written for FLIP-552's prototypes (the fixture
/// models `prototype_*`), declared with each prototype's option names.
@Suite struct PrototypeModelTests {
    @Test func swapna267StyleModelRuns() throws {
        let outcome = try CommandLineTool.run(
            ["run", "--quiet", CommandLineTool.fixture("prototype_swapna267.sql")],
            standardInput: "{\"score\":0.9}\n{\"score\":0.2}\n")
        #expect(outcome.standardError == "")
        #expect(outcome.status == 0)
        #expect(
            outcome.standardOutput == """
                {"score":0.9,"label":"high","threshold":0.7}
                {"score":0.2,"label":"low","threshold":0.7}

                """)
    }

    @Test func flipTextStyleModelRuns() throws {
        let outcome = try CommandLineTool.run(
            ["run", "--quiet", CommandLineTool.fixture("prototype_flip.sql")],
            standardInput: "{\"text\":\"great stuff\"}\n{\"text\":\"so so\"}\n")
        #expect(outcome.standardError == "")
        #expect(outcome.status == 0)
        #expect(
            outcome.standardOutput == """
                {"text":"great stuff","label":"POSITIVE","score":0.5}
                {"text":"so so","label":"NEGATIVE","score":0.0}

                """)
    }

    @Test func bgeng777StyleModelRunsWithThatPrototypesOptionNames() throws {
        let outcome = try CommandLineTool.run(
            ["run", "--quiet", CommandLineTool.fixture("prototype_bgeng777.sql")],
            standardInput: "{\"x\":1.5,\"bias\":0.5,\"name\":\"a\"}\n{\"x\":-1,\"bias\":0,\"name\":null}\n")
        #expect(outcome.standardError == "")
        #expect(outcome.status == 0)
        #expect(
            outcome.standardOutput == """
                {"x":1.5,"bias":0.5,"name":"a","score":3.5,"label":"A","rows_in_batch":2}
                {"x":-1,"bias":0,"name":null,"score":-2.0,"label":null,"rows_in_batch":2}

                """)
    }

    @Test func sqlPredictsAndShowCreatePrintsTheOptionsAsWritten() throws {
        let directory = CommandLineTool.packageDirectory
            .appendingPathComponent("Tests/MLPredictTests/Fixtures/models/prototype_bgeng777").path
        let outcome = try CommandLineTool.run(
            [
                "sql", "--table", "points", "--schema", "(x DOUBLE, bias DOUBLE, name STRING)",
                """
                CREATE MODEL linear INPUT (x DOUBLE, bias DOUBLE, name STRING)
                OUTPUT (score DOUBLE, label STRING, rows_in_batch BIGINT)
                WITH ('provider' = 'generic-python', 'model' = '\(directory)',
                      'python-predict-function' = 'batch_model.LinearBatchPredictFunction', 'batch-size' = '8');
                SELECT score, label FROM ML_PREDICT(TABLE points, MODEL linear, DESCRIPTOR(x, bias, name));
                SHOW CREATE MODEL linear
                """,
            ],
            standardInput: "{\"x\":1,\"bias\":1,\"name\":\"p\"}\n")
        #expect(outcome.standardError == "")
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains("| score | label |\n+-------+-------+\n| 2.0   | P     |\n"))
        #expect(outcome.standardOutput.contains("'batch-size' = '8',\n  'model' = '\(directory)',\n"))
        #expect(outcome.standardOutput.contains("'python-predict-function' = 'batch_model.LinearBatchPredictFunction'"))
        #expect(!outcome.standardOutput.contains("model-directory-path"))
    }

    @Test func bothSpellingsOfAnOptionAreAnError() throws {
        let outcome = try CommandLineTool.run([
            "sql",
            """
            CREATE MODEL m INPUT (x DOUBLE) OUTPUT (y DOUBLE)
            WITH ('provider' = 'generic-python', 'model' = '/tmp', 'model-directory-path' = '/tmp',
                  'python-predict-class' = 'a.B')
            """,
        ])
        #expect(outcome.status == 1)
        #expect(
            outcome.standardError.contains(
                "options 'model-directory-path', 'model' are spellings of the same option; give only one of them"))
    }
}
