"""float64 NumPy oracles of the spatial and normalisation layers, written from the PyTorch
documentation (https://pytorch.org/docs/stable/nn.html); nothing here imports torch or the reference.

Convolution is the explicit sum over the kernel window (one shifted slice of the padded input per
window position), pooling reduces the stacked window positions, norms use their documented
statistics (biased variance to normalise, unbiased in the running estimate). Gradients come from
`numeric_vjp`: float64 central differences of these forwards, an oracle independent of both
implementations; max pooling and embedding have short closed forms instead.
"""
import math

import numpy as np

from .oracle_nn import numeric_pullback


def f64(x):
    return np.asarray(x, dtype=np.float64)


def tup(v, n):
    return tuple(v) if isinstance(v, (tuple, list)) else (v,) * n


# ---------------------------------------------------------------------------------------------
# gradients by central differences

def numeric_vjp(fn, inputs):
    """(fn(*inputs), pullback) with central-difference gradients for every float input
    (oracle_nn.numeric_pullback, taking the inputs as one tuple)."""
    return numeric_pullback(fn, *inputs)


# ---------------------------------------------------------------------------------------------
# padding (torch.nn.functional.pad: widths listed from the last dim backwards)

_NP_MODES = {"constant": "constant", "reflect": "reflect", "replicate": "edge", "circular": "wrap"}


def pad(x, widths, mode="constant", value=0.0):
    x = np.asarray(x)
    n = len(widths) // 2
    pairs = [(0, 0)] * (x.ndim - n) + [(widths[2 * i], widths[2 * i + 1]) for i in reversed(range(n))]
    # negative widths crop first
    key = tuple(slice(max(-lo, 0), x.shape[d] - max(-hi, 0)) for d, (lo, hi) in enumerate(pairs))
    x = x[key]
    pairs = [(max(lo, 0), max(hi, 0)) for lo, hi in pairs]
    if mode == "constant":
        return np.pad(x, pairs, mode="constant", constant_values=value)
    return np.pad(x, pairs, mode=_NP_MODES[mode])


def same_padding(k, d):
    """padding='same' for one dim: total d*(k-1), the odd extra on the far side."""
    total = d * (k - 1)
    return total // 2, total - total // 2


# ---------------------------------------------------------------------------------------------
# convolution: out[n, o, y, z] = b[o] + sum_{c, i, j} w[o, c, i, j] * xpad[n, g*Cg + c, y*s + i*d, z*s + j*d]

def conv2d(x, w, b=None, stride=1, padding=0, dilation=1, groups=1):
    x, w = f64(x), f64(w)
    s, d = tup(stride, 2), tup(dilation, 2)
    kh, kw = w.shape[2:]
    if padding == "valid":
        padding = 0
    if padding == "same":
        (ph0, ph1), (pw0, pw1) = same_padding(kh, d[0]), same_padding(kw, d[1])
    else:
        p = tup(padding, 2)
        ph0 = ph1 = p[0]
        pw0 = pw1 = p[1]
    xp = np.pad(x, [(0, 0), (0, 0), (ph0, ph1), (pw0, pw1)])
    n, c, hp, wp = xp.shape
    o = w.shape[0]
    cg, og = c // groups, o // groups
    oh = (hp - d[0] * (kh - 1) - 1) // s[0] + 1
    ow = (wp - d[1] * (kw - 1) - 1) // s[1] + 1
    out = np.zeros((n, o, oh, ow))
    for g in range(groups):
        xs = xp[:, g * cg:(g + 1) * cg]
        for i in range(kh):
            for j in range(kw):
                patch = xs[:, :, i * d[0]: i * d[0] + s[0] * (oh - 1) + 1: s[0],
                           j * d[1]: j * d[1] + s[1] * (ow - 1) + 1: s[1]]
                out[:, g * og:(g + 1) * og] += np.einsum("nchw,oc->nohw", patch, w[g * og:(g + 1) * og, :, i, j])
    if b is not None:
        out += f64(b)[None, :, None, None]
    return out


