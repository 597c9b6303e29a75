"""The sentence each behaviour enforces, quoted from its documentation page (the anchor is in the
behaviour's source) or from a seed tutorial: the report prints it next to the behaviour, so a reader
sees what each test promises. Behaviours whose source is a seed passage quote that passage already.

Debt: most behaviour ids still cite a page without its sentence; tests/test_sentences.py keeps the
count of unquoted ids from growing.
"""

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
