"""The backward pass: an iterative walk in dependency order (no recursion, so a chain of any
length works), gradients summed per (node, output), leaf grads accumulated, buffers freed
unless retain_graph."""
import heapq
import sys

from .._shape import contiguous_strides
from .graph import AccumulateGrad, _edge, is_tensor
from .grad_mode import enable_grad, no_grad


def _as_tuple(x):
    if x is None:
        return None
    if isinstance(x, (list, tuple)):
        return tuple(x)
    return (x,)


def _initial_grads(outputs, grad_outputs):
    grads = []
    for i, out in enumerate(outputs):
        g = grad_outputs[i] if grad_outputs is not None and i < len(grad_outputs) else None
        if g is None:
            if out.numel() != 1:
                raise RuntimeError("grad can be implicitly created only for scalar outputs")
            if not out.dtype.is_floating_point:
                raise RuntimeError(f"grad can be implicitly created only for real scalar outputs but "
                                   f"got {out.dtype}")
            g = out.new_ones(out.shape)
        elif not is_tensor(g):
            g = out.new_full(out.shape, g)
        elif tuple(g.shape) != tuple(out.shape):
            raise RuntimeError(f"Mismatch in shape: grad_output[{i}] has a shape of {g.shape} and "
                               f"output[{i}] has a shape of {out.shape}.")
        elif g.dtype != out.dtype:
            g = g.to(out.dtype)  # as torch does: the gradient arrives in the output's dtype
        grads.append(g)
    return grads


def _graph_order(roots):
    """Dependency counts of every node reachable from the roots."""
    deps = {}
    seen = set()
    stack = []
    for n in roots:
        # several outputs of one node (or one output listed twice) start the walk once
        if n is not None and n not in seen:
            seen.add(n)
            stack.append(n)
    while stack:
        node = stack.pop()
        for nxt, _ in node.next_functions:
            if nxt is None:
                continue
            deps[nxt] = deps.get(nxt, 0) + 1
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return deps, seen


def _needed(roots, targets, seen):
    """Nodes from which some target node can be reached (only those run when inputs= is given)."""
    parents = {}
    for node in seen:
        for nxt, _ in node.next_functions:
            if nxt is not None:
                parents.setdefault(nxt, []).append(node)
    needed = set(targets)
    stack = list(targets)
    while stack:
        n = stack.pop()
        for p in parents.get(n, ()):
            if p not in needed:
                needed.add(p)
                stack.append(p)
    return needed


def run_backward(outputs, grad_outputs, retain_graph, create_graph, inputs=None, accumulate=True,
                 allow_unused=False):
    """Shared by Tensor.backward and autograd.grad. With accumulate=False, returns the gradients
    for `inputs` instead of writing .grad."""
    outputs = _as_tuple(outputs)
    for out in outputs:
        if not is_tensor(out):
            raise TypeError("backward expects tensors")
        if not out.requires_grad:
            raise RuntimeError("element 0 of tensors does not require grad and does not have a grad_fn")
    if retain_graph is None:
        retain_graph = create_graph
    grads = _initial_grads(outputs, _as_tuple(grad_outputs))

    buffers = {}
    root_nodes = []
    for out, g in zip(outputs, grads):
        node, nr = _edge(out)
        root_nodes.append(node)
        buf = buffers.setdefault(node, {})
        buf[nr] = g if nr not in buf else buf[nr] + g
    deps, seen = _graph_order(root_nodes)

    capture = None
    needed = None
    if inputs is not None:
        inputs = _as_tuple(inputs)
        targets = {}
        for i, t in enumerate(inputs):
            if not t.requires_grad:
                raise RuntimeError("One of the differentiated Tensors does not require grad")
            targets.setdefault(_edge(t), []).append(i)
        capture = {key: None for key in targets}
        needed = _needed(root_nodes, [n for n, _ in targets], seen)

    mode = enable_grad() if create_graph else no_grad()
    ready = [(-n._seq, id(n), n) for n in set(root_nodes) if deps.get(n, 0) == 0]
    heapq.heapify(ready)
    with mode:
        while ready:
            _, _, node = heapq.heappop(ready)
            buf = buffers.pop(node, {})
            if needed is not None and node not in needed:
                # nothing to compute here, but its children may still be reached another way
                for nxt, _ in node.next_functions:
                    if nxt is not None:
                        deps[nxt] -= 1
                        if deps[nxt] == 0:
                            heapq.heappush(ready, (-nxt._seq, id(nxt), nxt))
                continue
            if capture is not None:
                for nr, g in buf.items():
                    if (node, nr) in capture:
                        capture[(node, nr)] = g
            if isinstance(node, AccumulateGrad):
                if accumulate:
                    g = buf.pop(0, None)
                    leaf = node.variable
                    owned = not create_graph and _stealable(g, leaf) and _counts(g) == _LONE
                    _accumulate(leaf, g, create_graph, owned)
                    g = None
                continue
            grad_in = _call_node(node, buf, create_graph)
            if not retain_graph:
                node._release()
            for (nxt, nr), gi in zip(node.next_functions, grad_in):
                if nxt is None:
                    continue
                if gi is not None:
                    slot = buffers.setdefault(nxt, {})
                    slot[nr] = gi if nr not in slot else slot[nr] + gi
                deps[nxt] -= 1
                if deps[nxt] == 0:
                    heapq.heappush(ready, (-nxt._seq, id(nxt), nxt))
            # no stale reference may keep a gradient looking shared (see _counts)
            grad_in = gi = slot = None
    if capture is None:
        return None
    result = [None] * len(inputs)
    for key, idxs in targets.items():
        for i in idxs:
            result[i] = capture[key]
            if result[i] is None and not allow_unused:
                raise RuntimeError("One of the differentiated Tensors appears to not have been used in "
                                   "the graph. Set allow_unused=True if this is the desired behavior.")
    return tuple(result)


