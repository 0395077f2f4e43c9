// dladdr (dlfcn.h) is a GNU extension; this file is compiled on its own, not as part of a module.
#define _GNU_SOURCE 1

#include "CPythonShim.h"

#include <datetime.h>

#include <dlfcn.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// MARK: Interpreter lifecycle

static PyInterpreterState *main_interpreter;
static pthread_key_t thread_state_key;

static char *status_message(const char *what, PyStatus status) {
    const char *detail = status.err_msg ? status.err_msg : "unknown error";
    size_t size = strlen(what) + strlen(detail) + 3;
    char *message = malloc(size);
    if (message) snprintf(message, size, "%s: %s", what, detail);
    return message;
}

// Deletes a thread's PyThreadState when the thread exits (pthread key destructor), so threads
// that come and go do not leak thread states. The main thread's state is never registered here.
static void delete_thread_state(void *state) {
    if (state == NULL || !Py_IsInitialized()) return;
    PyEval_RestoreThread((PyThreadState *)state);
    PyThreadState_Clear((PyThreadState *)state);
    PyThreadState_DeleteCurrent();
}

// `import signal` installs Python's SIGINT handler (KeyboardInterrupt) whenever SIGINT is at its
// default, even with install_signal_handlers = 0 (cpython#111400), and models import it through
// asyncio, subprocess and more. So import it now, while this thread counts as Python's main
// thread, make Python's own record say SIG_DFL, and give the host back its SIGINT action.
static char *keep_host_sigint(void) {
    struct sigaction host;
    sigaction(SIGINT, NULL, &host);
    PyObject *module = PyImport_ImportModule("signal");
    PyObject *result = NULL;
    if (module) {
        PyObject *dfl = PyObject_GetAttrString(module, "SIG_DFL");
        if (dfl) result = PyObject_CallMethod(module, "signal", "iO", SIGINT, dfl);
        Py_XDECREF(dfl);
        Py_DECREF(module);
    }
    sigaction(SIGINT, &host, NULL);
    if (result == NULL) {
        PyErr_Print();
        return strdup("could not keep SIGINT from Python's signal module");
    }
    Py_DECREF(result);
    return NULL;
}

// Set in a child forked by Python code (a model's os.fork, multiprocessing...): such a child must
// never run host code again, or it would carry on the host's work twice. A fork by the host
// itself, without the GIL, is the host's business and is left alone.
static volatile sig_atomic_t forked_child;
static int holds_gil(void);

static void mark_forked_child(void) {
    if (holds_gil()) forked_child = 1;
}

char *CPythonShim_Initialize(const char *home, const char *executable) {
    PyPreConfig preconfig;
    PyPreConfig_InitIsolatedConfig(&preconfig);
    preconfig.utf8_mode = 1;  // UTF-8 for files and stdio whatever the host's locale
    PyStatus status = Py_PreInitialize(&preconfig);
    if (PyStatus_Exception(status)) return status_message("Py_PreInitialize failed", status);

    PyConfig config;
    PyConfig_InitIsolatedConfig(&config);  // ignores PYTHON* variables and the user site
    config.install_signal_handlers = 0;     // SIGINT stays the host's
    config.site_import = 0;                 // sys.path is built by the host after start
    config.parse_argv = 0;
    status = PyConfig_SetBytesString(&config, &config.home, home);
    if (!PyStatus_Exception(status)) status = PyConfig_SetBytesString(&config, &config.executable, executable);
    if (!PyStatus_Exception(status)) status = PyConfig_SetBytesString(&config, &config.program_name, executable);
    if (!PyStatus_Exception(status)) status = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    if (PyStatus_Exception(status)) return status_message("Py_InitializeFromConfig failed", status);

    char *failure = keep_host_sigint();
    if (failure) return failure;

    main_interpreter = PyInterpreterState_Main();
    pthread_atfork(NULL, NULL, mark_forked_child);
    if (pthread_key_create(&thread_state_key, delete_thread_state) != 0) {
        return strdup("pthread_key_create failed");
    }
    PyEval_SaveThread();  // the initializing thread keeps the main thread state for later use
    return NULL;
}

const char *CPythonShim_LibraryPath(void) {
    Dl_info info;
    if (dladdr((void *)&Py_InitializeFromConfig, &info) == 0) return NULL;
    return info.dli_fname;
}

// MARK: Deferred reference drops

static pthread_mutex_t pending_lock = PTHREAD_MUTEX_INITIALIZER;
static PyObject **pending;
static size_t pending_count, pending_capacity;
static atomic_int has_pending;

