"""What plans tells the apps above it (core/hooks.py): they register in their AppConfig.ready()."""

from luoshi.core.hooks import Hook

# An edit may have linked a task to targets or unlinked it: listeners get the ids of every target
# the task was or is linked to (progress recounts those a finished part counts for).
task_targets_edited: Hook = Hook("a task's targets edited")
