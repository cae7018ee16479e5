"""Where the plugin meets Arelle's run: the hooks, options, state, log messages, transforms, web
service and desktop application."""
