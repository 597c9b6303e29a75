"""The sentence each behaviour enforces, so the report can print what each test promises.

Resolution, most specific first (quote_for):
1. a seed citation quotes its sentence itself (seed_passages.py, checked against the seeds);
2. SENTENCES: one behaviour id -> the sentence on the page it cites (str), or (page#anchor, sentence);
   page_sentences.BEHAVIOURS: the same, for behaviours about one method of a class page (its first sentence);
3. FAMILIES: an id prefix -> (page#anchor, sentence), for behaviours sharing one rule (the longest
   prefix wins, and only for behaviours citing that page);
4. page_sentences.PAGES: the page's own first normative sentence, for every behaviour citing it;
   ALIASES: a page that only says "Alias for X"/"See X" borrows X's sentence, quoted from X's page.
Every quote is verbatim text of the page it names (or of the seed); spec_tests/meta/test_citations.py
checks the shapes and that each quote comes from the page its behaviour cites.
"""
from collections import namedtuple

from .catalogue import DOCS
from .page_sentences import ALIASES as _GENERATED_ALIASES
from .page_sentences import BEHAVIOURS as _METHOD_SENTENCES
from .page_sentences import PAGES as _GENERATED_PAGES

Quote = namedtuple("Quote", "url text")


def page_of(url):
    """A documentation URL without its anchor, relative to DOCS."""
    url = url[len(DOCS):] if url.startswith(DOCS) else url
    return url.split("#", 1)[0]


SENTENCES = {
    "grad.abs-zero-at-zero": "If the function is convex (at least locally), use the sub-gradient of minimum norm "
                             "(it is the steepest descent direction).",
    "grad.relu-zero-at-zero": "If the function is convex (at least locally), use the sub-gradient of minimum norm "
                              "(it is the steepest descent direction).",
    "grad.relu-functional-zero-at-zero": "If the function is convex (at least locally), use the sub-gradient of "
                                         "minimum norm (it is the steepest descent direction).",
    "grad.norm-zero-at-zero-vector": "If the function is convex (at least locally), use the sub-gradient of minimum "
                                     "norm (it is the steepest descent direction).",
    "grad.pow-zero-base-scalar-exponent": "If the function is defined, define the gradient at the current point by "
                                          "continuity (note that inf is possible here, for example for sqrt(0)).",
    "grad.pow-zero-base-tensor-exponent": "If the function is defined, define the gradient at the current point by "
                                          "continuity (note that inf is possible here, for example for sqrt(0)).",
    "grad.amax-ties-split": "amax/amin evenly distributes gradient between equal values, while max(dim)/min(dim) "
                            "propagates gradient only to a single index in the source tensor.",
    "grad.amin-ties-split": "amax/amin evenly distributes gradient between equal values, while max(dim)/min(dim) "
                            "propagates gradient only to a single index in the source tensor.",
    "grad.max-dim-tie-to-returned-index": "amax/amin evenly distributes gradient between equal values, while "
                                          "max(dim)/min(dim) propagates gradient only to a single index in the "
                                          "source tensor.",
    "grad.min-dim-tie-to-returned-index": "amax/amin evenly distributes gradient between equal values, while "
                                          "max(dim)/min(dim) propagates gradient only to a single index in the "
                                          "source tensor.",
    "overflow.maximum-propagates-nan": "If one of the elements being compared is a NaN, then that element is "
                                       "returned.",
    "overflow.minimum-propagates-nan": "If one of the elements being compared is a NaN, then that element is "
                                       "returned.",
    "overflow.fmax-ignores-one-nan": "if exactly one of the two elements being compared is a NaN then the non-NaN "
                                     "element is taken as the maximum. Only if both elements are NaN is NaN "
                                     "propagated.",
    "overflow.fmin-ignores-one-nan": "if exactly one of the two elements being compared is a NaN then the non-NaN "
                                     "element is taken as the minimum. Only if both elements are NaN is NaN "
                                     "propagated.",
    "overflow.log-softmax-large-logits": "While mathematically equivalent to log(softmax(x)), doing these two "
                                         "operations separately is slower and numerically unstable. This function "
                                         "uses an alternative formulation to compute the output and gradient "
                                         "correctly.",
    "overflow.maximum-doc-example": "Computes the element-wise maximum of input and other.",
    "overflow.logsumexp-large-logits": "Returns the log of summed exponentials of each row of the input tensor in "
                                       "the given dimension dim. The computation is numerically stabilized.",
    "reductions.logsumexp-stable": "Returns the log of summed exponentials of each row of the input tensor in the "
                                   "given dimension dim. The computation is numerically stabilized.",
    "grad.clamp-passes-at-bounds": "Clamps all elements in input into the range [ min, max ].",
    "grad.clamp-min-passes-at-bound": "Clamps all elements in input into the range [ min, max ].",
    "grad.clamp-max-passes-at-bound": "Clamps all elements in input into the range [ min, max ].",
    "grad.prod-finite-at-zeros": "Returns the product of all elements in the input tensor.",
    "grad.cumprod-finite-at-zeros": "Returns the cumulative product of elements of input in the dimension dim.",
    "grad.fmax-tie-to-first": "This is like torch.maximum() except it handles NaNs differently: if exactly one of the "
                              "two elements being compared is a NaN then the non-NaN element is taken as the maximum.",
}

# id prefix -> (page#anchor, sentence)
_HISTORY = ("notes/autograd.html#how-autograd-encodes-the-history",
            "When computing the forward pass, autograd simultaneously performs the requested computations and builds "
            "up a graph representing the function that computes the gradient (the .grad_fn attribute of each "
            "torch.Tensor is an entry point into this graph).")
_RECORDED = ("notes/autograd.html#setting-requires-grad",
             "During the forward pass, an operation is only recorded in the backward graph if at least one of its "
             "input tensors require grad.")
_ACCUMULATED = ("notes/autograd.html#setting-requires-grad",
                "During the backward pass (.backward()), only leaf tensors with requires_grad=True will have "
                "gradients accumulated into their .grad fields.")
_NO_GRAD = ("notes/autograd.html#no-grad-mode",
            "Computations in no-grad mode behave as if none of the inputs require grad.")