def conv1d(x, w, b=None, stride=1, padding=0, dilation=1, groups=1):
    p = padding if isinstance(padding, str) else (0, tup(padding, 1)[0])
    out = conv2d(f64(x)[:, :, None, :], f64(w)[:, :, None, :], b, (1, tup(stride, 1)[0]), p,
                 (1, tup(dilation, 1)[0]), groups)
    return out[:, :, 0, :]


def conv_transpose2d(x, w, b=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1):
    """Each input element scatters x[n, c, y, z] * w[c, o, i, j] to out[y*s + i*d - p, z*s + j*d - p]
    (the adjoint of conv2d); output_padding adds rows/columns on the far side."""
    x, w = f64(x), f64(w)
    s, p, op, d = tup(stride, 2), tup(padding, 2), tup(output_padding, 2), tup(dilation, 2)
    n, cin, h, wd = x.shape
    og = w.shape[1]
    kh, kw = w.shape[2:]
    cg = cin // groups
    full = np.zeros((n, og * groups, (h - 1) * s[0] + d[0] * (kh - 1) + 1 + op[0],
                     (wd - 1) * s[1] + d[1] * (kw - 1) + 1 + op[1]))
    for g in range(groups):
        xs = x[:, g * cg:(g + 1) * cg]
        for i in range(kh):
            for j in range(kw):
                contrib = np.einsum("nchw,co->nohw", xs, w[g * cg:(g + 1) * cg, :, i, j])
                full[:, g * og:(g + 1) * og, i * d[0]: i * d[0] + s[0] * (h - 1) + 1: s[0],
                     j * d[1]: j * d[1] + s[1] * (wd - 1) + 1: s[1]] += contrib
    out = full[:, :, p[0]: full.shape[2] - p[0], p[1]: full.shape[3] - p[1]]
    if b is not None:
        out = out + f64(b)[None, :, None, None]
    return out


def conv_transpose1d(x, w, b=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1):
    out = conv_transpose2d(f64(x)[:, :, None, :], f64(w)[:, :, None, :], b, (1, tup(stride, 1)[0]),
                           (0, tup(padding, 1)[0]), (0, tup(output_padding, 1)[0]), groups,
                           (1, tup(dilation, 1)[0]))
    return out[:, :, 0, :]


# ---------------------------------------------------------------------------------------------
# pooling. Output length: floor((L + 2p - d(k-1) - 1) / s) + 1, ceil instead of floor with
# ceil_mode, where a window may not start in the right padding (the MaxPool2d/AvgPool2d notes).

def pooled_size(size, k, s, p, d=1, ceil_mode=False):
    span = (size + 2 * p - d * (k - 1) - 1) / s
    n = (math.ceil(span) if ceil_mode else math.floor(span)) + 1
    if ceil_mode and (n - 1) * s >= size + p:
        n -= 1
    return n


def _windows(x, k, s, p, d, ceil_mode, fill):
    """(stack of window positions (K, ..., oh, ow), flat in-plane index of each position or -1)."""
    h, w = x.shape[-2:]
    oh = pooled_size(h, k[0], s[0], p[0], d[0], ceil_mode)
    ow = pooled_size(w, k[1], s[1], p[1], d[1], ceil_mode)
    need_h = (oh - 1) * s[0] + d[0] * (k[0] - 1) + 1
    need_w = (ow - 1) * s[1] + d[1] * (k[1] - 1) + 1
    extra_h = max(need_h - h - 2 * p[0], 0)
    extra_w = max(need_w - w - 2 * p[1], 0)
    widths = [(0, 0)] * (x.ndim - 2) + [(p[0], p[0] + extra_h), (p[1], p[1] + extra_w)]
    xp = np.pad(x, widths, constant_values=fill)
    ip = np.pad(np.arange(h * w).reshape(h, w), widths[-2:], constant_values=-1)
    stack, where = [], []
    for i in range(k[0]):
        for j in range(k[1]):
            rows = slice(i * d[0], i * d[0] + s[0] * (oh - 1) + 1, s[0])
            cols = slice(j * d[1], j * d[1] + s[1] * (ow - 1) + 1, s[1])
            stack.append(xp[..., rows, cols])
            where.append(ip[rows, cols])
    return np.stack(stack), np.stack(where)


