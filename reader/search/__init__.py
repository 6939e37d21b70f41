"""The Whoosh index: schema, documents, building and searching (no Qt)."""
