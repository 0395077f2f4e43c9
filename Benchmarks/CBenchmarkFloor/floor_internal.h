// What floor.c and mixed.c share; not part of the module's interface.
#ifndef CBENCHMARK_FLOOR_INTERNAL_H
#define CBENCHMARK_FLOOR_INTERNAL_H

#include "CBenchmarkFloor.h"
#include "CPythonShim.h"

struct CBenchmarkFloor {
    PyObject *instance;
    PyObject *predict;
    PyObject *predictBatch;
    /// The input rows' type: `mlpredict.Row.type_for(columns)`, or NULL for plain tuples.
    PyTypeObject *inputRowType;
    /// `run_loop` of the class's module, if it has one (else NULL): the pure-Python loop.
    PyObject *loop;
    /// The texts as one `str` for `loop`, made on its first run (else NULL), and where
    /// they came from.
    PyObject *loopTexts;
    const uint8_t *loopSource;
    /// `decimal.Decimal`, as the library creates and checks decimals with it.
    PyObject *decimalType;
    /// Where output texts are copied: in the struct, so the copies cannot be optimized away.
    char text[256];
};

/// "`what`: Type: message" for the raised exception (cleared), malloc'd. Needs the GIL.
char *CBenchmarkFloor_PythonFailure(const char *what);

#endif
