"""Use cases that span the domain apps: leaving a programme, deactivating and erasing an account, exporting her
data, the retention schedule and the scheduled-jobs runner.

The top of the house below ``config``: a use case calls each app's own services and no domain app imports it
(the import-linter contracts in pyproject.toml keep it so).
"""
