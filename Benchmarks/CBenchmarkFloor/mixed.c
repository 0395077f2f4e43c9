#include "floor_internal.h"
#include "mixed_values.h"

#include <string.h>

enum { COLUMNS = 10, TAGS = 2, EMBEDDING = 4, PRICE_PRECISION = 10, PRICE_SCALE = 2 };

static inline uint64_t fold(uint64_t sum, uint64_t value) { return sum * 31 + value; }

static inline uint64_t double_bits(double value) {
    uint64_t bits;
    memcpy(&bits, &value, sizeof bits);
    return bits;
}

static inline int64_t floor_divide(int64_t value, int64_t divisor) {
    return value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor);
}

// MARK: C values → Python

/// Puts `value` (stolen) in slot `index` of `row`; -1 if it is NULL (an exception is set).
static int put(PyObject *row, Py_ssize_t index, PyObject *value) {
    if (value == NULL) return -1;
    PyTuple_SET_ITEM(row, index, value);
    return 0;
}

/// `decimal.Decimal` of the fixed-point text, as the library creates decimals.
static PyObject *new_decimal(CBenchmarkFloor *floor, int64_t unscaled) {
    char text[48];
    size_t length = CBenchmarkMixed_FormatDecimal(unscaled, PRICE_SCALE, text);
    PyObject *string = PyUnicode_FromStringAndSize(text, (Py_ssize_t)length);
    if (string == NULL) return NULL;
    PyObject *decimal = PyObject_CallOneArg(floor->decimalType, string);
    Py_DECREF(string);
    return decimal;
}

static PyObject *new_date(int32_t days) {
    int year, month, day;
    CBenchmarkMixed_CivilFromDays(days, &year, &month, &day);
    return CPythonShim_Date_New(year, month, day);
}

/// A naive `datetime`; the nanoseconds must be whole milliseconds (TIMESTAMP(3)).
static PyObject *new_timestamp(int64_t seconds, int32_t nanosecond) {
    if (nanosecond % 1000000 != 0) {
        PyErr_SetString(PyExc_ValueError, "input column 'at': more fraction digits than TIMESTAMP(3) holds");
        return NULL;
    }
    int64_t days = floor_divide(seconds, 86400);
    int second = (int)(seconds - days * 86400);
    int year, month, day;
    CBenchmarkMixed_CivilFromDays(days, &year, &month, &day);
    return CPythonShim_DateTime_New(
        year, month, day, second / 3600, second / 60 % 60, second % 60, nanosecond / 1000, 0);
}

/// A list of `count` strs, the texts of `lengths` back to back from `text`.
static PyObject *new_strings(const char *text, const int32_t *lengths, Py_ssize_t count) {
    PyObject *list = PyList_New(count);
    for (Py_ssize_t index = 0; list && index < count; index++) {
        PyObject *item = PyUnicode_FromStringAndSize(text, lengths[index]);
        if (item == NULL) Py_CLEAR(list);  // list deallocation skips the empty slots
        else PyList_SET_ITEM(list, index, item);
        text += lengths[index];
    }
    return list;
}

static PyObject *new_doubles(const double *values, Py_ssize_t count) {
    PyObject *list = PyList_New(count);
    for (Py_ssize_t index = 0; list && index < count; index++) {
        PyObject *item = PyFloat_FromDouble(values[index]);
        if (item == NULL) Py_CLEAR(list);
        else PyList_SET_ITEM(list, index, item);
    }
    return list;
}

/// The input Row, built as the library does: `tp_alloc` of the Row type, then each slot.
static PyObject *new_row(CBenchmarkFloor *floor, const CBenchmarkMixedRow *input, const char *texts) {
    PyObject *row = CPythonShim_TupleSubclassAlloc(floor->inputRowType, COLUMNS);
    if (row == NULL) return NULL;
    const char *name = texts + input->textStart;
    // Each constructor runs only if the ones before succeeded (||); tuple deallocation skips empty slots.
    if (put(row, 0, PyLong_FromLongLong(input->id)) || put(row, 1, PyLong_FromLong(input->n))
        || put(row, 2, PyFloat_FromDouble(input->score)) || put(row, 3, Py_NewRef(input->flag ? Py_True : Py_False))
        || put(row, 4, PyUnicode_FromStringAndSize(name, input->nameLength))
        || put(row, 5, new_decimal(floor, input->priceUnscaled)) || put(row, 6, new_date(input->day))
        || put(row, 7, new_timestamp(input->atSeconds, input->atNanosecond))
        || put(row, 8, new_strings(name + input->nameLength, input->tagLength, TAGS))
        || put(row, 9, new_doubles(input->embedding, EMBEDDING))) {
        Py_DECREF(row);
        return NULL;
    }
    return row;
}

