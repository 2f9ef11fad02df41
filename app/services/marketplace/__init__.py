"""The marketplace client: HTTP with retries and paging, request signing, the wire formats, and the keys (keychain)."""
