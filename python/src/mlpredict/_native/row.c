// mlpredict.Row in C: the same contract as the pure-Python class in mlpredict/_row.py, which
// python/tests/test_row.py checks against both implementations.
//
// One source, two ways in:
// - the optional extension module `mlpredict._native._row` for a plain Python process (a worker,
//   pytest, PyFlink), compiled by python/build_native.py (scripts/setup runs it);
// - the Swift host compiles this file into itself (the CMLPredictRow target) and calls
//   MLPredictRow_Register() before importing `mlpredict`.
// mlpredict/_row.py uses this module when it can be imported, and its own class otherwise.
//
// Rows are plain tuple storage: `Row` is a static subtype of `tuple` that adds no fields, and the
// named per-schema subtypes from `Row.type_for(names)` are heap types created by calling `type`
// with `__slots__ = ()`, exactly as the Python implementation creates them. So instances have
// tuple's size and no __dict__, and a host may allocate them with `type->tp_alloc(type, n)` and fill
// the items itself. Field names live on the type: `_fields` (a tuple of names, or None for `Row`)
// and `_index` (a {name: position} dict), the attribute names the Python code reads.
//
// GIL: every function here runs with the GIL held (CPython calls them from Python code, and
// MLPredictRow_Register requires it). The module keeps its state in static variables, set once at
// its first initialization: one module per process, single-phase initialization, no
// subinterpreter isolation and no free-threading (CPython 3.13t keeps the GIL on for this module).
// Supported: CPython 3.11 to 3.13. The borrowed references from _PyType_Lookup are used only
// until the next call that may run Python code, or taken with Py_INCREF before it.
#include "include/mlpredict_row.h"

static PyTypeObject RowType;
static PyObject *row_vectorcall(PyObject *callable, PyObject *const *args, size_t nargsf, PyObject *kwnames);

/// `_ROW_TYPES`: names tuple -> the named subtype; a plain dict shared with mlpredict._row.
static PyObject *row_types;
/// Interned attribute names.
static PyObject *str_fields;
static PyObject *str_index;
static PyObject *str_new;
static PyObject *str_slots;
/// `keyword.iskeyword`, imported at the first repr of a named row.
static PyObject *keyword_iskeyword;

// MARK: Helpers

/// The `_fields` of `type`: a new reference to a tuple, or NULL with no exception when the rows are
/// unnamed (None), or NULL with an exception when `_fields` is something else.
static PyObject *fields_of(PyTypeObject *type) {
    PyObject *fields = _PyType_Lookup(type, str_fields);
    if (fields == NULL || fields == Py_None) {
        return NULL;
    }
    if (!PyTuple_Check(fields)) {
        PyErr_Format(PyExc_TypeError, "%s._fields must be a tuple of field names or None, not %.100s",
                     type->tp_name, Py_TYPE(fields)->tp_name);
        return NULL;
    }
    Py_INCREF(fields);
    return fields;
}

/// `", ".join(repr(name) for name in names)`.
static PyObject *field_list(PyObject *names) {
    PyObject *sequence = PySequence_Fast(names, "field names must be iterable");
    if (sequence == NULL) {
        return NULL;
    }
    Py_ssize_t count = PySequence_Fast_GET_SIZE(sequence);
    PyObject *reprs = PyList_New(count);
    PyObject *result = NULL;
    if (reprs == NULL) {
        goto done;
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *text = PyObject_Repr(PySequence_Fast_GET_ITEM(sequence, i));
        if (text == NULL) {
            goto done;
        }
        PyList_SET_ITEM(reprs, i, text);
    }
    PyObject *separator = PyUnicode_FromString(", ");
    if (separator != NULL) {
        result = PyUnicode_Join(separator, reprs);
        Py_DECREF(separator);
    }
done:
    Py_XDECREF(reprs);
    Py_DECREF(sequence);
    return result;
}

