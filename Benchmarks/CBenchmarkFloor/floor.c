#include "floor_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *CBenchmarkFloor_PythonFailure(const char *what) {
    PyObject *exception = CPythonShim_FetchException();
    PyObject *text = exception ? PyObject_Str(exception) : NULL;
    const char *message = text ? PyUnicode_AsUTF8(text) : NULL;
    const char *type = exception ? Py_TYPE(exception)->tp_name : "SystemError";
    PyErr_Clear();
    size_t size = strlen(what) + strlen(type) + (message ? strlen(message) : 0) + 8;
    char *failure = malloc(size);
    if (failure) snprintf(failure, size, "%s: %s: %s", what, type, message ? message : "(no message)");
    Py_XDECREF(text);
    Py_XDECREF(exception);
    return failure;
}

CBenchmarkFloor *CBenchmarkFloor_Open(
    const char *modelDirectory, const char *pythonClass, const char *modelName, const char *modelConfig,
    const char *const *inputColumns, size_t columnCount, int plainTuples, char **error) {
    int acquired = CPythonShim_AcquireGIL();
    CBenchmarkFloor *floor = NULL;
    PyObject *loader = NULL, *type = NULL, *instance = NULL, *configured = NULL, *context = NULL;
    PyObject *opened = NULL, *predict = NULL, *predictBatch = NULL, *package = NULL, *rowBase = NULL, *names = NULL;
    PyObject *rowType = NULL, *decimal = NULL, *decimalType = NULL, *method = NULL, *globals = NULL;
    PyObject *loop = NULL;
    loader = PyImport_ImportModule("mlpredict._loader");
    if (loader) type = PyObject_CallMethod(loader, "load_class", "sss", modelDirectory, pythonClass, modelName);
    if (type) instance = PyObject_CallNoArgs(type);
    if (instance) configured = PyObject_CallMethod(instance, "set_model_config", "s", modelConfig);
    if (configured) context = PyObject_CallMethod(loader, "create_context", "O", instance);
    if (context) opened = PyObject_CallMethod(instance, "open", "O", context);
    if (opened) predict = PyObject_GetAttrString(instance, "predict");
    if (predict) predictBatch = PyObject_GetAttrString(instance, "predict_batch");
    if (predictBatch) package = PyImport_ImportModule("mlpredict");
    if (package) rowBase = PyObject_GetAttrString(package, "Row");
    if (rowBase) names = PyTuple_New((Py_ssize_t)columnCount);
    for (size_t index = 0; names && index < columnCount; index++) {
        PyObject *name = PyUnicode_FromString(inputColumns[index]);
        if (name == NULL) Py_CLEAR(names);
        else PyTuple_SET_ITEM(names, (Py_ssize_t)index, name);
    }
    if (names) rowType = PyObject_CallMethod(rowBase, "type_for", "(O)", names);
    // The class's module is out of sys.modules (the loader's rule); its globals hold run_loop.
    if (rowType) method = PyObject_GetAttrString(type, "predict");
    if (method) globals = PyObject_GetAttrString(method, "__globals__");
    if (globals) loop = Py_XNewRef(PyDict_GetItemString(globals, "run_loop"));  // optional
    if (globals) decimal = PyImport_ImportModule("decimal");
    if (decimal) decimalType = PyObject_GetAttrString(decimal, "Decimal");
    if (decimalType && CPythonShim_DateTime_Import() != 0) Py_CLEAR(decimalType);
    if (decimalType == NULL) {
        *error = CBenchmarkFloor_PythonFailure("opening the floor's instance");
    } else if (!PyType_Check(rowType) || !CPythonShim_IsPlainTupleSubclass((PyTypeObject *)rowType)) {
        *error = strdup("mlpredict.Row.type_for did not return a plain tuple subclass");
    } else if ((floor = calloc(1, sizeof *floor)) == NULL) {
        *error = strdup("out of memory");
    } else {
        floor->instance = Py_NewRef(instance);
        floor->predict = Py_NewRef(predict);
        floor->predictBatch = Py_NewRef(predictBatch);
        floor->inputRowType = plainTuples ? NULL : (PyTypeObject *)Py_NewRef(rowType);
        floor->loop = Py_XNewRef(loop);
        floor->decimalType = Py_NewRef(decimalType);
    }
    Py_XDECREF(decimalType);
    Py_XDECREF(decimal);
    Py_XDECREF(loop);
    Py_XDECREF(globals);
    Py_XDECREF(method);
    Py_XDECREF(rowType);
    Py_XDECREF(names);
    Py_XDECREF(rowBase);
    Py_XDECREF(package);
    Py_XDECREF(predictBatch);
    Py_XDECREF(predict);
    Py_XDECREF(opened);
    Py_XDECREF(context);
    Py_XDECREF(configured);
    Py_XDECREF(instance);
    Py_XDECREF(type);
    Py_XDECREF(loader);
    CPythonShim_ReleaseGIL(acquired);
    return floor;
}

