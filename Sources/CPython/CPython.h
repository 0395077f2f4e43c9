// CPython's C API, as the Python headers found by pkg-config (python3-embed) declare it.
//
// glibc's <features.h> is processed first, before pyconfig.h defines _GNU_SOURCE and
// _XOPEN_SOURCE: otherwise glibc structs such as fd_set get other field names here than in
// Swift's Glibc and Dispatch modules, and a Swift module that sees both fails to build.
#if __has_include(<features.h>)
#include <features.h>
#endif
#define PY_SSIZE_T_CLEAN
#include <Python.h>
