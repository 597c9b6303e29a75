"""The autograd graph: Nodes, the edges between them, and how an op records itself.

An op that produced `outputs` from `inputs` records one Node whose `backward(ctx, *grads)` returns a
gradient per input (None where there is none). Backward formulas are written with tensor ops, so
with create_graph=True they record history themselves and second derivatives come for free.
"""
import itertools
import weakref

from .grad_mode import is_grad_enabled

_sequence = itertools.count()
_NEEDS = {}


class Node:
    """A recorded op. It is also the `ctx` its backward function receives."""

    # A Node is made for every recorded op and lives as long as its graph, so the state every node
    # has sits in slots (no per-node dict for the cyclic garbage collector to walk: in a 20,000-op
    # chain the collector's passes over the graph cost more than recording it). Rarely used state
    # lives in class defaults until first set (then in the instance dict).
    __slots__ = ("_name", "_backward", "_seq", "next_functions", "needs_input_grad", "_n_outputs",
                 "_saved", "_saved_versions", "_saved_outputs", "_saved_names", "meta",
                 "__dict__", "__weakref__")
    _released = False
    _pre_hooks = None      # output_nr -> [hook(grad) -> grad or None]
    _hooks = None          # [hook(grad_inputs, grad_outputs)]
    _retained = None       # output_nr -> weakref of the tensor that retains its grad
    _non_differentiable = ()
    _materialize_grads = True

    def __init__(self, name, backward, inputs, n_outputs=1):
        self._name = name
        self._backward = backward
        self._seq = next(_sequence)
        edges = tuple([_edge(t) for t in inputs])
        self.next_functions = edges
        needs = tuple([e[0] is not None for e in edges])
        self.needs_input_grad = _NEEDS.setdefault(needs, needs)  # one shared tuple per pattern
        self._n_outputs = n_outputs
        self._saved = self._saved_versions = ()
        self._saved_outputs = ()  # (index into _saved, output_nr, requires_grad) of the node's own outputs
        self._saved_names = ()    # names of the entries of _saved: backward reads them as ctx._saved_<name>
        self.meta = None          # non-tensor values backward needs: a dict read as ctx._saved_<name>

    def name(self):
        return self._name

    def __getattr__(self, attr):
        # Only reached when normal lookup fails: named saved values, as torch's nodes expose them
        # (y.grad_fn._saved_self, ._saved_result, ...). Tensors go through the version check.
        if attr.startswith("_saved_"):
            return self._lookup_saved(attr[7:], attr)
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{attr}'")

    def _lookup_saved(self, key, attr):
        names = self._saved_names
        if key in names:
            if len(self._saved) == 1 and not self._saved_outputs:
                return self._checked_single()
            return self.saved_tensors[names.index(key)]
        meta = self.meta
        if type(meta) is dict and key in meta:
            return meta[key]
        own = getattr(self, "__dict__", None)
        if own and attr in own:  # set on the ctx by hand (see _saved_property)
            return own[attr]
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{attr}'")

    def _checked_single(self):
        """The one saved tensor of a node that saved one input (the common case), version-checked."""
        t = self._saved[0]
        if self._released or (t is not None and t._storage.version != self._saved_versions[0]):
            return self.saved_tensors[0]  # raises with the full message
        return t

    def __repr__(self):
        return f"<{self._name} object at {id(self):#x}>"

    def register_hook(self, fn):
        if self._hooks is None:
            self._hooks = []
        self._hooks.append(fn)
        return _RemovableHandle(self._hooks, fn)

    def register_prehook(self, fn):
        hooks = self._pre_hook_list(0)
        hooks.append(fn)
        return _RemovableHandle(hooks, fn)

    def _pre_hook_list(self, output_nr):
        if self._pre_hooks is None:
            self._pre_hooks = {}
        return self._pre_hooks.setdefault(output_nr, [])

    def _retain(self, output_nr, ref):
        if self._retained is None:
            self._retained = {}
        self._retained[output_nr] = ref

    # ---- saved tensors: the torch.autograd.Function ctx API ----
    def save_for_backward(self, *tensors):
        self._saved_pending = tensors

    def _save(self, tensors, outputs=()):
        """Keep tensors for backward; the node's own outputs are kept as aliases without grad_fn,
        so no reference cycle holds the graph alive, and get their history back when unpacked."""
        if len(tensors) == 1 and len(outputs) == 1:
            t = tensors[0]
            if t is not outputs[0] and t is not None and is_tensor(t):
                # the common case: one input saved (x * 2, exp's input...)
                self._saved = (t,)
                self._saved_versions = (t._storage.version,)
                return
        out_ids = {id(o): i for i, o in enumerate(outputs)}
        saved, versions, own = [], [], []
        for t in tensors:
            if t is None:
                saved.append(None)
                versions.append(0)
                continue
            if not is_tensor(t):
                raise TypeError("save_for_backward can only save variables, but argument is of type "
                                f"{type(t).__name__}")
            versions.append(t._storage.version)
            if id(t) in out_ids:
                own.append((len(saved), out_ids[id(t)], t.requires_grad))
                saved.append(t._alias())
            else:
                saved.append(t)
        self._saved = tuple(saved)
        self._saved_versions = tuple(versions)
        self._saved_outputs = tuple(own)

    @property
    def saved_tensors(self):
        if self._released:
            raise RuntimeError(
                "Trying to backward through the graph a second time (or directly access saved tensors "
                "after they have already been freed). Saved intermediate values of the graph are freed "
                "when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to "
                "backward through the graph a second time or if you need to access saved tensors after "
                "calling backward.")
        for i, (t, v) in enumerate(zip(self._saved, self._saved_versions)):
            if t is not None and t._storage.version != v:
                raise RuntimeError(
                    "one of the variables needed for gradient computation has been modified by an "
                    f"inplace operation: [{t.type()} {list(t.shape)}], which is output {i} of "
                    f"{self._name}, is at version {t._storage.version}; expected version {v} instead.")
        if not self._saved_outputs:
            return self._saved
        saved = list(self._saved)
        for i, nr, req in self._saved_outputs:
            if req:
                saved[i] = saved[i]._alias_with_history(self, nr)
        return tuple(saved)

    def mark_non_differentiable(self, *tensors):
        self._non_differentiable = tuple(id(t) for t in tensors)

    def set_materialize_grads(self, value):
        self._materialize_grads = bool(value)

    def mark_dirty(self, *tensors):
        self._dirty = tensors

    def _release(self):
        if self._saved:
            self._released = True
            self._saved = ()