_VERSION_COUNTER = ("notes/autograd.html#in-place-correctness-checks",
                    "Once you access self.saved_tensors it is checked, and if it is greater than the saved value an "
                    "error is raised.")
_PROMOTE = "tensor_attributes.html#type-promotion-doc"
_PROMOTION = (_PROMOTE, "When the dtypes of inputs to an arithmetic operation (add, sub, div, mul) differ, we promote "
                        "by finding the minimum dtype that satisfies the following rules:")
_SCALAR_CATEGORY = (_PROMOTE, "If the type of a scalar operand is of a higher category than tensor operands (where "
                              "complex > floating > integral > boolean), we promote to a type with sufficient size to "
                              "hold all scalar operands of that category.")
_ZERO_DIM = (_PROMOTE, "If a zero-dimension tensor operand has a higher category than dimensioned operands, we "
                       "promote to a type with sufficient size and category to hold all zero-dim tensor operands of "
                       "that category.")
_DIMENSIONED = (_PROMOTE, "If there are no higher-category zero-dim operands, we promote to a type with sufficient "
                          "size and category to hold all dimensioned operands.")
_SCALAR_DTYPE = (_PROMOTE, "A floating point scalar operand has dtype torch.get_default_dtype() and an integral "
                           "non-boolean scalar operand has dtype torch.int64.")
_OUT_CAST = (_PROMOTE, "When the output tensor of an arithmetic operation is specified, we allow casting to its dtype "
                       "except that:")
_BINARY16 = ("tensor_attributes.html#torch-dtype",
             "Sometimes referred to as binary16: uses 1 sign, 5 exponent, and 10 significand bits.")
_INDEXING = ("tensors.html#initializing-and-basic-operations",
             "The contents of a tensor can be accessed and modified using Python’s indexing and slicing notation:")
_ITEM = ("tensors.html#initializing-and-basic-operations",
         "Use torch.Tensor.item() to get a Python number from a tensor containing a single value:")
_TENSOR = ("tensors.html#torch-tensor",
           "A torch.Tensor is a multi-dimensional matrix containing elements of a single data type.")
_INFERS = ("generated/torch.tensor.html#torch.tensor",
           "the desired data type of returned tensor. Default: if None, infers data type from data.")

FAMILIES = {
    "autograd.node-": _HISTORY,
    "autograd.grad-fn-": _HISTORY,
    "autograd.requires-grad-propagates": _RECORDED,
    "autograd.no-grad-input-no-grad-fn": _RECORDED,
    "autograd.accumulates-across-backward": _ACCUMULATED,
    "autograd.leaf-grads-are-their-own": _ACCUMULATED,
    "autograd.diamond-graph-accumulates": _ACCUMULATED,
    "autograd.nonleaf-grad-is-none": _ACCUMULATED,
    "autograd.unused-leaf-grad-stays-none": _ACCUMULATED,
    "autograd.grad-none-before-backward": _ACCUMULATED,
    "autograd.input-not-requiring-grad-gets-none": _ACCUMULATED,
    "grad.same-tensor-both-operands": _ACCUMULATED,
    "creation.requires-grad-default-false": (
        "notes/autograd.html#setting-requires-grad",
        "requires_grad is a flag, defaulting to false unless wrapped in a nn.Parameter, that allows for "
        "fine-grained exclusion of subgraphs from gradient computation."),
    "autograd.no-grad-": _NO_GRAD,
    "grad-errors.backward-inside-no-grad-graph": _NO_GRAD,
    "grad-errors.saved-": _VERSION_COUNTER,
    "autograd.hooks-run-in-order": (
        "notes/autograd.html#the-order-in-which-the-different-hooks-are-fired",
        "If multiple hooks of the same type are registered on the same Tensor or Node they are executed in the "
        "order in which they are registered."),
    "autograd.long-chain-no-recursion-error": (
        "notes/autograd.html#how-autograd-encodes-the-history",
        "By tracing this graph from roots to leaves, you can automatically compute the gradients using the chain "
        "rule."),
    "promotion.": _PROMOTION,
    "promotion.python-scalar": _SCALAR_CATEGORY,
    "promotion.int-tensor-times-float": _SCALAR_CATEGORY,
    "promotion.int64-tensor-plus-float": _SCALAR_CATEGORY,
    "promotion.float16-plus-python-float": _SCALAR_CATEGORY,
    "promotion.int-tensor-plus-float-zero-dim": _ZERO_DIM,
    "promotion.int-tensor-plus-int-zero-dim": _DIMENSIONED,
    "promotion.float32-plus-float64": _DIMENSIONED,
    "promotion.bool-tensor-plus-int": _SCALAR_DTYPE,
    "promotion.inplace-": _OUT_CAST,
    "float16.": _BINARY16,
    "float16.add-stays": _DIMENSIONED,
    "float16.div-stays": _DIMENSIONED,
    "float16.mul-stays": _DIMENSIONED,
    "float16.with-float32": _DIMENSIONED,
    "float16.scalar-rounded-first": _SCALAR_CATEGORY,
    "creation.dtype-": ("tensor_attributes.html#torch-dtype",
                        "A torch.dtype is an object that represents the data type of a torch.Tensor."),
    "contiguity.clone-": ("tensor_attributes.html#torch-memory-format",
                          "If input tensor is allocated in dense non-overlapping memory, the output tensor strides "
                          "will be copied from the input."),
    "indexing.": _INDEXING,
    "conversions.": _ITEM,
    "conversions.iteration-": _TENSOR,
    "conversions.len-of-zero-dim": _TENSOR,
    "creation.tensor-infers": _INFERS,
    "creation.tensor-mixed-int-float": _INFERS,
    "creation.tensor-dtype-argument": _INFERS,
}

_GENERAL_BROADCAST = ("notes/broadcasting.html#broadcasting-semantics",
                      "In short, if a PyTorch operation supports broadcast, then its Tensor arguments can be "
                      "automatically expanded to be of equal sizes (without making copies of the data).")
_BROADCASTABLE = ("notes/broadcasting.html#general-semantics",
                  "When iterating over the dimension sizes, starting at the trailing dimension, the dimension sizes "
                  "must either be equal, one of them is 1, or one of them does not exist.")