/// The message for a missing field `name` of a row of `type` (as _unknown_field in _row.py).
static PyObject *unknown_field_message(PyTypeObject *type, PyObject *name) {
    PyObject *fields = fields_of(type);
    if (fields == NULL) {
        if (PyErr_Occurred()) {
            return NULL;
        }
        return PyUnicode_FromFormat("Row has no field %R: the row has no field names", name);
    }
    PyObject *list = field_list(fields);
    Py_DECREF(fields);
    if (list == NULL) {
        return NULL;
    }
    PyObject *message = PyUnicode_FromFormat("Row has no field %R; its fields are %U", name, list);
    Py_DECREF(list);
    return message;
}

/// The ValueError `zip(fields, row, strict=True)` raises when their lengths differ.
static void zip_length_error(Py_ssize_t field_count, Py_ssize_t value_count) {
    PyErr_Format(PyExc_ValueError, "zip() argument 2 is %s than argument 1",
                 value_count < field_count ? "shorter" : "longer");
}

/// Looks up field `name` of `row`: 1 and a new reference in `*value` if the row has that field,
/// 0 if not, -1 with an exception set on error.
static int field_value(PyObject *row, PyObject *name, PyObject **value) {
    *value = NULL;
    PyObject *index = _PyType_Lookup(Py_TYPE(row), str_index);
    if (index == NULL) {
        return 0;
    }
    Py_INCREF(index);  // a str subclass's __eq__ could run Python code that replaces it
    PyObject *position;
    if (PyDict_Check(index)) {
        position = PyDict_GetItemWithError(index, name);
        Py_XINCREF(position);
    } else {
        position = PyObject_GetItem(index, name);
        if (position == NULL && PyErr_ExceptionMatches(PyExc_KeyError)) {
            PyErr_Clear();
        }
    }
    Py_DECREF(index);
    if (position == NULL) {
        return PyErr_Occurred() ? -1 : 0;
    }
    if (PyLong_CheckExact(position)) {
        Py_ssize_t i = PyLong_AsSsize_t(position);
        if (i >= 0 && i < PyTuple_GET_SIZE(row)) {
            Py_DECREF(position);
            *value = Py_NewRef(PyTuple_GET_ITEM(row, i));
            return 1;
        }
        PyErr_Clear();  // out of range or too large: tuple's own indexing raises the error
    }
    *value = PyTuple_Type.tp_as_mapping->mp_subscript(row, position);
    Py_DECREF(position);
    return *value == NULL ? -1 : 1;
}

/// A new instance of `type` (a tuple subtype) holding new references to `items`.
static PyObject *new_row(PyTypeObject *type, PyObject *const *items, Py_ssize_t count) {
    PyObject *row = type->tp_alloc(type, count);
    if (row == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        PyTuple_SET_ITEM(row, i, Py_NewRef(items[i]));
    }
    return row;
}

// MARK: type_for

/// Raises ValueError unless `names` (a tuple) are unique non-empty strings; 0 or -1.
static int check_field_names(PyObject *names) {
    Py_ssize_t count = PyTuple_GET_SIZE(names);
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *name = PyTuple_GET_ITEM(names, i);
        if (!PyUnicode_Check(name) || PyUnicode_GET_LENGTH(name) == 0) {
            PyErr_Format(PyExc_ValueError, "Row field names must be non-empty strings, got %R", name);
            return -1;
        }
    }
    int result = -1;
    PyObject *seen = PySet_New(NULL);
    PyObject *duplicates = PySet_New(NULL);
    PyObject *sorted = NULL;
    PyObject *list = NULL;
    if (seen == NULL || duplicates == NULL) {
        goto done;
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *name = PyTuple_GET_ITEM(names, i);
        int found = PySet_Contains(seen, name);
        if (found < 0 || PySet_Add(found ? duplicates : seen, name) < 0) {
            goto done;
        }
    }
    if (PySet_GET_SIZE(duplicates) == 0) {
        result = 0;
        goto done;
    }
    sorted = PySequence_List(duplicates);
    if (sorted == NULL || PyList_Sort(sorted) < 0) {
        goto done;
    }
    list = field_list(sorted);
    if (list != NULL) {
        PyErr_Format(PyExc_ValueError, "Row field names must be unique, got duplicates %U", list);
    }
