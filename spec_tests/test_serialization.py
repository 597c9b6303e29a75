"""torch.save / torch.load: round trips of tensors and nested containers (dtype, shape, strides, offsets,
storage sharing, requires_grad), files that real torch reads and writes, safe loading by default, corrupt
files, map_location and mmap (https://pytorch.org/docs/stable/notes/serialization.html).

"Cross" tests hand a file written by the namespace under test to real torch and the other way round; run
with --impl=torch they are torch-to-torch, which is what makes them a spec."""
import collections
import io
import pickle
import zipfile

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from . import strategies as S
from ._namespace import module_of, torch_or_none
from .catalogue import api, doc, seed, spec
from .harness import to_numpy

NOTE = doc("notes/serialization.html")
VIEWS = doc("notes/serialization.html#saving-and-loading-tensors-preserves-views")
STATE_DICT = doc("notes/serialization.html#saving-and-loading-torch-nn-modules")
WEIGHTS_ONLY = doc("notes/serialization.html#weights-only")
SAVE = api("torch.save")
LOAD = api("torch.load")
TUTORIAL = seed("001", "PyTorch 提供了方便的模型保存与加载方法。")
CORRUPT_ERRORS = (RuntimeError, OSError, EOFError, pickle.UnpicklingError)
tmp_settings = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


def real_torch():
    ns = torch_or_none()
    assert ns is not None, "the cross-implementation tests need torch (the test extra installs it)"
    return module_of(ns)


def roundtrip(T, obj, **load_kwargs):
    buf = io.BytesIO()
    T.save(obj, buf)
    buf.seek(0)
    return T.load(buf, **load_kwargs)


def make(T, arr, requires_grad=False):
    t = T.tensor(arr.tolist(), dtype=getattr(T, arr.dtype.name)).reshape(arr.shape)
    return t.requires_grad_() if requires_grad else t


def same_tensor(t, arr, dtype=None):
    assert str(t.dtype) == f"torch.{dtype or arr.dtype.name}", (t.dtype, arr.dtype)
    assert tuple(t.shape) == arr.shape
    np.testing.assert_array_equal(to_numpy(t), arr)


arrays_any = S.dtypes().flatmap(lambda d: S.arrays(d, S.shapes(0, 3)))


# ---------------------------------------------------------------------------------------------
# round trips in one implementation


@spec("serialization.roundtrip-tensor-dtypes", SAVE)
@given(arr=arrays_any)
def test_roundtrip_tensor_dtypes(T, arr):
    same_tensor(roundtrip(T, make(T, arr)), arr)


@spec("serialization.roundtrip-requires-grad", SAVE)
@given(arr=S.arrays(S.dtypes(S.FLOATS), S.shapes(0, 3)), flag=st.booleans())
def test_roundtrip_requires_grad(T, arr, flag):
    t = roundtrip(T, {"w": make(T, arr, requires_grad=flag)})["w"]
    assert t.requires_grad is flag and t.is_leaf
    same_tensor(t, arr)


@st.composite
def view_specs(draw):
    """A base matrix and a handful of views of it (transpose, strided slice, row, narrowed columns)."""
    rows, cols = draw(st.integers(2, 5)), draw(st.integers(2, 5))
    arr = draw(S.arrays("float32", (rows, cols)))
    step = draw(st.integers(1, 3))
    row = draw(st.integers(0, rows - 1))
    return arr, step, row


def views_of(base, step, row):
    return {"base": base, "t": base.t(), "strided": base[::step], "row": base[row], "cols": base[:, 1:]}


@spec("serialization.roundtrip-views-strides-offsets", VIEWS)
@given(case=view_specs())
def test_roundtrip_views_strides_offsets(T, case):
    arr, step, row = case
    saved = views_of(make(T, arr), step, row)
    loaded = roundtrip(T, saved)
    for name, t in saved.items():
        got = loaded[name]
        assert got.stride() == t.stride() and got.storage_offset() == t.storage_offset(), name
        same_tensor(got, to_numpy(t))


