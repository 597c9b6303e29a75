"""The API surface analysis finds namespace names, Tensor attributes and operators in code."""
from spec_tests import api_surface


def test_analyse_code():
    attrs, ops, builtins = api_surface.analyse([
        "v = a.t(); v.add_(1); torch.zeros(2, device=dev).element_size() + len(a)",
        "a[b] = c; -a @ b.T",
        "torch.nn.functional.softmax(a, 0) >= 0",
    ])
    assert {"t", "add_", "element_size", "T"} <= attrs
    assert not {"nn", "functional", "softmax", "zeros"} & attrs
    assert {"+", "[] (store)", "unary -", "@", ">="} <= ops
    assert builtins == {"len"}


def test_analyse_keeps_only_tensor_attributes_when_told():
    class FakeTensor:
        def t(self):
            pass
    attrs, _, _ = api_surface.analyse(["f.getvalue(); a.t()"], FakeTensor)
    assert "t" in attrs and "getvalue" not in attrs


def test_markdown_lists_everything():
    text = api_surface.markdown({"namespace": ["torch.exp"], "tensor": ["t"], "operators": ["+"], "builtins": ["len"]})
    assert "`torch.exp`" in text and "`t`" in text and "`+`" in text and "`len()`" in text