done:
    Py_XDECREF(list);
    Py_XDECREF(sorted);
    Py_XDECREF(duplicates);
    Py_XDECREF(seen);
    return result;
}

/// The named subtype for `names` (a tuple): a new reference, created and cached on first use.
static PyObject *type_for_names(PyObject *names) {
    PyObject *cached = PyDict_GetItemWithError(row_types, names);
    if (cached != NULL) {
        return Py_NewRef(cached);
    }
    if (PyErr_Occurred()) {
        if (!PyErr_ExceptionMatches(PyExc_TypeError)) {
            return NULL;
        }
        PyErr_Clear();  // an unhashable name, rejected below
    }
    if (check_field_names(names) < 0) {
        return NULL;
    }
    PyObject *result = NULL;
    PyObject *namespace = NULL;
    PyObject *created = NULL;
    PyObject *index = PyDict_New();
    if (index == NULL) {
        goto done;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(names); i++) {
        PyObject *position = PyLong_FromSsize_t(i);
        if (position == NULL) {
            goto done;
        }
        int failed = PyDict_SetItem(index, PyTuple_GET_ITEM(names, i), position);
        Py_DECREF(position);
        if (failed < 0) {
            goto done;
        }
    }
    // class Row(Row): __slots__ = (); _fields = names; _index = index, shown as mlpredict.Row.
    namespace = Py_BuildValue("{s:(),s:O,s:O,s:s,s:s}", "__slots__", "_fields", names, "_index", index,
                              "__module__", "mlpredict", "__qualname__", "Row");
    if (namespace == NULL) {
        goto done;
    }
    created = PyObject_CallFunction((PyObject *)&PyType_Type, "s(O)O", "Row", (PyObject *)&RowType, namespace);
    if (created == NULL) {
        goto done;
    }
    // Calling it builds the row directly (see row_vectorcall); CPython leaves a heap type's
    // tp_vectorcall to its creator.
    ((PyTypeObject *)created)->tp_vectorcall = row_vectorcall;
    // Creating the type can run Python code that releases the GIL: keep the first one cached.
    result = PyDict_SetDefault(row_types, names, created);
    Py_XINCREF(result);
done:
    Py_XDECREF(created);
    Py_XDECREF(namespace);
    Py_XDECREF(index);
    return result;
}

PyDoc_STRVAR(row_type_for_doc,
             "type_for(names)\n--\n\n"
             "Return the ``Row`` subclass whose instances have these field names.\n\n"
             "The subclass is created once per distinct names tuple and cached.\n"
             "Raises ``ValueError`` unless the names are unique non-empty strings.");

static PyObject *row_type_for(PyObject *Py_UNUSED(unused), PyObject *names) {
    if (PyUnicode_Check(names)) {
        PyErr_SetString(PyExc_TypeError, "Row.type_for() takes a sequence of field names, not a string");
        return NULL;
    }
    PyObject *key = PySequence_Tuple(names);
    if (key == NULL) {
        return NULL;
    }
    PyObject *type = type_for_names(key);
    Py_DECREF(key);
    return type;
}

// MARK: Construction
//
// Row's tp_new stays tuple's, so `tuple.__new__(Row.type_for(names), values)` (how _row.py, the
// worker and the host build rows from a tuple) passes CPython's "is not safe" check, exactly as
// with the Python class. Calling a row type runs row_vectorcall (the type's tp_vectorcall), and
// `Row.__new__` is a static method in Row's dict, so named subtypes and Python subclasses get
// CPython's generic tp_new, which calls it: both build the row in row_construct.

