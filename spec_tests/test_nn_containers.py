"""Containers: Sequential, ModuleList, ModuleDict, ParameterList, ParameterDict
(https://pytorch.org/docs/stable/nn.html#containers)."""
import numpy as np
import pytest
from hypothesis import given

from . import strategies as S
from .catalogue import api, cases, seed, spec
from . import seed_passages as SP
from .harness import check, check_raises
from .messages import error_cases

SEQ = api("torch.nn.Sequential")
MLIST = api("torch.nn.ModuleList")
MDICT = api("torch.nn.ModuleDict")
PLIST = api("torch.nn.ParameterList")
PDICT = api("torch.nn.ParameterDict")
F32 = "float32"

THREE = "nn = torch.nn\ns = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))\n"

SEQUENTIAL = cases([
    ("nn.sequential-len", SEQ, THREE + "len(s)", 3),
    ("nn.sequential-index", SEQ, THREE + "type(s[1]).__name__", "ReLU"),
    ("nn.sequential-negative-index", SEQ, THREE + "s[-1].in_features", 3),
    ("nn.sequential-slice-type", SEQ, THREE + "type(s[1:]).__name__", "Sequential"),
    ("nn.sequential-slice-keys", SEQ, THREE + "[n for n, _ in s[1:].named_children()]", ["1", "2"]),
    ("nn.sequential-slice-shares-modules", SEQ, THREE + "s[:2][0] is s[0]", True),
    ("nn.sequential-append", SEQ, THREE + "s.append(nn.Tanh())\n(len(s), type(s[3]).__name__)", (4, "Tanh")),
    ("nn.sequential-iter", SEQ, THREE + "[type(m).__name__ for m in s]", ["Linear", "ReLU", "Linear"]),
    ("nn.sequential-setitem", SEQ, THREE + "s[1] = nn.Tanh()\ntype(s[1]).__name__", "Tanh"),
    ("nn.sequential-delitem-renumbers", SEQ, THREE + "del s[0]\n[n for n, _ in s.named_children()]", ["0", "1"]),
    ("nn.sequential-ordereddict-keys", SEQ,
     "from collections import OrderedDict\nnn = torch.nn\n"
     "s = nn.Sequential(OrderedDict([('fc', nn.Linear(2, 2)), ('act', nn.ReLU())]))\n(list(s.state_dict()), type(s.act).__name__)",
     (["fc.weight", "fc.bias"], "ReLU")),
    ("nn.sequential-state-dict-keys", SEQ, THREE + "list(s.state_dict())", ["0.weight", "0.bias", "2.weight", "2.bias"]),
    ("nn.sequential-repr", SP.LAYERS_ARE_CLASSES, THREE + "repr(s)",
     "Sequential(\n  (0): Linear(in_features=2, out_features=3, bias=True)\n  (1): ReLU()\n"
     "  (2): Linear(in_features=3, out_features=1, bias=True)\n)"),
    ("nn.sequential-empty-repr", SEQ, "repr(torch.nn.Sequential())", "Sequential()"),
    ("nn.sequential-empty-identity", SEQ, "x = torch.ones(2)\ntorch.nn.Sequential()(x) is x", True),
    ("nn.sequential-insert", SEQ, THREE + "s.insert(0, nn.Tanh())\n[type(m).__name__ for m in s]",
     ["Tanh", "Linear", "ReLU", "Linear"]),
    ("nn.sequential-extend", SEQ, THREE + "s.extend([nn.Tanh(), nn.ReLU()])\nlen(s)", 5),
    ("nn.sequential-add", SEQ, THREE + "len(s + s)", 6),
    ("nn.sequential-pop", SEQ, THREE + "m = s.pop(1)\n(type(m).__name__, len(s))", ("ReLU", 2)),
])


@pytest.mark.parametrize("code, expected", SEQUENTIAL)
def test_sequential(T, code, expected):
    check(T, code, expected=expected)