_INPLACE_BROADCAST = ("notes/broadcasting.html#in-place-semantics",
                      "One complication is that in-place operations do not allow the in-place tensor to change shape "
                      "as a result of the broadcast.")
_VIEW = ("tensor_view.html#tensor-views",
         "View tensor shares the same underlying data with its base tensor.")
_AUTOCAST = ("amp.html#torch.autocast",
             "In these regions, ops run in an op-specific dtype chosen by autocast to improve performance while "
             "maintaining accuracy.")
_CPU_AUTOCAST = ("amp.html#cpu-op-specific-behavior",
                 "These ops always go through autocasting whether they are invoked as part of a torch.nn.Module, as "
                 "a function, or as a torch.Tensor method.")
_SCALER = "amp.html#gradient-scaling"
_LOADER = "data.html#torch.utils.data.DataLoader"
_LEGACY = "tensors.html#torch.Tensor.__init__"

FAMILIES.update({
    "examples.promotion-": _PROMOTION,
    "examples.casting-": _OUT_CAST,
    "examples.broadcasting-": _BROADCASTABLE,
    "examples.broadcasting-inplace-": _INPLACE_BROADCAST,
    "broadcast.": _GENERAL_BROADCAST,
    "autograd.broadcast-grad-sums-to-input": _GENERAL_BROADCAST,
    "broadcast.incompatible-shapes-raise": _BROADCASTABLE,
    "broadcast.inplace-": _INPLACE_BROADCAST,
    "views.": _VIEW,
    "grad.basic-slicing": _VIEW,
    "grad.view-": _VIEW,
    "large.rank-6-strided": _VIEW,
    "indexing.basic-is-view": (
        "tensor_view.html#tensor-views",
        "When accessing the contents of a tensor via indexing, PyTorch follows Numpy behaviors that basic indexing "
        "returns views, while advanced indexing returns a copy."),
    "amp.autocast-": _AUTOCAST,
    "amp.autocast-float64-not-eligible": (
        "amp.html#op-eligibility",
        "Ops that run in float64 or non-floating-point dtypes are not eligible, and will run in these types whether "
        "or not autocast is enabled."),
    "amp.autocast-bmm": _CPU_AUTOCAST,
    "amp.autocast-linear": _CPU_AUTOCAST,
    "amp.autocast-matmul": _CPU_AUTOCAST,
    "amp.autocast-mm": _CPU_AUTOCAST,
    "amp.autocast-tensor-mm": _CPU_AUTOCAST,
    "amp.autocast-torch-matmul": _CPU_AUTOCAST,
    "amp.scale-": (_SCALER,
                   "To prevent underflow, “gradient scaling” multiplies the network’s loss(es) by a scale factor and "
                   "invokes a backward pass on the scaled loss(es)."),
    "amp.step-": (_SCALER,
                  "If infs/NaNs are found, scaler.step(optimizer) skips the underlying optimizer.step() (so the params "
                  "themselves remain uncorrupted) and update() multiplies the scale by backoff_factor."),
    "amp.step-after-unscale-uses-true-grads": (
        _SCALER,
        "Each parameter’s gradient (.grad attribute) should be unscaled before the optimizer updates the parameters, "
        "so the scale factor does not interfere with the learning rate."),
    "amp.scale-growth-backoff-sequence": (
        _SCALER,
        "If growth_interval unskipped iterations occur consecutively, update() multiplies the scale by "
        "growth_factor."),
    "data.loader-shuffle-": (_LOADER, "set to True to have the data reshuffled at every epoch (default: False)."),
    "data.loader-last-partial-batch-and-drop-last": (
        _LOADER, "set to True to drop the last incomplete batch, if the dataset size is not divisible by the batch "
                 "size."),
    "data.loader-mutually-exclusive-options": (_LOADER, "Mutually exclusive with batch_size, shuffle, sampler, and "
                                                        "drop_last."),
    "data.loader-sampler-option": (_LOADER, "defines the strategy to draw samples from the dataset."),
    "data.loader-collate-fn": (_LOADER, "merges a list of samples to form a mini-batch of Tensor(s)."),
    "data.workers-timeout": (_LOADER, "if positive, the timeout value for collecting a batch from workers."),
    "optim.error-": ("optim.html#torch.optim.Optimizer", "Specifies what Tensors should be optimized."),
    "optim.groups-defaults-attribute": (
        "optim.html#torch.optim.Optimizer",
        "a dict containing default values of optimization options (used when a parameter group doesn’t specify "
        "them)."),
    "optim.groups-": (
        "optim.html#per-parameter-options",
        "Each of them will define a separate parameter group, and should contain a params key, containing a list "
        "of parameters belonging to it."),
    "optim.flags-accepted": (
        "optim.html#constructing-it",
        "Then, you can specify optimizer-specific options such as the learning rate, weight decay, etc."),
    "lr-scheduler.": ("optim.html#how-to-adjust-learning-rate",
                      "Learning rate scheduling should be applied after optimizer’s update; e.g., you should write "
                      "your code this way:"),
    "tensor.legacy-": (_LEGACY, "If data is a sequence or nested sequence, create a tensor of the default dtype "
                                "(typically torch.float32) whose data is the values in the sequences, performing "
                                "coercions if necessary."),
    "tensor.legacy-size-object": (_LEGACY, "If data is a torch.Size, returns an empty tensor of that size."),
})

_SERIALIZATION = "notes/serialization.html"
_WEIGHTS_ONLY = (f"{_SERIALIZATION}#torch-load-with-weights-only-true",
                 "Starting in version 2.6, torch.load will use weights_only=True if the pickle_module argument is not "
                 "passed.")
_FLOAT_ACCURACY = ("notes/numerical_accuracy.html#numerical-accuracy",
                   "In particular, note that floating point provides limited accuracy (about 7 decimal digits for "
                   "single precision floating point numbers, about 16 decimal digits for double precision floating "
                   "point numbers) and that floating point addition and multiplication are not associative, so the "
                   "order of the operations affects the results.")

