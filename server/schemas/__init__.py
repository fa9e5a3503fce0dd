"""Marshmallow schemas: one per shape, one policy for unknown fields (BaseSchema)."""