// MARK: Python → C values (each returns 0, or -1 with an exception set)

static int mismatch(const char *column, const char *expected, PyObject *found) {
    PyErr_Format(PyExc_TypeError, "output column '%s': expected %s but found %s", column, expected,
        Py_TYPE(found)->tp_name);
    return -1;
}

/// An `int` (not a `bool`) within `[min, max]`.
static int read_integer(const char *column, PyObject *object, int64_t min, int64_t max, int64_t *value) {
    if (!PyLong_Check(object) || PyBool_Check(object)) return mismatch(column, "int", object);
    int overflow;
    long long integer = PyLong_AsLongLongAndOverflow(object, &overflow);
    if (integer == -1 && PyErr_Occurred()) return -1;
    if (overflow || integer < min || integer > max) {
        PyErr_Format(PyExc_OverflowError, "output column '%s': out of range", column);
        return -1;
    }
    *value = integer;
    return 0;
}

/// A `float`, or an `int` as the nearest double.
static int read_double(const char *column, PyObject *object, double *value) {
    if (PyFloat_Check(object)) {
        *value = PyFloat_AsDouble(object);
        return 0;
    }
    if (!PyLong_Check(object) || PyBool_Check(object)) return mismatch(column, "float or int", object);
    *value = PyLong_AsDouble(object);
    return *value == -1.0 && PyErr_Occurred() ? -1 : 0;
}

/// A `str`, copied out as UTF-8; folds its length and last byte into `*texts`.
static int read_text(CBenchmarkFloor *floor, const char *column, PyObject *object, uint64_t *texts) {
    if (!PyUnicode_Check(object)) return mismatch(column, "str", object);
    Py_ssize_t size;
    const char *utf8 = PyUnicode_AsUTF8AndSize(object, &size);
    if (utf8 == NULL) return -1;
    if ((size_t)size > sizeof floor->text) {
        PyErr_Format(PyExc_ValueError, "output column '%s': longer than the copy buffer", column);
        return -1;
    }
    memcpy(floor->text, utf8, (size_t)size);
    *texts = fold(*texts, (uint64_t)size * 256 + (size ? (unsigned char)floor->text[size - 1] : 0));
    return 0;
}

/// A `decimal.Decimal` or `int` that fits DECIMAL(10, 2), read from its `str()`.
static int read_decimal(CBenchmarkFloor *floor, PyObject *object, int64_t *unscaled) {
    int isDecimal = PyLong_Check(object) && !PyBool_Check(object) ? 1 : PyObject_IsInstance(object, floor->decimalType);
    if (isDecimal < 0) return -1;
    if (!isDecimal) return mismatch("price", "decimal.Decimal or int", object);
    PyObject *string = PyObject_Str(object);
    if (string == NULL) return -1;
    Py_ssize_t size;
    const char *text = PyUnicode_AsUTF8AndSize(string, &size);
    __int128 value;
    int scale;
    int status = text == NULL ? -1 : 0;
    if (status == 0 && (CBenchmarkMixed_ParseDecimal(text, (size_t)size, &value, &scale) != 0
            || CBenchmarkMixed_FitDecimal(value, scale, PRICE_PRECISION, PRICE_SCALE, unscaled) != 0)) {
        PyErr_Format(PyExc_ValueError, "output column 'price': %U does not fit DECIMAL(10, 2)", string);
        status = -1;
    }
    Py_DECREF(string);
    return status;
}

/// A `datetime.date` (not a `datetime`), as days since 1970-01-01.
static int read_date(PyObject *object, int32_t *days) {
    if (CPythonShim_DateTime_Kind(object) != 1) return mismatch("day", "datetime.date", object);
    int fields[3];
    CPythonShim_Date_Fields(object, fields);
    *days = (int32_t)CBenchmarkMixed_DaysFromCivil(fields[0], fields[1], fields[2]);
    return 0;
}

/// A naive `datetime.datetime` with whole milliseconds, as seconds since the epoch and nanoseconds.
static int read_timestamp(PyObject *object, int64_t *seconds, int32_t *nanosecond) {
    if (CPythonShim_DateTime_Kind(object) != 2 || CPythonShim_TZInfo(object) != Py_None) {
        return mismatch("at", "a naive datetime.datetime", object);
    }
    int date[3], time[4];
    CPythonShim_Date_Fields(object, date);
    CPythonShim_Time_Fields(object, time);
    if (time[3] % 1000 != 0) {
        PyErr_SetString(PyExc_ValueError, "output column 'at': more fraction digits than TIMESTAMP(3) holds");
        return -1;
    }
    *seconds = CBenchmarkMixed_DaysFromCivil(date[0], date[1], date[2]) * 86400 + time[0] * 3600 + time[1] * 60
        + time[2];
    *nanosecond = time[3] * 1000;
    return 0;
}