@spec("nn.sequential-forward-chains", SEQ)
@given(x=S.arrays(F32, (5, 2), lo=-3, hi=3), w1=S.arrays(F32, (3, 2), lo=-2, hi=2), w2=S.arrays(F32, (1, 3), lo=-2, hi=2))
def test_sequential_forward(T, x, w1, w2):
    check(T, "nn = torch.nn\ns = nn.Sequential(nn.Linear(2, 3, bias=False), nn.ReLU(), nn.Linear(3, 1, bias=False))\n"
             "s.load_state_dict({'0.weight': b, '2.weight': c})\ns(a)", x, w1, w2,
          expected=lambda x, w1, w2: (np.maximum(x.astype(np.float64) @ w1.T, 0) @ w2.T).astype(np.float32), reduce=6)


@pytest.mark.parametrize("code, exc, contains", error_cases([
    ("nn.sequential-index-error", SEQ, THREE + "s[3]", IndexError, (3, "index 3 is out of range")),
]))
def test_sequential_index_error(T, code, exc, contains):
    check_raises(T, code, exc=exc, contains=contains)


LIST = "nn = torch.nn\nl = nn.ModuleList([nn.Linear(2, 2) for _ in range(3)])\n"

MODULE_LIST = cases([
    ("nn.modulelist-len", MLIST, LIST + "len(l)", 3),
    ("nn.modulelist-append", MLIST, LIST + "l.append(nn.ReLU())\nlen(l)", 4),
    ("nn.modulelist-extend", MLIST, LIST + "l.extend([nn.ReLU(), nn.Tanh()])\ntype(l[-1]).__name__", "Tanh"),
    ("nn.modulelist-insert", MLIST, LIST + "l.insert(1, nn.ReLU())\n[type(m).__name__ for m in l]",
     ["Linear", "ReLU", "Linear", "Linear"]),
    ("nn.modulelist-params-registered", MLIST, LIST + "len(list(l.parameters()))", 6),
    ("nn.modulelist-state-dict", MLIST, LIST + "list(l.state_dict())[:3]", ["0.weight", "0.bias", "1.weight"]),
    ("nn.modulelist-slice", MLIST, LIST + "s = l[1:]\n(type(s).__name__, len(s), s[0] is l[1])", ("ModuleList", 2, True)),
    ("nn.modulelist-delitem", MLIST, LIST + "del l[0]\n[n for n, _ in l.named_children()]", ["0", "1"]),
    ("nn.modulelist-iadd", MLIST, LIST + "l += [nn.ReLU()]\nlen(l)", 4),
    ("nn.modulelist-repr-runs", MLIST, LIST + "l.append(nn.ReLU())\nrepr(l)",
     "ModuleList(\n  (0-2): 3 x Linear(in_features=2, out_features=2, bias=True)\n  (3): ReLU()\n)"),
    ("nn.modulelist-empty-repr", MLIST, "repr(torch.nn.ModuleList())", "ModuleList()"),
    ("nn.modulelist-in-module-repr", MLIST,
     "nn = torch.nn\nclass M(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
     "        self.layers = nn.ModuleList([nn.ReLU(), nn.Tanh()])\nrepr(M())",
     "M(\n  (layers): ModuleList(\n    (0): ReLU()\n    (1): Tanh()\n  )\n)"),
])


@pytest.mark.parametrize("code, expected", MODULE_LIST)
def test_module_list(T, code, expected):
    check(T, code, expected=expected)


@pytest.mark.parametrize("code, exc, contains", error_cases([
    ("nn.modulelist-index-error", MLIST, LIST + "l[5]", IndexError, (5, "index 5 is out of range")),
]))
def test_module_list_index_error(T, code, exc, contains):
    check_raises(T, code, exc=exc, contains=contains)


DICT = "nn = torch.nn\nd = nn.ModuleDict({'b': nn.Linear(2, 2), 'a': nn.ReLU()})\n"

