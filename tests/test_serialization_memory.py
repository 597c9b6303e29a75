"""Large checkpoints: save streams each storage from its own memory (no second copy of the state_dict),
and mmap=True loads without reading the tensors into fresh memory."""
import tracemalloc

import numpy as np

import reference as torch

MB = 1 << 20


def big_state(n_tensors=8, mb_each=8):
    return {f"layer{i}.weight": torch.from_numpy(np.full(mb_each * MB // 4, i, dtype=np.float32))
            for i in range(n_tensors)}


def peak_during(fn):
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        result = fn()
        return tracemalloc.get_traced_memory()[1], result
    finally:
        tracemalloc.stop()


def test_save_holds_no_second_copy(tmp_path):
    state = big_state()  # 64 MB
    path = tmp_path / "big.pt"
    peak, _ = peak_during(lambda: torch.save(state, path))
    assert peak < 4 * MB, f"save allocated {peak / MB:.1f} MB for a 64 MB state_dict"
    assert path.stat().st_size > 64 * MB


def test_mmap_load_reads_lazily(tmp_path):
    path = tmp_path / "big.pt"
    torch.save(big_state(), path)
    peak, loaded = peak_during(lambda: torch.load(path, mmap=True))
    assert peak < 4 * MB, f"mmap load allocated {peak / MB:.1f} MB"
    assert float(loaded["layer7.weight"][123]) == 7.0
    peak, loaded = peak_during(lambda: torch.load(path))
    assert peak >= 64 * MB  # the ordinary load does read everything: the mmap numbers above mean something
    assert float(loaded["layer3.weight"][-1]) == 3.0