FAMILIES.update({
    "elementwise.nan-": ("notes/numerical_accuracy.html#numerical-accuracy",
                         "In modern computers, floating point numbers are represented using IEEE 754 standard."),
    "float16.mean-of-halfs": _FLOAT_ACCURACY,
    "float16.sum-accumulates-wider": _FLOAT_ACCURACY,
    "serialization.roundtrip-views-": (f"{_SERIALIZATION}#saving-and-loading-tensors-preserves-views",
                                       "Saving tensors preserves their view relationships:"),
    "serialization.view-saves-whole-storage": (
        f"{_SERIALIZATION}#saving-and-loading-tensors-preserves-views",
        "When PyTorch saves tensors it saves their storage objects and tensor metadata separately."),
    "serialization.add-safe-globals": (
        f"{_SERIALIZATION}#weights-only-allowlist",
        "If you trust these functions/classes, you can import them and allowlist them per the error message either "
        "via torch.serialization.add_safe_globals() or the context manager torch.serialization.safe_globals."),
    "serialization.safe-globals-": (
        f"{_SERIALIZATION}#weights-only-allowlist",
        "If you trust these functions/classes, you can import them and allowlist them per the error message either "
        "via torch.serialization.add_safe_globals() or the context manager torch.serialization.safe_globals."),
    "serialization.weights-only-refuses-code": (
        f"{_SERIALIZATION}#weights-only-security",
        "Further, unlike the default Unpickler provided by the pickle module, the weights_only Unpickler is not "
        "allowed to dynamically import anything during unpickling."),
    "serialization.payloads-are-live": _WEIGHTS_ONLY,
    "serialization.cross-": (f"{_SERIALIZATION}#saving-and-loading-tensors",
                             "torch.save() and torch.load() let you easily save and load tensors:"),
    "serialization.cross-state-dict": (f"{_SERIALIZATION}#saving-and-loading-torch-nn-modules",
                                       "A module’s state dict contains all of its parameters and persistent buffers:"),
    "serialization.whole-module-needs-weights-only-false": (
        f"{_SERIALIZATION}#weights-only-allowlist",
        "If loading an old checkpoint that contains an nn.Module, we recommend weights_only=False."),
    "serialization.checkpoint-resume": (
        f"{_SERIALIZATION}#saving-and-loading-torch-nn-modules",
        "Instead of saving a module directly, for compatibility reasons it is recommended to instead save only its "
        "state dict."),
    "serialization.cross-optimizer-checkpoint": (
        f"{_SERIALIZATION}#saving-and-loading-torch-nn-modules",
        "Instead of saving a module directly, for compatibility reasons it is recommended to instead save only its "
        "state dict."),
})

_INIT = "tensors.html#initializing-and-basic-operations"
FAMILIES.update({
    "examples.tensors-from-": (_INIT, "A tensor can be constructed from a Python list or sequence using the "
                                      "torch.tensor() constructor:"),
    "examples.tensors-zeros-int32": (_INIT, "A tensor of specific data type can be constructed by passing a "
                                            "torch.dtype and/or a torch.device to a constructor or tensor creation "
                                            "op:"),
    "examples.tensors-index-": _INDEXING,
    "examples.tensors-item-": _ITEM,
    "examples.tensors-requires-grad-backward": (_INIT, "A tensor can be created with requires_grad=True so that "
                                                       "torch.autograd records operations on them for automatic "
                                                       "differentiation."),
    "examples.layout-": ("tensor_attributes.html#torch-layout",
                         "Strides are a list of integers: the k-th stride represents the jump in the memory necessary "
                         "to go from one element to the next one in the k-th dimension of the Tensor."),
    "examples.views-": ("tensor_view.html#tensor-views",
                        "Taking a view of contiguous tensor could potentially produce a non-contiguous tensor."),
    "examples.autograd-requires-grad-": _RECORDED,
    "examples.numerical-": ("notes/numerical_accuracy.html#extremal-values",
                            "When inputs contain large values such that intermediate results may overflow the range "
                            "of the used datatype, the end result may overflow too, even though it is representable "
                            "in the original datatype."),
    "examples.serialization-views-": (f"{_SERIALIZATION}#saving-and-loading-tensors-preserves-views",
                                      "Saving tensors preserves their view relationships:"),
    "examples.serialization-batchnorm-": (f"{_SERIALIZATION}#saving-and-loading-torch-nn-modules",
                                          "A module’s state dict contains all of its parameters and persistent "
                                          "buffers:"),
})

# The behaviours of the sorting, counting and matrix-function pages, the autograd API page, the extending and
# randomness notes and the data page: each quotes the sentence of its page that states what it tests.
_DIAG = "generated/torch.diag.html#torch.diag"
_VECTOR_DIAG = (_DIAG, "If input is a vector (1-D tensor), then returns a 2-D square tensor with the elements of input "
                       "as the diagonal.")
_MATRIX_DIAG = (_DIAG, "If input is a matrix (2-D tensor), then returns a 1-D tensor with the diagonal elements of "
                       "input.")
_HIGHER_DIFF = "Higher-order differences are calculated by using torch.diff() recursively."
_MATRIX_POWER = "generated/torch.linalg.matrix_power.html#torch.linalg.matrix_power"
_NEGATIVE_POWER = (_MATRIX_POWER, "If n is negative, it returns the inverse of each matrix (if invertible) raised to "
                                  "the power of abs(n).")
_SORT = "generated/torch.sort.html#torch.sort"
_SORTED_PAIR = (_SORT, "A namedtuple of (values, indices) is returned, where the values are the sorted values and "
                       "indices are the indices of the elements in the original input tensor.")
_MEDIAN_DIM = ("Returns a namedtuple (values, indices) where values contains the median of each row of input in the "
               "dimension dim, and indices contains the index of the median values found in the dimension dim.")
_MESH = ("generated/torch.meshgrid.html#torch.meshgrid",
         "If \"xy\" is selected, the first dimension corresponds to the cardinality of the second input and the second "
         "dimension corresponds to the cardinality of the first input.")
_NEXT = "generated/torch.autograd.graph.Node.next_functions.html#torch.autograd.graph.Node.next_functions"
_EXTENDING = "notes/extending.html#extending-torch-autograd"
_RETURNS_PER_INPUT = (_EXTENDING, "It should return as many tensors as there were inputs, with each of them containing "
                                  "the gradient w.r.t. its corresponding input.")
