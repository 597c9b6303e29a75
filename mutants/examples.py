"""Planted bugs that a user would meet only by running a whole program: each is caught by the smoke run of
the example that exercises it on the reference backend (tests/test_examples.py)."""


def _smoke(example):
    return [f"tests/test_examples.py::test_example_smoke[{example}-reference]"]


MUTANTS = [
    dict(id="examples.optimizer-load-state-dict-drops-state", path="reference/optim/optimizer.py",
         old="                state[param] = self._cast(param, v)", new="                pass",
         tests=_smoke("save_resume")),
    dict(id="examples.scheduler-load-state-dict-ignored", path="reference/optim/lr_scheduler/_base.py",
         old="        self.__dict__.update(state_dict)", new="        pass",
         tests=_smoke("save_resume")),
    dict(id="examples.grad-scaler-never-finds-inf", path="reference/amp/grad_scaler.py",
         old='state["found_inf"] = 1.0 if found else 0.0', new='state["found_inf"] = 0.0',
         tests=_smoke("mixed_precision")),
    dict(id="examples.step-lr-period-off-by-one", path="reference/optim/lr_scheduler/_multiplicative.py",
         old="self.last_epoch % self.step_size != 0", new="self.last_epoch % (self.step_size + 1) != 0",
         tests=_smoke("schedulers_plot")),
    dict(id="examples.gradcheck-inflates-the-callers-rtol", path="gradcheck/_tolerances.py",
         old="rtol=row.rtol if is_default(rtol) else float(rtol),",
         new="rtol=row.rtol if is_default(rtol) else float(rtol) * 1000,",
         tests=_smoke("custom_op")),
    dict(id="examples.weighted-sampler-ignores-weights", path="reference/utils/data/sampler.py",
         old="cdf = np.cumsum(weights / total)", new="cdf = np.cumsum(np.ones_like(weights) / len(weights))",
         tests=_smoke("weighted_sampling")),
    dict(id="examples.pack-padded-keeps-unsorted-lengths", path="reference/nn/utils/rnn.py",
         old="        lengths = [lengths[i] for i in order]", new="        lengths = list(lengths)",
         tests=_smoke("sequence_lstm")),
]
