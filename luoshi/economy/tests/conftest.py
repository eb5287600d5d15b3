"""What the economy registers' tests share."""

from luoshi.economy.tests.project_factories import day  # noqa: F401 (the frozen clock of the projects' tests)