/// Row(*values, **fields) for `type`: positional values in `args[0..<count]`, then the values of
/// the keywords named in `kwnames` (vectorcall convention).
static PyObject *row_construct(PyTypeObject *type, PyObject *const *args, Py_ssize_t count, PyObject *kwnames) {
    Py_ssize_t keyword_count = kwnames == NULL ? 0 : PyTuple_GET_SIZE(kwnames);
    PyObject *fields = fields_of(type);
    if (fields == NULL && PyErr_Occurred()) {
        return NULL;
    }
    PyObject *row = NULL;
    if (keyword_count == 0) {
        if (fields != NULL && count != PyTuple_GET_SIZE(fields)) {
            PyObject *list = field_list(fields);
            if (list != NULL) {
                PyErr_Format(PyExc_TypeError, "Row with fields %U takes %zd values, got %zd", list,
                             PyTuple_GET_SIZE(fields), count);
                Py_DECREF(list);
            }
        } else {
            row = new_row(type, args, count);
        }
    } else if (count != 0) {
        PyErr_SetString(PyExc_TypeError, "Row() takes either positional values or keyword fields, not both");
    } else if (fields == NULL) {
        // Row(label=..., score=...): an instance of Row's named subtype (whatever `type` is).
        PyObject *named = type_for_names(kwnames);
        if (named != NULL) {
            row = new_row((PyTypeObject *)named, args, keyword_count);
            Py_DECREF(named);
        }
    } else {
        // A named type called with keywords: exactly its fields, stored in its order.
        Py_ssize_t field_count = PyTuple_GET_SIZE(fields);
        int same = keyword_count == field_count;
        if (same) {
            row = type->tp_alloc(type, field_count);
            for (Py_ssize_t i = 0; row != NULL && same > 0 && i < field_count; i++) {
                PyObject *field = PyTuple_GET_ITEM(fields, i);
                same = 0;
                for (Py_ssize_t j = 0; j < keyword_count; j++) {
                    PyObject *name = PyTuple_GET_ITEM(kwnames, j);
                    int equal = name == field ? 1 : PyObject_RichCompareBool(name, field, Py_EQ);
                    if (equal != 0) {
                        if (equal > 0) {
                            PyTuple_SET_ITEM(row, i, Py_NewRef(args[j]));
                        }
                        same = equal;
                        break;
                    }
                }
            }
            if (same <= 0) {
                Py_CLEAR(row);  // tuple deallocation skips the items not yet set
            }
        }
        if (same == 0) {
            PyObject *expected = field_list(fields);
            PyObject *got = expected == NULL ? NULL : field_list(kwnames);
            if (got != NULL) {
                PyErr_Format(PyExc_TypeError, "Row with fields %U got keyword fields %U", expected, got);
            }
            Py_XDECREF(got);
            Py_XDECREF(expected);
        }
    }
    Py_XDECREF(fields);
    return row;
}

/// `Row.__new__`, as a static method: the same as calling the type; CPython's generic tp_new
/// calls it for subtypes, and a subclass's own `__new__` may call it through super().
static PyObject *row_new_method(PyObject *Py_UNUSED(unused), PyObject *const *args, Py_ssize_t count,
                                PyObject *kwnames) {
    if (count < 1) {
        PyErr_SetString(PyExc_TypeError, "Row.__new__(): not enough arguments");
        return NULL;
    }
    if (!PyType_Check(args[0]) || !PyType_IsSubtype((PyTypeObject *)args[0], &RowType)) {
        PyErr_Format(PyExc_TypeError, "Row.__new__(X): X is not a subtype of Row (got %R)", args[0]);
        return NULL;
    }
    return row_construct((PyTypeObject *)args[0], args + 1, count - 1, kwnames);
}

static PyMethodDef row_new_def = {
    "__new__", (PyCFunction)(void (*)(void))row_new_method, METH_FASTCALL | METH_KEYWORDS,
    "Create a row from positional values or from keyword fields (not both).",
};

/// `Row.__new__` as stored in Row's dict (a staticmethod), to recognize types that keep it.
static PyObject *row_new_static;

