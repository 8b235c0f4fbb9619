"""The installed Qt binding must not leak references to None.

PySide6 6.12.0 on Python 3.11 returns None from every void method without taking a reference:
after enough calls (a few minutes of painting a live transcript) the interpreter aborts with
"none_dealloc". pyproject pins a version without the fault; this test catches a regression.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, QRect


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_void_calls_keep_none_alive():
    target, rect = QObject(), QRect()
    before = sys.getrefcount(None)
    for _ in range(1000):
        target.setObjectName("x")
        rect.setWidth(3)
    assert sys.getrefcount(None) - before > -100  # 6.12.0: -2000
