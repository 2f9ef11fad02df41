"""app/models/db.py: ``connected``, the one way a query takes an engine or an open connection."""

from __future__ import annotations

from sqlalchemy import create_engine, text

from app.models.db import connected


def test_connected_reuses_a_connection_and_opens_one_from_an_engine() -> None:
    engine = create_engine("sqlite://")
    with engine.connect() as conn:
        with connected(conn) as c:
            assert c is conn
        assert not conn.closed
    with connected(engine) as c:
        assert c.execute(text("SELECT 1")).scalar_one() == 1
    assert c.closed
    engine.dispose()