/// Calling Row or a named type: straight to row_construct. Another subtype (a Python subclass,
/// which may define __new__ or __init__) goes through type.__call__ as usual.
static PyObject *row_vectorcall(PyObject *callable, PyObject *const *args, size_t nargsf, PyObject *kwnames) {
    PyTypeObject *type = (PyTypeObject *)callable;
    Py_ssize_t count = PyVectorcall_NARGS(nargsf);
    if (type == &RowType
        || (type->tp_init == RowType.tp_init && _PyType_Lookup(type, str_new) == row_new_static)) {
        return row_construct(type, args, count, kwnames);
    }
    PyObject *positional = PyTuple_New(count);
    PyObject *keywords = kwnames == NULL ? NULL : PyDict_New();
    PyObject *result = NULL;
    if (positional == NULL || (kwnames != NULL && keywords == NULL)) {
        goto done;
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        PyTuple_SET_ITEM(positional, i, Py_NewRef(args[i]));
    }
    for (Py_ssize_t j = 0; kwnames != NULL && j < PyTuple_GET_SIZE(kwnames); j++) {
        if (PyDict_SetItem(keywords, PyTuple_GET_ITEM(kwnames, j), args[count + j]) < 0) {
            goto done;
        }
    }
    result = PyType_Type.tp_call(callable, positional, keywords);
done:
    Py_XDECREF(keywords);
    Py_XDECREF(positional);
    return result;
}

// MARK: Indexing and attributes

static PyObject *row_subscript(PyObject *self, PyObject *key) {
    if (!PyUnicode_Check(key)) {
        // An index or a slice, as tuple.__getitem__ (a slice gives a plain tuple).
        return PyTuple_Type.tp_as_mapping->mp_subscript(self, key);
    }
    PyObject *value;
    int found = field_value(self, key, &value);
    if (found > 0) {
        return value;
    }
    if (found == 0) {
        PyObject *message = unknown_field_message(Py_TYPE(self), key);
        if (message != NULL) {
            PyErr_SetObject(PyExc_KeyError, message);
            Py_DECREF(message);
        }
    }
    return NULL;
}

/// Raises AttributeError(message, name=name, obj=self) for a missing field.
static PyObject *no_such_attribute(PyObject *self, PyObject *name) {
    PyObject *message = unknown_field_message(Py_TYPE(self), name);
    if (message == NULL) {
        return NULL;
    }
    PyObject *args = PyTuple_Pack(1, message);
    Py_DECREF(message);
    if (args == NULL) {
        return NULL;
    }
    PyObject *keywords = Py_BuildValue("{s:O,s:O}", "name", name, "obj", self);
    PyObject *error = keywords == NULL ? NULL : PyObject_Call(PyExc_AttributeError, args, keywords);
    Py_XDECREF(keywords);
    Py_DECREF(args);
    if (error != NULL) {
        PyErr_SetObject((PyObject *)Py_TYPE(error), error);
        Py_DECREF(error);
    }
    return NULL;
}

/// Attributes of the type first (`count`, `index`, `as_dict`...), then fields, like `__getattr__`.
static PyObject *row_getattro(PyObject *self, PyObject *name) {
    PyObject *value;
    if (PyUnicode_CheckExact(name) && _PyType_Lookup(Py_TYPE(self), name) == NULL) {
        // Rows have no instance attributes, so with nothing of that name on the type the generic
        // lookup would fail: skip building its AttributeError.
        int found = field_value(self, name, &value);
        if (found != 0) {
            return found > 0 ? value : NULL;
        }
        return no_such_attribute(self, name);
    }
    value = PyObject_GenericGetAttr(self, name);
    if (value != NULL || !PyUnicode_Check(name) || !PyErr_ExceptionMatches(PyExc_AttributeError)) {
        return value;
    }
    PyErr_Clear();
    int found = field_value(self, name, &value);
    if (found != 0) {
        return found > 0 ? value : NULL;
    }
    return no_such_attribute(self, name);
}

// MARK: Methods

