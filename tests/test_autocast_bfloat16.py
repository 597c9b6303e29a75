"""The reference has no bfloat16, torch's default dtype for a CPU autocast region: such a region warns
with torch's words for an unsupported CPU dtype and runs disabled (listed in the README as a
deliberate difference; torch itself runs it in bfloat16, so this cannot be a spec test)."""
import warnings

import numpy as np

import reference as torch


def test_default_cpu_region_warns_and_is_disabled():
    a = torch.ones(2, 2)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with torch.autocast("cpu"):
            inside = ((a @ a).dtype, torch.is_autocast_enabled("cpu"))
    assert not hasattr(torch, "bfloat16")
    assert inside == (torch.float32, False)
    messages = [str(w.message) for w in caught if issubclass(w.category, UserWarning)]
    assert messages == ["In CPU autocast, but the target dtype is not supported. Disabling autocast.\n"
                        "CPU Autocast only supports dtypes of torch.float16 currently."]


def test_float16_region_still_casts_after_a_disabled_one():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with torch.autocast("cpu"):
            pass
    with torch.autocast("cpu", dtype=torch.float16):
        out = torch.ones(2, 3) @ torch.ones(3, 2)
    assert out.dtype is torch.float16
    np.testing.assert_array_equal(out.float().numpy(), np.full((2, 2), 3.0, np.float32))
