import Foundation

extension GenericPythonOptions {
    /// `'python.requirements'` and `'python.files'`, checked and resolved against the model
    /// directory: every path must exist and be of a kind the option accepts, and one outside the
    /// model directory must be inside `roots` (it is code the model runs, as the directory is).
    static func pythonDependencies(
        _ options: [String: String], modelDirectory: String, roots: ModelRoots, model: String
    ) throws(MLPredictError) -> PythonDependencies {
        func invalid(_ key: String, _ problem: String) -> MLPredictError {
            MLPredictError(.invalidOption, "model '\(model)': option '\(key)' \(problem)", model: model)
        }
        func resolved(_ path: String) -> String {
            URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: modelDirectory, isDirectory: true))
                .standardizedFileURL.path
        }
        func checkRoots(_ path: String, _ key: String) throws(MLPredictError) {
            guard roots.isRestricted, !PhysicalPath.isInside(path, modelDirectory) else { return }
            try roots.check(path: path, model: model, option: key)
        }
        func kind(_ path: String) -> (exists: Bool, isDirectory: Bool) {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            return (exists, isDirectory.boolValue)
        }

        var dependencies = PythonDependencies()
        if let value = options[pythonRequirements] {
            let parts = value.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                .map { String($0).trimmingWhitespace }
            let expected = "must be a requirements file, optionally followed by '#' and a directory of packages "
            guard !parts[0].isEmpty else { throw invalid(pythonRequirements, expected + "but is '\(value)'") }
            let file = resolved(parts[0])
            try checkRoots(file, pythonRequirements)
            let found = kind(file)
            guard found.exists, !found.isDirectory else {
                throw invalid(
                    pythonRequirements,
                    expected + "but '\(parts[0])' (\(file)) \(found.exists ? "is a directory" : "does not exist")")
            }
            dependencies.requirementsFile = file
            if parts.count == 2 {
                guard !parts[1].isEmpty else {
                    throw invalid(pythonRequirements, expected + "but nothing follows '#' in '\(value)'")
                }
                let directory = resolved(parts[1])
                try checkRoots(directory, pythonRequirements)
                let found = kind(directory)
                guard found.exists, found.isDirectory else {
                    throw invalid(
                        pythonRequirements,
                        "names '\(parts[1])' (\(directory)) after '#', which must be a directory of packages "
                            + "but \(found.exists ? "is a file" : "does not exist")")
                }
                dependencies.requirementsCacheDirectory = directory
            }
        }
        if let value = options[pythonFiles] {
            for entry in value.split(separator: ",", omittingEmptySubsequences: false).map({ String($0).trimmingWhitespace }) {
                let expected = "must list directories and \(PythonFiles.fileSuffixes.joined(separator: ", ")) files, separated by commas, "
                guard !entry.isEmpty else { throw invalid(pythonFiles, expected + "but has an empty entry in '\(value)'") }
                let path = resolved(entry)
                try checkRoots(path, pythonFiles)
                let found = kind(path)
                guard found.exists else { throw invalid(pythonFiles, expected + "but '\(entry)' (\(path)) does not exist") }
                guard found.isDirectory || PythonFiles.fileSuffixes.contains(where: path.hasSuffix) else {
                    throw invalid(pythonFiles, expected + "but '\(entry)' (\(path)) is another kind of file")
                }
                dependencies.files.append(path)
            }
        }
        return dependencies
    }
}
