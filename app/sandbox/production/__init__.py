"""Reference production interfaces (生产接口) of a seller, one per family, with break switches:
the peer of the console's conformance tester (endpoint.py)."""