def max_pool2d_with_indices(x, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
    """(max over each window, flat index y*W + x of the first maximum in the plane)."""
    x = f64(x)
    k = tup(kernel_size, 2)
    s = tup(stride if stride is not None else kernel_size, 2)
    stack, where = _windows(x, k, s, tup(padding, 2), tup(dilation, 2), ceil_mode, -np.inf)
    arg = np.argmax(stack, axis=0)
    idx = np.take_along_axis(np.broadcast_to(where.reshape(where.shape[:1] + (1,) * (x.ndim - 2) + where.shape[1:]),
                                             stack.shape), arg[None], axis=0)[0]
    return stack.max(axis=0), idx.astype(np.int64)


def max_pool2d(x, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
    return max_pool2d_with_indices(x, kernel_size, stride, padding, dilation, ceil_mode)[0]


def max_pool1d_with_indices(x, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
    out, idx = max_pool2d_with_indices(f64(x)[..., None, :], (1, tup(kernel_size, 1)[0]),
                                       (1, tup(stride if stride is not None else kernel_size, 1)[0]),
                                       (0, tup(padding, 1)[0]), (1, tup(dilation, 1)[0]), ceil_mode)
    return out[..., 0, :], idx[..., 0, :]


def max_pool_vjp(x, out_idx, nd):
    """Closed form: each output's gradient goes to the element its maximum came from."""
    x = f64(x)
    out, idx = out_idx

    def pullback(g):
        plane = int(np.prod(x.shape[-nd:]))
        gx = np.zeros(x.shape[:-nd] + (plane,))
        lead = int(np.prod(x.shape[:-nd]))
        gf, idf = f64(g).reshape(lead, -1), idx.reshape(lead, -1)
        gx2 = gx.reshape(lead, plane)
        for r in range(lead):
            np.add.at(gx2[r], idf[r], gf[r])
        return (gx.reshape(x.shape),)
    return out, pullback


def avg_pool2d(x, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
               divisor_override=None):
    """Mean over each window. With count_include_pad the divisor counts the zero padding (but not
    the part of a ceil_mode window beyond it); without, only the input elements."""
    x = f64(x)
    k = tup(kernel_size, 2)
    s = tup(stride if stride is not None else kernel_size, 2)
    p = tup(padding, 2)
    h, w = x.shape[-2:]
    stack, where = _windows(x, k, s, p, (1, 1), ceil_mode, 0.0)
    total = stack.sum(axis=0)
    oh, ow = total.shape[-2:]
    if divisor_override:
        return total / divisor_override
    div = np.zeros((oh, ow))
    for y in range(oh):
        y0 = y * s[0] - p[0]
        y1 = min(y0 + k[0], h + p[0])
        for z in range(ow):
            x0 = z * s[1] - p[1]
            x1 = min(x0 + k[1], w + p[1])
            if count_include_pad:
                div[y, z] = (y1 - y0) * (x1 - x0)
            else:
                div[y, z] = (min(y1, h) - max(y0, 0)) * (min(x1, w) - max(x0, 0))
    return total / div


def avg_pool1d(x, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True):
    return avg_pool2d(f64(x)[..., None, :], (1, tup(kernel_size, 1)[0]),
                      (1, tup(stride if stride is not None else kernel_size, 1)[0]), (0, tup(padding, 1)[0]),
                      ceil_mode, count_include_pad)[..., 0, :]


def _adaptive_bounds(n_in, n_out):
    return [(math.floor(i * n_in / n_out), math.ceil((i + 1) * n_in / n_out)) for i in range(n_out)]


def adaptive_pool2d(x, output_size, reduce):
    x = f64(x)
    h, w = x.shape[-2:]
    oh, ow = (output_size if isinstance(output_size, (tuple, list)) else (output_size, output_size))
    oh, ow = oh or h, ow or w
    out = np.zeros(x.shape[:-2] + (oh, ow))
    idx = np.zeros(x.shape[:-2] + (oh, ow), np.int64)
    for y, (y0, y1) in enumerate(_adaptive_bounds(h, oh)):
        for z, (x0, x1) in enumerate(_adaptive_bounds(w, ow)):
            win = x[..., y0:y1, x0:x1]
            if reduce == "avg":
                out[..., y, z] = win.mean(axis=(-2, -1))
            else:
                flat = win.reshape(win.shape[:-2] + (-1,))
                a = flat.argmax(axis=-1)
                out[..., y, z] = flat.max(axis=-1)
                idx[..., y, z] = (y0 + a // (x1 - x0)) * w + x0 + a % (x1 - x0)
    return out if reduce == "avg" else (out, idx)


def adaptive_avg_pool2d(x, output_size):
    return adaptive_pool2d(x, output_size, "avg")


def adaptive_avg_pool1d(x, output_size):
    return adaptive_pool2d(f64(x)[..., None, :], (1, output_size), "avg")[..., 0, :]


def adaptive_max_pool2d_with_indices(x, output_size):
    return adaptive_pool2d(x, output_size, "max")


# ---------------------------------------------------------------------------------------------
# normalisation: y = (x - E[x]) / sqrt(Var[x] + eps) * weight + bias, biased Var

def _affine(y, w, b, shape):
    if w is not None:
        y = y * f64(w).reshape(shape)
    if b is not None:
        y = y + f64(b).reshape(shape)
    return y


def batch_norm_stats(x):
    """(mean, biased var, count) per channel over (N, *spatial)."""
    x = f64(x)
    axes = (0,) + tuple(range(2, x.ndim))
    return x.mean(axis=axes), x.var(axis=axes), x.size // x.shape[1]


def batch_norm(x, running_mean=None, running_var=None, weight=None, bias=None, training=False, eps=1e-5):
    x = f64(x)
    shape = (1, -1) + (1,) * (x.ndim - 2)
    if training:
        mean, var, _ = batch_norm_stats(x)
    else:
        mean, var = f64(running_mean), f64(running_var)
    y = (x - mean.reshape(shape)) / np.sqrt(var.reshape(shape) + eps)
    return _affine(y, weight, bias, shape)


def updated_running_stats(x, running_mean, running_var, momentum=0.1, num_batches_tracked=1):
    """The BatchNorm docs' update: x_new = (1 - momentum) * x_old + momentum * x_batch with the
    unbiased batch variance; momentum=None is the cumulative average (factor 1/num_batches_tracked)."""
    mean, var, count = batch_norm_stats(x)
    unbiased = var * count / (count - 1)
    factor = 1.0 / num_batches_tracked if momentum is None else momentum
    return ((1 - factor) * f64(running_mean) + factor * mean, (1 - factor) * f64(running_var) + factor * unbiased)


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    x = f64(x)
    ns = tup(normalized_shape, 1)
    axes = tuple(range(x.ndim - len(ns), x.ndim))
    mean = x.mean(axis=axes, keepdims=True)
    var = x.var(axis=axes, keepdims=True)
    return _affine((x - mean) / np.sqrt(var + eps), weight, bias, ns)


def group_norm(x, num_groups, weight=None, bias=None, eps=1e-5):
    x = f64(x)
    n, c = x.shape[:2]
    xg = x.reshape(n, num_groups, -1)
    y = ((xg - xg.mean(axis=2, keepdims=True)) / np.sqrt(xg.var(axis=2, keepdims=True) + eps)).reshape(x.shape)
    return _affine(y, weight, bias, (1, -1) + (1,) * (x.ndim - 2))


def instance_norm(x, weight=None, bias=None, eps=1e-5):
    return group_norm(x, f64(x).shape[1], weight, bias, eps)


def normalize(x, p=2.0, dim=1, eps=1e-12):
    x = f64(x)
    norm = np.sum(np.abs(x) ** p, axis=dim, keepdims=True) ** (1.0 / p)
    return x / np.maximum(norm, eps)


def cosine_similarity(x1, x2, dim=1, eps=1e-8):
    x1, x2 = np.broadcast_arrays(f64(x1), f64(x2))
    n1 = np.maximum(np.sqrt((x1 * x1).sum(axis=dim)), eps)
    n2 = np.maximum(np.sqrt((x2 * x2).sum(axis=dim)), eps)
    return (x1 * x2).sum(axis=dim) / (n1 * n2)


# ---------------------------------------------------------------------------------------------
# embedding, one_hot

def embedding(idx, weight):
    return f64(weight)[np.asarray(idx)]


def embedding_vjp(idx, weight, padding_idx=None):
    """Closed form: the weight gradient adds every output row's gradient into the row it read;
    the padding_idx row stays zero."""
    idx = np.asarray(idx)
    out = embedding(idx, weight)

    def pullback(g):
        gw = np.zeros(np.shape(weight))
        np.add.at(gw, idx.reshape(-1), f64(g).reshape(-1, gw.shape[1]))
        if padding_idx is not None:
            gw[padding_idx] = 0
        return (gw,)
    return out, pullback


def one_hot(idx, num_classes=-1):
    idx = np.asarray(idx)
    n = int(idx.max()) + 1 if num_classes == -1 else num_classes
    return (idx[..., None] == np.arange(n)).astype(np.int64)


# ---------------------------------------------------------------------------------------------
# resampling and rearrangement

def _src_scale(n_in, n_out, scale):
    return 1.0 / scale if scale is not None else n_in / n_out


def interpolate_nearest(x, sizes, scales=None):
    """out[..., j] = x[..., floor(j * scale)] per spatial dim, scale = in/out or 1/scale_factor."""
    x = f64(x)
    for i, n_out in enumerate(sizes):
        dim = 2 + i
        n_in = x.shape[dim]
        src = np.minimum(np.floor(np.arange(n_out) * _src_scale(n_in, n_out, scales and scales[i])).astype(int),
                         n_in - 1)
        x = np.take(x, src, axis=dim)
    return x


def interpolate_linear(x, sizes, align_corners=False, scales=None):
    """Separable linear interpolation: align_corners maps corner pixel centres onto each other
    (src = j * (in-1)/(out-1)); otherwise src = (j + 0.5) * scale - 0.5, clamped at 0."""
    x = f64(x)
    for i, n_out in enumerate(sizes):
        dim = 2 + i
        n_in = x.shape[dim]
        j = np.arange(n_out, dtype=np.float64)
        if align_corners:
            src = j * (n_in - 1) / (n_out - 1) if n_out > 1 else np.zeros(n_out)
        else:
            src = np.maximum((j + 0.5) * _src_scale(n_in, n_out, scales and scales[i]) - 0.5, 0.0)
        i0 = np.minimum(np.floor(src).astype(int), n_in - 1)
        i1 = np.minimum(i0 + 1, n_in - 1)
        lam = (src - i0).reshape([-1 if d == dim else 1 for d in range(x.ndim)])
        x = np.take(x, i0, axis=dim) * (1 - lam) + np.take(x, i1, axis=dim) * lam
    return x


def _cubic_kernel(d, a=-0.75):
    """Keys' cubic convolution kernel W(d) (A = -0.75, torch's choice), for |d| < 2."""
    d = np.abs(d)
    near = ((a + 2) * d - (a + 3)) * d * d + 1
    far = a * d ** 3 - 5 * a * d ** 2 + 8 * a * d - 4 * a
    return np.where(d <= 1, near, np.where(d < 2, far, 0.0))


def interpolate_bicubic(x, sizes, align_corners=False, scales=None):
    """Separable bicubic: out[j] = sum over the four pixels p = floor(src) - 1 .. floor(src) + 2 of
    W(src - p) * x[clamp(p, 0, in - 1)], src as for linear but never clamped (so it may be negative)."""
    x = f64(x)
    for i, n_out in enumerate(sizes):
        dim = 2 + i
        n_in = x.shape[dim]
        j = np.arange(n_out, dtype=np.float64)
        if align_corners:
            src = j * (n_in - 1) / (n_out - 1) if n_out > 1 else np.zeros(n_out)
        else:
            src = (j + 0.5) * _src_scale(n_in, n_out, scales and scales[i]) - 0.5
        shape = [-1 if d == dim else 1 for d in range(x.ndim)]
        out = 0.0
        for k in (-1, 0, 1, 2):
            p = np.floor(src) + k
            out = out + np.take(x, np.clip(p, 0, n_in - 1).astype(int), axis=dim) * _cubic_kernel(src - p).reshape(shape)
        x = out
    return x


def interpolate_area(x, sizes):
    """mode='area': each output cell is the mean of the input box [floor(j*in/out), ceil((j+1)*in/out))
    along every spatial dim (adaptive average pooling), computed over the whole box at once."""
    x = f64(x)
    nd = len(sizes)
    out = np.empty(x.shape[:2] + tuple(sizes))
    for cell in np.ndindex(*sizes):
        box = tuple(slice(*_adaptive_bounds(x.shape[2 + i], sizes[i])[c]) for i, c in enumerate(cell))
        out[(Ellipsis,) + cell] = x[(Ellipsis,) + box].mean(axis=tuple(range(2, 2 + nd)))
    return out


# antialias=True (bilinear, bicubic, lanczos; 4-D): Pillow's resampling, which the documentation says the
# result matches for downsampling with align_corners=False. Each output sample j of a dim is centred
# at c = s * (j + 0.5) input units (s = input units per output unit: 1/scale_factor, in/out, or
# (in-1)/(out-1) with align_corners); the filter is stretched by max(s, 1), so a downsampled output
# averages every pixel under its footprint; pixel p (centre p + 0.5) within the stretched support
# weighs filter((p + 0.5 - c) / max(s, 1)); the weights of each output are normalised to sum to 1.
# The filters: the triangle of radius 1, Keys' cubic of radius 2 with a = -0.5 (Pillow's bicubic) and
# Lanczos-3, sin(pi d)/(pi d) * sin(pi d/3)/(pi d/3) of radius 3 (Pillow's lanczos).
ANTIALIAS_FILTERS = {"bilinear": (1.0, lambda d: np.maximum(1.0 - np.abs(d), 0.0)),
                     "bicubic": (2.0, lambda d: _cubic_kernel(d, a=-0.5)),
                     "lanczos": (3.0, lambda d: np.sinc(d) * np.sinc(d / 3.0))}


def antialias_weights(n_in, n_out, mode, align_corners=False, scale=None):
    """(n_out, n_in): row j holds output j's normalised weights over the pixels in its window."""
    radius, kernel = ANTIALIAS_FILTERS[mode]
    if align_corners:
        s = (n_in - 1) / (n_out - 1) if n_out > 1 else 0.0
    else:
        s = _src_scale(n_in, n_out, scale)
    stretch = max(s, 1.0)
    out = np.zeros((n_out, n_in))
    for j in range(n_out):
        centre = s * (j + 0.5)
        lo = max(int(np.floor(centre - radius * stretch + 0.5)), 0)
        hi = min(int(np.floor(centre + radius * stretch + 0.5)), n_in)
        w = np.array([kernel((p + 0.5 - centre) / stretch) for p in range(lo, hi)])
        total = w.sum()
        out[j, lo:hi] = w / total if total != 0 else w
    return out


def antialias_matrices(shape, sizes, mode, align_corners=False, scales=None):
    """(R, C): the weights along H and along W of an (N, C, H, W) input."""
    return tuple(antialias_weights(shape[2 + i], sizes[i], mode, align_corners, scales and scales[i])
                 for i in range(2))


def interpolate_antialias(x, sizes, mode, align_corners=False, scales=None):
    """(out, pullback): the resampling is linear and separable, out = R x C^T per (n, c) plane, so
    the gradient is R^T g C."""
    rows, cols = antialias_matrices(np.shape(x), sizes, mode, align_corners, scales)
    out = np.einsum("ih,nchw,jw->ncij", rows, f64(x), cols)

    def pullback(g):
        return (np.einsum("ih,ncij,jw->nchw", rows, f64(g), cols),)
    return out, pullback


def pixel_shuffle(x, r):
    """out[..., c, h*r + i, w*r + j] = x[..., c*r*r + i*r + j, h, w]."""
    x = np.asarray(x)
    *lead, c, h, w = x.shape
    out = np.empty(tuple(lead) + (c // (r * r), h * r, w * r), x.dtype)
    for ch in range(c // (r * r)):
        for i in range(r):
            for j in range(r):
                out[..., ch, i::r, j::r] = x[..., ch * r * r + i * r + j, :, :]
    return out


def unfold(x, kernel_size, dilation=1, padding=0, stride=1):
    """(N, C, H, W) -> (N, C*kh*kw, L): block l's (c, i, j) entry is xpad[c, y*s + i*d, z*s + j*d]."""
    x = f64(x)
    k, d, p, s = tup(kernel_size, 2), tup(dilation, 2), tup(padding, 2), tup(stride, 2)
    xp = np.pad(x, [(0, 0), (0, 0), (p[0], p[0]), (p[1], p[1])])
    n, c, hp, wp = xp.shape
    oh = (hp - d[0] * (k[0] - 1) - 1) // s[0] + 1
    ow = (wp - d[1] * (k[1] - 1) - 1) // s[1] + 1
    out = np.zeros((n, c, k[0], k[1], oh, ow))
    for i in range(k[0]):
        for j in range(k[1]):
            out[:, :, i, j] = xp[:, :, i * d[0]: i * d[0] + s[0] * (oh - 1) + 1: s[0],
                                 j * d[1]: j * d[1] + s[1] * (ow - 1) + 1: s[1]]
    return out.reshape(n, c * k[0] * k[1], oh * ow)


def fold(cols, output_size, kernel_size, dilation=1, padding=0, stride=1):
    """The adjoint of unfold: every block entry added back at the position it came from."""
    cols = f64(cols)
    k, d, p, s = tup(kernel_size, 2), tup(dilation, 2), tup(padding, 2), tup(stride, 2)
    h, w = tup(output_size, 2)
    n, ck, L = cols.shape
    c = ck // (k[0] * k[1])
    hp, wp = h + 2 * p[0], w + 2 * p[1]
    oh = (hp - d[0] * (k[0] - 1) - 1) // s[0] + 1
    ow = (wp - d[1] * (k[1] - 1) - 1) // s[1] + 1
    blocks = cols.reshape(n, c, k[0], k[1], oh, ow)
    out = np.zeros((n, c, hp, wp))
    for i in range(k[0]):
        for j in range(k[1]):
            out[:, :, i * d[0]: i * d[0] + s[0] * (oh - 1) + 1: s[0],
                j * d[1]: j * d[1] + s[1] * (ow - 1) + 1: s[1]] += blocks[:, :, i, j]
    return out[:, :, p[0]: p[0] + h, p[1]: p[1] + w]