PyDoc_STRVAR(row_as_dict_doc, "as_dict($self, /)\n--\n\n"
                              "Return the fields as a ``{name: value}`` dict (``ValueError`` if unnamed).");

static PyObject *row_as_dict(PyObject *self, PyObject *Py_UNUSED(unused)) {
    PyObject *fields = fields_of(Py_TYPE(self));
    if (fields == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_ValueError,
                            "Row has no field names: create it with keyword arguments or Row.type_for(names)");
        }
        return NULL;
    }
    Py_ssize_t count = PyTuple_GET_SIZE(fields);
    PyObject *result = NULL;
    if (count != PyTuple_GET_SIZE(self)) {
        zip_length_error(count, PyTuple_GET_SIZE(self));
        goto done;
    }
    result = PyDict_New();
    for (Py_ssize_t i = 0; result != NULL && i < count; i++) {
        if (PyDict_SetItem(result, PyTuple_GET_ITEM(fields, i), PyTuple_GET_ITEM(self, i)) < 0) {
            Py_CLEAR(result);
        }
    }
done:
    Py_DECREF(fields);
    return result;
}

/// Whether every name is an identifier and not a keyword (`Row(a=1)` can be written with them).
static int names_are_keywords_arguments(PyObject *fields) {
    if (keyword_iskeyword == NULL) {
        PyObject *module = PyImport_ImportModule("keyword");
        if (module == NULL) {
            return -1;
        }
        keyword_iskeyword = PyObject_GetAttrString(module, "iskeyword");
        Py_DECREF(module);
        if (keyword_iskeyword == NULL) {
            return -1;
        }
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(fields); i++) {
        PyObject *name = PyTuple_GET_ITEM(fields, i);
        if (!PyUnicode_Check(name) || !PyUnicode_IsIdentifier(name)) {
            return 0;
        }
        PyObject *keyword = PyObject_CallOneArg(keyword_iskeyword, name);
        if (keyword == NULL) {
            return -1;
        }
        int is_keyword = PyObject_IsTrue(keyword);
        Py_DECREF(keyword);
        if (is_keyword != 0) {
            return is_keyword < 0 ? -1 : 0;
        }
    }
    return 1;
}

/// `Row('a', 1)`, `Row(label='a', score=1)`, or `Row(**{'my col': 1})` for names that need it.
static PyObject *row_repr(PyObject *self) {
    Py_ssize_t count = PyTuple_GET_SIZE(self);
    PyObject *fields = fields_of(Py_TYPE(self));
    if (fields == NULL && PyErr_Occurred()) {
        return NULL;
    }
    PyObject *result = NULL;
    PyObject *parts = NULL;
    PyObject *separator = NULL;
    PyObject *joined = NULL;
    if (fields != NULL) {
        int plain = names_are_keywords_arguments(fields);
        if (plain < 0) {
            goto done;
        }
        if (!plain) {
            PyObject *dict = row_as_dict(self, NULL);
            if (dict != NULL) {
                result = PyUnicode_FromFormat("Row(**%R)", dict);
                Py_DECREF(dict);
            }
            goto done;
        }
        if (PyTuple_GET_SIZE(fields) != count) {
            zip_length_error(PyTuple_GET_SIZE(fields), count);
            goto done;
        }
    }
    parts = PyList_New(count);
    if (parts == NULL) {
        goto done;
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *item = PyTuple_GET_ITEM(self, i);
        PyObject *part = fields == NULL ? PyObject_Repr(item)
                                        : PyUnicode_FromFormat("%U=%R", PyTuple_GET_ITEM(fields, i), item);
        if (part == NULL) {
            goto done;
        }
        PyList_SET_ITEM(parts, i, part);
    }
    separator = PyUnicode_FromString(", ");
    joined = separator == NULL ? NULL : PyUnicode_Join(separator, parts);
    if (joined != NULL) {
        result = PyUnicode_FromFormat("Row(%U)", joined);
    }
done:
    Py_XDECREF(joined);
    Py_XDECREF(separator);
    Py_XDECREF(parts);
    Py_XDECREF(fields);
    return result;
}