_REWRITES_CREATOR = ("notes/autograd.html#in-place-operations-with-autograd",
                     "Out-of-place versions simply allocate new objects and keep references to the old graph, while "
                     "in-place operations, require changing the creator of all inputs to the Function representing "
                     "this operation.")
_CHAIN_RULE = ("notes/autograd.html#how-autograd-encodes-the-history",
               "By tracing this graph from roots to leaves, you can automatically compute the gradients using the chain "
               "rule.")
_GRAPH_NODE = ("autograd.html#autograd-graph",
               "The grad_fn attribute of a torch.Tensor holds a torch.autograd.graph.Node if the tensor is the output of "
               "a operation that was recorded by autograd (i.e., grad_mode is enabled and at least one of the inputs "
               "required gradients), or None otherwise.")
_VARIABLE = ("autograd.html#variable-deprecated",
             "Variable(tensor) and Variable(tensor, requires_grad) still work as expected, but they return Tensors "
             "instead of Variables.")
_DATA = "data.html"
_NO_KEYS = (f"{_DATA}#data-loading-order-and-sampler",
            "Neither sampler nor batch_sampler is compatible with iterable-style datasets, since such datasets have no "
            "notion of a key or an index.")

SENTENCES.update({
    "counting.bincount": "The number of bins (size 1) is one larger than the largest value in input unless input is "
                         "empty, in which case the result is a tensor of size 0.",
    "counting.bincount-weights": "If n is the value at position i, out[n] += weights[i] if weights is specified else "
                                 "out[n] += 1.",
    "counting.histc": "The elements are sorted into equal width bins between min and max.",
    "matrix.diag-of-vector": _VECTOR_DIAG,
    "grad.diag-vector": _VECTOR_DIAG,
    "matrix.diag-of-vector-above": (_DIAG, "If diagonal > 0, it is above the main diagonal."),
    "matrix.diag-of-matrix": _MATRIX_DIAG,
    "grad.diag-matrix": _MATRIX_DIAG,
    "matrix.diag-of-matrix-below": (_DIAG, "If diagonal < 0, it is below the main diagonal."),
    "grad.diagonal-offset": ("generated/torch.diagonal.html#torch.diagonal",
                             "If offset < 0, it is below the main diagonal."),
    "matrix.diff": "The first-order differences are given by out[i] = input[i + 1] - input[i].",
    "matrix.diff-of-bools-is-xor": "The first-order differences are given by out[i] = input[i + 1] - input[i].",
    "matrix.diff-twice-dim0": _HIGHER_DIFF,
    "grad.diff": _HIGHER_DIFF,
    "matrix.diff-prepend": "values to prepend or append to input along dim before computing the difference.",
    "matrix.matrix-power-negative": _NEGATIVE_POWER,
    "grad.matrix-power-negative": _NEGATIVE_POWER,
    "matrix.meshgrid-ij-and-xy": _MESH,
    "matrix.meshgrid-three-xy": _MESH,
    "grad.meshgrid": ("generated/torch.meshgrid.html#torch.meshgrid",
                      "If \"ij\" is selected, the dimensions are in the same order as the cardinality of the inputs."),
    "sorting.sort-stable-values-and-indices": "If stable is True then the sorting routine becomes stable, preserving "
                                              "the order of equivalent elements.",
    "sorting.sort-default-values": "If dim is not given, the last dimension of the input is chosen.",
    "grad.sort": _SORTED_PAIR,
    "grad.sort-ties-to-returned-indices": _SORTED_PAIR,
    "grad.sort-descending": (_SORT, "If descending is True then the elements are sorted in descending order by value."),
    "sorting.argsort-is-stable-sort-indices": "This is the second value returned by torch.sort().",
    "grad.kthvalue-tie-to-returned-index": "And indices is the index location of each element found.",
    "sorting.median-lower-of-two-middles": "In this case the lower of the two medians is returned.",
    "sorting.median-along-dim": _MEDIAN_DIM,
    "grad.median-dim": _MEDIAN_DIM,
    "grad.median-tie-to-returned-index": _MEDIAN_DIM,
    "sorting.nanmedian-ignores-nan": "When input has one or more NaN values, torch.median() will always return NaN, "
                                     "while this function will return the median of the non-NaN elements in input.",
    "sorting.topk-largest-and-smallest": "If largest is False then the k smallest elements are returned.",
    "grad.topk": "A namedtuple of (values, indices) is returned with the values and indices of the largest k elements "
                 "of each row of the input tensor in the given dimension dim.",
    "conversions.finfo-float16": ("type_info.html#torch.finfo",
                                  "A torch.finfo is an object that represents the numerical properties of a floating "
                                  "point torch.dtype, (i.e. torch.float32, torch.float64, torch.float16, and "
                                  "torch.bfloat16)."),
    "conversions.iinfo": ("type_info.html#torch.iinfo",
                          "A torch.iinfo is an object that represents the numerical properties of a integer torch.dtype "
                          "(i.e. torch.uint8, torch.int8, torch.int16, torch.int32, and torch.int64)."),
    "printing.dtype-prints-with-torch-prefix": ("tensor_attributes.html#torch-dtype",
                                                "A torch.dtype is an object that represents the data type of a "
                                                "torch.Tensor."),
    "errors.int-tensor-cannot-require-grad": (
        "autograd.html#module-torch.autograd",
        "As of now, we only support autograd for floating point Tensor types ( half, float, double and bfloat16) and "
        "complex Tensor types (cfloat, cdouble)."),
    "keywords.out-with-grad-raises": ("notes/out.html#out-notes",
                                      "passing out= tensors with grad needed is not supported."),
    "autograd.next-functions-leaves": (_NEXT, "Each entry is a (Node, int) pair."),
    "autograd.next-functions-chain": (_NEXT, "Each entry is a (Node, int) pair."),
    "autograd.next-functions-constant-is-none": (_NEXT, "The node is None for an input that does not require "
                                                        "gradients."),
    "autograd.next-functions-output-number": (_NEXT, "The integer is the output index of the input function to which "
                                                     "this edge connects."),
    "autograd.functional-leaves-inputs-alone": ("autograd.html#functional-higher-level-api",
                                                "This API works with user-provided functions that take only Tensors as "
                                                "input and return only Tensors."),
    "autograd.functional-create-graph-is-differentiable": (
        "autograd.html#functional-higher-level-api",
        "This section contains the higher level API for the autograd that builds on the basic API above and allows "
        "you to compute jacobians, hessians, etc."),
    "function.backward-overrides-forward-graph": (
        _EXTENDING, "Tensor arguments that track history (i.e., with requires_grad=True) will be converted to ones that "
                    "don’t track history before the call, and their use will be registered in the graph."),
    "function.needs-input-grad-and-none-gradient": (
        _EXTENDING, "If your inputs didn’t require gradient (needs_input_grad is a tuple of booleans indicating whether "
                    "each input needs gradient computation), or were non-Tensor objects, you can return None."),
    "function.non-tensor-argument-and-ctx-attribute": (
        _EXTENDING, "You cannot use save_for_backward for non-tensors; you should store those directly on ctx."),
    "function.grad-fn-name": (_EXTENDING, "Recall that Functions are what autograd uses to encode the operation history "
                                          "and compute gradients."),
    "grad-errors.function-gradient-wrong-shape": _RETURNS_PER_INPUT,
    "grad-errors.function-too-many-gradients": _RETURNS_PER_INPUT,
    "generator.seeded-draws-reproducible": (
        "generated/torch.Generator.html#torch.Generator",
        "Creates and returns a generator object that manages the state of the algorithm which produces pseudo random "
        "numbers."),
    "generator.manual-seed-and-initial-seed": (
        "generated/torch.Generator.html#torch.Generator.manual_seed",
        "Sets the seed for generating random numbers."),
    "data.loader-batches-in-order": (f"{_DATA}#automatic-batching-default",
                                     "When batch_size (default 1) is not None, the data loader yields batched samples "
                                     "instead of individual samples."),
    "data.loader-iterable-dataset-batches": (
        f"{_DATA}#iterable-style-datasets",
        "An iterable-style dataset is an instance of a subclass of IterableDataset that implements the __iter__() "
        "protocol, and represents an iterable over data samples."),
    "data.workers-iterable-sharding": (
        f"{_DATA}#multi-process-data-loading",
        "Using torch.utils.data.get_worker_info() and/or worker_init_fn, users may configure each replica "
        "independently."),
    "data.loader-no-batching": (f"{_DATA}#disable-automatic-batching",
                                "When both batch_size and batch_sampler are None (default value for batch_sampler is "
                                "already None), automatic batching is disabled."),
    "data.sampler-generator-reproducible": (
        f"{_DATA}#data-loading-order-and-sampler",
        "torch.utils.data.Sampler classes are used to specify the sequence of indices/keys used in data loading."),
    "data.workers-equal-in-process": (f"{_DATA}#multi-process-data-loading",
                                      "For map-style datasets, the main process generates the indices using sampler "
                                      "and sends them to the workers."),
    "data.workers-error-surfaces": (f"{_DATA}#multi-process-data-loading",
                                    "This means that dataset access together with its internal IO, transforms "
                                    "(including collate_fn) runs in the worker process."),
    "data.loader-seeded-generator-reproducible": ("notes/randomness.html#dataloader",
                                                  "Use worker_init_fn() and generator to preserve reproducibility:"),
    "data.loader-manual-seed-reproducible": (
        "notes/randomness.html#pytorch-random-number-generator",
        "However, as long as torch.manual_seed() is set to a constant at the beginning of an application and all "
        "other sources of nondeterminism have been eliminated, the same series of random numbers will be generated "
        "each time the application is run in the same environment."),
    "dispatch.binary-result-independent-of-earlier-calls": _PROMOTION,
    "dispatch.index-result-independent-of-earlier-calls": _INDEXING,
    "large.integer-index": ("tensor_view.html#tensor-views",
                            "When accessing the contents of a tensor via indexing, PyTorch follows Numpy behaviors that "
                            "basic indexing returns views, while advanced indexing returns a copy."),
})

