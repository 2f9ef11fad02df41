"""Bills and settlement (账单, 结算): queries, expected settlement, reconciliation, billing diagnosis, partner bills."""
