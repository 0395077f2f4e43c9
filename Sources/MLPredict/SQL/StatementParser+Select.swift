/// `SELECT <columns | *> FROM [TABLE(] ML_PREDICT(...) | ML_EVALUATE(...) [)]`, with positional
/// or named (`input =>`, `model =>`, `args =>`, `config =>`, `label =>`, `task =>`) arguments.
extension StatementParser {
    /// The statement after `SELECT`.
    mutating func parseSelect() throws(MLPredictError) -> SelectStatement {
        var columns: [String]?
        if try !cursor.accept(.star) {
            var names: [String] = []
            repeat {
                guard let name = cursor.token.identifierName else { throw cursor.unexpected("a column name or '*' after 'SELECT'") }
                names.append(name)
                try cursor.advance()
            } while try cursor.accept(.comma)
            columns = names
        }
        try cursor.expectKeyword("FROM", columns == nil ? "'FROM' after '*'" : "',' or 'FROM' after column '\(columns!.last!)'")
        let wrapped = try cursor.acceptKeyword("TABLE")
        if wrapped { try cursor.expect(.leftParenthesis, "'(' after 'TABLE'") }
        let function = try parseTableFunction()
        if wrapped { try cursor.expect(.rightParenthesis, "')' closing 'TABLE('") }
        return SelectStatement(columns: columns, function: function)
    }

    /// One argument of a table function.
    private enum Argument {
        case table(String)
        case model(ModelIdentifier)
        case descriptor([String])
        case map([String: String])
        case string(String)
    }

    private mutating func parseTableFunction() throws(MLPredictError) -> TableFunctionCall {
        let isPredict = cursor.token.isKeyword("ML_PREDICT")
        guard isPredict || cursor.token.isKeyword("ML_EVALUATE") else {
            throw cursor.unexpected("'ML_PREDICT' or 'ML_EVALUATE' after 'FROM'")
        }
        let function = isPredict ? "ML_PREDICT" : "ML_EVALUATE"
        let callLocation = cursor.token.location
        try cursor.advance()
        try cursor.expect(.leftParenthesis, "'(' after '\(function)'")
        let parameters = isPredict ? ["input", "model", "args", "config"] : ["input", "model", "label", "args", "task", "config"]
        var given: [String: Argument] = [:]
        var position = 0
        var named = false
        repeat {
            let location = cursor.token.location
            var parameter: String
            if case .identifier(let spelling) = cursor.token.kind, try cursor.peek().isPunctuation(.arrow) {
                parameter = spelling.lowercased()
                guard parameters.contains(parameter) else {
                    throw cursor.error(
                        .syntaxError, "\(function) has no parameter '\(spelling)'; its parameters are \(quotedList(parameters))")
                }
                try cursor.advance()
                try cursor.advance()
                named = true
            } else {
                guard !named else {
                    throw cursor.error(.syntaxError, "a positional argument cannot follow a named argument in \(function)")
                }
                guard position < parameters.count else {
                    throw cursor.error(.syntaxError, "\(function) takes at most \(parameters.count) arguments")
                }
                parameter = parameters[position]
                // Optional positional arguments: ML_EVALUATE's task may be left out before its config.
                if parameter == "task", cursor.token.isKeyword("MAP") { parameter = "config"; position += 1 }
                position += 1
            }
            guard given[parameter] == nil else {
                throw cursor.error(.syntaxError, "\(function) argument '\(parameter)' is given twice", at: location)
            }
            given[parameter] = try parseArgument(for: parameter, of: function)
        } while try cursor.accept(.comma)
        try cursor.expect(.rightParenthesis, "',' or ')' after the \(function) arguments")
        return try call(function, given, at: callLocation)
    }

