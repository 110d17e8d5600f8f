import pytest


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "faults: kills processes with SIGKILL (POSIX only); part of the normal run"
    )


def pytest_collection_modifyitems(items):
    import sys

    if sys.platform == "win32":
        for item in items:
            if "faults" in item.keywords:
                item.add_marker(pytest.mark.skip(reason="SIGKILL is POSIX"))
