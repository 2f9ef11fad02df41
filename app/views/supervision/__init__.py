"""The Supervision area (服务监管): task list, detail page, Deliver and Appeal dialogs."""
