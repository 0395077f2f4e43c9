// The C shim over CPython: only what Swift cannot import from Python.h (macros, version
// differences, and sequences of C calls that must not be interrupted by Swift code).
// Names are CPythonShim_<what CPython calls it>. Not public API: only MLPredictPython imports it.
#ifndef CPYTHON_SHIM_H
#define CPYTHON_SHIM_H

// Same include order as CPython.h (see there): glibc features first, then Python.
#if __has_include(<features.h>)
#include <features.h>
#endif
#define PY_SSIZE_T_CLEAN
#include <Python.h>

// MARK: Interpreter lifecycle (shim.c)

/// Initializes the interpreter from a PyConfig: UTF-8 mode, isolated from PYTHON* environment
/// variables, no signal handlers (SIGINT stays the host's even after `import signal`), no `site`
/// import (the caller builds sys.path), Python home `home`, `sys.executable` `executable`. Then
/// releases the GIL so any thread can take it.
/// Returns NULL on success, or a malloc'd message the caller frees.
char *_Nullable CPythonShim_Initialize(const char *_Nonnull home, const char *_Nonnull executable);

/// The path of the shared library that defines the C API (libpython), or NULL if unknown.
/// Used to find the Python home that matches the linked libpython.
const char *_Nullable CPythonShim_LibraryPath(void);

// MARK: GIL (shim.c)

/// Takes the GIL for this thread; returns 0 if the thread already held it (nothing to release),
/// 1 otherwise. Each thread gets one PyThreadState, created on first use and kept until the
/// thread exits, so taking the GIL never allocates after the first time.
int CPythonShim_AcquireGIL(void);

/// Releases the GIL if `acquired` (the result of CPythonShim_AcquireGIL) is 1. In a child process
/// forked by Python code (os.fork), which is returning into host code here, ends that child instead
/// (`_exit(0)`), so it can never write the host's output or take its input a second time.
void CPythonShim_ReleaseGIL(int acquired);

/// 1 in a child process forked from the host after the interpreter started, else 0.
int CPythonShim_IsForkedChild(void);

/// Marks the start of describing a captured exception on this thread; 1 if no description was
/// under way on it, 0 if this is a nested one (describing the first failed), which must not call
/// Python again or it could recurse without end. Pair with CPythonShim_EndErrorCapture.
int CPythonShim_BeginErrorCapture(void);
void CPythonShim_EndErrorCapture(void);

// MARK: Interrupting a thread (shim.c)

/// This thread's Python thread id (`threading.get_ident()`).
unsigned long CPythonShim_ThreadIdent(void);
/// Raises TimeoutError in the thread `ident` at its next bytecode (PyThreadState_SetAsyncExc);
/// native code it is running is not interrupted. GIL held. Returns the number of threads found.
int CPythonShim_RaiseTimeoutInThread(unsigned long ident);
/// Withdraws an asynchronous exception not yet raised in thread `ident`. GIL held.
void CPythonShim_ClearAsyncException(unsigned long ident);

/// Drops a strong reference: at once if this thread holds the GIL, otherwise queued and dropped by
/// the next thread that takes the GIL through CPythonShim_AcquireGIL. Safe from any thread.
void CPythonShim_DecRefOrDefer(PyObject *_Nonnull object);

// MARK: Callbacks (shim.c)

/// What a callback created by CPythonShim_NewCallback runs: `context` as given, `argument` borrowed.
/// Called with the GIL held, on whichever thread Python calls the callback.
typedef void (*CPythonShim_CallbackFunction)(void *_Nullable context, PyObject *_Nonnull argument);
/// Frees a callback's context; called once, when the callback object is deallocated.
typedef void (*CPythonShim_ReleaseFunction)(void *_Nullable context);

/// A new Python callable taking one argument: calling it runs `function(context, argument)` and
/// returns None. Owns `context`: `release(context)` runs when the callable is deallocated, or
/// before this returns NULL (with an exception set) if it cannot be created.
PyObject *_Nullable CPythonShim_NewCallback(
    CPythonShim_CallbackFunction _Nonnull function, void *_Nullable context, CPythonShim_ReleaseFunction _Nonnull release);

// MARK: Errors (shim.c)

/// Takes the raised exception out of the thread state (clearing it), normalized and with its
/// traceback attached; NULL if none is raised. Python 3.12 has PyErr_GetRaisedException for this;
/// 3.11 needs PyErr_Fetch + PyErr_NormalizeException.
PyObject *_Nullable CPythonShim_FetchException(void);

