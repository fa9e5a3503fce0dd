"""Sign-in sessions, password hashing, cross-site refusal and response headers."""
