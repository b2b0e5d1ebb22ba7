"""thinc operations whose matrix products go through numpy (OpenBLAS) instead of blis.

cython-blis 1.3 picks its kernels by CPU model and knows no AMD Zen 3 or newer: there it runs its
generic reference kernel, about a third of the speed of numpy's OpenBLAS on one thread. warta's
trained models (the NER's and the parser's token-to-vector layers, the NER's precomputed features)
spend most of their time in ``Ops.gemm``, so they are built with :class:`FastGemmOps`.
A model keeps the ops it was built with: build it inside :func:`fast_ops`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import numpy
from thinc.api import NumpyOps, get_current_ops, set_current_ops


class FastGemmOps(NumpyOps):
    """``NumpyOps`` with ``gemm`` by :func:`numpy.matmul` (every other operation unchanged)."""

    name = "warta_numpy"

    def gemm(self, x, y, out=None, trans1: bool = False, trans2: bool = False):
        """``x @ y`` (``x.T``, ``y.T`` when transposed), written into ``out`` when given."""
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return numpy.matmul(a, b)
        if out.dtype != numpy.result_type(a, b) or not out.flags.c_contiguous:
            out[...] = numpy.matmul(a, b)
        else:
            numpy.matmul(a, b, out=out)
        return out


_OPS: list[FastGemmOps] = []


def fast_gemm_ops() -> FastGemmOps:
    """The process's :class:`FastGemmOps` (one instance, made on first use)."""
    if not _OPS:
        _OPS.append(FastGemmOps())
    return _OPS[0]


@contextmanager
def fast_ops() -> Iterator[FastGemmOps]:
    """Within this block thinc models are built with :class:`FastGemmOps` (the previous ops come back after)."""
    previous = get_current_ops()
    if not isinstance(previous, NumpyOps):  # a GPU (or other) backend chosen by the caller is left alone
        yield previous  # type: ignore[misc]
        return
    set_current_ops(fast_gemm_ops())
    try:
        yield fast_gemm_ops()
    finally:
        set_current_ops(previous)