// The thread state this thread took the GIL with through CPythonShim_AcquireGIL, if it did.
static _Thread_local PyThreadState *this_thread_state;

// Whether this thread holds the GIL: a thread-local read and a compare on the common path
// (PyGILState_Check costs a pthread_getspecific and runs for every reference dropped), falling back
// to the thread's PyGILState state for threads that took the GIL some other way.
static int holds_gil(void) {
#if PY_VERSION_HEX >= 0x030D0000
    PyThreadState *current = PyThreadState_GetUnchecked();
#else
    PyThreadState *current = _PyThreadState_UncheckedGet();
#endif
    if (current == NULL) return 0;
    // Not PyGILState_Check: it answers 1 unconditionally once a sub-interpreter exists (3.11).
    return current == this_thread_state || current == PyGILState_GetThisThreadState();
}

void CPythonShim_DecRefOrDefer(PyObject *object) {
    if (holds_gil()) {
        Py_DECREF(object);
        return;
    }
    pthread_mutex_lock(&pending_lock);
    if (pending_count == pending_capacity) {
        size_t capacity = pending_capacity ? pending_capacity * 2 : 64;
        PyObject **grown = realloc(pending, capacity * sizeof(PyObject *));
        if (grown == NULL) {  // out of memory: leaking one reference beats crashing the host
            pthread_mutex_unlock(&pending_lock);
            return;
        }
        pending = grown;
        pending_capacity = capacity;
    }
    pending[pending_count++] = object;
    atomic_store_explicit(&has_pending, 1, memory_order_release);
    pthread_mutex_unlock(&pending_lock);
}

static void drop_pending(void) {
    if (!atomic_load_explicit(&has_pending, memory_order_acquire)) return;
    pthread_mutex_lock(&pending_lock);
    PyObject **objects = pending;
    size_t count = pending_count;
    pending = NULL;
    pending_count = pending_capacity = 0;
    atomic_store_explicit(&has_pending, 0, memory_order_release);
    pthread_mutex_unlock(&pending_lock);
    for (size_t i = 0; i < count; i++) Py_DECREF(objects[i]);  // may run __del__: lock not held
    free(objects);
}

// MARK: GIL

int CPythonShim_AcquireGIL(void) {
    if (holds_gil()) return 0;
    PyThreadState *state = PyGILState_GetThisThreadState();
    if (state == NULL) {
        // PyThreadState_New also binds the state to this thread for the PyGILState_* API, so
        // extensions that call PyGILState_Ensure on this thread reuse it.
        state = PyThreadState_New(main_interpreter);
        pthread_setspecific(thread_state_key, state);
    }
    this_thread_state = state;
    PyEval_RestoreThread(state);
    drop_pending();
    return 1;
}

void CPythonShim_ReleaseGIL(int acquired) {
    if (!acquired) return;
    if (forked_child) {
        // Python code forked and the child is returning into the host: end it here, before it
        // writes the host's output or takes its input a second time. _exit: no atexit handlers,
        // no stdio flush of buffers copied from the parent.
        static const char message[] =
            "mlpredict: a process forked by Python code returned into the host; it exits\n";
        (void)!write(2, message, sizeof message - 1);
        _exit(0);
    }
    PyEval_SaveThread();
}

int CPythonShim_IsForkedChild(void) { return forked_child; }

// MARK: Error capture depth

static _Thread_local int capture_depth;

int CPythonShim_BeginErrorCapture(void) { return capture_depth++ == 0; }

void CPythonShim_EndErrorCapture(void) { capture_depth--; }

// MARK: Interrupting a thread

unsigned long CPythonShim_ThreadIdent(void) { return PyThread_get_thread_ident(); }

int CPythonShim_RaiseTimeoutInThread(unsigned long ident) {
    return PyThreadState_SetAsyncExc(ident, PyExc_TimeoutError);
}

void CPythonShim_ClearAsyncException(unsigned long ident) { PyThreadState_SetAsyncExc(ident, NULL); }

// MARK: Callbacks

typedef struct {
    CPythonShim_CallbackFunction function;
    void *context;
    CPythonShim_ReleaseFunction release;
} callback_target;

static const char *const callback_capsule_name = "mlpredict.callback";

static void release_callback_target(PyObject *capsule) {
    callback_target *target = PyCapsule_GetPointer(capsule, callback_capsule_name);
    if (target == NULL) return;
    target->release(target->context);
    free(target);
}