@spec("serialization.roundtrip-views-share-storage", VIEWS)
@given(case=view_specs())
def test_roundtrip_views_share_storage(T, case):
    arr, step, row = case
    loaded = roundtrip(T, views_of(make(T, arr), step, row))
    loaded["base"].add_(1.0)  # one storage after loading: a write through the base shows in every view
    want = arr + np.float32(1.0)
    for name, t in views_of(make(T, want), step, row).items():
        same_tensor(loaded[name], to_numpy(t))


@spec("serialization.view-saves-whole-storage", VIEWS)
def test_view_saves_whole_storage(T):
    big = T.arange(10000, dtype=T.float32)
    whole, cloned = io.BytesIO(), io.BytesIO()
    T.save(big[:2], whole)
    T.save(big[:2].clone(), cloned)
    assert len(whole.getvalue()) > 40000 > len(cloned.getvalue())


leaves = st.one_of(st.none(), st.booleans(), st.integers(-2 ** 40, 2 ** 40), st.floats(allow_nan=False),
                   st.text(max_size=5), st.binary(min_size=1, max_size=5),  # torch refuses b'' (builtins.bytes)
                   S.dtypes().flatmap(lambda d: S.arrays(d, S.shapes(0, 2, max_side=3))))
trees = st.recursive(leaves, lambda kids: st.one_of(
    st.lists(kids, max_size=3), st.lists(kids, max_size=3).map(tuple),
    st.dictionaries(st.text(max_size=3), kids, max_size=3),
    st.dictionaries(st.text(max_size=3), kids, max_size=3).map(collections.OrderedDict)), max_leaves=8)


def build(T, tree):
    """The tree with its NumPy leaves turned into tensors of the namespace."""
    if isinstance(tree, np.ndarray):
        return make(T, tree)
    if isinstance(tree, (list, tuple)):
        return type(tree)(build(T, x) for x in tree)
    if isinstance(tree, dict):
        return type(tree)((k, build(T, v)) for k, v in tree.items())
    return tree


def assert_same_tree(got, want):
    if isinstance(want, np.ndarray):
        same_tensor(got, want)
        return
    assert type(got) is type(want), (type(got), type(want))
    if isinstance(want, (list, tuple)):
        assert len(got) == len(want)
        for g, w in zip(got, want):
            assert_same_tree(g, w)
    elif isinstance(want, dict):
        assert list(got) == list(want)
        for k in want:
            assert_same_tree(got[k], want[k])
    else:
        assert got == want


@spec("serialization.roundtrip-nested-containers", SAVE)
@given(tree=trees)
def test_roundtrip_nested_containers(T, tree):
    assert_same_tree(roundtrip(T, build(T, tree)), tree)


@spec("serialization.roundtrip-size-dtype-device", SAVE)
def test_roundtrip_size_dtype_device(T):
    out = roundtrip(T, {"size": T.Size([2, 3]), "dtype": T.float16, "device": T.device("cpu"), "n": 7})
    assert out["size"] == T.Size([2, 3]) and isinstance(out["size"], tuple)
    assert out["dtype"] == T.float16 and out["device"] == T.device("cpu") and out["n"] == 7


@spec("serialization.path-and-file-objects", SAVE)
@tmp_settings
@given(arr=S.arrays("float64", S.shapes(1, 2)))
def test_path_and_file_objects(T, tmp_path, arr):
    t = make(T, arr)
    for target in (str(tmp_path / "a.pt"), tmp_path / "b.pth"):
        T.save(t, target)
        same_tensor(T.load(target), arr)
    with open(tmp_path / "c.pt", "wb") as fh:
        T.save({"t": t}, fh)
    with open(tmp_path / "c.pt", "rb") as fh:
        same_tensor(T.load(fh)["t"], arr)


@spec("serialization.overwrite-existing-file", SAVE)
def test_overwrite_existing_file(T, tmp_path):
    path = tmp_path / "m.pt"
    T.save(T.arange(1000), path)
    T.save(T.tensor([1, 2]), path)
    assert ints(T.load(path)) == [1, 2]


def ints(t):
    return to_numpy(t).tolist()


