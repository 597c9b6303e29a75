"""Planted bugs in reference.optim (kernels, the Optimizer base, lr schedulers), each caught by the
optim/lr-scheduler spec."""
OPTIM = ["spec_tests/test_optim.py"]
ALGOS = ["spec_tests/test_optim_algorithms.py"]
SCHED = ["spec_tests/test_lr_scheduler.py"]
KERNELS = "reference/backends/cpu/optim_kernels.py"
AMP = ["spec_tests/test_amp.py"]
SWA = ["spec_tests/test_optim_swa.py"]
LBFGS_T = ["spec_tests/test_optim_lbfgs.py"]

MUTANTS = [
    dict(id="optim.sgd-dampens-first-momentum-step", path=KERNELS,
         old="            if first:\n                b = g\n",
         new="            if first:\n                b = one_minus_dampening * g\n", tests=OPTIM),
    dict(id="optim.adam-no-bias-correction-of-second-moment", path="reference/optim/adam.py",
         old="math.sqrt(bias_correction2), group[\"eps\"])", new="1.0, group[\"eps\"])", tests=OPTIM),
    dict(id="optim.adamw-decay-added-to-gradient", path="reference/optim/adam.py",
         old="decoupled_weight_decay=True)\n", new="decoupled_weight_decay=False)\n", tests=OPTIM),
    dict(id="optim.amsgrad-keeps-minimum", path=KERNELS,
         old="            if not prev >= v:", new="            if not prev <= v:", tests=OPTIM),
    dict(id="optim.grad-none-not-skipped", path="reference/optim/optimizer.py",
         old='return [p for p in group["params"] if p.grad is not None]',
         new='return [p for p in group["params"] if p.grad is not None or p.requires_grad]', tests=OPTIM),
    dict(id="optim.zero-grad-keeps-tensor-by-default", path="reference/optim/optimizer.py",
         old="def zero_grad(self, set_to_none=True):", new="def zero_grad(self, set_to_none=False):", tests=OPTIM),
    dict(id="optim.state-dict-indices-restart-per-group", path="reference/optim/optimizer.py",
         old="                index_of.setdefault(id(p), len(index_of))",
         new="                index_of.setdefault(id(p), group['params'].index(p))", tests=OPTIM),
    dict(id="optim.rmsprop-centered-ignores-mean", path=KERNELS,
         old="avg = np.sqrt(s - ga * ga) + eps", new="avg = np.sqrt(s) + eps", tests=ALGOS),
    dict(id="optim.rprop-steps-after-sign-flip", path=KERNELS,
         old="        if factor == etaminus:\n            g = zero\n", new="", tests=ALGOS),
    dict(id="lr-scheduler.cosine-clamped-past-t-max", path="reference/optim/lr_scheduler/_cosine.py",
         old="        if (e - 1 - T) % (2 * T) == 0:",
         new="        if e > T:\n            return [lo for _ in groups]\n        if (e - 1 - T) % (2 * T) == 0:",
         tests=SCHED),
    dict(id="lr-scheduler.multistep-repeated-milestone-once", path="reference/optim/lr_scheduler/_multiplicative.py",
         old="self.milestones = Counter(milestones)", new="self.milestones = Counter(set(milestones))", tests=SCHED),
    dict(id="lr-scheduler.plateau-ignores-eps", path="reference/optim/lr_scheduler/_plateau.py",
         old="if old - new > self.eps:", new="if old - new > 0:", tests=SCHED),
    dict(id="lr-scheduler.onecycle-steps-past-total", path="reference/optim/lr_scheduler/_cyclic.py",
         old="if step > self.total_steps:", new="if step > self.total_steps + 1:", tests=SCHED),
    dict(id="lr-scheduler.no-order-warning", path="reference/optim/lr_scheduler/_base.py",
         old="warnings.warn(_ORDER_WARNING, UserWarning, stacklevel=2)", new="pass", tests=SCHED),
    dict(id="amp.scaler-never-backs-off", path="reference/amp/grad_scaler.py",
         old="scale, tracker = scale * self._backoff_factor, 0", new="scale, tracker = scale, 0", tests=AMP),
    dict(id="amp.step-not-skipped-on-inf", path="reference/amp/grad_scaler.py",
         old='        if not state["found_inf"]:\n', new='        if True:\n', tests=AMP),
    dict(id="amp.autocast-casts-float64", path="reference/amp/autocast_mode.py",
         old="value.dtype not in (dtype, D.float64)", new="value.dtype != dtype", tests=AMP),
    dict(id="optim.swa-mean-off-by-one", path="reference/optim/swa_utils.py",
         old="return averaged_param + (current_param - averaged_param) / (num_averaged + 1)",
         new="return averaged_param + (current_param - averaged_param) / (num_averaged + 2)", tests=SWA),
    dict(id="optim.lbfgs-first-step-unscaled", path="reference/optim/lbfgs.py",
         old='t = min(1.0, 1.0 / float(np.abs(flat_grad).sum())) * lr if state["n_iter"] == 1 else lr',
         new="t = lr", tests=LBFGS_T),
]
