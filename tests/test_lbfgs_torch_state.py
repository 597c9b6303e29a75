"""An LBFGS state_dict written by torch (torch.save) resumes in the reference: reference.load reads it,
LBFGS.load_state_dict takes torch's keys and tensor layout, and the continued run follows torch's
uninterrupted one."""
import numpy as np
import pytest
import torch as real_torch

import reference as torch

A = np.array([[4.0, 1.0, 0.5], [1.0, 3.0, 0.2], [0.5, 0.2, 2.0]])
B = np.array([1.0, -2.0, 0.5])


def run(ns, x, opt, k):
    a, b = ns.tensor(A), ns.tensor(B)

    def closure():
        opt.zero_grad()
        loss = 0.5 * (x * (a @ x)).sum() - (b * x).sum() + (x ** 4).sum() / 4
        loss.backward()
        return loss
    for _ in range(k):
        opt.step(closure)


@pytest.mark.parametrize("search", [None, "strong_wolfe"])
def test_torch_state_dict_resumes_in_reference(tmp_path, search):
    opts = dict(lr=0.5, history_size=2, line_search_fn=search, max_iter=3, tolerance_grad=0.0, tolerance_change=0.0)
    x = real_torch.zeros(3, dtype=real_torch.float64, requires_grad=True)
    opt = real_torch.optim.LBFGS([x], **opts)
    run(real_torch, x, opt, 2)
    real_torch.save({"x": x.detach(), "opt": opt.state_dict()}, tmp_path / "lbfgs.pt")
    run(real_torch, x, opt, 2)

    saved = torch.load(tmp_path / "lbfgs.pt")
    assert isinstance(saved["opt"]["state"][0]["d"], torch.Tensor)
    y = saved["x"].clone().requires_grad_(True)
    resumed = torch.optim.LBFGS([y], **opts)
    resumed.load_state_dict(saved["opt"])
    run(torch, y, resumed, 2)
    np.testing.assert_allclose(y.detach().numpy(), x.detach().numpy(), rtol=1e-10, atol=1e-12)
    assert resumed.state[y]["n_iter"] == opt.state[x]["n_iter"]
    assert resumed.state[y]["func_evals"] == opt.state[x]["func_evals"]
