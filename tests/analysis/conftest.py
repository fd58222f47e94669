import pytest
from analysis_world import build_pack, build_store


def _open(path):
    try:
        from crossroads.store import open_store
    except ImportError:  # the store package's front door is not written yet
        from crossroads.store.sqlite import SQLiteStore

        return SQLiteStore(path)
    return open_store(str(path))


@pytest.fixture(scope="session")
def world(tmp_path_factory):
    """(store, pack, docs) of the hand-made world, built once per session."""
    base = tmp_path_factory.mktemp("world")
    pack = build_pack(base / "pack")
    store = _open(base / "world.db")
    docs = build_store(store, pack)
    yield store, pack, docs
    store.close()
