// mlpredict.Row in C (row.c): the interface for a host that embeds CPython and compiles row.c
// into itself instead of loading it as the `mlpredict._native._row` extension module.
#ifndef MLPREDICT_ROW_H
#define MLPREDICT_ROW_H

#if __has_include(<features.h>)
#include <features.h>
#endif
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#if !defined(__clang__) && !defined(_Nullable)
#define _Nullable
#endif

/// Creates the `mlpredict._native._row` module and puts it in `sys.modules`, so that `mlpredict`
/// (imported afterwards) uses the C `Row`. Call with the GIL held, once the interpreter runs and
/// before `mlpredict` is imported; later calls do nothing. 0 on success, -1 with an exception set.
int MLPredictRow_Register(void);

/// The module's initialization function, as the extension module exports it (single-phase).
PyObject *_Nullable PyInit__row(void);

#endif
