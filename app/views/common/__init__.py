"""Parts shared by every area of the window."""