@spec("serialization.state-dict-tutorial", TUTORIAL)
def test_state_dict_tutorial(T, tmp_path):
    T.manual_seed(0)
    net = T.nn.Sequential(T.nn.Linear(3, 4), T.nn.ReLU(), T.nn.Linear(4, 2))
    path = str(tmp_path / "model.pth")
    T.save(net.state_dict(), path)
    other = T.nn.Sequential(T.nn.Linear(3, 4), T.nn.ReLU(), T.nn.Linear(4, 2))
    other.load_state_dict(T.load(path))
    x = T.linspace(-1, 1, 6).reshape(2, 3)
    np.testing.assert_array_equal(to_numpy(other(x)), to_numpy(net(x)))
    assert list(T.load(path)) == ["0.weight", "0.bias", "2.weight", "2.bias"]


@spec("serialization.whole-module-needs-weights-only-false", STATE_DICT)
def test_whole_module(T, tmp_path):
    net = T.nn.Linear(3, 2)
    path = tmp_path / "whole.pt"
    T.save(net, path)
    with pytest.raises(pickle.UnpicklingError):
        T.load(path)
    back = T.load(path, weights_only=False)
    assert type(back) is type(net)
    x = T.ones(1, 3)
    np.testing.assert_array_equal(to_numpy(back(x)), to_numpy(net(x)))


@spec("serialization.save-unpicklable-raises", SAVE)
def test_save_unpicklable_raises(T):
    with pytest.raises((pickle.PicklingError, AttributeError, TypeError)):
        T.save({"f": lambda: 0}, io.BytesIO())


# ---------------------------------------------------------------------------------------------
# across implementations


def tensor_tree(T, arrays):
    return {f"t{i}": make(T, a) for i, a in enumerate(arrays)}


@spec("serialization.cross-written-read-by-torch", NOTE)
@given(arrays=st.lists(arrays_any, min_size=1, max_size=3), case=view_specs())
def test_cross_written_read_by_torch(T, arrays, case):
    torch = real_torch()
    arr, step, row = case
    obj = {"plain": tensor_tree(T, arrays), "views": views_of(make(T, arr), step, row), "meta": (1, "x", 2.5)}
    buf = io.BytesIO()
    T.save(obj, buf)
    buf.seek(0)
    got = torch.load(buf, weights_only=True)
    for i, a in enumerate(arrays):
        same_tensor(got["plain"][f"t{i}"], a)
    assert got["meta"] == (1, "x", 2.5)
    views = got["views"]
    assert views["t"].stride() == (1, arr.shape[1]) and views["row"].storage_offset() == row * arr.shape[1]
    views["base"].add_(1.0)
    same_tensor(views["t"], (arr + np.float32(1)).T)


def torch_tree(torch, arrays):
    return {f"t{i}": torch.from_numpy(a.copy()) for i, a in enumerate(arrays)}


@spec("serialization.cross-torch-written-read", NOTE)
@given(arrays=st.lists(arrays_any, min_size=1, max_size=3), case=view_specs())
def test_cross_torch_written_read(T, arrays, case):
    torch = real_torch()
    arr, step, row = case
    base = torch.from_numpy(arr.copy())
    buf = io.BytesIO()
    torch.save({"plain": torch_tree(torch, arrays), "views": views_of(base, step, row),
                "p": torch.nn.Parameter(torch.ones(2))}, buf)
    buf.seek(0)
    got = T.load(buf)
    for i, a in enumerate(arrays):
        same_tensor(got["plain"][f"t{i}"], a)
    assert got["p"].requires_grad and isinstance(got["p"], T.nn.Parameter)
    got["views"]["base"].add_(1.0)
    for name, t in views_of(torch.from_numpy(arr + np.float32(1)), step, row).items():
        same_tensor(got["views"][name], t.numpy())
        assert got["views"][name].stride() == t.stride()


