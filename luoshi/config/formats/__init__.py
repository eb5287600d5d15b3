"""Our overrides of Django's locale formats (FORMAT_MODULE_PATH); what a module here leaves out
comes from Django's own locale."""
