"""FastGemmOps: the same products as thinc's NumpyOps, and models built inside fast_ops() keep it."""

import numpy
import pytest
from thinc.api import Linear, NumpyOps, get_current_ops

from warta.nlp.ops import FastGemmOps, fast_gemm_ops, fast_ops


@pytest.mark.parametrize(("trans1", "trans2"), [(False, False), (True, False), (False, True), (True, True)])
def test_gemm_matches_numpy_ops(trans1, trans2):
    rng = numpy.random.default_rng(7)
    x = rng.standard_normal((5, 3) if not trans1 else (3, 5)).astype("f")
    y = rng.standard_normal((3, 4) if not trans2 else (4, 3)).astype("f")
    want = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    got = FastGemmOps().gemm(x, y, trans1=trans1, trans2=trans2)
    assert got.shape == (5, 4) and numpy.allclose(got, want, atol=1e-5)


def test_gemm_writes_into_out_views():
    rng = numpy.random.default_rng(3)
    x, w = rng.standard_normal((6, 8)).astype("f"), rng.standard_normal((10, 8)).astype("f")
    buf = numpy.full((7, 10), 9.0, dtype="f")
    res = FastGemmOps().gemm(x, w, trans2=True, out=buf[1:])  # thinc's PrecomputableAffine writes so
    assert res.base is buf or res is buf[1:] or numpy.shares_memory(res, buf)
    assert numpy.allclose(buf[1:], x @ w.T, atol=1e-5) and (buf[0] == 9.0).all()
    strided = numpy.zeros((10, 6), dtype="f").T  # not C-contiguous: filled by assignment
    FastGemmOps().gemm(x, w, trans2=True, out=strided)
    assert numpy.allclose(strided, x @ w.T, atol=1e-5)


def test_models_built_inside_keep_fast_ops_and_previous_ops_come_back():
    before = get_current_ops()
    with fast_ops() as ops:
        model = Linear(4, 3)
        assert get_current_ops() is ops is fast_gemm_ops()
    assert get_current_ops() is before and not isinstance(before, FastGemmOps)
    assert isinstance(model.ops, FastGemmOps)
    model.initialize()
    out = model.predict(numpy.ones((2, 3), dtype="f"))
    assert out.shape == (2, 4)