PyDoc_STRVAR(row_reduce_doc, "__reduce__($self, /)\n--\n\n"
                             "Pickle and copy support that keeps the field names.");

/// The same reduction as the Python class, so pickles are interchangeable: unnamed rows as
/// `(type(row), tuple(row))`, named ones as `(mlpredict._row._named_row, (names, tuple(row)))`.
static PyObject *row_reduce(PyObject *self, PyObject *Py_UNUSED(unused)) {
    PyObject *values = PyTuple_GetSlice(self, 0, PyTuple_GET_SIZE(self));  // a plain tuple
    if (values == NULL) {
        return NULL;
    }
    PyObject *fields = fields_of(Py_TYPE(self));
    if (fields == NULL) {
        if (PyErr_Occurred()) {
            Py_DECREF(values);
            return NULL;
        }
        return Py_BuildValue("(ON)", (PyObject *)Py_TYPE(self), values);
    }
    PyObject *result = NULL;
    PyObject *module = PyImport_ImportModule("mlpredict._row");
    PyObject *named_row = module == NULL ? NULL : PyObject_GetAttrString(module, "_named_row");
    if (named_row != NULL) {
        result = Py_BuildValue("(O(OO))", named_row, fields, values);
    }
    Py_XDECREF(named_row);
    Py_XDECREF(module);
    Py_DECREF(fields);
    Py_DECREF(values);
    return result;
}

PyDoc_STRVAR(row_init_subclass_doc, "__init_subclass__($cls, /, **kwargs)\n--\n\n"
                                    "Require ``__slots__ = ()`` so that instances stay plain tuple storage.");