static PyObject *call_callback_target(PyObject *capsule, PyObject *argument) {
    callback_target *target = PyCapsule_GetPointer(capsule, callback_capsule_name);
    if (target == NULL) return NULL;
    target->function(target->context, argument);
    Py_RETURN_NONE;
}

static PyMethodDef callback_method = {"mlpredict_callback", call_callback_target, METH_O, NULL};

PyObject *CPythonShim_NewCallback(
    CPythonShim_CallbackFunction function, void *context, CPythonShim_ReleaseFunction release) {
    callback_target *target = malloc(sizeof(callback_target));
    if (target == NULL) {
        release(context);
        return PyErr_NoMemory();
    }
    *target = (callback_target){function, context, release};
    PyObject *capsule = PyCapsule_New(target, callback_capsule_name, release_callback_target);
    if (capsule == NULL) {
        release(context);
        free(target);
        return NULL;
    }
    PyObject *callable = PyCFunction_New(&callback_method, capsule);
    Py_DECREF(capsule);  // on failure this frees the target and releases the context
    return callable;
}

// MARK: Errors

PyObject *CPythonShim_FetchException(void) {
#if PY_VERSION_HEX >= 0x030C0000
    return PyErr_GetRaisedException();
#else
    PyObject *type, *value, *traceback;
    PyErr_Fetch(&type, &value, &traceback);
    if (type == NULL) return NULL;
    PyErr_NormalizeException(&type, &value, &traceback);
    if (value == NULL) {  // cannot happen after normalization, but never return NULL with an error set
        value = type;
        type = NULL;
    }
    if (traceback != NULL) PyException_SetTraceback(value, traceback);
    Py_XDECREF(type);
    Py_XDECREF(traceback);
    return value;
#endif
}

// MARK: datetime

// datetime.h keeps the C API in a static variable per translation unit, so every use is here.

int CPythonShim_DateTime_Import(void) {
    if (PyDateTimeAPI == NULL) PyDateTime_IMPORT;
    return PyDateTimeAPI == NULL ? -1 : 0;
}

int CPythonShim_DateTime_Kind(PyObject *o) {
    if (PyDateTime_Check(o)) return 2;
    if (PyDate_Check(o)) return 1;
    if (PyTime_Check(o)) return 3;
    if (PyDelta_Check(o)) return 4;
    return 0;
}

PyObject *CPythonShim_Date_New(int year, int month, int day) { return PyDate_FromDate(year, month, day); }

PyObject *CPythonShim_Time_New(int hour, int minute, int second, int microsecond) {
    return PyTime_FromTime(hour, minute, second, microsecond);
}

PyObject *CPythonShim_DateTime_New(
    int year, int month, int day, int hour, int minute, int second, int microsecond, int utc) {
    return PyDateTimeAPI->DateTime_FromDateAndTime(
        year, month, day, hour, minute, second, microsecond, utc ? PyDateTime_TimeZone_UTC : Py_None,
        PyDateTimeAPI->DateTimeType);
}

void CPythonShim_Date_Fields(PyObject *o, int *fields) {
    fields[0] = PyDateTime_GET_YEAR(o);
    fields[1] = PyDateTime_GET_MONTH(o);
    fields[2] = PyDateTime_GET_DAY(o);
}

void CPythonShim_Time_Fields(PyObject *o, int *fields) {
    if (PyDateTime_Check(o)) {
        fields[0] = PyDateTime_DATE_GET_HOUR(o);
        fields[1] = PyDateTime_DATE_GET_MINUTE(o);
        fields[2] = PyDateTime_DATE_GET_SECOND(o);
        fields[3] = PyDateTime_DATE_GET_MICROSECOND(o);
    } else {
        fields[0] = PyDateTime_TIME_GET_HOUR(o);
        fields[1] = PyDateTime_TIME_GET_MINUTE(o);
        fields[2] = PyDateTime_TIME_GET_SECOND(o);
        fields[3] = PyDateTime_TIME_GET_MICROSECOND(o);
    }
}

PyObject *CPythonShim_TZInfo(PyObject *o) {
    return PyDateTime_Check(o) ? PyDateTime_DATE_GET_TZINFO(o) : PyDateTime_TIME_GET_TZINFO(o);
}

void CPythonShim_Delta_Fields(PyObject *o, int *fields) {
    fields[0] = PyDateTime_DELTA_GET_DAYS(o);
    fields[1] = PyDateTime_DELTA_GET_SECONDS(o);
    fields[2] = PyDateTime_DELTA_GET_MICROSECONDS(o);
}
