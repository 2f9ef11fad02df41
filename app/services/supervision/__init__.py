"""Service supervision (服务监管): seller actions, queries, pre-flight checks of acceptance files, and deadlines."""
