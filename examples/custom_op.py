"""A custom autograd.Function checked with gradcheck: a correct op passes, its broken twin is rejected.

The op is the "Swish"/SiLU activation, y = x * sigmoid(x), written as a Function with its own backward
(dy/dx = s + x s (1 - s), s = sigmoid(x)), the way the tutorials extend autograd. Its twin forgets the
second term. gradcheck compares each backward with float64 central differences: the first passes, the
second raises, and its report is printed. Last line: `gradcheck: correct op passed, broken op rejected`."""
from examples._common import load_backend, parser


def make_ops(torch):
    class SiLU(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * torch.sigmoid(x)

        @staticmethod
        def backward(ctx, grad_output):
            (x,) = ctx.saved_tensors
            s = torch.sigmoid(x)
            return grad_output * (s + x * s * (1 - s))

    class BrokenSiLU(SiLU):
        """Same forward; the backward drops the product rule's second term (the kind of slip gradcheck catches)."""
        @staticmethod
        def backward(ctx, grad_output):
            (x,) = ctx.saved_tensors
            return grad_output * torch.sigmoid(x)

    return SiLU, BrokenSiLU


def main(argv=None):
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--size", type=int, default=12, help="elements of the checked input (per dimension)")
    args = p.parse_args(argv)
    size = 4 if args.smoke else args.size
    torch = load_backend(args.backend)
    torch.manual_seed(args.seed)
    SiLU, BrokenSiLU = make_ops(torch)

    # gradcheck wants float64 inputs: its finite differences need the extra digits
    x = torch.randn(size, size, dtype=torch.float64, requires_grad=True)
    y = SiLU.apply(x)
    y.sum().backward()
    print(f"SiLU on a {size}x{size} float64 input: output mean {y.mean().item():.6f}, "
          f"grad mean {x.grad.mean().item():.6f}")

    passed = torch.autograd.gradcheck(SiLU.apply, (x,), eps=1e-6, atol=1e-5, rtol=1e-3)
    print(f"gradcheck(SiLU): {passed}")
    if passed is not True:
        raise SystemExit("the correct op failed gradcheck")

    # a few elements are enough to expose the slip and keep the printed Jacobians readable
    x_small = x.detach()[0].clone().requires_grad_(True)
    try:
        torch.autograd.gradcheck(BrokenSiLU.apply, (x_small,), eps=1e-6, atol=1e-5, rtol=1e-3)
    except RuntimeError as report:   # torch's GradcheckError (and ours) derive from RuntimeError
        print(f"gradcheck(BrokenSiLU) raised {type(report).__name__}:")
        print(str(report).rstrip())
    else:
        raise SystemExit("gradcheck accepted the broken op")
    print("gradcheck: correct op passed, broken op rejected")


if __name__ == "__main__":
    main()
