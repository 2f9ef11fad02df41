"""Exclusive offers (专属优惠) of a partner (客户服务商): the rules, the checks before applying, and
queuing apply / revoke through the outbox (business-rules §7; the original material in
shared/seeds)."""
