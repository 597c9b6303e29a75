"""torch.nn.Module semantics: registration by attribute, walking parameters/buffers/modules, state_dict
and load_state_dict, modes, gradients, conversion, hooks and repr
(https://pytorch.org/docs/stable/generated/torch.nn.Module.html).

Expected values are literals read from the documentation (key names, orders, messages); every
program runs in torch as well as in the namespace under test."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import oracle_nn as O
from . import strategies as S
from .catalogue import api, cases, seed, spec
from . import seed_passages as SP
from .grad_harness import check_grad
from .harness import check, check_raises
from .messages import error_cases

MODULE = api("torch.nn.Module")
PARAM = api("torch.nn.parameter.Parameter")
SD = api("torch.nn.Module")
F32 = "float32"

# A nested model: a parameter and two buffers of its own (one non-persistent), a Sequential, a
# shared Linear reachable under two names, and a child registered after a buffer.
NET = '''
nn = torch.nn
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.scale = nn.Parameter(torch.ones(1))
        self.register_buffer("count", torch.zeros(2))
        self.register_buffer("scratch", torch.zeros(3), persistent=False)
        self.body = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2))
        self.head = nn.Linear(2, 2, bias=False)
        self.tied = self.head
    def forward(self, x):
        return self.tied(self.head(self.body(x))) * self.scale
net = Net()
'''


def run(T, code, expected):
    return check(T, NET + code, expected=expected)


# ---------------------------------------------------------------------------------------------
# registration and walking

WALKS = cases([
    ("nn.module-named-parameters-order", MODULE, "[n for n, _ in net.named_parameters()]",
     ["scale", "body.0.weight", "body.0.bias", "body.2.weight", "body.2.bias", "head.weight"]),
    ("nn.module-parameters-shared-once", MODULE, "len(list(net.parameters()))", 6),
    ("nn.module-named-parameters-no-recurse", MODULE, "[n for n, _ in net.named_parameters(recurse=False)]",
     ["scale"]),
    ("nn.module-named-parameters-prefix", MODULE, "[n for n, _ in net.body.named_parameters(prefix='b')][:2]",
     ["b.0.weight", "b.0.bias"]),
    ("nn.module-named-parameters-keep-duplicates", MODULE,
     "[n for n, _ in net.named_parameters(remove_duplicate=False)][-2:]", ["head.weight", "tied.weight"]),
    ("nn.module-named-buffers", MODULE, "[n for n, _ in net.named_buffers()]", ["count", "scratch"]),
    ("nn.module-buffers-count", MODULE, "len(list(net.buffers()))", 2),
    ("nn.module-named-children", MODULE, "[n for n, _ in net.named_children()]", ["body", "head"]),
    ("nn.module-children-types", MODULE, "[type(m).__name__ for m in net.children()]", ["Sequential", "Linear"]),
    ("nn.module-named-modules", MODULE, "[n for n, _ in net.named_modules()]",
     ["", "body", "body.0", "body.1", "body.2", "head"]),
    ("nn.module-modules-count", MODULE, "len(list(net.modules()))", 6),
    ("nn.module-getattr-parameter", MODULE, "type(net.scale).__name__", "Parameter"),
    ("nn.module-getattr-buffer-shape", MODULE, "tuple(net.count.shape)", (2,)),
    ("nn.module-tied-same-object", MODULE, "net.tied is net.head", True),
    ("nn.module-get-submodule", MODULE, "net.get_submodule('body.2').out_features", 2),
    ("nn.module-get-parameter", MODULE, "tuple(net.get_parameter('body.0.weight').shape)", (3, 4)),
    ("nn.module-parameter-count", api("torch.nn.Module"),
     "sum(p.numel() for p in net.parameters())", 1 + 12 + 3 + 6 + 2 + 4),
    ("nn.module-reassign-parameter-to-none", MODULE,
     "net.scale = None\n[n for n, _ in net.named_parameters(recurse=False)]", []),
    ("nn.module-delattr-child", MODULE, "del net.head\n[n for n, _ in net.named_children()]", ["body", "tied"]),
    ("nn.module-plain-attribute", MODULE, "net.note = 3\n(net.note, len(list(net.parameters())))", (3, 6)),
    ("nn.module-tensor-attribute-not-registered", MODULE,
     "net.plain = torch.ones(2)\n[n for n, _ in net.named_buffers()]", ["count", "scratch"]),
    ("nn.module-buffer-reassign", MODULE, "net.count = torch.ones(5)\ntuple(net.count.shape)", (5,)),
    ("nn.module-register-parameter-none", MODULE,
     "net.register_parameter('extra', None)\n(net.extra, len(list(net.parameters())))", (None, 6)),
    ("nn.module-training-default", MODULE, "net.training", True),
    ("nn.module-shared-parameter-listed-once", MODULE,
     "a = nn.Linear(2, 2)\nb = nn.Linear(2, 2)\nb.weight = a.weight\n[n for n, _ in nn.Sequential(a, b).named_parameters()]",
     ["0.weight", "0.bias", "1.bias"]),
    ("nn.module-shared-parameter-state-dict", MODULE,
     "a = nn.Linear(2, 2)\nb = nn.Linear(2, 2)\nb.weight = a.weight\nlist(nn.Sequential(a, b).state_dict())",
     ["0.weight", "0.bias", "1.weight", "1.bias"]),
])


@pytest.mark.parametrize("code, expected", WALKS)
def test_walks(T, code, expected):
    run(T, code, expected)


# ---------------------------------------------------------------------------------------------
# state_dict / load_state_dict

STATE = cases([
    ("nn.state-dict-keys-order", SD, "list(net.state_dict())",
     ["scale", "count", "body.0.weight", "body.0.bias", "body.2.weight", "body.2.bias", "head.weight",
      "tied.weight"]),
    ("nn.state-dict-values-detached", SD, "[v.requires_grad for v in net.state_dict().values()][:3]",
     [False, False, False]),
    ("nn.state-dict-keep-vars", SD, "net.state_dict(keep_vars=True)['scale'] is net.scale", True),
    ("nn.state-dict-shares-storage", SD, "sd = net.state_dict()\nsd['count'].fill_(3.0)\nnet.count.tolist()",
     [3.0, 3.0]),
    ("nn.state-dict-prefix", SD, "list(net.body.state_dict(prefix='x.'))[:2]", ["x.0.weight", "x.0.bias"]),
    ("nn.load-state-dict-all-match", SD, "repr(net.load_state_dict(net.state_dict()))",
     "<All keys matched successfully>"),
    ("nn.load-state-dict-result-fields", SD, "r = net.load_state_dict(net.state_dict())\n(r.missing_keys, r.unexpected_keys)",
     ([], [])),
    ("nn.load-state-dict-non-strict", SD,
     "sd = net.state_dict()\ndel sd['body.0.bias']\nsd['body.9.weight'] = torch.ones(1)\nsd['extra'] = torch.ones(1)\n"
     "r = net.load_state_dict(sd, strict=False)\n(r.missing_keys, r.unexpected_keys)",
     (["body.0.bias"], ["extra", "body.9.weight"])),
    ("nn.load-state-dict-non-strict-repr", SD,
     "sd = net.state_dict()\ndel sd['count']\nrepr(net.load_state_dict(sd, strict=False))",
     "_IncompatibleKeys(missing_keys=['count'], unexpected_keys=[])"),
    ("nn.load-state-dict-ignores-non-persistent", SD,
     "sd = net.state_dict()\nsd['scratch'] = torch.ones(3)\nr = net.load_state_dict(sd, strict=False)\nr.unexpected_keys",
     ["scratch"]),
])


@pytest.mark.parametrize("code, expected", STATE)
def test_state_dict(T, code, expected):
    run(T, code, expected)


@spec("nn.load-state-dict-copies-values", SD)
@given(w=S.arrays(F32, (3, 4), lo=-3, hi=3), b=S.arrays(F32, (3,), lo=-3, hi=3))
def test_load_state_dict_copies(T, w, b):
    check(T, "m = torch.nn.Linear(4, 3)\nr = m.load_state_dict({'weight': a, 'bias': b})\n"
             "(m.weight.detach(), m.bias.detach())", w, b, expected=(w, b))


@spec("nn.load-state-dict-roundtrip", SD)
@given(x=S.arrays(F32, (2, 4), lo=-3, hi=3))
def test_state_dict_roundtrip(T, x):
    # a second model loaded from the first computes the same function
    check(T, NET + "net = net.to(dev)\nother = Net().to(dev)\nother.load_state_dict(net.state_dict())\n(net(a) - other(a)).abs().max().item()",
          x, expected=0.0)


@pytest.mark.parametrize("code, exc, contains", error_cases([
    ("nn.load-state-dict-strict-error", SD,
     NET + "sd = net.state_dict()\ndel sd['body.0.bias']\nsd['extra'] = torch.ones(1)\nnet.load_state_dict(sd)",
     RuntimeError, ("body.0.bias", "extra", "Error(s) in loading state_dict for Net:",
                    'Missing key(s) in state_dict: "body.0.bias".', 'Unexpected key(s) in state_dict: "extra".')),
    ("nn.load-state-dict-size-mismatch", SD,
     "m = torch.nn.Linear(4, 3)\nm.load_state_dict({'weight': torch.ones(2, 4), 'bias': torch.ones(3)})",
     RuntimeError, ("weight", "torch.Size([2, 4])", "torch.Size([3, 4])", "size mismatch for weight")),
    ("nn.load-state-dict-size-mismatch-non-strict", SD,
     "m = torch.nn.Linear(4, 3)\nm.load_state_dict({'weight': torch.ones(2, 4)}, strict=False)",
     RuntimeError, ("weight", "size mismatch for weight")),
]))
def test_load_state_dict_errors(T, code, exc, contains):
    check_raises(T, code, exc=exc, contains=contains)


# ---------------------------------------------------------------------------------------------
# modes, gradients, apply, conversion

MODES = cases([
    ("nn.module-eval-recurses", MODULE, "net.eval()\n[m.training for m in net.modules()]", [False] * 6),
    ("nn.module-train-returns-self", MODULE, "net.train() is net", True),
    ("nn.module-train-false", MODULE, "net.train(False)\nnet.body[1].training", False),
    ("nn.module-requires-grad-off", MODULE,
     "net.requires_grad_(False)\n[p.requires_grad for p in net.parameters()]", [False] * 6),
    ("nn.module-zero-grad-none", SP.ZERO_GRAD_OR_ACCUMULATE,
     "net(torch.ones(1, 4)).sum().backward()\nnet.zero_grad()\n[p.grad for p in net.parameters()]", [None] * 6),
    ("nn.module-zero-grad-zeros", MODULE,
     "net(torch.ones(1, 4)).sum().backward()\nnet.zero_grad(set_to_none=False)\nnet.body[0].bias.grad.abs().sum().item()",
     0.0),
    ("nn.module-apply-order", MODULE,
     "names = []\nnet.apply(lambda m: names.append(type(m).__name__))\nnames",
     ["Linear", "ReLU", "Linear", "Sequential", "Linear", "Net"]),
    ("nn.module-double", MODULE, "net.double()\n[str(p.dtype) for p in net.parameters()][:2]",
     ["torch.float64", "torch.float64"]),
    ("nn.module-to-dtype-buffers", MODULE, "net.to(torch.float64)\nstr(net.count.dtype)", "torch.float64"),
    ("nn.module-half", MODULE, "str(net.half().head.weight.dtype)", "torch.float16"),
    ("nn.module-float-after-double", MODULE, "str(net.double().float().scale.dtype)", "torch.float32"),
    ("nn.module-to-keeps-parameter-object", MODULE, "p = net.head.weight\nnet.double()\np is net.head.weight", True),
    ("nn.module-to-keeps-integer-buffers", MODULE,
     "net.register_buffer('steps', torch.tensor(3))\nnet.double()\nstr(net.steps.dtype)", "torch.int64"),
    ("nn.module-to-device", MODULE, "net.to('cpu') is net", True),
])


@pytest.mark.parametrize("code, expected", MODES)
def test_modes(T, code, expected):
    run(T, code, expected)


@spec("nn.module-grad-accumulates", MODULE)
@given(x=S.arrays(F32, (3, 4), lo=-2, hi=2), y=S.arrays(F32, (3, 4), lo=-2, hi=2))
def test_grad_accumulates(T, x, y):
    # two backward calls without zero_grad equal one backward of the summed losses
    check(T, "torch.manual_seed(0)\nm = torch.nn.Linear(4, 2).to(dev)\nm(a).pow(2).sum().backward()\nm(b).pow(2).sum().backward()\n"
             "g1 = m.weight.grad.clone()\nm.zero_grad()\n(m(a).pow(2).sum() + m(b).pow(2).sum()).backward()\n"
             "(g1 - m.weight.grad).abs().max().item() <= 1e-4 * (1 + g1.abs().max().item())",
          x, y, expected=True)


@spec("nn.module-micro-batches-equal-batch", MODULE)
@given(x=S.arrays(F32, (4, 3), lo=-2, hi=2))
def test_micro_batches(T, x):
    # with a sum loss, gradients of two halves accumulated equal the gradient of the whole batch
    check(T, "m = torch.nn.Linear(3, 2).to(dev)\nm(a[:2]).sum().backward()\nm(a[2:]).sum().backward()\ng = m.weight.grad.clone()\n"
             "m.zero_grad()\nm(a).sum().backward()\n(g - m.weight.grad).abs().max().item() <= 1e-5",
          x, expected=True)


# ---------------------------------------------------------------------------------------------
# hooks

HOOKS = cases([
    ("nn.forward-pre-hook-order", MODULE,
     "log = []\nnet.register_forward_pre_hook(lambda m, a: log.append('pre1'))\n"
     "net.register_forward_pre_hook(lambda m, a: log.append('pre2'))\n"
     "net.register_forward_hook(lambda m, a, o: log.append('post'))\nnet(torch.ones(1, 4))\nlog",
     ["pre1", "pre2", "post"]),
    ("nn.forward-hook-prepend", MODULE,
     "log = []\nnet.register_forward_hook(lambda m, a, o: log.append(1))\n"
     "net.register_forward_hook(lambda m, a, o: log.append(2), prepend=True)\nnet(torch.ones(1, 4))\nlog", [2, 1]),
    ("nn.forward-hook-replaces-output", MODULE,
     "net.register_forward_hook(lambda m, a, o: o * 0)\nnet(torch.ones(1, 4)).abs().sum().item()", 0.0),
    ("nn.forward-pre-hook-replaces-input", MODULE,
     "net.body[0].register_forward_pre_hook(lambda m, a: a[0] * 0)\n"
     "x = net.body[0](torch.ones(1, 4))\n(x - net.body[0].bias).abs().sum().item()", 0.0),
    ("nn.forward-hook-remove", MODULE,
     "log = []\nh = net.register_forward_hook(lambda m, a, o: log.append(1))\nnet(torch.ones(1, 4))\n"
     "h.remove()\nnet(torch.ones(1, 4))\nlog", [1]),
    ("nn.forward-hook-sees-args", MODULE,
     "seen = []\nnet.body.register_forward_hook(lambda m, a, o: seen.append((type(a).__name__, len(a), tuple(o.shape))))\n"
     "net(torch.ones(5, 4))\nseen", [("tuple", 1, (5, 2))]),
    ("nn.forward-hooks-children-order", MODULE,
     "log = []\nfor name, m in net.body.named_children():\n"
     "    m.register_forward_hook(lambda mod, a, o, name=name: log.append(name))\nnet(torch.ones(1, 4))\nlog",
     ["0", "1", "2"]),
    ("nn.forward-hook-with-kwargs", MODULE,
     "seen = []\nnet.register_forward_hook(lambda m, a, k, o: seen.append(k), with_kwargs=True)\n"
     "net(x=torch.ones(1, 4))\nlist(seen[0])", ["x"]),
    ("nn.backward-hook-fires-once", MODULE,
     "log = []\nnet.body[0].register_full_backward_hook(lambda m, gi, go: log.append((len(gi), len(go))))\n"
     "x = torch.ones(2, 4, requires_grad=True)\nnet(x).sum().backward()\nlog", [(1, 1)]),
    ("nn.backward-hook-no-input-grad", MODULE,
     "log = []\nnet.body[0].register_full_backward_hook(lambda m, gi, go: log.append(gi))\n"
     "net(torch.ones(2, 4)).sum().backward()\nlog", [(None,)]),
    ("nn.backward-hook-order-reverse", MODULE,
     "log = []\nfor name in ['0', '2']:\n"
     "    net.body.get_submodule(name).register_full_backward_hook(lambda m, gi, go, name=name: log.append(name))\n"
     "net(torch.ones(2, 4, requires_grad=True)).sum().backward()\nlog", ["2", "0"]),
])


@pytest.mark.parametrize("code, expected", HOOKS)
def test_hooks(T, code, expected):
    run(T, code, expected)


@spec("nn.backward-hook-grads", MODULE)
@given(w=S.arrays(F32, (2, 3), lo=-2, hi=2), x=S.arrays(F32, (4, 3), lo=-2, hi=2), g=S.arrays(F32, (4, 2), lo=-2, hi=2))
def test_backward_hook_values(T, w, x, g):
    # grad_output is the upstream gradient; grad_input is its product with the weight
    check(T, "m = torch.nn.Linear(3, 2, bias=False).to(dev)\nm.load_state_dict({'weight': a})\nseen = []\n"
             "m.register_full_backward_hook(lambda mod, gi, go: seen.append((gi[0], go[0])))\n"
             "x = b.clone().requires_grad_()\nm(x).backward(c)\nseen[0]",
          w, x, g, expected=lambda w, x, g: (g @ w, g), reduce=3)


@spec("nn.backward-hook-replaces-grad-input", MODULE)
@given(x=S.arrays(F32, (4, 3), lo=-2, hi=2))
def test_backward_hook_replaces(T, x):
    check(T, "m = torch.nn.Linear(3, 2).to(dev)\nm.register_full_backward_hook(lambda mod, gi, go: (gi[0] * 0 + 1,))\n"
             "x = a.clone().requires_grad_()\nm(x).sum().backward()\nx.grad", x,
          expected=lambda x: np.ones_like(x))


# ---------------------------------------------------------------------------------------------
# errors

ERRORS = error_cases([
    ("nn.module-getattr-missing", MODULE, "net.nothing", AttributeError, ("'Net' object has no attribute 'nothing'",)),
    ("nn.module-assign-tensor-to-parameter", MODULE, "net.scale = torch.ones(1)", TypeError,
     ("cannot assign", "as parameter 'scale'", "(torch.nn.Parameter or None expected)")),
    ("nn.module-assign-int-to-buffer", MODULE, "net.count = 3", TypeError, ("as buffer 'count'",)),
    ("nn.module-register-buffer-dot", MODULE, "net.register_buffer('a.b', torch.ones(1))", KeyError,
     ("buffer name can", "contain")),
    ("nn.module-register-buffer-exists", MODULE, "net.register_buffer('head', torch.ones(1))", KeyError,
     ("attribute 'head' already exists",)),
    ("nn.module-register-parameter-tensor", MODULE, "net.register_parameter('p', torch.ones(1))", TypeError,
     ("cannot assign", "parameter 'p'")),
    ("nn.module-add-module-not-module", MODULE, "net.add_module('x', 3)", TypeError, ("is not a Module subclass",)),
    ("nn.module-add-module-dot", MODULE, "net.add_module('a.b', torch.nn.ReLU())", KeyError,
     ("module name can", "contain")),
    ("nn.module-forward-missing", MODULE, "torch.nn.Module()(torch.ones(1))", NotImplementedError,
     ('missing the required "forward" function',)),
    ("nn.module-train-non-bool", MODULE, "net.train(1)", ValueError, ("training mode is expected to be boolean",)),
    ("nn.module-to-integer-dtype", MODULE, "net.to(torch.int64)", TypeError,
     ("nn.Module.to only accepts floating point or complex dtypes",)),
])


@pytest.mark.parametrize("code, exc, contains", ERRORS)
def test_errors(T, code, exc, contains):
    check_raises(T, NET + code, exc=exc, contains=contains)


@pytest.mark.parametrize("code, exc, contains", error_cases([
    ("nn.module-assign-before-init", MODULE,
     "class Bad(torch.nn.Module):\n    def __init__(self):\n        self.w = torch.nn.Parameter(torch.ones(1))\nBad()",
     AttributeError, ("cannot assign parameters before Module.__init__() call",)),
]))
def test_assign_before_init(T, code, exc, contains):
    check_raises(T, code, exc=exc, contains=contains)


# ---------------------------------------------------------------------------------------------
# Parameter

PARAMS = cases([
    ("nn.parameter-requires-grad", PARAM, "torch.nn.Parameter(torch.ones(2)).requires_grad", True),
    ("nn.parameter-no-grad", PARAM, "torch.nn.Parameter(torch.ones(2), requires_grad=False).requires_grad", False),
    ("nn.parameter-is-tensor", PARAM, "isinstance(torch.nn.Parameter(torch.ones(2)), torch.Tensor)", True),
    ("nn.parameter-is-leaf", PARAM, "torch.nn.Parameter(torch.ones(2)).is_leaf", True),
    ("nn.parameter-repr", PARAM, "repr(torch.nn.Parameter(torch.tensor([1.0, 2.0])))",
     "Parameter containing:\ntensor([1., 2.], requires_grad=True)"),
    ("nn.parameter-str", PARAM, "str(torch.nn.Parameter(torch.tensor([1.0, 2.0]), requires_grad=False))",
     "Parameter containing:\ntensor([1., 2.])"),
    ("nn.parameter-shares-storage", PARAM, "t = torch.zeros(2)\np = torch.nn.Parameter(t)\nt.fill_(4.0)\np.tolist()",
     [4.0, 4.0]),
    ("nn.parameter-op-result-is-tensor", PARAM, "type(torch.nn.Parameter(torch.ones(2)) * 2).__name__", "Tensor"),
    ("nn.parameter-empty-default", PARAM, "tuple(torch.nn.Parameter().shape)", (0,)),
    ("nn.parameter-deepcopy", PARAM,
     "import copy\np = torch.nn.Parameter(torch.ones(2))\nq = copy.deepcopy(p)\n(type(q).__name__, q.requires_grad, q is p)",
     ("Parameter", True, False)),
])


@pytest.mark.parametrize("code, expected", PARAMS)
def test_parameter(T, code, expected):
    check(T, code, expected=expected)


@spec("nn.module-deepcopy", MODULE)
@given(x=S.arrays(F32, (2, 4), lo=-2, hi=2))
def test_deepcopy(T, x):
    # a deep copy computes the same function and owns its parameters
    check(T, NET + "net = net.to(dev)\nimport copy\nc = copy.deepcopy(net)\nsame = (c(a) - net(a)).abs().max().item()\n"
                   "(same, c.head.weight is net.head.weight, c.tied is c.head)", x, expected=(0.0, False, True))


# ---------------------------------------------------------------------------------------------
# repr

NET_REPR = """Net(
  (body): Sequential(
    (0): Linear(in_features=4, out_features=3, bias=True)
    (1): ReLU()
    (2): Linear(in_features=3, out_features=2, bias=True)
  )
  (head): Linear(in_features=2, out_features=2, bias=False)
  (tied): Linear(in_features=2, out_features=2, bias=False)
)"""


class_extra_repr = '''
class WithExtra(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.inner = torch.nn.Identity()
    def extra_repr(self):
        return "k=3"
'''

REPRS = cases([
    ("nn.module-repr-nested", SP.LAYERS_ARE_CLASSES, NET + "repr(net)", NET_REPR),
    ("nn.module-repr-empty", MODULE, "repr(torch.nn.Module())", "Module()"),
    ("nn.module-repr-extra-and-children", MODULE, class_extra_repr + "repr(WithExtra())",
     "WithExtra(\n  k=3\n  (inner): Identity()\n)"),
    ("nn.module-repr-extra-only", MODULE, "repr(torch.nn.Linear(2, 3))", "Linear(in_features=2, out_features=3, bias=True)"),
    ("nn.module-repr-multiline-extra", MODULE,
     "class M(torch.nn.Module):\n    def extra_repr(self):\n        return 'a=1\\nb=2'\nrepr(M())", "M(\n  a=1\n  b=2\n)"),
])


@pytest.mark.parametrize("code, expected", REPRS)
def test_repr(T, code, expected):
    check(T, code, expected=expected)


# ---------------------------------------------------------------------------------------------
# the core layers: Linear, Bilinear, Identity, Flatten, Unflatten

LINEAR = api("torch.nn.Linear")


@st.composite
def linear_args(draw, dtype="float32", bias=None):
    dtype = draw(dtype) if not isinstance(dtype, str) else dtype
    lead = draw(S.shapes(0, 2, max_side=3))
    fin, fout = draw(st.integers(1, 5)), draw(st.integers(1, 4))
    x = draw(S.arrays(dtype, tuple(lead) + (fin,), lo=-3, hi=3))
    w = draw(S.arrays(dtype, (fout, fin), lo=-2, hi=2))
    use_bias = draw(st.booleans()) if bias is None else bias
    b = draw(S.arrays(dtype, (fout,), lo=-2, hi=2)) if use_bias else None
    return x, w, b


def _linear(x, w, b=None):
    y = x.astype(np.float64) @ w.astype(np.float64).T
    return (y if b is None else y + b).astype(x.dtype)


@spec("nn.linear-functional", api("torch.nn.functional.linear"))
@given(args=linear_args(st.sampled_from(["float32", "float64"])))
def test_linear_functional(T, args):
    x, w, b = args
    inputs = (x, w) if b is None else (x, w, b)
    check(T, "torch.nn.functional.linear(a, b)" if b is None else "torch.nn.functional.linear(a, b, c)", *inputs,
          expected=_linear, reduce=w.shape[1])


@spec("nn.linear-module", LINEAR)
@given(args=linear_args(bias=True))
def test_linear_module(T, args):
    x, w, b = args
    check(T, f"m = torch.nn.Linear({w.shape[1]}, {w.shape[0]}).to(dev)\nm.load_state_dict({{'weight': b, 'bias': c}})\nm(a)",
          x, w, b, expected=_linear, reduce=w.shape[1])


def _linear_op(x, w, b=None):
    x, w = x.astype(np.float64), w.astype(np.float64)
    out = x @ w.T + (0 if b is None else b)

    def pull(g):
        g2 = g.reshape(-1, w.shape[0])
        grads = ((g @ w), g2.T @ x.reshape(-1, w.shape[1]))
        return grads + ((g2.sum(0),) if b is not None else ())
    return out, pull


@spec("nn.linear-grad", api("torch.nn.functional.linear"))
@given(data=st.data())
def test_linear_grad(T, data):
    x, w, b = data.draw(linear_args("float64"), label="x, w, b")
    inputs = (x, w) if b is None else (x, w, b)
    check_grad(T, data, "torch.nn.functional.linear(a, b)" if b is None else "torch.nn.functional.linear(a, b, c)",
               *inputs, oracle=_linear_op, reduce=max(w.shape[1], x.size // w.shape[1]))


@spec("nn.linear-grad-batch-with-bias", api("torch.nn.functional.linear"))
@given(data=st.data())
def test_linear_grad_batch(T, data):
    # a contiguous batch of two or more rows with a bias: the layout a model's Linear sees, where every row
    # of the incoming gradient must reach the bias gradient
    n, fin, fout = data.draw(st.integers(2, 6), label="n"), data.draw(st.integers(1, 5), label="in"), \
        data.draw(st.integers(1, 4), label="out")
    dtype = data.draw(st.sampled_from(["float32", "float64"]), label="dtype")
    x = data.draw(S.arrays(dtype, (n, fin), lo=-3, hi=3, layouts=("contiguous",)), label="x")
    w = data.draw(S.arrays(dtype, (fout, fin), lo=-2, hi=2, layouts=("contiguous",)), label="w")
    b = data.draw(S.arrays(dtype, (fout,), lo=-2, hi=2, layouts=("contiguous",)), label="b")
    g = data.draw(S.arrays(dtype, (n, fout), lo=0.5, hi=2, layouts=("contiguous",)), label="g")

    def expected(x, w, b, g):
        x64, w64, g64 = (v.astype(np.float64) for v in (x, w, g))
        return tuple(v.astype(x.dtype) for v in (g64 @ w64, g64.T @ x64, g64.sum(0)))
    check(T, "x, w, b = (t.detach().requires_grad_(True) for t in (a, b, c))\n"
             "torch.nn.functional.linear(x, w, b).backward(d)\n(x.grad, w.grad, b.grad)",
          x, w, b, g, expected=expected, reduce=max(n, fin))


@spec("nn.linear-grad-strided-input", api("torch.nn.functional.linear"))
@given(data=st.data())
def test_linear_grad_strided_input(T, data):
    # a transposed or stepped input matrix: what a contiguous-operand fast path must not take for granted
    n, fin, fout = (data.draw(st.integers(1, 5), label=k) for k in ("n", "in", "out"))
    x = data.draw(S.arrays("float64", (n, fin), lo=-3, hi=3, layouts=("transposed", "stepped")), label="x")
    w = data.draw(S.arrays("float64", (fout, fin), lo=-2, hi=2), label="w")
    b = data.draw(S.arrays("float64", (fout,), lo=-2, hi=2), label="b")
    check_grad(T, data, "torch.nn.functional.linear(a, b, c)", x, w, b, oracle=_linear_op, reduce=max(fin, n))


@spec("nn.bilinear", api("torch.nn.Bilinear"))
@given(data=st.data())
def test_bilinear(T, data):
    n, i1, i2, o = (data.draw(st.integers(1, 3), label=k) for k in "n i1 i2 o".split())
    x1 = data.draw(S.arrays("float64", (n, i1), lo=-2, hi=2), label="x1")
    x2 = data.draw(S.arrays("float64", (n, i2), lo=-2, hi=2), label="x2")
    w = data.draw(S.arrays("float64", (o, i1, i2), lo=-2, hi=2), label="w")
    bias = data.draw(S.arrays("float64", (o,), lo=-2, hi=2), label="bias")

    def forward(x1, x2, w, bias):
        return np.einsum("ni,kij,nj->nk", x1, w, x2) + bias
    check_grad(T, data, "torch.nn.functional.bilinear(a, b, c, d)", x1, x2, w, bias,
               oracle=lambda *a: O.numeric_pullback(forward, *a), rtol=1e-6, atol=1e-7)


@spec("nn.bilinear-module-shape", api("torch.nn.Bilinear"))
def test_bilinear_module(T):
    check(T, "m = torch.nn.Bilinear(3, 4, 5)\n(tuple(m(torch.ones(2, 3), torch.ones(2, 4)).shape), tuple(m.weight.shape))",
          expected=((2, 5), (5, 3, 4)))


SHAPES = cases([
    ("nn.identity", api("torch.nn.Identity"), "x = torch.ones(2)\ntorch.nn.Identity(54, unused='x')(x) is x", True),
    ("nn.flatten-default", api("torch.nn.Flatten"), "tuple(torch.nn.Flatten()(torch.ones(2, 3, 4, 5)).shape)", (2, 60)),
    ("nn.flatten-dims", api("torch.nn.Flatten"), "tuple(torch.nn.Flatten(0, 2)(torch.ones(2, 3, 4, 5)).shape)", (24, 5)),
    ("nn.unflatten", api("torch.nn.Unflatten"), "tuple(torch.nn.Unflatten(1, (2, 5))(torch.ones(3, 10)).shape)",
     (3, 2, 5)),
    ("nn.unflatten-infer", api("torch.nn.Unflatten"), "tuple(torch.nn.Unflatten(1, (-1, 5))(torch.ones(3, 10)).shape)",
     (3, 2, 5)),
    ("nn.linear-repr-no-bias", LINEAR, "repr(torch.nn.Linear(3, 4, bias=False))",
     "Linear(in_features=3, out_features=4, bias=False)"),
    ("nn.bilinear-repr", api("torch.nn.Bilinear"), "repr(torch.nn.Bilinear(3, 4, 5))",
     "Bilinear(in1_features=3, in2_features=4, out_features=5, bias=True)"),
    ("nn.flatten-repr", api("torch.nn.Flatten"), "repr(torch.nn.Flatten())", "Flatten(start_dim=1, end_dim=-1)"),
    ("nn.unflatten-repr", api("torch.nn.Unflatten"), "repr(torch.nn.Unflatten(1, (2, 3)))",
     "Unflatten(dim=1, unflattened_size=(2, 3))"),
    ("nn.identity-repr", api("torch.nn.Identity"), "repr(torch.nn.Identity())", "Identity()"),
    ("nn.linear-no-bias-parameter", LINEAR, "m = torch.nn.Linear(3, 4, bias=False)\n(m.bias, list(m.state_dict()))",
     (None, ["weight"])),
    ("nn.linear-dtype-arg", LINEAR, "str(torch.nn.Linear(2, 2, dtype=torch.float64).weight.dtype)", "torch.float64"),
    ("nn.linear-node-name", LINEAR, "torch.nn.Linear(2, 3)(torch.ones(4, 2)).grad_fn.name()", "AddmmBackward0"),
    ("nn.linear-1d-input", LINEAR, "tuple(torch.nn.Linear(3, 2)(torch.ones(3)).shape)", (2,)),
])


@pytest.mark.parametrize("code, expected", SHAPES)
def test_core_layers(T, code, expected):
    check(T, code, expected=expected)


LAYER_ERRORS = error_cases([
    ("nn.linear-feature-mismatch", LINEAR, "torch.nn.Linear(784, 128)(torch.ones(4, 10))", RuntimeError,
     ("mat1 and mat2 shapes cannot be multiplied", "4x10", "784x128")),
    ("nn.linear-feature-mismatch-3d", LINEAR, "torch.nn.Linear(5, 2)(torch.ones(2, 3, 4))", RuntimeError,
     ("mat1 and mat2 shapes cannot be multiplied", "6x4", "5x2")),
    ("nn.linear-dtype-mismatch", LINEAR, "torch.nn.Linear(2, 2)(torch.ones(3, 2, dtype=torch.float64))", RuntimeError,
     ("mat1 and mat2 must have the same dtype",)),
    ("nn.bilinear-input-mismatch", api("torch.nn.Bilinear"), "torch.nn.Bilinear(3, 4, 5)(torch.ones(2, 3), torch.ones(2, 3))",
     RuntimeError, ("input2 size does not match weight size",)),
])


@pytest.mark.parametrize("code, exc, contains", LAYER_ERRORS)
def test_layer_errors(T, code, exc, contains):
    check_raises(T, code, exc=exc, contains=contains)