MODULE_DICT = cases([
    ("nn.moduledict-keys-order", MDICT, DICT + "list(d.keys())", ["b", "a"]),
    ("nn.moduledict-getitem", MDICT, DICT + "type(d['a']).__name__", "ReLU"),
    ("nn.moduledict-len", MDICT, DICT + "len(d)", 2),
    ("nn.moduledict-contains", MDICT, DICT + "('a' in d, 'z' in d)", (True, False)),
    ("nn.moduledict-setitem", MDICT, DICT + "d['c'] = nn.Tanh()\nlist(d)", ["b", "a", "c"]),
    ("nn.moduledict-pop", MDICT, DICT + "d.pop('b')\nlist(d)", ["a"]),
    ("nn.moduledict-state-dict", MDICT, DICT + "list(d.state_dict())", ["b.weight", "b.bias"]),
    ("nn.moduledict-update-pairs", MDICT, DICT + "d.update([('z', nn.ReLU())])\nlist(d)", ["b", "a", "z"]),
    ("nn.moduledict-repr", MDICT, DICT + "repr(d)",
     "ModuleDict(\n  (b): Linear(in_features=2, out_features=2, bias=True)\n  (a): ReLU()\n)"),
])


@pytest.mark.parametrize("code, expected", MODULE_DICT)
def test_module_dict(T, code, expected):
    check(T, code, expected=expected)


PL = "nn = torch.nn\npl = nn.ParameterList([nn.Parameter(torch.ones(2, 3)), torch.zeros(4)])\n"
PD = "nn = torch.nn\npd = nn.ParameterDict({'w': nn.Parameter(torch.ones(2)), 'b': torch.zeros(3)})\n"

PARAMETER_CONTAINERS = cases([
    ("nn.parameterlist-len", PLIST, PL + "len(pl)", 2),
    ("nn.parameterlist-wraps-tensor", PLIST, PL + "type(pl[1]).__name__", "Parameter"),
    ("nn.parameterlist-registered", PLIST, PL + "[n for n, _ in pl.named_parameters()]", ["0", "1"]),
    ("nn.parameterlist-append", PLIST, PL + "pl.append(nn.Parameter(torch.ones(1)))\nlen(list(pl.parameters()))", 3),
    ("nn.parameterlist-in-module", PLIST,
     "nn = torch.nn\nclass M(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
     "        self.ps = nn.ParameterList([nn.Parameter(torch.ones(1)) for _ in range(2)])\nlist(M().state_dict())",
     ["ps.0", "ps.1"]),
    ("nn.parameterlist-repr", PLIST, PL + "repr(pl)",
     "ParameterList(\n    (0): Parameter containing: [torch.float32 of size 2x3]\n"
     "    (1): Parameter containing: [torch.float32 of size 4]\n)"),
    ("nn.parameterdict-sorted-from-dict", PDICT, PD + "list(pd.keys())", ["b", "w"]),
    ("nn.parameterdict-getitem", PDICT, PD + "tuple(pd['b'].shape)", (3,)),
    ("nn.parameterdict-wraps-tensor", PDICT, PD + "type(pd['b']).__name__", "Parameter"),
    ("nn.parameterdict-setitem", PDICT, PD + "pd['a'] = nn.Parameter(torch.ones(1))\nlist(pd)", ["b", "w", "a"]),
    ("nn.parameterdict-contains", PDICT, PD + "('w' in pd, 'q' in pd)", (True, False)),
    ("nn.parameterdict-named-parameters", PDICT, PD + "[n for n, _ in pd.named_parameters()]", ["b", "w"]),
    ("nn.parameterdict-repr", PDICT, PD + "repr(pd)",
     "ParameterDict(\n    (b): Parameter containing: [torch.FloatTensor of size 3]\n"
     "    (w): Parameter containing: [torch.FloatTensor of size 2]\n)"),
])


@pytest.mark.parametrize("code, expected", PARAMETER_CONTAINERS)
def test_parameter_containers(T, code, expected):
    check(T, code, expected=expected)
