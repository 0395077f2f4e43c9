import MLPredict
@testable import MLPredictCLI
import Testing

/// Reading DATE, TIME, TIMESTAMP and TIMESTAMP_LTZ strings in Flink's SQL format.
@Suite struct JSONColumnReaderTemporalTests {
    @Test func dates() throws {
        #expect(
            try readJSON(#""2024-02-29""#, as: .date) == .date(try #require(SQLDate(year: 2024, month: 2, day: 29))))
        #expect(try readJSON(#""0000-01-01""#, as: .date) == .date(try #require(SQLDate(year: 0, month: 1, day: 1))))
    }

    @Test("invalid dates", arguments: [#""2023-02-29""#, #""2024-1-31""#, #""2024-01-31T00:00""#, "20240131"])
    func invalidDates(json: String) throws {
        #expect(
            readJSONError(json, as: .date)?.message == #"expected a DATE string "YYYY-MM-DD" but found "# + (try found(json)))
    }

    @Test func timesAcceptUpToNineDigitsWithinThePrecision() throws {
        let time = try #require(SQLTime(hour: 12, minute: 34, second: 56, nanosecond: 789_000_000))
        #expect(try readJSON(#""12:34:56.789""#, as: .time(3)) == .time(time))
        #expect(try readJSON(#""12:34:56.789000000""#, as: .time(3)) == .time(time))
        #expect(try readJSON(#""12:34:56.78900""#, as: .time(9)) == .time(time))
        #expect(try readJSON(#""12:34:56""#, as: .time(3)) == .time(try #require(SQLTime("12:34:56"))))
        #expect(try readJSON(#""23:59:59.000""#, as: .time(0)) == .time(try #require(SQLTime("23:59:59"))))
    }

    @Test func timeErrors() throws {
        #expect(
            readJSONError(#""12:34:56.7891""#, as: .time(3))?.message
                == #"expected a TIME(3) string "HH:MM:SS[.fff]" but found string "12:34:56.7891""#)
        #expect(
            readJSONError(#""12:34:56.5""#, as: .time(0))?.message
                == #"expected a TIME(0) string "HH:MM:SS" but found string "12:34:56.5""#)
        for json in [#""24:00:00""#, #""12:34""#, #""12:34:56.1234567890""#, "43200"] {
            #expect(readJSONError(json, as: .time(9)) != nil, "\(json)")
        }
    }

    @Test func timestamps() throws {
        let expected = try #require(SQLTimestamp("2024-01-31 12:34:56.789"))
        #expect(try readJSON(#""2024-01-31 12:34:56.789""#, as: .timestamp(3)) == .timestamp(expected))
        #expect(try readJSON(#""2024-01-31 12:34:56.789""#, as: .timestamp(6)) == .timestamp(expected))
        #expect(
            try readJSON(#""2024-01-31 12:34:56""#, as: .timestamp(0))
                == .timestamp(try #require(SQLTimestamp("2024-01-31 12:34:56"))))
    }

    @Test func timestampErrors() throws {
        #expect(
            readJSONError(#""2024-01-31T12:34:56""#, as: .timestamp(6))?.message
                == #"expected a TIMESTAMP(6) string "YYYY-MM-DD HH:MM:SS[.ffffff]" but found string "2024-01-31T12:34:56""#)
        #expect(readJSONError(#""2024-01-31 12:34:56.789""#, as: .timestamp(2)) != nil)
        #expect(readJSONError(#""2024-01-31 12:34:56Z""#, as: .timestamp(0)) != nil)
        #expect(readJSONError(#""2024-01-31""#, as: .timestamp(0)) != nil)
    }

    @Test func instantsNeedTheZ() throws {
        let expected = try #require(SQLTimestamp("1970-01-01 00:00:01.5"))
        #expect(try readJSON(#""1970-01-01 00:00:01.5Z""#, as: .timestampLTZ(3)) == .timestampLTZ(expected))
        #expect(
            readJSONError(#""1970-01-01 00:00:01.5""#, as: .timestampLTZ(3))?.message
                == #"expected a TIMESTAMP_LTZ(3) string "YYYY-MM-DD HH:MM:SS[.fff]Z" but found string "1970-01-01 00:00:01.5""#)
        #expect(readJSONError(#""1970-01-01 00:00:01.5z""#, as: .timestampLTZ(3)) != nil)
        #expect(readJSONError(#""1970-01-01T00:00:01.5Z""#, as: .timestampLTZ(3)) != nil)
        #expect(readJSONError(#""1970-01-01 00:00:01.5Z""#, as: .timestampLTZ(0)) != nil)
    }
}
