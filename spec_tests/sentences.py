"""The sentence each behaviour enforces, so the report can print what each test promises.

Resolution, most specific first (quote_for):
1. a seed citation quotes its sentence itself (seed_passages.py, checked against the seeds);
2. SENTENCES: one behaviour id -> the sentence on the page it cites (str), or (page#anchor, sentence);
3. FAMILIES: an id prefix -> (page#anchor, sentence), for behaviours sharing one rule (the longest
   prefix wins, and only for behaviours citing that page);
4. page_sentences.PAGES: the page's own first normative sentence, for every behaviour citing it;
   ALIASES: a page that only says "Alias for X"/"See X" borrows X's sentence, quoted from X's page.
Every quote is verbatim text of the page it names (or of the seed); spec_tests/meta/test_citations.py
checks the shapes and that each quote comes from the page its behaviour cites.
"""
from collections import namedtuple

from .catalogue import DOCS
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
FAMILIES = {
}

# pages quoted by hand where the page's first sentence holds math or is not the normative one
PAGES = {
}

# a page that only refers to another ("Alias for torch.abs()", "See torch.cumsum()") -> that page
ALIASES = {
}


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
    entry = SENTENCES.get(behaviour)
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
