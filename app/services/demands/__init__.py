"""Customer demands (客户需求): lead actions and queries."""
