"""What plans tells the apps above it (core/hooks.py): they register in their AppConfig.ready()."""

from luoshi.core.hooks import Hook
from luoshi.core.panels import Slot

# An edit may have linked a task to targets or unlinked it: listeners get the ids of every target
# the task was or is linked to (progress recounts those a finished part counts for).
task_targets_edited: Hook = Hook("a task's targets edited")

# The task page's places for the apps above (core/panels.py): "head" under the title (progress: why
# the light is what it is), "body" after the steps and parts (supervision: the urges), "foot" before
# the history (progress: the reports' timeline).
task_page: Slot = Slot("task_page", regions=("head", "body", "foot"))