// MARK: Macros Swift cannot import (inline: these are on the hot path)

/// Py_INCREF is a macro/inline with a non-importable body on some versions.
static inline void CPythonShim_Py_IncRef(PyObject *_Nonnull object) { Py_INCREF(object); }
/// Py_DECREF, for references known to be dropped with the GIL held.
static inline void CPythonShim_Py_DecRef(PyObject *_Nonnull object) { Py_DECREF(object); }
/// Py_None is a macro over a global; borrowed.
static inline PyObject *_Nonnull CPythonShim_Py_None(void) { return Py_None; }
/// Py_True / Py_False are macros; borrowed.
static inline PyObject *_Nonnull CPythonShim_Py_True(void) { return Py_True; }
static inline PyObject *_Nonnull CPythonShim_Py_False(void) { return Py_False; }
/// Py_TYPE is a macro; borrowed.
static inline PyTypeObject *_Nonnull CPythonShim_Py_TYPE(PyObject *_Nonnull object) { return Py_TYPE(object); }

/// The type-check macros read tp_flags; Swift cannot import them.
static inline int CPythonShim_PyBool_Check(PyObject *_Nonnull o) { return PyBool_Check(o); }
static inline int CPythonShim_PyLong_Check(PyObject *_Nonnull o) { return PyLong_Check(o); }
static inline int CPythonShim_PyFloat_Check(PyObject *_Nonnull o) { return PyFloat_Check(o); }
static inline int CPythonShim_PyUnicode_Check(PyObject *_Nonnull o) { return PyUnicode_Check(o); }
static inline int CPythonShim_PyTuple_Check(PyObject *_Nonnull o) { return PyTuple_Check(o); }
static inline int CPythonShim_PyTuple_CheckExact(PyObject *_Nonnull o) { return PyTuple_CheckExact(o); }
static inline int CPythonShim_PyList_Check(PyObject *_Nonnull o) { return PyList_Check(o); }
static inline int CPythonShim_PyDict_Check(PyObject *_Nonnull o) { return PyDict_Check(o); }
static inline int CPythonShim_PyType_Check(PyObject *_Nonnull o) { return PyType_Check(o); }
static inline int CPythonShim_PyLong_CheckExact(PyObject *_Nonnull o) { return PyLong_CheckExact(o); }
static inline int CPythonShim_PyFloat_CheckExact(PyObject *_Nonnull o) { return PyFloat_CheckExact(o); }
static inline int CPythonShim_PyUnicode_CheckExact(PyObject *_Nonnull o) { return PyUnicode_CheckExact(o); }
static inline int CPythonShim_PyList_CheckExact(PyObject *_Nonnull o) { return PyList_CheckExact(o); }
/// PyFloat_AS_DOUBLE is a macro: the value of an object known to be a float.
static inline double CPythonShim_PyFloat_AS_DOUBLE(PyObject *_Nonnull o) { return PyFloat_AS_DOUBLE(o); }

/// The unchecked sequence accessors are macros.
static inline Py_ssize_t CPythonShim_PyTuple_GET_SIZE(PyObject *_Nonnull t) { return PyTuple_GET_SIZE(t); }
static inline PyObject *_Nonnull CPythonShim_PyTuple_GET_ITEM(PyObject *_Nonnull t, Py_ssize_t i) {
    return PyTuple_GET_ITEM(t, i);
}
/// Steals `item`.
static inline void CPythonShim_PyTuple_SET_ITEM(PyObject *_Nonnull t, Py_ssize_t i, PyObject *_Nonnull item) {
    PyTuple_SET_ITEM(t, i, item);
}
static inline Py_ssize_t CPythonShim_PyList_GET_SIZE(PyObject *_Nonnull l) { return PyList_GET_SIZE(l); }
static inline PyObject *_Nonnull CPythonShim_PyList_GET_ITEM(PyObject *_Nonnull l, Py_ssize_t i) {
    return PyList_GET_ITEM(l, i);
}

/// Allocates an instance of a tuple subclass with `size` empty slots, as tuple_subtype_new does,
/// so a Row subclass instance is built without an intermediate tuple. The caller fills every slot
/// with CPythonShim_PyTuple_SET_ITEM.
static inline PyObject *_Nullable CPythonShim_TupleSubclassAlloc(PyTypeObject *_Nonnull type, Py_ssize_t size) {
    return type->tp_alloc(type, size);
}

