"""The CPU's named fused kernels (see backends/interface.py): name -> kernel.

A layer family adds its kernel module next to this file and appends one import and one entry here
(keep the lines sorted by family; one line per kernel keeps parallel edits apart)."""

FUSED = {
}