@spec("serialization.cross-torch-legacy-format", NOTE)
@given(arrays=st.lists(arrays_any, min_size=1, max_size=3))
def test_cross_torch_legacy_format(T, arrays):
    torch = real_torch()
    buf = io.BytesIO()
    torch.save({"plain": torch_tree(torch, arrays), "n": [1, 2]}, buf, _use_new_zipfile_serialization=False)
    assert not buf.getvalue().startswith(b"PK")
    buf.seek(0)
    got = T.load(buf)
    for i, a in enumerate(arrays):
        same_tensor(got["plain"][f"t{i}"], a)
    assert got["n"] == [1, 2]


@spec("serialization.legacy-format-written", SAVE)
@given(arrays=st.lists(arrays_any, min_size=1, max_size=3), case=view_specs())
def test_legacy_format_written(T, arrays, case):
    """torch.save(..., _use_new_zipfile_serialization=False) writes the pre-1.6 stream, which both read."""
    torch = real_torch()
    arr, step, row = case
    buf = io.BytesIO()
    T.save({"plain": tensor_tree(T, arrays), "views": views_of(make(T, arr), step, row)}, buf,
           _use_new_zipfile_serialization=False)
    data = buf.getvalue()
    assert not data.startswith(b"PK")
    for reader in (torch, T):
        got = reader.load(io.BytesIO(data), weights_only=True)
        for i, a in enumerate(arrays):
            same_tensor(got["plain"][f"t{i}"], a)
        got["views"]["base"].add_(1.0)
        same_tensor(got["views"]["t"], (arr + np.float32(1)).T)
        assert got["views"]["row"].storage_offset() == row * arr.shape[1]


@spec("serialization.cross-state-dict", STATE_DICT)
def test_cross_state_dict(T):
    torch = real_torch()
    T.manual_seed(1)
    net = T.nn.Linear(4, 3)
    buf = io.BytesIO()
    T.save(net.state_dict(), buf)
    buf.seek(0)
    twin = torch.nn.Linear(4, 3)
    twin.load_state_dict(torch.load(buf, weights_only=True))
    x = np.linspace(-1, 1, 8, dtype=np.float32).reshape(2, 4)
    np.testing.assert_allclose(twin(torch.from_numpy(x)).detach().numpy(), to_numpy(net(make(T, x))),
                               rtol=1e-6, atol=1e-6)


# ---------------------------------------------------------------------------------------------
# safe loading


class Evil:
    """Pickles as a call of `func(arg)`: loading it runs func."""

    def __init__(self, func, arg):
        self.func, self.arg = func, arg

    def __reduce__(self):
        return self.func, (self.arg,)


def touch_code(marker):
    return f"open({str(marker)!r}, 'w').close()"


def payloads(marker):
    """Pickles that create `marker` when loaded by an unrestricted unpickler, in several shapes."""
    code = touch_code(marker)
    text = code.encode()
    return {
        "global-reduce": pickle.dumps(Evil(exec, code), protocol=2),
        "stack-global": pickle.dumps(Evil(exec, code), protocol=4),
        "nested-in-dict": pickle.dumps({"ok": [1, 2], "bad": collections.OrderedDict(x=Evil(exec, code))}, protocol=2),
        "inst": b"(S'" + text.replace(b"'", b"\\'") + b"'\nibuiltins\nexec\n.",
        "obj": b"(cbuiltins\nexec\nS'" + text.replace(b"'", b"\\'") + b"'\no.",
        "import-then-getattr": pickle.dumps(Evil(__import__, "os"), protocol=2),
    }


def zipped(payload):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("archive/data.pkl", payload)
        zf.writestr("archive/byteorder", "little")
        zf.writestr("archive/version", "3\n")
    return buf.getvalue()


@spec("serialization.weights-only-refuses-code", WEIGHTS_ONLY)
@pytest.mark.parametrize("shape", sorted(payloads("m")))
@pytest.mark.parametrize("container", ["bare", "zip"])
def test_weights_only_refuses_code(T, tmp_path, shape, container):
    marker = tmp_path / "pwned"
    data = payloads(marker)[shape]
    path = tmp_path / "evil.pt"
    path.write_bytes(zipped(data) if container == "zip" else data)
    with pytest.raises(pickle.UnpicklingError) as info:
        T.load(path)
    assert not marker.exists()
    if shape in ("global-reduce", "nested-in-dict"):
        assert "exec" in str(info.value)


