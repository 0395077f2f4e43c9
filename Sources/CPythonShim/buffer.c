#include "CPythonShim.h"

// A read-only, one-dimensional buffer over memory the host owns. The host's storage is kept
// alive by `context` until the object is deallocated, whatever Python holds on to (a memoryview,
// a numpy array over it), and then given back through `release`.
typedef struct {
    PyObject_HEAD
    void *buffer;
    Py_ssize_t count;
    Py_ssize_t itemsize;
    char format[2];
    void *context;
    void (*release)(void *context);
} HostBuffer;

static int host_buffer_get(PyObject *object, Py_buffer *view, int flags) {
    HostBuffer *self = (HostBuffer *)object;
    if (flags & PyBUF_WRITABLE) {
        PyErr_SetString(PyExc_BufferError, "mlpredict host buffers are read-only");
        return -1;
    }
    view->obj = Py_NewRef(object);
    view->buf = self->buffer;
    view->len = self->count * self->itemsize;
    view->readonly = 1;
    view->itemsize = self->itemsize;
    view->format = (flags & PyBUF_FORMAT) ? self->format : NULL;
    view->ndim = 1;
    view->shape = (flags & PyBUF_ND) ? &self->count : NULL;
    view->strides = (flags & PyBUF_STRIDES) == PyBUF_STRIDES ? &self->itemsize : NULL;
    view->suboffsets = NULL;
    view->internal = NULL;
    return 0;
}

static void host_buffer_dealloc(PyObject *object) {
    HostBuffer *self = (HostBuffer *)object;
    self->release(self->context);
    PyObject_Free(object);
}

static PyBufferProcs host_buffer_procs = {.bf_getbuffer = host_buffer_get, .bf_releasebuffer = NULL};

static PyTypeObject host_buffer_type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "mlpredict.HostBuffer",
    .tp_doc = "Read-only memory of the host, exported through the buffer protocol without a copy.",
    .tp_basicsize = sizeof(HostBuffer),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_dealloc = host_buffer_dealloc,
    .tp_as_buffer = &host_buffer_procs,
};

PyObject *CPythonShim_HostBuffer_New(
    void *buffer, Py_ssize_t count, Py_ssize_t itemsize, char format, void *context, void (*release)(void *)) {
    // Static type: readied once, under the GIL the caller holds.
    if (!(host_buffer_type.tp_flags & Py_TPFLAGS_READY) && PyType_Ready(&host_buffer_type) < 0) {
        release(context);
        return NULL;
    }
    HostBuffer *self = PyObject_New(HostBuffer, &host_buffer_type);
    if (self == NULL) {
        release(context);
        return NULL;
    }
    self->buffer = buffer;
    self->count = count;
    self->itemsize = itemsize;
    self->format[0] = format;
    self->format[1] = '\0';
    self->context = context;
    self->release = release;
    return (PyObject *)self;
}

int CPythonShim_IsHostBuffer(PyObject *object) { return Py_TYPE(object) == &host_buffer_type; }
