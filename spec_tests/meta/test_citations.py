"""Normative citations: every behaviour states the sentence it enforces, quoted verbatim from the page it
cites (or from a seed tutorial), and a seed quote is a sentence of the tutorial, not a line of its code."""
import ast
import re

import pytest

from spec_tests import catalogue, page_sentences, sentences
from spec_tests.meta.test_catalogue import SEEDS, _tests

# Behaviours with a sentence when this was last raised; the count may grow, never drop. Raise it
# when you add sentences (the test prints the current count).
QUOTED_FLOOR = 3131

CJK = re.compile(r"[\u3400-\u9fff]")
CODE_PUNCT = re.compile(r"[()\[\]=.#]")


def _catalogue():
    for _ in _tests():
        pass  # importing every module fills the catalogue
    return catalogue.CATALOGUE


def is_code(quote):
    """A line of code (or a code comment with its marker) rather than prose: it parses as Python and holds
    code punctuation or an ASCII name, or starts a comment, or is mostly ASCII."""
    text = quote.strip()
    if text.startswith("#") or " # " in text:
        return True
    try:
        ast.parse(text)
        parses = True
    except SyntaxError:
        parses = False
    # (a run of CJK characters alone is an identifier too, so parsing is not enough)
    if parses and (CODE_PUNCT.search(text) or re.search(r"[A-Za-z_]{2,}", text)):
        return True
    visible = [ch for ch in text if not ch.isspace()]
    return sum(ch.isascii() for ch in visible) > 0.75 * len(visible)


def is_seed_sentence(quote):
    """Prose of the (Chinese) tutorial that states something: not code, and at least five CJK characters."""
    return not is_code(quote) and len(CJK.findall(quote)) >= 5


@pytest.mark.parametrize("quote", [
    "print(x + y)", "y = x ** 2 # [4, 9]", "# 梯度累积问题", "torch.save(net.state_dict(), 'model.pth')",
    "x = x.view(-1, 784)", "scaler.unscale_(optimizer)", "print(x.grad) # 梯度: tensor([4., 6.]) 即 dz/dx = 2x",
    "全零", "点积", "make_contiguous: 确保内存连续"])
def test_usage_lines_and_headings_are_not_seed_sentences(quote):
    assert not is_seed_sentence(quote)


@pytest.mark.parametrize("quote", [
    "转置后不连续", "缺失的维度视为1", "PyTorch 张量可以与 NumPy 数组无缝转换。",
    "在计算中设置 requires_grad=True 后,PyTorch 会追踪每个操作并构建一个计算图,从而在调用 backward() 时自动计算梯度。"])
def test_tutorial_sentences_are_seed_sentences(quote):
    assert is_seed_sentence(quote)


def test_seed_quotes_state_a_behaviour():
    bad = {b: s for b, s in _catalogue().items()
           if s.startswith("seed:") and not is_seed_sentence(s.split('"', 1)[1].rstrip('"'))}
    assert not bad, f"seed citations quoting code or a heading instead of a sentence: {bad}"


def test_seeds_are_present():
    # the quote check (test_catalogue.test_sources_are_docs_or_seed_passages) fails, never skips, without them
    assert sorted(p.name[:3] for p in SEEDS.glob("*.txt")) == ["000", "001", "002", "003"], SEEDS


def test_doc_quotes_come_from_the_page_the_behaviour_cites():
    wrong = {}
    for behaviour, source in _catalogue().items():
        quote = sentences.quote_for(behaviour, source)
        if quote is None or source.startswith("seed:"):
            continue
        cited, quoted = sentences.page_of(source), sentences.page_of(quote.url)
        if quoted != cited and sentences.ALIASES.get(cited) != quoted:
            wrong[behaviour] = (source, quote.url)
    assert not wrong, wrong


def test_quotes_are_sentences_with_anchors():
    for behaviour, source in _catalogue().items():
        quote = sentences.quote_for(behaviour, source)
        if quote is None or source.startswith("seed:"):
            continue
        assert quote.url.startswith(catalogue.DOCS) and "#" in quote.url, (behaviour, quote.url)
        # a sentence, or a clause the page closes with a colon before its formula; a few reference pages print
        # their sentence without the final full stop
        words = quote.text.split()
        assert len(words) >= 3 and (quote.text[-1] in ".)”:" or quote.text[-1].isalnum()), (behaviour, quote.text)
        assert not quote.text.startswith(">>>"), (behaviour, quote.text)


def test_tables_name_real_behaviours():
    known = _catalogue()
    stale = sorted((set(sentences.SENTENCES) | set(page_sentences.BEHAVIOURS)) - set(known))
    assert not stale, f"sentences for behaviours no test encodes: {stale}"
    unused = sorted(p for p in sentences.FAMILIES if not any(b.startswith(p) for b in known))
    assert not unused, f"families no behaviour id starts with: {unused}"


def test_behaviours_carry_their_sentence():
    known = _catalogue()
    quoted = sorted(b for b, s in known.items() if sentences.quote_for(b, s) is not None)
    unquoted = sorted(set(known) - set(quoted))
    print(f"\n{len(quoted)} of {len(known)} behaviours carry the sentence they enforce; "
          f"{len(unquoted)} do not, e.g. {unquoted[:10]}")
    assert len(quoted) >= QUOTED_FLOOR, (
        f"{len(quoted)} behaviours quote their sentence, fewer than {QUOTED_FLOOR}: a renamed or re-cited behaviour "
        "lost its entry in spec_tests/sentences.py or page_sentences.py (keyed by id, id prefix, or page); move the "
        "entry with it, or lower QUOTED_FLOOR saying why")
