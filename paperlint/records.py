"""paperlint's data classes: the part of ``dataclasses`` paperlint uses, at a fraction of its cost.

A one-page lint creates about 55 data classes. With the standard module that costs about 25 ms
on a 2-core machine, a quarter of the run: importing ``dataclasses`` imports ``inspect`` (with
``ast``, ``dis`` and ``tokenize``), each class is examined field by field, a class without a
docstring has ``inspect.signature`` computed for one, and every generated method is compiled
from text. Here a class's methods are written as one text, compiled once and kept with the
compiled patterns (paperlint/recache.py), so a later process only runs the saved code.

What is supported is what paperlint's classes use, with the standard module's behaviour:

* ``@dataclass``, ``@dataclass(frozen=True)``, ``eq=False``, ``slots=True``;
* fields from the class's own annotations, in order (no inheritance between data classes, no
  ``ClassVar``, ``InitVar`` or ``kw_only``: a class that asks for them is refused);
* ``field(default=..., default_factory=..., repr=..., compare=..., hash=...)``;
* ``__init__`` (calling ``__post_init__`` when the class has one), ``__repr__``, ``__eq__``
  (between instances of the same class), ``__hash__`` (frozen and compared: the compared
  fields; compared but not frozen: unhashable; ``eq=False``: by identity), frozen
  ``__setattr__``/``__delattr__`` raising `FrozenInstanceError`, ``__match_args__``, pickling
  and copying (also of frozen classes with slots); methods a class defines itself are kept;
* `fields`, `replace`, `asdict` and `is_dataclass`.

tests/test_records.py compares each of these with the standard module's.
"""
from __future__ import annotations

__all__ = ["FrozenInstanceError", "MISSING", "asdict", "dataclass", "field", "fields", "is_dataclass", "replace"]


class _Missing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


#: no default given
MISSING = _Missing()
#: the ``__init__`` default of a field with a default factory (the factory is called instead)
_FACTORY = type("_HasDefaultFactory", (), {"__repr__": lambda self: "<factory>", "__slots__": ()})()


class FrozenInstanceError(AttributeError):
    """Assigning to (or deleting) a field of a frozen data class."""


class Field:
    """One field of a data class: its name, default or default factory, and whether it is shown,
    compared and hashed."""

    __slots__ = ("name", "default", "default_factory", "repr", "compare", "hash")

    def __init__(self, default=MISSING, default_factory=MISSING, repr=True, compare=True, hash=None):  # noqa: A002
        if default is not MISSING and default_factory is not MISSING:
            raise ValueError("cannot specify both default and default_factory")
        self.name = ""
        self.default = default
        self.default_factory = default_factory
        self.repr = repr
        self.compare = compare
        self.hash = hash

    def __repr__(self) -> str:
        return f"Field(name={self.name!r}, default={self.default!r}, default_factory={self.default_factory!r})"


def field(*, default=MISSING, default_factory=MISSING, repr=True, compare=True, hash=None):  # noqa: A002
    """A field with a default factory, or left out of the repr, comparisons or hash."""
    return Field(default, default_factory, repr, compare, hash)


#: where a class keeps its fields (not `__dataclass_fields__`: the standard module, and tools that
#: call it such as pytest, would take the class for one of theirs)
_FIELDS = "__record_fields__"


def dataclass(cls=None, /, *, eq: bool = True, frozen: bool = False, slots: bool = False):
    """Make `cls` a data class (as ``dataclasses.dataclass`` with the same arguments)."""
    def wrap(c):
        return _process(c, eq, frozen, slots)

    return wrap if cls is None else wrap(cls)


def _is_classvar(annotation) -> bool:
    text = annotation if isinstance(annotation, str) else repr(annotation)
    return any(text.startswith(p) for p in ("ClassVar", "typing.ClassVar", "InitVar", "dataclasses.InitVar", "KW_ONLY"))


def _collect(cls) -> list[Field]:
    for base in cls.__mro__[1:]:
        if _FIELDS in base.__dict__:
            raise TypeError(f"{cls.__qualname__}: paperlint.records does not support data classes inheriting fields")
    out = []
    seen_default = False
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        if _is_classvar(annotation):
            raise TypeError(f"{cls.__qualname__}.{name}: paperlint.records does not support ClassVar, InitVar or KW_ONLY")
        value = cls.__dict__.get(name, MISSING)
        f = value if isinstance(value, Field) else Field(default=value)
        f.name = name
        if isinstance(f.default, (list, dict, set)):
            raise ValueError(f"mutable default {type(f.default)} for field {name} is not allowed: use default_factory")
        has_default = f.default is not MISSING or f.default_factory is not MISSING
        if seen_default and not has_default:
            raise TypeError(f"non-default argument {name!r} follows default argument")
        seen_default = seen_default or has_default
        out.append(f)
    return out