/// Reads predict's result: a list of (text, score) rows. Returns 0, or -1 with an exception set.
static int read_result(CBenchmarkFloor *floor, PyObject *result, CBenchmarkFloorTotals *totals) {
    if (!PyList_Check(result)) {
        PyErr_SetString(PyExc_TypeError, "predict did not return a list");
        return -1;
    }
    for (Py_ssize_t index = 0; index < PyList_GET_SIZE(result); index++) {
        PyObject *row = PyList_GET_ITEM(result, index);
        if (!PyTuple_Check(row) || PyTuple_GET_SIZE(row) != 2) {
            PyErr_SetString(PyExc_TypeError, "an output row is not a Row of 2 values");
            return -1;
        }
        Py_ssize_t size;
        const char *text = PyUnicode_AsUTF8AndSize(PyTuple_GET_ITEM(row, 0), &size);
        if (text == NULL) return -1;
        if (size == 0 || (size_t)size > sizeof floor->text) {
            PyErr_SetString(PyExc_ValueError, "an output text is empty or longer than the copy buffer");
            return -1;
        }
        memcpy(floor->text, text, (size_t)size);
        double score = PyFloat_AsDouble(PyTuple_GET_ITEM(row, 1));
        if (score == -1.0 && PyErr_Occurred()) return -1;
        totals->outputRows += 1;
        totals->textBytes += size;
        totals->lastByteSum += (unsigned char)floor->text[size - 1];
        totals->scoreSum += score;
    }
    return 0;
}

/// The input Row of one text, built as the library builds it (tp_alloc, then the item), or a plain tuple.
static PyObject *input_row(CBenchmarkFloor *floor, const uint8_t *text, size_t length) {
    PyObject *row = floor->inputRowType ? CPythonShim_TupleSubclassAlloc(floor->inputRowType, 1) : PyTuple_New(1);
    if (row == NULL) return NULL;
    PyObject *value = PyUnicode_FromStringAndSize((const char *)text, (Py_ssize_t)length);
    if (value == NULL) {
        Py_DECREF(row);
        return NULL;
    }
    PyTuple_SET_ITEM(row, 0, value);
    return row;
}

/// One batch: a list of `count` input Rows, one `predict_batch` call, every result read.
/// Returns 0, or -1 with an exception set. Needs the GIL.
static int predict_batch(
    CBenchmarkFloor *floor, const uint8_t *texts, size_t length, int64_t count, CBenchmarkFloorTotals *totals) {
    PyObject *rows = PyList_New((Py_ssize_t)count);
    if (rows == NULL) return -1;
    for (int64_t index = 0; index < count; index++) {
        PyObject *row = input_row(floor, texts + (size_t)index * length, length);
        if (row == NULL) {
            Py_DECREF(rows);
            return -1;
        }
        PyList_SET_ITEM(rows, (Py_ssize_t)index, row);
    }
    PyObject *result = PyObject_CallOneArg(floor->predictBatch, rows);
    Py_DECREF(rows);
    if (result == NULL) return -1;
    int status = 0;
    if (!PyList_Check(result) || PyList_GET_SIZE(result) != (Py_ssize_t)count) {
        PyErr_SetString(PyExc_TypeError, "predict_batch did not return a list of one result per row");
        status = -1;
    }
    for (int64_t index = 0; index < count && status == 0; index++) {
        status = read_result(floor, PyList_GET_ITEM(result, (Py_ssize_t)index), totals);
    }
    Py_DECREF(result);
    return status;
}