    private mutating func parseArgument(for parameter: String, of function: String) throws(MLPredictError) -> Argument {
        let expected: String
        switch parameter {
        case "input": expected = "'TABLE' for \(function)'s input"
        case "model": expected = "'MODEL' for \(function)'s model"
        case "label", "args": expected = "'DESCRIPTOR' for \(function)'s \(parameter == "label" ? "label" : "input columns")"
        case "task": expected = "a string literal task for \(function)"
        default: expected = "'MAP' for \(function)'s config"
        }
        switch parameter {
        case "input":
            try cursor.expectKeyword("TABLE", expected)
            guard let name = cursor.token.identifierName else { throw cursor.unexpected("a table name after 'TABLE'") }
            try cursor.advance()
            return .table(name)
        case "model":
            try cursor.expectKeyword("MODEL", expected)
            return .model(try parseModelIdentifier(after: "'MODEL'"))
        case "label", "args":
            try cursor.expectKeyword("DESCRIPTOR", expected)
            return .descriptor(try parseDescriptor())
        case "task":
            return .string(try cursor.expectString(expected))
        default:
            try cursor.expectKeyword("MAP", expected)
            return .map(try parseMap())
        }
    }

    /// `(c1, c2, ...)` after `DESCRIPTOR`.
    private mutating func parseDescriptor() throws(MLPredictError) -> [String] {
        try cursor.expect(.leftParenthesis, "'(' after 'DESCRIPTOR'")
        var names: [String] = []
        repeat {
            guard let name = cursor.token.identifierName else { throw cursor.unexpected("a column name in DESCRIPTOR") }
            names.append(name)
            try cursor.advance()
        } while try cursor.accept(.comma)
        try cursor.expect(.rightParenthesis, "',' or ')' after column '\(names.last!)' in DESCRIPTOR")
        return names
    }

    /// `['k', 'v', ...]` after `MAP`: string literals, keys unique.
    private mutating func parseMap() throws(MLPredictError) -> [String: String] {
        try cursor.expect(.leftBracket, "'[' after 'MAP'")
        var entries: [String: String] = [:]
        if try cursor.accept(.rightBracket) { return entries }
        var key = ""
        repeat {
            let location = cursor.token.location
            key = try cursor.expectString("a string literal key in MAP (CONFIG values must be string literals)")
            guard entries[key] == nil else { throw cursor.error(.syntaxError, "MAP key '\(key)' is given twice", at: location) }
            try cursor.expect(.comma, "',' and a value after MAP key '\(key)'")
            entries[key] = try cursor.expectString("a string literal value for MAP key '\(key)'")
        } while try cursor.accept(.comma)
        try cursor.expect(.rightBracket, "',' or ']' after MAP entry '\(key)'")
        return entries
    }

    private func call(
        _ function: String, _ given: [String: Argument], at location: MLPredictError.SourceLocation
    ) throws(MLPredictError) -> TableFunctionCall {
        func missing(_ parameter: String) -> MLPredictError {
            cursor.error(.syntaxError, "\(function) is missing its '\(parameter)' argument", at: location)
        }
        guard case .table(let table) = given["input"] else { throw missing("input (TABLE t)") }
        guard case .model(let model) = given["model"] else { throw missing("model (MODEL m)") }
        guard case .descriptor(let args) = given["args"] else { throw missing("args (DESCRIPTOR(...))") }
        var config: [String: String] = [:]
        if case .map(let map) = given["config"] { config = map }
        if function == "ML_PREDICT" {
            return .predict(table: table, model: model, descriptor: args, config: config)
        }
        guard case .descriptor(let label) = given["label"] else { throw missing("label (DESCRIPTOR(label))") }
        guard label.count == 1 else {
            throw cursor.error(.syntaxError, "ML_EVALUATE's label DESCRIPTOR names \(label.count) columns; it takes exactly one", at: location)
        }
        // The task is mandatory, as in Flink's SqlMLEvaluateTableFunction.
        guard case .string(let task) = given["task"] else { throw missing("task ('classification', ...)") }
        return .evaluate(table: table, model: model, label: label[0], features: args, task: task, config: config)
    }
}