FAMILIES.update({
    "conversions.finfo-": SENTENCES["conversions.finfo-float16"],
    "conversions.len-is-first-dim": _TENSOR,
    "tensor.isinstance-of-tensor": _TENSOR,
    "tensor.type-is-the-namespace-tensor": _TENSOR,
    "autograd.edges-": _GRAPH_NODE,
    "autograd.variable-": _VARIABLE,
    "autograd.grad-dtype-": _ACCUMULATED,
    "grad.index-": _CHAIN_RULE,
    "grad-errors.inplace-on-": _REWRITES_CREATOR,
    "grad-errors.augmented-assignment-on-leaf": _REWRITES_CREATOR,
    "grad-errors.setitem-on-leaf": _REWRITES_CREATOR,
    "grad-errors.zero-on-leaf": _REWRITES_CREATOR,
    "data.loader-iterable-dataset-no-shuffle": _NO_KEYS,
})


# pages quoted by hand where the page's first sentence holds math or is not the normative one
PAGES = {
    "generated/torch.tensor.html#torch.tensor":
        "Constructs a tensor with no autograd history (also known as a “leaf tensor”, see Autograd mechanics) by "
        "copying data.",
    "generated/torch.nn.Linear.html#torch.nn.Linear":
        "Applies an affine linear transformation to the incoming data:",
    "generated/torch.nn.functional.linear.html#torch.nn.functional.linear":
        "Applies a linear transformation to the incoming data:",
    "generated/torch.nn.Bilinear.html#torch.nn.Bilinear":
        "Applies a bilinear transformation to the incoming data:",
    "generated/torch.nn.RNN.html#torch.nn.RNN":
        "For each element in the input sequence, each layer computes the following function:",
    "generated/torch.optim.Adam.html#torch.optim.Adam": "Implements Adam algorithm.",
    "generated/torch.optim.Adagrad.html#torch.optim.Adagrad": "Implements Adagrad algorithm.",
    "generated/torch.optim.Adadelta.html#torch.optim.Adadelta": "Implements Adadelta algorithm.",
    "generated/torch.optim.NAdam.html#torch.optim.NAdam": "Implements NAdam algorithm.",
    "generated/torch.optim.RAdam.html#torch.optim.RAdam": "Implements RAdam algorithm.",
    "generated/torch.optim.RMSprop.html#torch.optim.RMSprop": "Implements RMSprop algorithm.",
    "generated/torch.optim.LBFGS.html#torch.optim.LBFGS": "Implements L-BFGS algorithm.",
    "generated/torch.rand.html#torch.rand": "The shape of the tensor is defined by the variable argument size.",
    "generated/torch.nn.functional.pad.html#torch.nn.functional.pad":
        "The padding size by which to pad some dimensions of input are described starting from the last "
        "dimension and moving forward.",
    "generated/torch.nn.BCELoss.html#torch.nn.BCELoss":
        "Creates a criterion that measures the Binary Cross Entropy between the target and the input probabilities:",
    "generated/torch.allclose.html#torch.allclose":
        "This function checks if input and other satisfy the condition:",
    "generated/torch.reciprocal.html#torch.reciprocal":
        "Returns a new tensor with the reciprocal of the elements of input",
    "generated/torch.get_default_device.html#torch.get_default_device":
        "Gets the default torch.Tensor to be allocated on device",
    "generated/torch.nn.init.constant_.html#torch.nn.init.constant_":
        "Fill the input Tensor with the value val.",
    "generated/torch.arange.html#torch.arange":
        "If any of start, end, or stop are floating-point, the dtype is inferred to be the default dtype, see "
        "get_default_dtype().",
    "generated/torch.broadcast_tensors.html#torch.broadcast_tensors":
        "Broadcasts the given tensors according to Broadcasting semantics.",
    "generated/torch.nn.functional.gelu.html#torch.nn.functional.gelu":
        "When the approximate argument is ‘none’, it applies element-wise the function",
    "generated/torch.nn.LogSoftmax.html#torch.nn.LogSoftmax":
        "a Tensor of the same dimension and shape as the input with values in the range [-inf, 0)",
    "generated/torch.asinh.html#torch.asinh":
        "Returns a new tensor with the inverse hyperbolic sine of the elements of input.",
    "generated/torch.Tensor.asinh_.html#torch.Tensor.asinh_": "In-place version of asinh()",
    "generated/torch.Tensor.arcsinh_.html#torch.Tensor.arcsinh_": "In-place version of arcsinh()",
    "generated/torch.Tensor.exp_.html#torch.Tensor.exp_": "In-place version of exp()",
    "generated/torch.Tensor.exponential_.html#torch.Tensor.exponential_":
        "Fills self tensor with elements drawn from the PDF (probability density function):",
    "generated/torch.Tensor.index_put.html#torch.Tensor.index_put": "Out-place version of index_put_().",
    "generated/torch.nn.functional.relu_.html#torch.nn.functional.relu_": "In-place version of relu().",
    "generated/torch.bincount.html#torch.bincount":
        "Count the frequency of each value in an array of non-negative ints.",
    "generated/torch.count_nonzero.html#torch.count_nonzero":
        "Counts the number of non-zero values in the tensor input along the given dim.",
    "generated/torch.histc.html#torch.histc": "Computes the histogram of a tensor.",
    "generated/torch.empty_strided.html#torch.empty_strided":
        "Creates a tensor with the specified size and stride and filled with undefined data.",
    "generated/torch.rand_like.html#torch.rand_like":
        "Returns a tensor with the same size as input that is filled with random numbers from a uniform distribution "
        "on the interval [0, 1).",
    "generated/torch.cartesian_prod.html#torch.cartesian_prod": "Do cartesian product of the given sequence of tensors.",
    "generated/torch.diagonal.html#torch.diagonal":
        "Returns a partial view of input with the its diagonal elements with respect to dim1 and dim2 appended as a "
        "dimension at the end of the shape.",
    "generated/torch.diff.html#torch.diff": "Computes the n-th forward difference along the given dimension.",
    "generated/torch.kthvalue.html#torch.kthvalue":
        "Returns a namedtuple (values, indices) where values is the k th smallest element of each row of the input "
        "tensor in the given dimension dim.",
    "generated/torch.median.html#torch.median": "Returns the median of the values in input.",
    "generated/torch.nanmedian.html#torch.nanmedian": "Returns the median of the values in input, ignoring NaN values.",
    "generated/torch.mode.html#torch.mode":
        "Returns a namedtuple (values, indices) where values is the mode value of each row of the input tensor in the "
        "given dimension dim, i.e. a value which appears most often in that row, and indices is the index location of "
        "each mode value found.",
    "generated/torch.msort.html#torch.msort":
        "Sorts the elements of the input tensor along its first dimension in ascending order by value.",
    "generated/torch.sort.html#torch.sort":
        "Sorts the elements of the input tensor along a given dimension in ascending order by value.",
    "generated/torch.argsort.html#torch.argsort":
        "Returns the indices that sort a tensor along a given dimension in ascending order by value.",
    "generated/torch.topk.html#torch.topk":
        "Returns the k largest elements of the given input tensor along a given dimension.",
    "generated/torch.trace.html#torch.trace":
        "Returns the sum of the elements of the diagonal of the input 2-D matrix.",
    "generated/torch.linalg.matrix_power.html#torch.linalg.matrix_power":
        "Computes the n-th power of a square matrix for an integer n.",
    "generated/torch.Generator.html#torch.Generator":
        "Creates and returns a generator object that manages the state of the algorithm which produces pseudo random "
        "numbers.",
    "generated/torch.autograd.graph.Node.next_functions.html#torch.autograd.graph.Node.next_functions":
        "Return the edges from this node to its input functions.",
    "generated/torch.einsum.html#torch.einsum":
        "Sums the product of the elements of the input operands along dimensions specified using a notation based on "
        "the Einstein summation convention.",
    "generated/torch.cdist.html#torch.cdist":
        "Computes batched the p-norm distance between each pair of the two collections of row vectors.",
    "generated/torch.quantile.html#torch.quantile":
        "Computes the q-th quantiles of each row of the input tensor along the dimension dim.",
    "generated/torch.nanquantile.html#torch.nanquantile":
        "This is a variant of torch.quantile() that “ignores” NaN values, computing the quantiles q as if NaN values "
        "in input did not exist.",
    "generated/torch.cov.html#torch.cov":
        "Estimates the covariance matrix of the variables given by the input matrix, where rows are the variables and "
        "columns are the observations.",
    "generated/torch.corrcoef.html#torch.corrcoef":
        "Estimates the Pearson product-moment correlation coefficient matrix of the variables given by the input "
        "matrix, where rows are the variables and columns are the observations.",
    "generated/torch.repeat_interleave.html#torch.repeat_interleave": "Repeat elements of a tensor.",
    "generated/torch.tensordot.html#torch.tensordot": "Returns a contraction of a and b over multiple dimensions.",
    "generated/torch.kron.html#torch.kron":
        "If one tensor has fewer dimensions than the other it is unsqueezed until it has the same number of "
        "dimensions.",
    "generated/torch.inner.html#torch.inner": "Computes the dot product for 1D tensors.",
    "generated/torch.block_diag.html#torch.block_diag": "Create a block diagonal matrix from provided tensors.",
    "generated/torch.addmm.html#torch.addmm": "Performs a matrix multiplication of the matrices mat1 and mat2.",
    "generated/torch.Tensor.fill_diagonal_.html#torch.Tensor.fill_diagonal_":
        "Fill the main diagonal of a tensor that has at least 2-dimensions.",
}