/// Whether instances of `type` are plain tuple storage (a tuple subclass without __dict__ or
/// extra slots), which CPythonShim_TupleSubclassAlloc requires.
static inline int CPythonShim_IsPlainTupleSubclass(PyTypeObject *_Nonnull type) {
    return PyType_IsSubtype(type, &PyTuple_Type) && type->tp_dictoffset == 0
        && type->tp_basicsize == PyTuple_Type.tp_basicsize && type->tp_itemsize == PyTuple_Type.tp_itemsize;
}

static inline int CPythonShim_PyBytes_Check(PyObject *_Nonnull o) { return PyBytes_Check(o); }
static inline int CPythonShim_PyByteArray_Check(PyObject *_Nonnull o) { return PyByteArray_Check(o); }
static inline int CPythonShim_PyMemoryView_Check(PyObject *_Nonnull o) { return PyMemoryView_Check(o); }
/// Whether the object's type is numpy's (its C type name is `numpy.*`): cheaper than asking
/// Python for the type's module, and done for every value of a type Swift has no counterpart for.
static inline int CPythonShim_IsNumpyObject(PyObject *_Nonnull o) {
    return strncmp(Py_TYPE(o)->tp_name, "numpy.", 6) == 0;
}
/// Steals `item`.
static inline void CPythonShim_PyList_SET_ITEM(PyObject *_Nonnull l, Py_ssize_t i, PyObject *_Nonnull item) {
    PyList_SET_ITEM(l, i, item);
}

// MARK: datetime (shim.c: the C API is a capsule behind macros, imported once)

/// Imports the datetime C API if not yet done; 0 on success, -1 with an exception set.
int CPythonShim_DateTime_Import(void);
/// What a datetime-module object is: 0 none of these, 1 `date` (not `datetime`), 2 `datetime`,
/// 3 `time`, 4 `timedelta`. Requires CPythonShim_DateTime_Import.
int CPythonShim_DateTime_Kind(PyObject *_Nonnull o);
/// `datetime.date(year, month, day)`.
PyObject *_Nullable CPythonShim_Date_New(int year, int month, int day);
/// `datetime.time(hour, minute, second, microsecond)`, naive.
PyObject *_Nullable CPythonShim_Time_New(int hour, int minute, int second, int microsecond);
/// `datetime.datetime(...)`, naive, or with `tzinfo=timezone.utc` when `utc` is 1.
PyObject *_Nullable CPythonShim_DateTime_New(
    int year, int month, int day, int hour, int minute, int second, int microsecond, int utc);
/// year, month, day of a `date` or `datetime`.
void CPythonShim_Date_Fields(PyObject *_Nonnull o, int *_Nonnull fields);
/// hour, minute, second, microsecond of a `datetime` (from fields[0]) or `time`.
void CPythonShim_Time_Fields(PyObject *_Nonnull o, int *_Nonnull fields);
/// The `tzinfo` of a `datetime` or `time` (borrowed; None when naive).
PyObject *_Nonnull CPythonShim_TZInfo(PyObject *_Nonnull o);
/// days, seconds, microseconds of a `timedelta`.
void CPythonShim_Delta_Fields(PyObject *_Nonnull o, int *_Nonnull fields);

// MARK: Host memory through the buffer protocol (buffer.c)

/// A new `mlpredict.HostBuffer`: a read-only, one-dimensional buffer of `count` items of
/// `itemsize` bytes with struct format `format` ('?', 'b', 'h', 'i', 'q', 'f', 'd') at `buffer`,
/// which `memoryview` and `numpy.frombuffer` wrap without copying. The memory must stay valid and
/// unchanged until the object is deallocated, which calls `release(context)` once (with the GIL
/// held, on whatever thread drops the last reference). On failure returns NULL with an exception
/// set, having called `release(context)`.
PyObject *_Nullable CPythonShim_HostBuffer_New(
    void *_Nonnull buffer, Py_ssize_t count, Py_ssize_t itemsize, char format, void *_Nonnull context,
    void (*_Nonnull release)(void *_Nonnull context));

/// Buffer request flags; compound macros Swift cannot import.
static const int CPythonShim_PyBUF_RECORDS_RO = PyBUF_RECORDS_RO;

/// Whether `object` is exactly an `mlpredict.HostBuffer`.
int CPythonShim_IsHostBuffer(PyObject *_Nonnull object);

/// The version this module was compiled against (macros).
static const int CPythonShim_PY_MAJOR_VERSION = PY_MAJOR_VERSION;
static const int CPythonShim_PY_MINOR_VERSION = PY_MINOR_VERSION;

#endif