@spec("serialization.payloads-are-live", WEIGHTS_ONLY)
@pytest.mark.parametrize("shape", ["global-reduce", "stack-global", "nested-in-dict", "inst", "obj"])
def test_payloads_are_live(tmp_path, shape):
    """The refusal tests above mean something: an unrestricted unpickler runs each payload."""
    marker = tmp_path / "ran"
    pickle.loads(payloads(marker)[shape])
    assert marker.exists()


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y


@spec("serialization.safe-globals-allow-listed-class", WEIGHTS_ONLY)
def test_safe_globals(T):
    buf = io.BytesIO()
    T.save({"p": Point(1, 2.5)}, buf)
    data = buf.getvalue()
    with pytest.raises(pickle.UnpicklingError, match="Point"):
        T.load(io.BytesIO(data))
    with T.serialization.safe_globals([Point]):
        p = T.load(io.BytesIO(data))["p"]
    assert (p.x, p.y) == (1, 2.5)
    with pytest.raises(pickle.UnpicklingError):
        T.load(io.BytesIO(data))  # the context manager's allowance ended with the block
    p = T.load(io.BytesIO(data), weights_only=False)["p"]
    assert isinstance(p, Point) and p.y == 2.5


@spec("serialization.add-safe-globals", WEIGHTS_ONLY)
def test_add_safe_globals(T):
    buf = io.BytesIO()
    T.save([Point(3, 4)], buf)
    saved = list(T.serialization.get_safe_globals())
    try:
        T.serialization.add_safe_globals([Point])
        assert T.load(io.BytesIO(buf.getvalue()))[0].y == 4
        assert Point in T.serialization.get_safe_globals()
    finally:
        T.serialization.clear_safe_globals()
        T.serialization.add_safe_globals(saved)


# ---------------------------------------------------------------------------------------------
# corrupt files


def good_file(T):
    buf = io.BytesIO()
    T.save({"a": T.arange(2000, dtype=T.float32), "b": [1, 2]}, buf)
    return buf.getvalue()