def _source(names: list[str], flags: tuple, post_init: bool, frozen: bool) -> str:
    """The text of a function that makes the class's methods; it depends only on the field
    names, their kinds and the options, so classes of the same shape share one compiled text."""
    params, body = [], []
    for name, (kind, shown, compared, hashed) in zip(names, flags):
        params.append(name if kind == "none" else f"{name}=_d_{name}" if kind == "default" else f"{name}=_FACTORY")
        value = name if kind != "factory" else f"_f_{name}() if {name} is _FACTORY else {name}"
        body.append(f"    _set(self, {name!r}, {value})" if frozen else f"    self.{name} = {value}")
    if post_init:
        body.append("    self.__post_init__()")
    if not body:
        body.append("    pass")
    shown = [n for n, f in zip(names, flags) if f[1]]
    compared = [n for n, f in zip(names, flags) if f[2]]
    hashed = [n for n, f in zip(names, flags) if (f[3] if f[3] is not None else f[2])]

    def tup(items, obj):
        return "(" + "".join(f"{obj}.{n}," for n in items) + ")"

    rep = ", ".join(f"{n}={{self.{n}!r}}" for n in shown)
    lines = ["def __make__(_d, _f, _FACTORY, _set):"]
    for n, f in zip(names, flags):
        if f[0] == "default":
            lines.append(f"  _d_{n} = _d[{n!r}]")
        elif f[0] == "factory":
            lines.append(f"  _f_{n} = _f[{n!r}]")
    lines.append(f"  def __init__(self, {', '.join(params)}):" if params else "  def __init__(self):")
    lines += ["  " + b for b in body]
    lines.append("  def __repr__(self):")
    lines.append(f"    return f\"{{self.__class__.__qualname__}}({rep})\"")
    lines.append("  def __eq__(self, other):")
    lines.append("    if other.__class__ is self.__class__:")
    lines.append(f"      return {tup(compared, 'self')} == {tup(compared, 'other')}")
    lines.append("    return NotImplemented")
    lines.append("  def __hash__(self):")
    lines.append(f"    return hash({tup(hashed, 'self')})")
    lines.append("  return __init__, __repr__, __eq__, __hash__")
    return "\n".join(lines) + "\n"


def _process(cls, eq: bool, frozen: bool, slots: bool):
    from . import recache

    fields_ = _collect(cls)
    names = [f.name for f in fields_]
    for f in fields_:   # defaults stay class attributes, as with dataclasses; a factory's field does not
        if f.default is not MISSING and not slots:
            setattr(cls, f.name, f.default)
        elif f.name in cls.__dict__:
            delattr(cls, f.name)
    if slots:
        if "__slots__" in cls.__dict__:
            raise TypeError(f"{cls.__name__} already specifies __slots__")
        ns = {k: v for k, v in cls.__dict__.items() if k not in ("__dict__", "__weakref__") and k not in names}
        ns["__slots__"] = tuple(names)
        qualname = cls.__qualname__
        cls = type(cls)(cls.__name__, cls.__bases__, ns)
        cls.__qualname__ = qualname
    flags = tuple(("factory" if f.default_factory is not MISSING else "default" if f.default is not MISSING else "none",
                   bool(f.repr), bool(f.compare), f.hash) for f in fields_)
    text = _source(names, flags, "__post_init__" in dir(cls), frozen)
    namespace: dict = {}
    exec(recache.code_for(text), {"__builtins__": __builtins__}, namespace)   # noqa: S102 - our own generated text
    init, rep, eq_fn, hash_fn = namespace["__make__"](
        {f.name: f.default for f in fields_ if f.default is not MISSING},
        {f.name: f.default_factory for f in fields_ if f.default_factory is not MISSING},
        _FACTORY, object.__setattr__)
    own = cls.__dict__
    for fn, name in ((init, "__init__"), (rep, "__repr__")):
        fn.__qualname__ = f"{cls.__qualname__}.{name}"
        if name not in own:
            setattr(cls, name, fn)
    if eq:
        eq_fn.__qualname__ = f"{cls.__qualname__}.__eq__"
        explicit_hash = "__hash__" in own and not (own["__hash__"] is None and "__eq__" in own)
        if "__eq__" not in own:
            cls.__eq__ = eq_fn
        if not explicit_hash:
            if frozen:
                hash_fn.__qualname__ = f"{cls.__qualname__}.__hash__"
                cls.__hash__ = hash_fn
            else:
                cls.__hash__ = None
    if frozen:
        _freeze(cls, frozenset(names))
        if slots:
            cls.__getstate__ = _slots_getstate
            cls.__setstate__ = _slots_setstate
    setattr(cls, _FIELDS, {f.name: f for f in fields_})
    if "__match_args__" not in own:
        cls.__match_args__ = tuple(names)
    if cls.__doc__ is None:
        cls.__doc__ = f"{cls.__name__}({', '.join(names)})"
    return cls


def _freeze(cls, names: frozenset) -> None:
    def __setattr__(self, name, value):
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self, name):
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    for fn in (__setattr__, __delattr__):
        fn.__qualname__ = f"{cls.__qualname__}.{fn.__name__}"
        if fn.__name__ in cls.__dict__:
            raise TypeError(f"cannot overwrite attribute {fn.__name__} in class {cls.__name__}")
        setattr(cls, fn.__name__, fn)


def _slots_getstate(self):
    return [getattr(self, n) for n in self.__record_fields__]


def _slots_setstate(self, state):
    for name, value in zip(self.__record_fields__, state):
        object.__setattr__(self, name, value)


def is_dataclass(obj) -> bool:
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, _FIELDS)


def fields(obj) -> tuple[Field, ...]:
    try:
        return tuple(getattr(obj, _FIELDS).values())
    except AttributeError:
        raise TypeError("must be called with a data class type or instance") from None


def replace(obj, /, **changes):
    """A copy of `obj` with some fields changed (``__init__`` and ``__post_init__`` run again)."""
    for f in fields(obj):
        if f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)


def asdict(obj) -> dict:
    """The fields as a dict, data classes, lists, tuples and dicts inside converted too."""
    return _asdict(obj)


def _asdict(value):
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _asdict(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return type(value)(*[_asdict(v) for v in value])
    if isinstance(value, (list, tuple)):
        return type(value)(_asdict(v) for v in value)
    if isinstance(value, dict):
        return type(value)((_asdict(k), _asdict(v)) for k, v in value.items())
    import copy

    return copy.deepcopy(value)