# a page that only refers to another ("Alias for torch.abs()", "See torch.cumsum()") -> that page
ALIASES = dict(_GENERATED_ALIASES, **{
    "generated/torch.arcsinh.html": "generated/torch.asinh.html",
    "generated/torch.Tensor.ndimension.html": "generated/torch.Tensor.dim.html",
    # "Alias for numel()", whose page says "See torch.numel()"
    "generated/torch.Tensor.nelement.html": "generated/torch.numel.html",
    "generated/torch.Tensor.diag.html": "generated/torch.diag.html",
    "generated/torch.Tensor.diagonal.html": "generated/torch.diagonal.html",
    "generated/torch.Tensor.trace.html": "generated/torch.trace.html",
    "generated/torch.Tensor.sort.html": "generated/torch.sort.html",
    "generated/torch.Tensor.matrix_power.html": "generated/torch.linalg.matrix_power.html",
    "generated/torch.matrix_power.html": "generated/torch.linalg.matrix_power.html",
    "generated/torch.det.html": "generated/torch.linalg.det.html",
    "generated/torch.inverse.html": "generated/torch.linalg.inv.html",
    "generated/torch.Tensor.kron.html": "generated/torch.kron.html",
})


def anchored(url):
    """A reference page's URL with the anchor of the object it documents (generated/X.html#X)."""
    page = page_of(url)
    if "#" in url or not page.startswith("generated/"):
        return url
    return f"{DOCS}{page}#{page[len('generated/'):-len('.html')]}"