static PyObject *row_init_subclass(PyObject *cls, PyObject *args, PyObject *kwargs) {
    // super().__init_subclass__(**kwargs)
    PyObject *parent = PyObject_CallFunctionObjArgs((PyObject *)&PySuper_Type, (PyObject *)&RowType, cls, NULL);
    if (parent == NULL) {
        return NULL;
    }
    PyObject *init = PyObject_GetAttrString(parent, "__init_subclass__");
    Py_DECREF(parent);
    if (init == NULL) {
        return NULL;
    }
    PyObject *done = PyObject_Call(init, args, kwargs);
    Py_DECREF(init);
    if (done == NULL) {
        return NULL;
    }
    Py_DECREF(done);
    PyObject *dict = PyObject_GetAttrString(cls, "__dict__");
    if (dict == NULL) {
        return NULL;
    }
    int declared = PySequence_Contains(dict, str_slots);
    Py_DECREF(dict);
    if (declared < 0) {
        return NULL;
    }
    if (!declared) {
        PyObject *name = PyObject_GetAttrString(cls, "__qualname__");
        if (name != NULL) {
            PyErr_Format(PyExc_TypeError, "Row subclass %S must declare __slots__ = ()", name);
            Py_DECREF(name);
        }
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyMethodDef row_methods[] = {
    {"type_for", row_type_for, METH_O | METH_STATIC, row_type_for_doc},
    {"as_dict", row_as_dict, METH_NOARGS, row_as_dict_doc},
    {"__reduce__", row_reduce, METH_NOARGS, row_reduce_doc},
    {"__init_subclass__", (PyCFunction)(void (*)(void))row_init_subclass, METH_VARARGS | METH_KEYWORDS | METH_CLASS,
     row_init_subclass_doc},
    {NULL, NULL, 0, NULL},
};

static PyMappingMethods row_as_mapping = {
    .mp_subscript = row_subscript,  // mp_length is inherited from tuple
};

PyDoc_STRVAR(row_doc,
             "Row(*values, **fields)\n--\n\n"
             "An immutable row of values, optionally with field names (implemented in C).\n\n"
             "``Row`` is a ``tuple`` subclass, like ``pyflink.common.Row``::\n\n"
             "    Row(\"positive\", 0.93)                    # unnamed: Row('positive', 0.93)\n"
             "    row = Row(label=\"positive\", score=0.93)  # named\n"
             "    row[0], row[\"label\"], row.label          # all 'positive'\n"
             "    row.as_dict()                            # {'label': 'positive', 'score': 0.93}\n\n"
             "Field names belong to the row's class: named rows are instances of the cached\n"
             "subclass ``Row.type_for(names)``. Equality and hashing are the tuple's.");

static PyTypeObject RowType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    // The pure-Python class's module and name, so pickles of unnamed rows are interchangeable.
    .tp_name = "mlpredict._row.Row",
    .tp_doc = row_doc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_base = NULL,  // &PyTuple_Type, set before PyType_Ready (not a constant on every platform)
    .tp_vectorcall = row_vectorcall,
    .tp_repr = row_repr,
    .tp_getattro = row_getattro,
    .tp_as_mapping = &row_as_mapping,
    .tp_methods = row_methods,
    // basicsize, itemsize, dealloc, traverse, GC, hash, comparison and iteration: tuple's.
};

// MARK: Module

/// Readies the type and the shared state, once per process.
static int row_setup(void) {
    if (row_types != NULL) {
        return 0;
    }
    RowType.tp_base = &PyTuple_Type;
    if (PyType_Ready(&RowType) < 0) {
        return -1;
    }
    str_fields = PyUnicode_InternFromString("_fields");
    str_index = PyUnicode_InternFromString("_index");
    str_new = PyUnicode_InternFromString("__new__");
    str_slots = PyUnicode_InternFromString("__slots__");
    if (str_fields == NULL || str_index == NULL || str_new == NULL || str_slots == NULL) {
        return -1;
    }
    // Class attributes of Row, as in the Python class: _fields = None, _index = {}, __slots__ = (),
    // and __new__ (see row_construct). A static type's dict is its own (CPython 3.11-3.13).
    PyObject *dict = RowType.tp_dict;
    PyObject *empty_index = PyDict_New();
    PyObject *empty_slots = PyTuple_New(0);
    PyObject *new_function = PyCFunction_New(&row_new_def, NULL);
    row_new_static = new_function == NULL ? NULL : PyStaticMethod_New(new_function);
    int failed = empty_index == NULL || empty_slots == NULL || row_new_static == NULL
                 || PyDict_SetItem(dict, str_fields, Py_None) < 0 || PyDict_SetItem(dict, str_index, empty_index) < 0
                 || PyDict_SetItem(dict, str_slots, empty_slots) < 0 || PyDict_SetItem(dict, str_new, row_new_static) < 0;
    Py_XDECREF(new_function);
    Py_XDECREF(empty_index);
    Py_XDECREF(empty_slots);
    if (failed) {
        return -1;
    }
    PyType_Modified(&RowType);
    row_types = PyDict_New();
    return row_types == NULL ? -1 : 0;
}

static struct PyModuleDef row_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "mlpredict._native._row",
    .m_doc = "mlpredict.Row implemented in C; mlpredict._row uses it when it can be imported.",
    .m_size = -1,
};

PyMODINIT_FUNC PyInit__row(void) {
    if (row_setup() < 0) {
        return NULL;
    }
    PyObject *module = PyModule_Create(&row_module);
    if (module == NULL) {
        return NULL;
    }
    if (PyModule_AddObjectRef(module, "Row", (PyObject *)&RowType) < 0
        || PyModule_AddObjectRef(module, "_ROW_TYPES", row_types) < 0) {
        Py_DECREF(module);
        return NULL;
    }
    return module;
}

int MLPredictRow_Register(void) {
    PyObject *modules = PyImport_GetModuleDict();  // borrowed
    PyObject *existing = PyDict_GetItemString(modules, row_module.m_name);
    if (existing != NULL) {
        return 0;
    }
    PyObject *module = PyInit__row();
    if (module == NULL) {
        return -1;
    }
    int result = PyDict_SetItemString(modules, row_module.m_name, module);
    Py_DECREF(module);
    return result;
}
