"""paperlint.records behaves as the standard ``dataclasses`` for what paperlint uses: each class
below is declared twice, once with each, and every behaviour is compared."""
import copy
import dataclasses
import pickle

import pytest

from paperlint import records

# the shapes paperlint's own classes have


def declare(dc, field):
    @dc
    class Plain:
        """Fields with and without defaults, and a default factory."""
        name: str
        count: int = 0
        tags: list = field(default_factory=list)

    @dc(frozen=True)
    class Frozen:
        """A frozen class with a field left out of comparisons and the hash."""
        file: int
        start: int
        end: int = 0
        note: str = field(default="", compare=False)
        cache: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    @dc(eq=False)
    class Identity:
        """Compared and hashed by identity."""
        text: str
        seen: set = field(default_factory=set)

    @dc(frozen=True, slots=True)
    class FrozenSlots:
        """Frozen, with slots."""
        file: int
        start: int
        end: int

    @dc(slots=True)
    class Slots:
        """Slots, not frozen."""
        scope: tuple
        text: str = ""

    @dc
    class Post:
        """__post_init__ runs after __init__."""
        raw: str
        length: int = 0

        def __post_init__(self):
            self.length = len(self.raw)

    @dc(frozen=True)
    class OwnMethods:
        """Methods the class defines are kept."""
        a: int

        def __repr__(self):
            return "own"

        def __hash__(self):
            return 7

    @dc
    class Empty:
        pass

    return dict(Plain=Plain, Frozen=Frozen, Identity=Identity, FrozenSlots=FrozenSlots, Slots=Slots, Post=Post,
                OwnMethods=OwnMethods, Empty=Empty)


OURS = declare(records.dataclass, records.field)
THEIRS = declare(dataclasses.dataclass, dataclasses.field)
for _prefix, _classes in (("Ours", OURS), ("Theirs", THEIRS)):   # module-level names, so pickle finds them
    for _name, _cls in _classes.items():
        _cls.__qualname__ = _prefix + _name
        globals()[_prefix + _name] = _cls

SAMPLES = {
    "Plain": [("a",), ("a", 2), ("a", 2, [1])],
    "Frozen": [(1, 2), (1, 2, 3, "x"), (1, 2, 3, "y", {"k": 1})],
    "Identity": [("t",)],
    "FrozenSlots": [(0, 1, 2)],
    "Slots": [(("a",), "b"), ((),)],
    "Post": [("abc",)],
    "OwnMethods": [(1,)],
    "Empty": [()],
}


def _norm(text: str) -> str:
    return text.replace("Ours", "").replace("Theirs", "")


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_instances_behave_as_with_dataclasses(name):
    ours, theirs = OURS[name], THEIRS[name]
    assert ours.__match_args__ == theirs.__match_args__
    assert [f.name for f in records.fields(ours)] == [f.name for f in dataclasses.fields(theirs)]
    assert records.is_dataclass(ours) and not records.is_dataclass(object())
    assert ("__slots__" in vars(ours)) == ("__slots__" in vars(theirs))
    assert (ours.__hash__ is None) == (theirs.__hash__ is None)
    for args in SAMPLES[name]:
        a, b = ours(*args), theirs(*args)
        assert _norm(repr(a)) == _norm(repr(b))
        assert (a == ours(*args)) == (b == theirs(*args)) and a == a
        assert a != b                                     # another class: not equal, as dataclasses
        if theirs.__hash__ is not None:
            assert (hash(a) == hash(ours(*args))) == (hash(b) == hash(theirs(*args)))
        for copied in (copy.copy(a), copy.deepcopy(a), pickle.loads(pickle.dumps(a))):
            assert type(copied) is ours and _norm(repr(copied)) == _norm(repr(a))
            if name not in ("Identity",):
                assert copied == a
        assert records.asdict(a) == dataclasses.asdict(b)
        assert _norm(repr(records.replace(a))) == _norm(repr(dataclasses.replace(b)))


def test_defaults_factories_and_post_init():
    Plain, Post = OURS["Plain"], OURS["Post"]
    x, y = Plain("a"), Plain("b")
    x.tags.append(1)
    assert y.tags == [] and Plain.count == 0 and "tags" not in vars(Plain)   # a fresh list each time
    assert Post("abcd").length == 4 and records.replace(Post("ab"), raw="xyz").length == 3
    with pytest.raises(TypeError):
        Plain()                                           # a field without a default is required
    with pytest.raises(TypeError):
        Plain("a", 1, [], 4)


def test_frozen_refuses_assignment_and_deletion():
    f = OURS["Frozen"](1, 2)
    with pytest.raises(records.FrozenInstanceError):
        f.start = 5
    with pytest.raises(AttributeError):
        del f.start
    s = OURS["FrozenSlots"](1, 2, 3)
    with pytest.raises(AttributeError):
        s.end = 4
    assert hash(OURS["Frozen"](1, 2, note="a")) == hash(OURS["Frozen"](1, 2, note="b"))   # compare=False
    assert OURS["Frozen"](1, 2, note="a") == OURS["Frozen"](1, 2, note="b")


def test_own_methods_are_kept_and_unsupported_declarations_refused():
    own = OURS["OwnMethods"](1)
    assert repr(own) == "own" and hash(own) == 7
    with pytest.raises(TypeError):
        @records.dataclass
        class Late:
            a: int = 1
            b: int

    with pytest.raises(ValueError):
        @records.dataclass
        class Shared:
            items: list = []

    with pytest.raises(TypeError):
        @records.dataclass
        class Child(OURS["Plain"]):
            extra: int = 0


def test_classes_of_one_shape_share_one_compiled_text(monkeypatch):
    from paperlint import recache

    texts = []
    real = recache.code_for
    monkeypatch.setattr(recache, "code_for", lambda text: texts.append(text) or real(text))

    @records.dataclass(frozen=True)
    class A:
        x: int
        y: str = ""

    @records.dataclass(frozen=True)
    class B:
        x: int
        y: str = "other default"

    assert len(texts) == 2 and texts[0] == texts[1]
    assert B(1).y == "other default" and A(1).y == "" and repr(B(2)).endswith("B(x=2, y='other default')")


def test_no_paperlint_module_uses_the_standard_dataclasses():
    from pathlib import Path

    root = Path(records.__file__).parent
    users = [str(p.relative_to(root)) for p in root.rglob("*.py")
             if "from dataclasses import" in p.read_text(encoding="utf-8") or "import dataclasses\n" in p.read_text(encoding="utf-8")]
    assert users == []