def _saved_property(key):
    """ctx._saved_<key> as a property: the names most backward formulas read are found by normal
    attribute lookup instead of a failed lookup and __getattr__ (an exception per read). Code
    that sets one on a ctx by hand gets it back."""
    attr = "_saved_" + key

    def get(self):
        return self._lookup_saved(key, attr)

    def set_(self, value):
        self.__dict__[attr] = value
    return property(get, set_)


for _key in ("self", "other", "result", "self_shape", "other_shape", "alpha", "dim", "keepdim",
             "self_sym_sizes", "exponent"):
    setattr(Node, "_saved_" + _key, _saved_property(_key))


class AccumulateGrad(Node):
    """The sink for a leaf: adds the incoming gradient into leaf.grad."""

    def __init__(self, leaf):
        super().__init__("torch::autograd::AccumulateGrad", None, ())
        self.variable = leaf


class _RemovableHandle:
    def __init__(self, container, item):
        self._container = container
        self._item = item

    def remove(self):
        if self._item in self._container:
            self._container.remove(self._item)


_NO_EDGE = (None, 0)


def is_tensor(x):
    """Duck-typed tensor check: autograd sits below the Tensor class and never imports it."""
    return hasattr(x, "_storage") and hasattr(x, "grad_fn")


def _edge(t):
    """(node, output_nr) that a gradient w.r.t. tensor t flows into, or (None, 0)."""
    if not getattr(t, "_requires_grad", False):
        return _NO_EDGE
    fn = t.grad_fn
    if fn is not None:
        return (fn, t._output_nr)
    return (_accumulator(t), 0)


def _accumulator(leaf):
    ref = leaf._acc_ref
    node = ref() if ref is not None else None
    if node is None:
        node = AccumulateGrad(leaf)
        leaf._acc_ref = weakref.ref(node)
    return node


def needs_grad(*tensors):
    if not is_grad_enabled():
        return False
    for t in tensors:
        # duck-typed: this runs for every op, and scalars simply lack the attribute
        if getattr(t, "_requires_grad", False):
            return True
    return False


def record(name, backward, inputs, outputs, save=(), meta=None, names=None):
    """Attach a Node to `outputs` (a tensor or a tuple) when some input requires grad.

    backward(ctx, *grad_outputs) -> tuple with one gradient (or None) per input.
    `names` names the entries of `save` and `meta` may be a dict: backward then reads them as
    ctx._saved_<name> (torch's spelling) instead of by position.
    """
    if not needs_grad(*inputs):
        return outputs
    single = not isinstance(outputs, tuple)
    outs = (outputs,) if single else outputs
    node = Node(name, backward, inputs, len(outs))
    node.meta = meta
    if names is not None:
        node._saved_names = names
    for i, o in enumerate(outs):
        if o is not None and o.dtype.is_floating_point:
            o._requires_grad = True
            o.grad_fn = node
            o._output_nr = i
    if save:
        # after the outputs joined the graph, so a saved output unpacks with its history
        # (second derivatives of exp, tanh, softmax... flow through it)
        node._save(save, outs)
    return outputs


def rebase_history(tensor, name, backward, inputs, save=(), meta=None, names=None):
    """Record an in-place op: `tensor` (already written) becomes the output of a new Node whose
    first input is the tensor's previous history."""
    if not needs_grad(*inputs):
        return tensor
    node = Node(name, backward, inputs, 1)
    node.meta = meta
    if names is not None:
        node._saved_names = names
    if save:
        node._save(save, ())
    tensor._requires_grad = True
    tensor.grad_fn = node
    tensor._output_nr = 0
    return tensor