/// The items of a `list` or `tuple` of `count` items.
static PyObject **read_sequence(const char *column, PyObject *object, Py_ssize_t count) {
    if (!PyList_Check(object) && !PyTuple_Check(object)) {
        mismatch(column, "list or tuple", object);
        return NULL;
    }
    if (PySequence_Fast_GET_SIZE(object) != count) {
        PyErr_Format(PyExc_ValueError, "output column '%s': expected %zd items", column, count);
        return NULL;
    }
    return PySequence_Fast_ITEMS(object);
}

/// One output row, a Row (or tuple or list) of the 10 columns, folded into `totals`.
static int read_row(CBenchmarkFloor *floor, PyObject *row, CBenchmarkMixedTotals *totals) {
    PyObject **values = read_sequence("(the row)", row, COLUMNS);
    if (values == NULL) return -1;
    int64_t id, n;
    double score;
    int64_t price;
    int32_t day, nanosecond;
    int64_t seconds;
    if (read_integer("id", values[0], INT64_MIN, INT64_MAX, &id)
        || read_integer("n", values[1], INT32_MIN, INT32_MAX, &n) || read_double("score", values[2], &score)) {
        return -1;
    }
    if (!PyBool_Check(values[3])) return mismatch("flag", "bool", values[3]);
    if (read_text(floor, "name", values[4], &totals->texts) || read_decimal(floor, values[5], &price)
        || read_date(values[6], &day) || read_timestamp(values[7], &seconds, &nanosecond)) {
        return -1;
    }
    PyObject **tags = read_sequence("tags", values[8], TAGS);
    if (tags == NULL) return -1;
    for (Py_ssize_t index = 0; index < TAGS; index++) {
        if (read_text(floor, "tags", tags[index], &totals->texts)) return -1;
    }
    PyObject **embedding = read_sequence("embedding", values[9], EMBEDDING);
    if (embedding == NULL) return -1;
    double elements[EMBEDDING];
    for (Py_ssize_t index = 0; index < EMBEDDING; index++) {
        if (read_double("embedding", embedding[index], &elements[index])) return -1;
    }
    totals->outputRows += 1;
    totals->integers = fold(fold(totals->integers, (uint64_t)id), (uint64_t)n);
    totals->floats = fold(totals->floats, double_bits(score));
    for (int index = 0; index < EMBEDDING; index++) totals->floats = fold(totals->floats, double_bits(elements[index]));
    totals->flags = fold(totals->flags, values[3] == Py_True);
    totals->decimals = fold(fold(totals->decimals, (uint64_t)price), PRICE_SCALE);
    totals->dates = fold(totals->dates, (uint64_t)(int64_t)day);
    totals->timestamps = fold(fold(totals->timestamps, (uint64_t)seconds), (uint64_t)nanosecond);
    return 0;
}

// MARK: The run

/// One row: build the input Row, call predict, read every output row. Needs the GIL.
static int predict_row(
    CBenchmarkFloor *floor, const CBenchmarkMixedRow *input, const char *texts, CBenchmarkMixedTotals *totals) {
    PyObject *row = new_row(floor, input, texts);
    if (row == NULL) return -1;
    PyObject *result = PyObject_CallOneArg(floor->predict, row);
    Py_DECREF(row);
    if (result == NULL) return -1;
    int status = 0;
    if (!PyList_Check(result)) status = mismatch("(the result)", "list", result);
    for (Py_ssize_t index = 0; status == 0 && index < PyList_GET_SIZE(result); index++) {
        status = read_row(floor, PyList_GET_ITEM(result, index), totals);
    }
    Py_DECREF(result);
    return status;
}

int CBenchmarkFloor_RunMixed(
    CBenchmarkFloor *floor, const CBenchmarkMixedRow *rows, const char *texts, int64_t count, int gilPerRow,
    CBenchmarkMixedTotals *totals, char **error) {
    *totals = (CBenchmarkMixedTotals){0};
    int acquired = gilPerRow ? 0 : CPythonShim_AcquireGIL();
    int status = 0;
    for (int64_t index = 0; index < count && status == 0; index++) {
        int acquiredForRow = gilPerRow ? CPythonShim_AcquireGIL() : 0;
        status = predict_row(floor, rows + index, texts, totals);
        if (status != 0) *error = CBenchmarkFloor_PythonFailure("the conversion floor's predict");
        CPythonShim_ReleaseGIL(acquiredForRow);
    }
    CPythonShim_ReleaseGIL(acquired);
    return status;
}