def _pages():
    table = {page_of(url): (url, text) for url, text in _GENERATED_PAGES.items()}
    table.update({page_of(url): (url, text) for url, text in PAGES.items()})
    return table


_PAGE_TABLE = _pages()


def quote_for(behaviour, source):
    """The Quote (url with anchor, sentence) a behaviour enforces, or None."""
    if source.startswith("seed:") and '"' in source:
        return Quote(source, source.split('"', 1)[1].rstrip('"'))
    page = page_of(source)
    entry = SENTENCES.get(behaviour) or _METHOD_SENTENCES.get(behaviour)
    if entry is not None:
        url, text = entry if isinstance(entry, tuple) else (source, entry)
        return Quote(anchored(url if url.startswith(DOCS) else DOCS + url), text)
    family = max((p for p, (url, _) in FAMILIES.items() if behaviour.startswith(p) and page_of(url) == page),
                 key=len, default=None)
    if family is not None:
        url, text = FAMILIES[family]
        return Quote(DOCS + url, text)
    found = _PAGE_TABLE.get(page) or _PAGE_TABLE.get(ALIASES.get(page, ""))
    if found is not None:
        return Quote(DOCS + found[0], found[1])
    return None


def sentence_for(behaviour, source):
    quote = quote_for(behaviour, source)
    return quote.text if quote else None


FAMILIES.update({
    "nn.interpolate-antialias-": (
        "generated/torch.nn.functional.interpolate.html#torch.nn.functional.interpolate",
        "Using anti-alias option together with align_corners=False, interpolation result would match Pillow result "
        "for downsampling operation."),
})

# einsum, kron, repeat_interleave, cdist, cov and quantile (issue 7): each family quotes its page's stating sentence
_EINSUM = ("generated/torch.einsum.html#torch.einsum",
           "Sums the product of the elements of the input operands along dimensions specified using a notation based "
           "on the Einstein summation convention.")
_CDIST = ("generated/torch.cdist.html#torch.cdist",
          "Computes batched the p-norm distance between each pair of the two collections of row vectors.")
_REPEAT_INTERLEAVE = ("generated/torch.repeat_interleave.html#torch.repeat_interleave", "Repeat elements of a tensor.")
_KRON = ("generated/torch.kron.html#torch.kron",
         "If one tensor has fewer dimensions than the other it is unsqueezed until it has the same number of dimensions.")
_COV = ("generated/torch.cov.html#torch.cov",
        "Estimates the covariance matrix of the variables given by the input matrix, where rows are the variables and "
        "columns are the observations.")
_QUANTILE = ("generated/torch.quantile.html#torch.quantile",
             "Computes the q-th quantiles of each row of the input tensor along the dimension dim.")
FAMILIES.update({
    "einsum.": _EINSUM, "grad.einsum": _EINSUM,
    "cdist.": _CDIST, "grad.cdist": _CDIST,
    "repeat-interleave.": _REPEAT_INTERLEAVE, "grad.repeat-interleave": _REPEAT_INTERLEAVE,
    "kron.": _KRON, "grad.kron": _KRON,
    "statistics.cov": _COV, "grad.cov": _COV,
    "statistics.quantile": _QUANTILE, "grad.quantile": _QUANTILE,
})

# rows long enough for a cascade summation's blocks, and softmax rows past exp's range (issue 14's kernels)
SENTENCES.update({
    "reductions.sum-long-rows": "Returns the sum of each row of the input tensor in the given dimension dim.",
    "reductions.log-softmax-large-values": "While mathematically equivalent to log(softmax(x)), doing these two "
                                           "operations separately is slower and numerically unstable.",
})
