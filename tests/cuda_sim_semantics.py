"""Run under NUMBA_ENABLE_CUDASIM=1 by tests/test_cuda_simulator.py: the torch.cuda semantics of the
reference on numba's CUDA simulator. Each check prints its name; any failure raises."""
import io

import numpy as np

import reference as torch


def check(name, cond):
    assert cond, name
    print("ok", name)


def raises(name, exc, fn, text):
    try:
        fn()
    except exc as e:
        assert text in str(e), f"{name}: {e}"
        print("ok", name)
        return
    raise AssertionError(f"{name}: nothing raised")


check("is_available", torch.cuda.is_available() and torch.cuda.device_count() == 1)
check("current_device", torch.cuda.current_device() == 0)
x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], device="cuda")
check("device", str(x.device) == "cuda:0" and x.is_cuda and x.device == torch.device("cuda:0"))
check("to/cuda/cpu", x.cpu().device.type == "cpu" and x.cpu().cuda().is_cuda and
      torch.ones(2).to("cuda").is_cuda and torch.ones(2).cuda().device == torch.device("cuda", 0))
check("creation device=", all(t.is_cuda for t in (torch.zeros(2, device="cuda:0"), torch.arange(3, device="cuda"),
                                                  torch.randn(3, device=torch.device("cuda")),
                                                  torch.full((2,), 3.0, device="cuda"))))
check("item/tolist", x.sum().item() == 10.0 and x.tolist() == [[1.0, 2.0], [3.0, 4.0]])
raises("numpy of a cuda tensor", TypeError, lambda: x.numpy(),
       "can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.")
raises("mixing devices", RuntimeError, lambda: x + torch.ones(2, 2),
       "Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!")
raises("mixing devices in a layer", RuntimeError, lambda: torch.nn.Linear(2, 2)(x), "Expected all tensors")
before = torch.cuda.memory_allocated()
big = torch.empty(1000, device="cuda")
check("memory_allocated grows", torch.cuda.memory_allocated() >= before + 4000)
del big
torch.cuda.synchronize()
torch.cuda.manual_seed_all(3)
a = torch.rand(5, device="cuda")
torch.manual_seed(3)
b = torch.rand(5, device="cuda")
check("manual_seed reproduces device draws", np.array_equal(a.cpu().numpy(), b.cpu().numpy()))
check("rand in [0, 1)", bool(((a >= 0) & (a < 1)).all()))

torch.manual_seed(0)
model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU(), torch.nn.Linear(4, 1)).to("cuda")
opt = torch.optim.Adam(model.parameters(), lr=0.1)
data = torch.randn(8, 3, device="cuda")
target = torch.randn(8, 1, device="cuda")
losses = []
for _ in range(5):
    opt.zero_grad()
    loss = ((model(data) - target) ** 2).mean()
    loss.backward()
    opt.step()
    losses.append(loss.item())
check("module on cuda trains", all(p.is_cuda and p.grad.is_cuda for p in model.parameters()) and
      losses[-1] < losses[0])
check("optimizer state on cuda", all(s["exp_avg"].is_cuda for s in opt.state.values()))

buf = io.BytesIO()
torch.save(model.state_dict(), buf)
buf.seek(0)
on_cpu = torch.load(buf, map_location="cpu")
check("load map_location=cpu", all(v.device.type == "cpu" for v in on_cpu.values()))
buf.seek(0)
on_gpu = torch.load(buf)
check("load keeps cuda", all(v.is_cuda for v in on_gpu.values()))
check("cpu module back", all(p.device.type == "cpu" for p in model.cpu().parameters()))
# factorisations that must pivot (the spec's matrices are diagonally dominant, so LU never swaps rows
# there): a zero leading element, and rows whose largest first entry is not on the diagonal
for m in (np.array([[0.0, 2.0], [3.0, 1.0]]), np.array([[1.0, 2.0, 0.5], [4.0, -1.0, 2.0], [-3.0, 0.5, 6.0]])):
    a = torch.tensor(m, device="cuda")
    rhs = np.arange(m.shape[0] * 2, dtype=np.float64).reshape(-1, 2) - 1.5
    check(f"det with pivoting {m.shape}", np.isclose(torch.linalg.det(a).item(), np.linalg.det(m), rtol=1e-12))
    check(f"inv with pivoting {m.shape}", np.allclose(torch.linalg.inv(a).cpu().numpy(), np.linalg.inv(m),
                                                       rtol=1e-12, atol=1e-14))
    check(f"solve with pivoting {m.shape}", np.allclose(torch.linalg.solve(a, torch.tensor(rhs, device="cuda"))
                                                         .cpu().numpy(), np.linalg.solve(m, rhs), rtol=1e-12))
check("det of a singular matrix is 0", torch.linalg.det(torch.ones(3, 3, dtype=torch.float64, device="cuda")).item()
      == 0.0)
raises("inv of a singular matrix raises", torch.linalg.LinAlgError,
       lambda: torch.linalg.inv(torch.ones(2, 2, device="cuda")), "singular")
print("all ok")