/// One row: build the input Row as the library does (tp_alloc, then the item), call predict, read
/// the result. Returns 0, or -1 with an exception set. Needs the GIL.
static int predict_row(CBenchmarkFloor *floor, const uint8_t *text, size_t length, CBenchmarkFloorTotals *totals) {
    PyObject *row = input_row(floor, text, length);
    if (row == NULL) return -1;
    PyObject *result = PyObject_CallOneArg(floor->predict, row);
    Py_DECREF(row);
    if (result == NULL) return -1;
    int status = read_result(floor, result, totals);
    Py_DECREF(result);
    return status;
}

int CBenchmarkFloor_Run(
    CBenchmarkFloor *floor, const uint8_t *texts, size_t textLength, int64_t rows, int gilPerRow,
    CBenchmarkFloorTotals *totals, char **error) {
    *totals = (CBenchmarkFloorTotals){0};
    int acquired = gilPerRow ? 0 : CPythonShim_AcquireGIL();
    int status = 0;
    for (int64_t index = 0; index < rows && status == 0; index++) {
        int acquiredForRow = gilPerRow ? CPythonShim_AcquireGIL() : 0;
        status = predict_row(floor, texts + (size_t)index * textLength, textLength, totals);
        if (status != 0) *error = CBenchmarkFloor_PythonFailure("the floor's predict");
        CPythonShim_ReleaseGIL(acquiredForRow);
    }
    CPythonShim_ReleaseGIL(acquired);
    return status;
}

int CBenchmarkFloor_RunBatches(
    CBenchmarkFloor *floor, const uint8_t *texts, size_t textLength, int64_t rows, int64_t batchSize,
    CBenchmarkFloorTotals *totals, char **error) {
    *totals = (CBenchmarkFloorTotals){0};
    int status = 0;
    for (int64_t start = 0; start < rows && status == 0; start += batchSize) {
        int acquired = CPythonShim_AcquireGIL();
        int64_t count = rows - start < batchSize ? rows - start : batchSize;
        status = predict_batch(floor, texts + (size_t)start * textLength, textLength, count, totals);
        if (status != 0) *error = CBenchmarkFloor_PythonFailure("the floor's predict_batch");
        CPythonShim_ReleaseGIL(acquired);
    }
    return status;
}

int CBenchmarkFloor_RunPythonLoop(
    CBenchmarkFloor *floor, const uint8_t *texts, size_t textLength, int64_t rows, CBenchmarkFloorTotals *totals,
    char **error) {
    *totals = (CBenchmarkFloorTotals){0};
    int acquired = CPythonShim_AcquireGIL();
    int status = -1;
    if (floor->loop == NULL) {
        *error = strdup("the model's module has no run_loop function");
        CPythonShim_ReleaseGIL(acquired);
        return -1;
    }
    if (floor->loopSource != texts) {
        Py_CLEAR(floor->loopTexts);
        floor->loopTexts = PyUnicode_FromStringAndSize((const char *)texts, (Py_ssize_t)(textLength * (size_t)rows));
        floor->loopSource = floor->loopTexts ? texts : NULL;
    }
    PyObject *result = floor->loopTexts
        ? PyObject_CallFunction(floor->loop, "OOn", floor->predict, floor->loopTexts, (Py_ssize_t)textLength)
        : NULL;
    if (result && PyArg_ParseTuple(result, "LLLd", &totals->outputRows, &totals->textBytes, &totals->lastByteSum,
                                   &totals->scoreSum)) {
        status = 0;
    } else {
        *error = CBenchmarkFloor_PythonFailure("the pure-Python loop");
    }
    Py_XDECREF(result);
    CPythonShim_ReleaseGIL(acquired);
    return status;
}

void CBenchmarkFloor_Close(CBenchmarkFloor *floor) {
    int acquired = CPythonShim_AcquireGIL();
    PyObject *closed = PyObject_CallMethod(floor->instance, "close", NULL);
    if (closed == NULL) PyErr_Print();  // nothing to return it to; the benchmark is ending
    Py_XDECREF(closed);
    Py_DECREF(floor->decimalType);
    Py_XDECREF(floor->inputRowType);
    Py_XDECREF(floor->loop);
    Py_XDECREF(floor->loopTexts);
    Py_DECREF(floor->predictBatch);
    Py_DECREF(floor->predict);
    Py_DECREF(floor->instance);
    CPythonShim_ReleaseGIL(acquired);
    free(floor);
}
