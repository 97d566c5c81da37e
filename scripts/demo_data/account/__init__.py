"""The simulation of one account, split by domain around a shared ``AccountContext``.

``lifecycle.simulate_account`` runs the domains in a fixed order: ownership and contacts
(``people``), hidden health (``health``), billing with its contracts, subscriptions,
cancellations and pipeline (``billing``, ``contract``, ``subscription``, ``cancellations``,
``pipeline``), customer-success operations with support tickets, surveys and feedback
(``success_ops``, ``support``, ``surveys``) and product users (``product_users``).
Probabilities and tunables live in ``demo_data.tuning``.
"""

from .lifecycle import simulate_account
from .product_users import UsageProfile

__all__ = ["UsageProfile", "simulate_account"]