CORRUPTIONS = {
    "empty": lambda b: b"",
    "half": lambda b: b[:len(b) // 2],
    "no-central-directory": lambda b: b[:b.rfind(b"PK\x01\x02")],
    "garbage": lambda b: bytes(range(256)) * 3,
    "zip-header-only": lambda b: b[:64],
}


@spec("serialization.corrupt-file-raises", LOAD)
@pytest.mark.parametrize("how", sorted(CORRUPTIONS))
def test_corrupt_file_raises(T, tmp_path, how):
    path = tmp_path / "bad.pt"
    path.write_bytes(CORRUPTIONS[how](good_file(T)))
    with pytest.raises(CORRUPT_ERRORS):
        T.load(path)


@spec("serialization.truncated-legacy-raises", LOAD)
@pytest.mark.parametrize("cut", [0.5, 0.9])
def test_truncated_legacy_raises(T, tmp_path, cut):
    torch = real_torch()
    buf = io.BytesIO()
    torch.save({"a": torch.arange(500.0)}, buf, _use_new_zipfile_serialization=False)
    data = buf.getvalue()
    path = tmp_path / "legacy.pt"
    path.write_bytes(data[:int(len(data) * cut)])
    with pytest.raises(CORRUPT_ERRORS):
        T.load(path)


# ---------------------------------------------------------------------------------------------
# map_location and mmap


@spec("serialization.map-location-forms", LOAD)
@pytest.mark.parametrize("form", ["str", "device", "dict", "callable"])
def test_map_location_forms(T, form):
    arr = np.arange(6, dtype=np.float32).reshape(2, 3)
    seen = []

    def keep(storage, location):
        seen.append(location)
        return storage
    where = {"str": "cpu", "device": T.device("cpu"), "dict": {"cpu": "cpu"}, "callable": keep}[form]
    got = roundtrip(T, {"w": make(T, arr), "v": make(T, arr).t()}, map_location=where)
    assert got["w"].device == T.device("cpu")
    same_tensor(got["w"], arr)
    same_tensor(got["v"], arr.T)
    if form == "callable":
        assert seen and set(seen) == {"cpu"}


@spec("serialization.mmap-load", LOAD)
@tmp_settings
@given(arr=S.arrays(S.dtypes(S.NUMERIC), S.shapes(1, 3)))
def test_mmap_load(T, tmp_path, arr):
    path = tmp_path / "mm.pt"
    T.save({"x": make(T, arr), "y": make(T, arr).flatten()[1:]}, path)
    got = T.load(path, mmap=True)
    same_tensor(got["x"], arr)
    same_tensor(got["y"], arr.reshape(-1)[1:])
    got["x"].add_(1)  # a private mapping: writes stay in memory, the file keeps its contents
    same_tensor(T.load(path)["x"], arr)


@spec("serialization.mmap-needs-zip-format", LOAD)
def test_mmap_needs_zip_format(T, tmp_path):
    torch = real_torch()
    path = tmp_path / "legacy.pt"
    torch.save(torch.ones(3), path, _use_new_zipfile_serialization=False)
    with pytest.raises(RuntimeError, match="mmap"):
        T.load(path, mmap=True)


# ---------------------------------------------------------------------------------------------
# training checkpoints (model + optimizer)

CHECKPOINT = doc("notes/serialization.html#saving-and-loading-a-general-checkpoint")


def train(T, model, opt, steps):
    x = T.linspace(-1, 1, 12).reshape(4, 3)
    for _ in range(steps):
        opt.zero_grad()
        (model(x) ** 2).sum().backward()
        opt.step()


@spec("serialization.checkpoint-resume", CHECKPOINT)
@pytest.mark.parametrize("optimizer", ["SGD", "Adam", "AdamW"])
def test_checkpoint_resume(T, tmp_path, optimizer):
    kwargs = {"lr": 0.05, "momentum": 0.9} if optimizer == "SGD" else {"lr": 0.05}
    T.manual_seed(3)
    model = T.nn.Linear(3, 2)
    opt = getattr(T.optim, optimizer)(model.parameters(), **kwargs)
    train(T, model, opt, 2)
    path = tmp_path / "ckpt.pt"
    T.save({"epoch": 2, "model": model.state_dict(), "optimizer": opt.state_dict()}, path)
    ckpt = T.load(path)
    resumed = T.nn.Linear(3, 2)
    resumed.load_state_dict(ckpt["model"])
    resumed_opt = getattr(T.optim, optimizer)(resumed.parameters(), **kwargs)
    resumed_opt.load_state_dict(ckpt["optimizer"])
    assert ckpt["epoch"] == 2
    train(T, model, opt, 2)
    train(T, resumed, resumed_opt, 2)
    for a, b in zip(model.parameters(), resumed.parameters()):
        np.testing.assert_array_equal(to_numpy(a), to_numpy(b))


@spec("serialization.cross-optimizer-checkpoint", CHECKPOINT)
def test_cross_optimizer_checkpoint(T):
    torch = real_torch()
    T.manual_seed(4)
    model = T.nn.Linear(3, 2)
    opt = T.optim.Adam(model.parameters(), lr=0.05)
    train(T, model, opt, 2)
    buf = io.BytesIO()
    T.save({"model": model.state_dict(), "optimizer": opt.state_dict()}, buf)
    buf.seek(0)
    ckpt = torch.load(buf, weights_only=True)
    twin = torch.nn.Linear(3, 2)
    twin.load_state_dict(ckpt["model"])
    twin_opt = torch.optim.Adam(twin.parameters(), lr=0.05)
    twin_opt.load_state_dict(ckpt["optimizer"])
    train(T, model, opt, 1)
    train(torch, twin, twin_opt, 1)
    for a, b in zip(model.parameters(), twin.parameters()):
        np.testing.assert_allclose(to_numpy(a), b.detach().numpy(), rtol=1e-5, atol=1e-6)