def _call_node(node, buf, create_graph):
    grads = [buf.get(nr) for nr in range(node._n_outputs)]
    if node._pre_hooks or node._retained:
        for nr, g in enumerate(grads):
            for hook in (node._pre_hooks or {}).get(nr, ()):
                r = hook(g)
                if r is not None:
                    g = r
            ref = (node._retained or {}).get(nr)
            t = ref() if ref is not None else None
            if t is not None and g is not None:
                t.grad = g if create_graph else g.detach()
            grads[nr] = g
    if node._materialize_grads and any(g is None for g in grads):
        shapes = getattr(node, "_output_meta", None)
        template = next((g for g in grads if g is not None), None)
        if shapes is not None and template is not None:
            grads = [g if g is not None else template.new_zeros(shapes[i][0], dtype=shapes[i][1],
                                                                 device=shapes[i][2])
                     for i, g in enumerate(grads)]
    result = node._backward(node, *grads)
    if not isinstance(result, tuple):
        result = (result,)
    if len(result) != len(node.next_functions):
        raise RuntimeError(f"function {node._name} returned an incorrect number of gradients (expected "
                           f"{len(node.next_functions)}, got {len(result)})")
    for hook in node._hooks or ():
        r = hook(result, tuple(grads))
        if r is not None:
            result = tuple(r)
    return result


# A leaf's first gradient is taken over without a copy when nothing else can reach it (torch's
# AccumulateGrad steals a gradient whose use count says the same): a fresh, contiguous CPU tensor
# without history, held by the engine's one local only, alone on its storage, and its NumPy data
# viewed by nothing. Otherwise it is cloned, so .grad never aliases a tensor someone still holds.
# (The copies were a quarter of an MLP step's non-GEMM time.)

class _Probe:
    __slots__ = ("_storage", "data")


def _counts(t):
    """References to t, to its storage and to the storage's data, seen from a callee of t's holder."""
    st = t._storage
    return sys.getrefcount(t), sys.getrefcount(st), sys.getrefcount(st.data)


def _lone_counts():
    t = _Probe()  # held by this local only, as run_backward holds a leaf's gradient
    t._storage = _Probe()
    t._storage.data = []
    return _counts(t)


_LONE = _lone_counts()


def _stealable(g, leaf):
    if g is None or g._base is not None or g.grad_fn is not None or g._requires_grad or leaf._hooks:
        return False
    st = g._storage
    return (leaf.grad is None and g.dtype is leaf.dtype and g._shape == leaf._shape and g._offset == 0
            and st.device.type == "cpu" and g._stride == contiguous_strides(tuple(g._shape))
            and len(st.data) == leaf.numel())


def _accumulate(leaf, g, create_graph, owned=False):
    if g is None:
        return
    if leaf._hooks:
        for hook in leaf._hooks:
            r = hook(g)
            if r is not None:
                g = r
    if leaf.grad is None:
        # never alias a gradient the caller (or another node) still holds
        leaf.grad = g if create_graph or owned else g.detach().clone()
    elif create_graph:
        leaf.grad = leaf.grad + g
    else:
        leaf.grad.add_(g.detach())


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False, inputs=None):
    if inputs is not None:
        inputs = _as_tuple(inputs)
        grads = run_backward(tensors, grad_tensors, retain_graph, create_graph, inputs=inputs,
                             accumulate=False, allow_unused=True)
        for t, g in zip(inputs, grads):
            if t.grad_fn is None:
                _accumulate(t, g, create_graph)
            elif g is not None and t._retains_grad:
                t.grad = g
        return
    run_backward(tensors, grad_tensors, retain_graph, create_graph)


def grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False, only_inputs=True,
         allow_unused=None, is_grads_batched=False, materialize_grads=False):
    """Gradients of outputs with respect to inputs, returned rather than accumulated into .grad."""
    single = not isinstance(inputs, (list, tuple))
    inputs_t = (inputs,) if single else tuple(inputs)
    if allow_unused is None:
        allow_unused = materialize_grads
    res = run_backward(outputs, grad_outputs, retain_graph, create_graph, inputs=inputs_t, accumulate=False,
                       allow_unused=allow_unused)
    if materialize_grads:
        res = tuple(r if r is not None else i.new_zeros(i.shape) for r, i in zip(res, inputs_t))
    return res
