"""Chart builders (Altair). Importing the package memoises a table Altair rebuilt for every encoding channel
(``altair_speed``): the charts are the same, built faster."""

from vngov.charts import altair_speed  # noqa: F401
